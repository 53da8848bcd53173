package dev.sift.gateway.context;

import dev.sift.classifier.context.ThreadMemory;
import dev.sift.schema.ConversationContext;
import dev.sift.schema.RecentSnippet;
import dev.sift.schema.StoredThread;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Between a conversation's memory and its stored form ({@link ConversationContext}): embeddings as little-endian
 * float32 bytes, threads, their turns as text and snippet ids in their order. A stored context of another model
 * version or width reads as the same threads with empty memories and no turns.
 */
final class ContextCodec {

    private ContextCodec() {
    }

    /**
     * @param stored the stored context
     * @param modelVersion the model that scores now
     * @param width its embedding width
     * @return the conversation's memory for that model
     * @throws IllegalArgumentException when the stored memories contradict themselves
     */
    static ConversationMemory decode(ConversationContext stored, String modelVersion, int width) {
        boolean sameModel = stored.getModelVersion().equals(modelVersion) && stored.getWidth() == width;
        LinkedHashMap<ThreadKey, ThreadState> threads = new LinkedHashMap<>();
        for (StoredThread thread : stored.getThreads()) {
            long last = thread.getLastEventTime().toEpochMilli();
            ThreadMemory memory = sameModel
                    ? ThreadMemory.of(width, floats(thread.getLastService(), width),
                            floats(thread.getLastCustomer(), width), floats(thread.getCustomerSum(), width),
                            thread.getCustomerTurns(), floats(thread.getServiceSum(), width),
                            thread.getServiceTurns())
                    : ThreadMemory.empty(width);
            RememberedTurns turns = sameModel ? new RememberedTurns(thread.getRecentTurns()) : RememberedTurns.none();
            threads.put(new ThreadKey(thread.getThreadId()), new ThreadState(memory, turns, last));
        }
        LinkedHashMap<String, ThreadKey> recent = new LinkedHashMap<>();
        for (RecentSnippet snippet : stored.getRecentSnippets()) {
            recent.put(snippet.getSnippetId(), new ThreadKey(snippet.getThreadId()));
        }
        return new ConversationMemory(modelVersion, width, threads, recent, newestOf(stored));
    }

    /**
     * @param stored a stored context
     * @return the newest event time of its threads, empty when it has none
     */
    static OptionalLong newestOf(ConversationContext stored) {
        return stored.getThreads().stream().mapToLong(t -> t.getLastEventTime().toEpochMilli()).max();
    }

    /**
     * @param memory a conversation's memory
     * @return its stored form
     */
    static ConversationContext encode(ConversationMemory memory) {
        List<StoredThread> threads = new ArrayList<>(memory.threads().size());
        for (Map.Entry<ThreadKey, ThreadState> entry : memory.threads().entrySet()) {
            ThreadMemory thread = entry.getValue().memory();
            // Constructors rather than Avro's builders, which deep-copy every field on each build: this runs per turn.
            threads.add(new StoredThread(entry.getKey().threadId(),
                    Instant.ofEpochMilli(entry.getValue().lastEventTime()),
                    thread.lastService().map(ContextCodec::bytes).orElse(null),
                    thread.lastCustomer().map(ContextCodec::bytes).orElse(null),
                    thread.customerSum().map(ContextCodec::bytes).orElse(null), thread.customerTurns(),
                    thread.serviceSum().map(ContextCodec::bytes).orElse(null), thread.serviceTurns(),
                    entry.getValue().recentTurns()));
        }
        List<RecentSnippet> recent = new ArrayList<>(memory.recentSnippets().size());
        memory.recentSnippets().forEach((id, thread) -> recent.add(new RecentSnippet(id, thread.threadId())));
        return new ConversationContext(memory.modelVersion(), memory.width(), threads, recent);
    }

    private static ByteBuffer bytes(float[] values) {
        ByteBuffer out = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        out.asFloatBuffer().put(values);
        return out;
    }

    private static float[] floats(ByteBuffer bytes, int width) {
        if (bytes == null) {
            return null;
        }
        if (bytes.remaining() != width * Float.BYTES) {
            throw new IllegalArgumentException("a stored embedding of " + bytes.remaining() + " bytes does not fit"
                    + " width " + width);
        }
        float[] out = new float[width];
        bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }
}
