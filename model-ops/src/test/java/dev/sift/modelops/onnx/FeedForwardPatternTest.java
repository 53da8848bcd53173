package dev.sift.modelops.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FeedForwardPatternTest {

    @Test
    void shouldFindAWideningBlockWithANonlinearity() {
        // Given x·W1 + b1 -> Gelu -> ·W2 + b2, 4 -> 16 -> 4
        TinyGraph tiny = TinyGraph.withInputX();
        String up = tiny.ops.op("Add", "up_bias", List.of(tiny.ops.op("MatMul", "up", List.of("x",
                tiny.weight("w1", 4, 16))), tiny.weight("b1", 16)));
        String active = tiny.ops.op("Gelu", "gelu", List.of(up));
        String down = tiny.ops.op("Add", "down_bias", List.of(tiny.ops.op("MatMul", "down", List.of(active,
                tiny.weight("w2", 16, 4))), tiny.weight("b2", 4)));
        GraphIndex index = tiny.outputs(down).index();

        // When blocks are looked for
        List<FeedForwardBlock> blocks = FeedForwardPattern.all(index);

        // Then it is one, with its weights, biases, intermediate and output
        assertThat(blocks).singleElement().satisfies(block -> {
            assertThat(List.of(block.upWeight(), block.upBias(), block.downWeight(), block.downBias()))
                    .containsExactly("w1", "b1", "w2", "b2");
            assertThat(block.intermediate()).isEqualTo(active);
            assertThat(block.output()).isEqualTo(down);
            assertThat(block.channels()).isEqualTo(16);
        });
    }

    @Test
    void shouldNotTakeTwoLinearLayersWithoutANonlinearityForABlock() {
        // Given x·W1 -> ·W2, widening but linear
        TinyGraph tiny = TinyGraph.withInputX();
        String up = tiny.ops.op("MatMul", "up", List.of("x", tiny.weight("w1", 4, 16)));
        String down = tiny.ops.op("MatMul", "down", List.of(up, tiny.weight("w2", 16, 4)));

        // When blocks are looked for, then there is none
        assertThat(FeedForwardPattern.all(tiny.outputs(down).index())).isEmpty();
    }
}
