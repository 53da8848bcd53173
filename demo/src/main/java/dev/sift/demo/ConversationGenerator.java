package dev.sift.demo;

import dev.sift.demo.PhraseBank.Brand;
import dev.sift.schema.ConversationSnippet;
import dev.sift.schema.Speaker;
import dev.sift.schema.SpeakerRole;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * A seedable stream of multi-party conversation snippets: support chats between customers (sometimes with a
 * relative in the chat, sometimes after a bot) and agents, group chats among friends in two threads (brand talk and
 * small talk) that interleave, and public posts about brands. Some turns mean something only after what came before:
 * a customer's "yes please" to an agent's offer, a friend's "same here" replying to a complaint; the same "yes
 * please" to an agent's small question means nothing. Several conversations run at once and their turns interleave,
 * as on a live platform; within a conversation turns come in order. The same seed gives the same stream.
 */
public final class ConversationGenerator {

    private static final int CONCURRENT_CONVERSATIONS = 8;

    private final PhraseBank bank;
    private final Random random;
    private final long seed;
    private final List<List<GeneratedSnippet>> active = new ArrayList<>();
    private long clock;
    private int conversations;
    private int snippets;

    /**
     * @param bank phrase bank
     * @param seed seed: the same seed gives the same stream
     * @param start event time of the first snippet
     */
    public ConversationGenerator(PhraseBank bank, long seed, Instant start) {
        this.bank = bank;
        this.seed = seed;
        this.random = new Random(seed);
        this.clock = start.toEpochMilli();
    }

    /**
     * @param count how many snippets
     * @return the next snippets of the stream
     */
    public List<GeneratedSnippet> next(int count) {
        List<GeneratedSnippet> out = new ArrayList<>(count);
        while (out.size() < count) {
            while (active.size() < CONCURRENT_CONVERSATIONS) {
                active.add(new ArrayList<>(conversation()));
            }
            List<GeneratedSnippet> turns = active.get(random.nextInt(active.size()));
            out.add(turns.remove(0));
            if (turns.isEmpty()) {
                active.remove(turns);
            }
        }
        return out;
    }

    private List<GeneratedSnippet> conversation() {
        conversations++;
        double kind = random.nextDouble();
        if (kind < 0.55) {
            return supportChat();
        }
        if (kind < 0.80) {
            return groupChat();
        }
        return publicPost();
    }

    private List<GeneratedSnippet> supportChat() {
        Brand brand = pick(bank.brands());
        Turns turns = new Turns(brand.tenant(), "chat", brand);
        Speaker customer = speaker(pick(bank.customerNames()), SpeakerRole.CUSTOMER);
        Speaker agent = speaker(pick(bank.agentNames()), SpeakerRole.AGENT);
        Speaker relative = random.nextDouble() < 0.25 ? speaker(pick(bank.customerNames()), SpeakerRole.PARTICIPANT)
                : null;
        if (random.nextDouble() < 0.2) {
            turns.add(speaker("assistant", SpeakerRole.BOT), "Hi! I'm the " + brand.name()
                    + " assistant. A human agent will join shortly.", "bot", false);
        }
        turns.add(customer, pick(bank.openers()), "opener", false);
        int problems = 1 + random.nextInt(random.nextDouble() < 0.3 ? 3 : 2);
        for (int p = 0; p < problems; p++) {
            String intent = pickIntent();
            turns.add(customer, pick(bank.relevant().get(intent)), intent, true);
            turns.add(agent, pick(bank.agentTurns()), "agent", false);
            List<String> offers = bank.offers().get(intent);
            if (offers != null && random.nextDouble() < 0.5) {
                turns.add(agent, pick(offers), "agent", false);
                turns.reply(customer, pick(bank.affirmations()), intent, null);
            } else if (random.nextDouble() < 0.3) {
                turns.add(agent, pick(bank.smallQuestions()), "agent", false);
                turns.add(customer, pick(bank.affirmations()), "chit-chat", false);
            }
            if (random.nextDouble() < 0.5) {
                Speaker chatty = relative != null && random.nextBoolean() ? relative : customer;
                turns.add(chatty, pick(bank.irrelevant()), "chit-chat", false);
            }
            if (random.nextDouble() < 0.4) {
                turns.add(agent, pick(bank.agentTurns()), "agent", false);
            }
        }
        turns.add(customer, pick(bank.closers()), "closer", false);
        return turns.list;
    }

    private List<GeneratedSnippet> groupChat() {
        Brand brand = pick(bank.brands());
        Turns turns = new Turns("community-app", "group-chat", brand);
        List<Speaker> friends = new ArrayList<>();
        int size = 3 + random.nextInt(3);
        for (int i = 0; i < size; i++) {
            friends.add(speaker(pick(bank.customerNames()), SpeakerRole.PARTICIPANT));
        }
        String brandTalk = "brand-" + brand.tenant();
        String smallTalk = "small-talk";
        int length = 5 + random.nextInt(8);
        for (int t = 0; t < length; t++) {
            Speaker who = pick(friends);
            double r = random.nextDouble();
            if (r < 0.14) {
                String intent = pick(List.of("purchase_intent", "complaint", "pricing_question", "praise",
                        "cancellation_risk"));
                turns.inThread(brandTalk).add(who, pick(bank.relevant().get(intent)), intent, true);
                if (!intent.equals("pricing_question") && random.nextDouble() < 0.5) {
                    turns.reply(pick(friends), pick(bank.agreements()), intent,
                            turns.list.get(turns.list.size() - 1).snippet().getSnippetId());
                }
            } else if (r < 0.20) {
                String polarity = pick(List.of("negative", "positive"));
                turns.inThread(brandTalk).addPost(who, polarity);
            } else {
                turns.inThread(smallTalk).add(who, pick(bank.irrelevant()), "chit-chat", false);
            }
        }
        return turns.list;
    }

    private List<GeneratedSnippet> publicPost() {
        Brand brand = pick(bank.brands());
        Turns turns = new Turns("social-listening", "twitter", brand);
        Speaker author = speaker(pick(bank.customerNames()), SpeakerRole.CUSTOMER);
        double r = random.nextDouble();
        if (r < 0.25) {
            String intent = pickIntent();
            turns.add(author, brand.handle() + " " + pick(bank.relevant().get(intent)), intent, true);
        } else {
            turns.addPost(author, r < 0.55 ? "negative" : r < 0.8 ? "positive" : "neutral");
        }
        return turns.list;
    }

    /** Intents weighted as a support queue sees them: complaints and billing far more often than privacy requests. */
    private String pickIntent() {
        Map<String, Integer> weights = new LinkedHashMap<>();
        weights.put("complaint", 14);
        weights.put("technical_issue", 12);
        weights.put("billing_problem", 10);
        weights.put("delivery_problem", 9);
        weights.put("account_access", 8);
        weights.put("refund_request", 8);
        weights.put("cancellation_risk", 7);
        weights.put("pricing_question", 7);
        weights.put("purchase_intent", 7);
        weights.put("human_agent_request", 5);
        weights.put("praise", 5);
        weights.put("security_concern", 4);
        weights.put("feature_request", 3);
        weights.put("privacy_request", 2);
        int total = weights.values().stream().mapToInt(Integer::intValue).sum();
        int r = random.nextInt(total);
        for (var e : weights.entrySet()) {
            r -= e.getValue();
            if (r < 0) {
                return e.getKey();
            }
        }
        throw new IllegalStateException("unreachable");
    }

    private Speaker speaker(String name, SpeakerRole role) {
        return Speaker.newBuilder().setId(role.name().toLowerCase(Locale.ROOT) + "-" + name.toLowerCase(Locale.ROOT))
                .setRole(role).setDisplayName(name).build();
    }

    private <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    /** The turns of one conversation being written. */
    private final class Turns {
        private final String tenant;
        private final String channel;
        private final Brand brand;
        private final String conversationId;
        private final List<GeneratedSnippet> list = new ArrayList<>();
        private String threadId;

        Turns(String tenant, String channel, Brand brand) {
            this.tenant = tenant;
            this.channel = channel;
            this.brand = brand;
            this.conversationId = "conv-" + seed + "-" + conversations;
        }

        /** @return these turns, the next ones in that thread of the conversation ({@code null}: its main thread) */
        Turns inThread(String thread) {
            this.threadId = thread == null ? null : conversationId + "/" + thread;
            return this;
        }

        void add(Speaker speaker, String template, String truth, boolean relevant) {
            add(speaker, template, truth, relevant, false, null);
        }

        /**
         * A short turn that means {@code intent} only after what it answers. With {@code replyTo} it is sent as a
         * platform that knows only which turn it replies to would send it: without a thread.
         *
         * @param replyTo the snippet it replies to, or {@code null} to send it in the current thread
         */
        void reply(Speaker speaker, String template, String intent, String replyTo) {
            String thread = threadId;
            if (replyTo != null) {
                threadId = null;
            }
            add(speaker, template, intent, true, true, replyTo);
            threadId = thread;
        }

        private void add(Speaker speaker, String template, String truth, boolean relevant, boolean contextual,
                String replyTo) {
            clock += 200 + random.nextInt(2_800);
            snippets++;
            String text = fill(template);
            List<String> hints = channel.equals("twitter") || text.contains(brand.name()) || text.contains(
                    brand.handle()) ? List.of(brand.name()) : List.of();
            ConversationSnippet snippet = ConversationSnippet.newBuilder()
                    .setSnippetId("s-" + seed + "-" + snippets)
                    .setConversationId(conversationId)
                    .setTenant(tenant)
                    .setChannel(channel)
                    .setSpeaker(speaker)
                    .setText(text)
                    .setEventTime(Instant.ofEpochMilli(clock))
                    .setBrandHints(hints)
                    .setMetadata(Map.of("generator.truth", truth))
                    .setLanguage("en")
                    .setThreadId(threadId)
                    .setReplyTo(replyTo)
                    .build();
            list.add(new GeneratedSnippet(snippet, truth, relevant, contextual));
        }

        void addPost(Speaker author, String polarity) {
            add(author, pick(bank.brandPosts().get(polarity)), "post-" + polarity, polarity.equals("negative"));
        }

        private String fill(String template) {
            return template
                    .replace("{brand}", brand.name())
                    .replace("{handle}", brand.handle())
                    .replace("{product}", pick(brand.products()))
                    .replace("{amount}", String.format(Locale.ROOT, "$%d.%02d", 5 + random.nextInt(400),
                            random.nextInt(100)))
                    .replace("{days}", Integer.toString(2 + random.nextInt(12)))
                    .replace("{order}", "#" + (char) ('A' + random.nextInt(26)) + (100_000 + random.nextInt(900_000)))
                    .replace("{name}", pick(bank.customerNames()))
                    .replace("{agent}", pick(bank.agentNames()));
        }
    }
}
