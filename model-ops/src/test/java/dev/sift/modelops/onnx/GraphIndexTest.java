package dev.sift.modelops.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.List;
import org.junit.jupiter.api.Test;

class GraphIndexTest {

    @Test
    void shouldBuildTheIndexOncePerStateOfTheGraph() {
        // Given a graph whose index was taken
        TinyGraph tiny = TinyGraph.withInputX();
        String y = tiny.ops.op("Relu", "relu", List.of("x"));
        GraphIndex index = tiny.graph.index();

        // When nothing is edited, then the same index serves every reader
        assertThat(tiny.graph.index()).isSameAs(index);
        assertThat(new EncoderStructure(tiny.graph).feedForwardBlocks()).isEmpty();
        assertThat(tiny.graph.index()).isSameAs(index);
        assertThat(index.producedBy(y, "Relu")).isPresent();
    }

    @Test
    void shouldRebuildTheIndexAfterAnEditAndLeaveTheOldOneDescribingTheGraphBefore() {
        // Given a graph and its index
        TinyGraph tiny = TinyGraph.withInputX();
        String y = tiny.ops.op("Relu", "relu", List.of("x"));
        GraphIndex before = tiny.graph.index();

        // When a node and an initializer are added
        String w = tiny.weight("w", 4, 4);
        String z = tiny.ops.op("MatMul", "matmul", List.of(y, w));

        // Then the graph's index sees them, and the one taken before does not
        GraphIndex after = tiny.graph.index();
        assertThat(after).isNotSameAs(before);
        assertThat(after.producedBy(z, "MatMul")).isPresent();
        assertThat(after.consumers(y)).extracting(NodeProto::getOpType).containsExactly("MatMul");
        assertThat(after.isInitializer(w)).isTrue();
        assertThat(before.producer(z)).isEmpty();
        assertThat(before.consumers(y)).isEmpty();
        assertThat(before.isInitializer(w)).isFalse();
    }

    @Test
    void shouldFindAWeightMatMulAndItsBiasButNotAProductOfTwoActivations() {
        // Given x·W + b, and x·x
        TinyGraph tiny = TinyGraph.withInputX();
        String product = tiny.ops.op("MatMul", "linear", List.of("x", tiny.weight("w", 4, 8)));
        String biased = tiny.ops.op("Add", "bias", List.of(product, tiny.weight("b", 8)));
        String square = tiny.ops.op("MatMul", "gram", List.of("x", "x"));
        GraphIndex index = tiny.outputs(biased, square).index();

        // When weight MatMuls are looked for
        List<WeightMatMul> found = WeightMatMul.all(index);

        // Then only the first is one, a linear layer with its bias
        assertThat(found).extracting(WeightMatMul::output).containsExactly(product);
        LinearLayer layer = LinearLayer.of(index, found.get(0));
        assertThat(layer.bias()).isEqualTo("b");
        assertThat(layer.output()).isEqualTo(biased);
        assertThat(LinearLayer.endingIn(index, biased)).contains(found.get(0));
        assertThat(found.get(0).isFloatMatrix()).isTrue();
    }

    @Test
    void shouldRefuseToListTheInitializersForChange() {
        TinyGraph tiny = TinyGraph.withInputX();
        tiny.weight("w", 2);

        assertThatThrownBy(() -> tiny.graph.initializers().clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}
