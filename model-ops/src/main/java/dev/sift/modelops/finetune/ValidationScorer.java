package dev.sift.modelops.finetune;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import dev.sift.classifier.tokenize.PaddedBatch;
import dev.sift.classifier.tokenize.TokenizedText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Scores the encoder and the fine-tuning head on the validation examples: the objective's loss against the hard
 * labels, and exact-match accuracy ({@link ValidationPoint}). Forward passes only; every array of a batch is freed at
 * its end.
 */
final class ValidationScorer {

    private final List<TokenizedText> tokens;
    private final List<float[]> targets;
    private final Objective objective;
    private final Loss loss;
    private final List<List<Integer>> batches;

    /**
     * @param tokens the validation examples, tokenized
     * @param targets their hard targets, one row each
     * @param objective the head's objective
     * @param batchSize examples per forward pass
     */
    ValidationScorer(List<TokenizedText> tokens, List<float[]> targets, Objective objective, int batchSize) {
        if (tokens.isEmpty() || tokens.size() != targets.size()) {
            throw new IllegalArgumentException("validation needs examples, one target row each: " + tokens.size()
                    + " examples, " + targets.size() + " rows");
        }
        this.tokens = List.copyOf(tokens);
        this.targets = List.copyOf(targets);
        this.objective = objective;
        this.loss = objective.loss();
        this.batches = batchesByLength(tokens, batchSize);
    }

    /** Examples of similar length share a batch, so little of each forward pass is spent on padding. */
    private static List<List<Integer>> batchesByLength(List<TokenizedText> tokens, int batchSize) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingInt(i -> tokens.get(i).length()));
        List<List<Integer>> out = new ArrayList<>();
        for (int start = 0; start < order.size(); start += batchSize) {
            out.add(List.copyOf(order.subList(start, Math.min(order.size(), start + batchSize))));
        }
        return out;
    }

    /**
     * @param step the steps taken so far
     * @param module the encoder
     * @param head the fine-tuning head
     * @param store the parameter store of the run
     * @param manager owns the batch arrays
     * @return the evaluation
     */
    ValidationPoint score(int step, OnnxModule module, Block head, ParameterStore store, NDManager manager) {
        double lossSum = 0;
        int correct = 0;
        for (List<Integer> batch : batches) {
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                PaddedBatch padded = PaddedBatch.of(batch.stream().map(tokens::get).toList());
                NDList inputs = ModelInputs.of(module.inputNames(), padded, manager);
                float[][] rows = batch.stream().map(targets::get).toArray(float[][]::new);
                NDArray embeddings = module.forward(store, inputs, false).singletonOrThrow();
                NDArray logits = head.forward(store, new NDList(embeddings), false).singletonOrThrow();
                // DJL's losses average over the batch; weighting by its size averages over every example.
                lossSum += loss.evaluate(new NDList(manager.create(rows)), new NDList(logits)).getFloat()
                        * (double) batch.size();
                float[] flat = logits.toFloatArray();
                int width = rows[0].length;
                for (int i = 0; i < rows.length; i++) {
                    if (exactMatch(flat, i * width, width, rows[i])) {
                        correct++;
                    }
                }
            }
        }
        return new ValidationPoint(step, lossSum / tokens.size(), correct / (double) tokens.size());
    }

    private boolean exactMatch(float[] logits, int offset, int width, float[] target) {
        if (objective == Objective.SIGMOID) {
            for (int j = 0; j < width; j++) {
                if ((logits[offset + j] >= 0) != (target[j] > 0.5f)) {
                    return false;
                }
            }
            return true;
        }
        int top = 0;
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < width; j++) {
            if (logits[offset + j] > max) {
                max = logits[offset + j];
                top = j;
            }
        }
        double sum = 0;
        for (int j = 0; j < width; j++) {
            sum += Math.exp(logits[offset + j] - max);
        }
        boolean confident = 1 / sum >= 0.5;
        for (int j = 0; j < width; j++) {
            boolean predicted = confident && j == top;
            if (predicted != (target[j] > 0.5f)) {
                return false;
            }
        }
        return true;
    }
}
