package dev.sift.modelops.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxGraphTest {

    @TempDir
    Path dir;

    @Test
    void shouldReadInspectAndWriteTheEncoderByteForByte() throws Exception {
        Path source = MiniLmFixture.encoder().onnx();

        OnnxGraph graph = OnnxGraph.read(source);
        Path copy = graph.write(dir.resolve("copy.onnx"));

        assertThat(graph.opset()).isEqualTo(11);
        assertThat(graph.inputNames()).containsExactly("input_ids", "attention_mask", "token_type_ids");
        assertThat(graph.opCounts()).containsEntry("MatMul", 48L).containsEntry("Softmax", 6L);
        assertThat(graph.parameterCount()).isEqualTo(22_565_888L);
        assertThat(graph.check()).isEmpty();
        assertThat(Files.mismatch(source, copy)).isEqualTo(-1L);
    }

    @Test
    void shouldFindFeedForwardBlocksAndLayerOutputsByPatternNotByName() {
        OnnxGraph graph = OnnxGraph.read(MiniLmFixture.encoder().onnx());
        EncoderStructure structure = new EncoderStructure(graph);

        List<FeedForwardBlock> blocks = structure.feedForwardBlocks();
        List<String> layers = structure.layerOutputs();

        assertThat(blocks).hasSize(6);
        assertThat(blocks).allSatisfy(b -> {
            assertThat(Tensors.dims(graph.initializers().get(b.upWeight()))).containsExactly(384, 1536);
            assertThat(Tensors.dims(graph.initializers().get(b.downWeight()))).containsExactly(1536, 384);
            assertThat(b.upBias()).isNotNull();
            assertThat(b.downBias()).isNotNull();
        });
        assertThat(layers).hasSize(6).last().isEqualTo("last_hidden_state");
        assertThat(structure.layerNorms()).hasSize(13).containsAll(layers);
    }

    @Test
    void shouldReportANodeThatReadsATensorNothingProduces() {
        OnnxGraph graph = OnnxGraph.read(MiniLmFixture.encoder().onnx());
        List<NodeProto> nodes = new java.util.ArrayList<>(graph.nodes());
        nodes.add(Nodes.node("Relu", "dangling", List.of("nowhere"), List.of("out")));
        graph.setNodes(nodes);

        assertThat(graph.check()).anySatisfy(p -> assertThat(p).contains("reads nowhere before anything produces it"));
        assertThatThrownBy(() -> graph.checkOrThrow("test")).hasMessageContaining("inconsistent graph");
    }

    @Test
    void shouldRemoveNodesNoOutputDependsOn() {
        OnnxGraph graph = OnnxGraph.read(MiniLmFixture.encoder().onnx());
        List<NodeProto> nodes = new java.util.ArrayList<>(graph.nodes());
        nodes.add(Nodes.node("Relu", "unused", List.of("last_hidden_state"), List.of("unused_out")));
        graph.setNodes(nodes);

        assertThat(graph.removeDeadCode()).isGreaterThanOrEqualTo(1);
        assertThat(graph.nodes()).noneMatch(n -> n.getName().equals("unused"));
    }
}
