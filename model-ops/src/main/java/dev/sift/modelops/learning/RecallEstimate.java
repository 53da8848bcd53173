package dev.sift.modelops.learning;

import dev.sift.schema.RequestKind;
import io.micronaut.serde.annotation.Serdeable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;

/**
 * What the filter misses, estimated from the teacher's labels: of the snippets the teacher calls relevant (for an
 * intent, or for any), the share the gateways forwarded. Forwarded snippets are all labeled; of the dropped ones only
 * the audit sample is, each standing for {@code 1 / auditRate} dropped snippets (the sample is a hash of the snippet
 * id, so uniform over the dropped). So, with {@code F} forwarded relevant snippets and audited relevant ones at rates
 * {@code r_k}, {@code missed = sum 1 / r_k} and {@code recall = F / (F + missed)}.
 *
 * <p>The uncertainty is that of the audit count: {@code A} audited relevant snippets are a Poisson count, whose exact
 * 95% interval (Garwood's, from chi-squared quantiles) scaled by the mean weight bounds {@code missed}, and so the
 * recall. An estimate needs at least one forwarded or audited relevant snippet. The precision of what is forwarded
 * comes from the forwarded snippets' labels alone.
 */
public final class RecallEstimate {

    /** The label that stands for "relevant for any intent". */
    public static final String ANY_INTENT = "*";

    private static final double ALPHA = 0.05;

    private RecallEstimate() {
    }

    /**
     * The estimate for one intent.
     *
     * @param intent the intent, or {@link #ANY_INTENT}
     * @param forwarded forwarded snippets the teacher labeled with it
     * @param audited audited (dropped) snippets the teacher labeled with it
     * @param missed estimated dropped snippets with it: the audited ones, each weighted by one over its audit rate
     * @param recall {@code forwarded / (forwarded + missed)}
     * @param low lower end of its 95% interval
     * @param high upper end of its 95% interval
     */
    @Serdeable
    public record IntentRecall(String intent, long forwarded, long audited, double missed, double recall, double low,
            double high) {
    }

    /**
     * The share of the forwarded snippets the teacher calls relevant, with its exact (Clopper-Pearson) 95% interval.
     *
     * @param forwarded forwarded snippets the teacher labeled
     * @param relevant those it labeled with an intent
     * @param precision {@code relevant / forwarded}, 0 when nothing was forwarded
     * @param low lower end of its 95% interval
     * @param high upper end of its 95% interval
     */
    @Serdeable
    public record Precision(long forwarded, long relevant, double precision, double low, double high) {
    }

    /**
     * What the filter misses and what it sends needlessly, for one tenant or the fleet.
     *
     * @param tenant the tenant, or {@link #ANY_INTENT} for the fleet
     * @param precision the forwarded snippets' precision
     * @param intents the recall per intent the teacher used, and over any intent
     */
    @Serdeable
    public record Quality(String tenant, Precision precision, List<IntentRecall> intents) {
    }

    /**
     * @param examples labeled examples
     * @return the fleet's estimate first, then one per tenant the examples name, sorted by tenant
     */
    public static List<Quality> byTenant(Collection<LabeledExample> examples) {
        Map<String, List<LabeledExample>> tenants = new TreeMap<>();
        for (LabeledExample example : examples) {
            if (!example.request().tenant().isEmpty()) {
                tenants.computeIfAbsent(example.request().tenant(), t -> new ArrayList<>()).add(example);
            }
        }
        List<Quality> out = new ArrayList<>();
        out.add(new Quality(ANY_INTENT, precision(examples), of(examples)));
        tenants.forEach((tenant, own) -> out.add(new Quality(tenant, precision(own), of(own))));
        return out;
    }

    /**
     * @param examples labeled examples
     * @return the precision of the forwarded ones
     */
    public static Precision precision(Collection<LabeledExample> examples) {
        long forwarded = 0;
        long relevant = 0;
        for (LabeledExample example : examples) {
            if (example.request().kind() == RequestKind.FORWARD) {
                forwarded++;
                if (!example.label().intents().isEmpty()) {
                    relevant++;
                }
            }
        }
        double low = relevant == 0 ? 0
                : new BetaDistribution(relevant, forwarded - relevant + 1).inverseCumulativeProbability(ALPHA / 2);
        double high = relevant == forwarded ? 1
                : new BetaDistribution(relevant + 1, forwarded - relevant).inverseCumulativeProbability(1 - ALPHA / 2);
        return new Precision(forwarded, relevant, forwarded == 0 ? 0 : (double) relevant / forwarded,
                forwarded == 0 ? 0 : low, forwarded == 0 ? 1 : high);
    }

    /**
     * @param examples labeled examples, each with its request's kind and, for audit samples, rate
     * @return per intent the teacher used (and {@link #ANY_INTENT}), sorted by intent
     */
    public static List<IntentRecall> of(Collection<LabeledExample> examples) {
        Map<String, long[]> forwarded = new TreeMap<>();
        Map<String, long[]> audited = new TreeMap<>();
        Map<String, double[]> missed = new TreeMap<>();
        long audits = 0;
        double auditWeights = 0;
        for (LabeledExample example : examples) {
            if (example.request().auditRate() > 0) {
                audits++;
                auditWeights += 1 / example.request().auditRate();
            }
            List<String> intents = example.label().intents();
            if (intents.isEmpty()) {
                continue;
            }
            List<String> counted = new ArrayList<>(intents);
            counted.add(ANY_INTENT);
            RequestText request = example.request();
            for (String intent : counted) {
                if (request.kind() == RequestKind.FORWARD) {
                    forwarded.computeIfAbsent(intent, k -> new long[1])[0]++;
                } else if (request.auditRate() > 0) {
                    audited.computeIfAbsent(intent, k -> new long[1])[0]++;
                    missed.computeIfAbsent(intent, k -> new double[1])[0] += 1 / request.auditRate();
                }
            }
        }
        TreeMap<String, Boolean> intents = new TreeMap<>();
        forwarded.keySet().forEach(i -> intents.put(i, true));
        audited.keySet().forEach(i -> intents.put(i, true));
        double meanWeight = audits == 0 ? 0 : auditWeights / audits;
        List<IntentRecall> out = new ArrayList<>();
        for (String intent : intents.keySet()) {
            long f = forwarded.getOrDefault(intent, new long[1])[0];
            long a = audited.getOrDefault(intent, new long[1])[0];
            double m = missed.getOrDefault(intent, new double[1])[0];
            out.add(estimate(intent, f, a, m, meanWeight));
        }
        return out;
    }

    /**
     * @param intent the intent
     * @param forwarded forwarded relevant snippets
     * @param audited audited relevant snippets
     * @param missed their weighted count
     * @param meanWeight the mean weight of every audit sample (relevant or not): what an audited snippet of this
     *     intent would have weighed when none was seen
     * @return the estimate with its interval
     */
    static IntentRecall estimate(String intent, long forwarded, long audited, double missed, double meanWeight) {
        double weight = audited == 0 ? meanWeight : missed / audited;
        double missedLow = weight * poissonLow(audited);
        double missedHigh = weight * poissonHigh(audited);
        return new IntentRecall(intent, forwarded, audited, missed, share(forwarded, missed),
                share(forwarded, missedHigh), share(forwarded, missedLow));
    }

    private static double share(long forwarded, double missed) {
        return forwarded + missed == 0 ? 0 : forwarded / (forwarded + missed);
    }

    private static double poissonLow(long count) {
        return count == 0 ? 0 : new ChiSquaredDistribution(2.0 * count).inverseCumulativeProbability(ALPHA / 2) / 2;
    }

    private static double poissonHigh(long count) {
        return new ChiSquaredDistribution(2.0 * count + 2).inverseCumulativeProbability(1 - ALPHA / 2) / 2;
    }
}
