package dev.sift.classifier.onnx;

import ai.onnxruntime.OrtException;
import dev.sift.classifier.tokenize.PaddedBatch;
import dev.sift.classifier.tokenize.SnippetTokenizer;
import dev.sift.classifier.tokenize.TokenizedText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Runs texts through a tokenizer and a graph in length-sorted batches: texts of similar length share a batch, so
 * padding costs little, and a batch is padded only to its own longest text. Results come back in input order.
 *
 * <p>Does not own the tokenizer or the model: their owner closes them.
 */
public final class TextBatchRunner {

    private final SnippetTokenizer tokenizer;
    private final OnnxModel model;
    private final List<String> outputs;
    private final int maxBatchSize;

    /** Largest share of padding cells an inference call may carry before the batch is cut. */
    static final double MAX_PADDING_SHARE = 0.25;

    /**
     * @param tokenizer the graph's tokenizer
     * @param model the graph
     * @param outputs graph outputs to fetch, each {@code [batch, n]} floats
     * @param maxBatchSize most texts per inference call
     */
    public TextBatchRunner(SnippetTokenizer tokenizer, OnnxModel model, List<String> outputs, int maxBatchSize) {
        this.tokenizer = tokenizer;
        this.model = model;
        this.outputs = List.copyOf(outputs);
        this.maxBatchSize = maxBatchSize;
    }

    /**
     * Where the inference call starting at {@code start} (in length order) ends: at {@link #maxBatchSize} texts, or
     * earlier when the next, longer text would make more than {@link #MAX_PADDING_SHARE} of the call's token cells
     * padding. A short snippet batched with a long one would otherwise cost what the long one costs.
     */
    private int batchEnd(List<TokenizedText> tokenized, int[] order, int start) {
        long tokens = 0;
        int end = start;
        while (end < order.length && end - start < maxBatchSize) {
            int length = tokenized.get(order[end]).length();
            long cells = (long) length * (end - start + 1);
            if (end > start && cells - (tokens + length) > MAX_PADDING_SHARE * cells) {
                break;
            }
            tokens += length;
            end++;
        }
        return end;
    }

    /**
     * One text's result.
     *
     * @param tokens the tokenized text
     * @param outputs each requested output's row for this text
     */
    public record Row(TokenizedText tokens, Map<String, float[]> outputs) {
    }

    /**
     * Scores texts.
     *
     * @param texts texts in any order
     * @return one row per text, in input order
     * @throws OrtException when inference fails
     */
    public List<Row> run(List<String> texts) throws OrtException {
        return run(texts, List.of(), null);
    }

    /**
     * Scores texts with context inputs.
     *
     * @param texts texts in any order
     * @param contextInputs the graph's context input names
     * @param context per text, one row per context input, in {@code contextInputs}' order
     * @return one row per text, in input order
     * @throws OrtException when inference fails
     */
    public List<Row> run(List<String> texts, List<String> contextInputs, List<float[][]> context)
            throws OrtException {
        if (context != null && context.size() != texts.size()) {
            throw new IllegalArgumentException(texts.size() + " texts but " + context.size() + " contexts");
        }
        List<TokenizedText> tokenized = tokenizer.encodeAll(texts);
        int[] order = IntStream.range(0, tokenized.size()).boxed()
                .sorted(Comparator.comparingInt(i -> tokenized.get(i).length()))
                .mapToInt(Integer::intValue).toArray();
        Row[] rows = new Row[texts.size()];
        int start = 0;
        while (start < order.length) {
            int end = batchEnd(tokenized, order, start);
            List<TokenizedText> members = new ArrayList<>(end - start);
            for (int k = start; k < end; k++) {
                members.add(tokenized.get(order[k]));
            }
            Map<String, float[][]> inputs = new HashMap<>();
            if (context != null) {
                for (int slot = 0; slot < contextInputs.size(); slot++) {
                    float[][] rowsOfSlot = new float[end - start][];
                    for (int k = start; k < end; k++) {
                        rowsOfSlot[k - start] = context.get(order[k])[slot];
                    }
                    inputs.put(contextInputs.get(slot), rowsOfSlot);
                }
            }
            Map<String, float[][]> result = model.run(PaddedBatch.of(members), inputs, outputs);
            for (int k = start; k < end; k++) {
                Map<String, float[]> values = new HashMap<>();
                for (String name : outputs) {
                    values.put(name, result.get(name)[k - start]);
                }
                rows[order[k]] = new Row(tokenized.get(order[k]), values);
            }
            start = end;
        }
        return List.of(rows);
    }
}
