package dev.sift.modelops.vocab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import dev.sift.modelops.onnx.Nodes;
import dev.sift.modelops.onnx.OnnxGraph;
import dev.sift.modelops.onnx.Tensors;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tokenizer files and graphs that vocabulary pruning must refuse with a message, not a crash or a wrong model. */
class UntrustedVocabularyInputTest {

    /** A valid five-token WordPiece tokenizer; the hostile cases below each break one thing in it. */
    private static final String VALID = """
            {"added_tokens":[{"id":0,"content":"[PAD]"},{"id":1,"content":"[UNK]"}],
             "post_processor":{"type":"BertProcessing","sep":["[SEP]",2],"cls":["[CLS]",3]},
             "padding":{"pad_id":0,"pad_token":"[PAD]"},
             "model":{"type":"WordPiece","unk_token":"[UNK]","continuing_subword_prefix":"##",
                      "vocab":{"[PAD]":0,"[UNK]":1,"[SEP]":2,"[CLS]":3,"a":4}}}""";

    @TempDir
    Path temp;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            not JSON                 | {"model": [                                          | not valid JSON
            not an object            | [1, 2, 3]                                            | not an object
            no model                 | {"added_tokens": []}                                 | no 'model' object
            BPE model                | {"model": {"type": "BPE", "vocab": {"a": 0}}}        | model type is 'BPE'
            empty vocabulary         | {"model": {"type": "WordPiece", "unk_token": "[UNK]", "vocab": {}}} | model.vocab is missing or empty
            id with a gap            | {"model": {"type": "WordPiece", "unk_token": "a", "vocab": {"a": 0, "b": 5}}} | outside 0..1
            repeated token           | {"model": {"type": "WordPiece", "unk_token": "a", "vocab": {"a": 0, "a": 1}}} | Duplicate field 'a'
            repeated id              | {"model": {"type": "WordPiece", "unk_token": "a", "vocab": {"a": 0, "b": 0}}} | id 0 is given to both
            negative id              | {"model": {"type": "WordPiece", "unk_token": "a", "vocab": {"a": -1}}} | is -1
            id not an integer        | {"model": {"type": "WordPiece", "unk_token": "a", "vocab": {"a": "zero"}}} | not an integer id
            huge id                  | {"model": {"type": "WordPiece", "unk_token": "a", "vocab": {"a": 99999999999999}}} | not an integer id
            unknown token missing    | {"model": {"type": "WordPiece", "unk_token": "[UNK]", "vocab": {"a": 0}}} | unknown token '[UNK]'
            added token out of range | {"added_tokens": [{"id": 7, "content": "x"}], "model": {"type": "WordPiece", "unk_token": "a", "vocab": {"a": 0}}} | added_tokens[0].id is 7, outside the vocabulary
            post-processor id out of range | {"post_processor": {"type": "TemplateProcessing", "special_tokens": {"[CLS]": {"ids": [40000]}}}, "model": {"type": "WordPiece", "unk_token": "a", "vocab": {"a": 0}}} | post_processor.special_tokens.[CLS].ids[0] is 40000
            unknown post-processor   | {"post_processor": {"type": "Mystery"}, "model": {"type": "WordPiece", "unk_token": "a", "vocab": {"a": 0}}} | type 'Mystery'
            padding id out of range  | {"padding": {"pad_id": 3}, "model": {"type": "WordPiece", "unk_token": "a", "vocab": {"a": 0}}} | padding.pad_id is 3
            """)
    void shouldRefuseAHostileTokenizerFileSayingWhatIsWrong(String name, String json, String message) throws Exception {
        // Given a tokenizer file broken in one way
        Path file = Files.writeString(temp.resolve("tokenizer.json"), json, StandardCharsets.UTF_8);

        // When it is read for pruning, then it is refused with a message naming the file and the problem
        assertThatThrownBy(() -> WordPieceTokenizerFile.read(file))
                .isInstanceOf(InvalidTokenizerException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining(message);
    }

    @Test
    void shouldRefuseATokenizerFileLargerThanAnyRealVocabulary() throws Exception {
        // Given a file beyond the size limit
        Path file = temp.resolve("huge.json");
        try (var out = Files.newOutputStream(file)) {
            out.write(new byte[(int) WordPieceTokenizerFile.MAX_BYTES + 1]);
        }

        // Then it is refused before it is parsed
        assertThatThrownBy(() -> WordPieceTokenizerFile.read(file)).isInstanceOf(InvalidTokenizerException.class)
                .hasMessageContaining("more than the");
    }

    @Test
    void shouldRefuseKeptIdsOutsideTheVocabulary() {
        // Given ids beyond a 5-token vocabulary, or out of order, then the kept set cannot be built
        assertThatThrownBy(() -> new KeptTokens(5, new int[] {0, 1, 5})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kept id 5 is outside the vocabulary of 5 tokens");
        assertThatThrownBy(() -> new KeptTokens(5, new int[] {2, 1})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("strictly ascending");
    }

    @Test
    void shouldRemapASmallGraphAndItsTokenizerConsistently() throws Exception {
        // Given a five-row table read by input_ids and the valid tokenizer, keeping all but the token 'a'
        Path file = Files.writeString(temp.resolve("tokenizer.json"), VALID, StandardCharsets.UTF_8);
        WordPieceTokenizerFile tokenizer = WordPieceTokenizerFile.read(file);
        KeptTokens kept = new KeptTokens(5, new int[] {0, 1, 2, 3});
        OnnxGraph graph = lookupGraph(5, false, false);

        // When the table and the tokenizer are remapped
        EmbeddingRemapper.remap(graph, kept);
        WordPieceTokenizerFile pruned = WordPieceTokenizerFile.parse(TokenizerRewriter.rewrite(tokenizer, kept), "p");

        // Then the table has the kept rows and the tokenizer the kept tokens, special ids unchanged
        assertThat(Tensors.toFloats(graph.initializers().get("table"))).containsExactly(0, 0, 1, 1, 2, 2, 3, 3);
        assertThat(pruned.size()).isEqualTo(4);
        assertThat(pruned.json().at("/post_processor/cls/1").intValue()).isEqualTo(3);
    }

    @Test
    void shouldRefuseToDropATokenTheTokenizerNamesById() throws Exception {
        // Given the valid tokenizer and a kept set without its [CLS] (id 3)
        Path file = Files.writeString(temp.resolve("tokenizer.json"), VALID, StandardCharsets.UTF_8);
        WordPieceTokenizerFile tokenizer = WordPieceTokenizerFile.read(file);

        // Then rewriting it is refused, naming the reference
        assertThatThrownBy(() -> TokenizerRewriter.rewrite(tokenizer, new KeptTokens(5, new int[] {0, 1, 2, 4})))
                .isInstanceOf(InvalidTokenizerException.class).hasMessageContaining("post_processor.cls[1]")
                .hasMessageContaining("dropped");
    }

    @Test
    void shouldRefuseGraphsWhoseTokenLookupCannotBeRemappedSafely() {
        KeptTokens kept = new KeptTokens(5, new int[] {0, 1, 2});
        // A table with fewer rows than the tokenizer has tokens: the two do not belong together
        assertThatThrownBy(() -> EmbeddingRemapper.remap(lookupGraph(3, false, false), kept))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 rows, fewer than the tokenizer's 5");
        // Token ids also read by value elsewhere: renumbering would change that node's result
        assertThatThrownBy(() -> EmbeddingRemapper.remap(lookupGraph(5, true, false), kept))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("also reads input_ids in Cast");
        // A table tied to another node
        assertThatThrownBy(() -> EmbeddingRemapper.remap(lookupGraph(5, false, true), kept))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tied weights");
    }

    /** input_ids -> Gather(table [rows, 2], row i = (i, i)) -> y; optionally a Cast of the ids, a tied MatMul. */
    private static OnnxGraph lookupGraph(int rows, boolean castIds, boolean tiedTable) {
        float[] table = new float[rows * 2];
        for (int i = 0; i < table.length; i++) {
            table[i] = i / 2;
        }
        GraphProto.Builder graph = GraphProto.newBuilder().setName("lookup")
                .addInput(ValueInfoProto.newBuilder().setName("input_ids").setType(TypeProto.newBuilder()
                        .setTensorType(TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.INT64_VALUE))))
                .addInitializer(Tensors.floats("table", new long[] {rows, 2}, table))
                .addNode(Nodes.node("Gather", "lookup", List.of("table", "input_ids"), List.of("y")))
                .addOutput(ValueInfoProto.newBuilder().setName("y").setType(TypeProto.newBuilder()
                        .setTensorType(TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE))));
        if (castIds) {
            graph.addNode(Nodes.node("Cast", "ids_as_float", List.of("input_ids"), List.of("ids_float"),
                    Nodes.intAttr("to", TensorProto.DataType.FLOAT_VALUE)));
            graph.addOutput(ValueInfoProto.newBuilder().setName("ids_float"));
        }
        if (tiedTable) {
            graph.addInitializer(Tensors.floats("w", new long[] {2, rows}, new float[2 * rows]));
            graph.addNode(Nodes.node("MatMul", "tied", List.of("table", "w"), List.of("z")));
            graph.addOutput(ValueInfoProto.newBuilder().setName("z"));
        }
        return OnnxGraph.of(ModelProto.newBuilder().setIrVersion(8)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(17)).setGraph(graph).build());
    }
}
