package dev.sift.modelops.finetune;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Judging a run as it trains: evaluations when due, the best weights kept and put back at the end. */
class ValidationRunTest {

    @Test
    void shouldEvaluateBeforeTheFirstStepEveryIntervalAndAfterTheLast() {
        ValidationRun run = new ValidationRun(ValidationPlan.of(4, 0, 0.1), 10, step -> null, null);

        List<Integer> due = new ArrayList<>();
        for (int step = 0; step <= 10; step++) {
            if (run.due(step)) {
                due.add(step);
            }
        }

        assertThat(due).containsExactly(0, 4, 8, 10);
        assertThat(ValidationPlan.of(0, 0, 0.1).interval(95)).as("a tenth of the run").isEqualTo(9);
        assertThat(ValidationPlan.of(0, 0, 0.1).interval(5)).isEqualTo(1);
    }

    @Test
    void shouldPutTheBestWeightsBackWhenTheRunStopsAfterItsBest() {
        try (NDManager manager = NDManager.newBaseManager(PyTorchEngine.start(1).defaultDevice(),
                PyTorchEngine.NAME)) {
            // Given a head whose weights are scored best at step 0, then worse twice
            Linear head = Linear.builder().setUnits(3).build();
            head.initialize(manager, DataType.FLOAT32, new Shape(1, 4));
            List<Parameter> parameters = new ArrayList<>(head.getParameters().values());
            Map<Integer, ValidationPoint> scores = Map.of(0, new ValidationPoint(0, 0.5, 0.9),
                    1, new ValidationPoint(1, 0.6, 0.8), 2, new ValidationPoint(2, 0.7, 0.7));
            ValidationRun run = new ValidationRun(ValidationPlan.of(1, 2, 0.1), 10, scores::get,
                    new BestWeights(parameters, manager));
            List<float[]> atBest = values(parameters);

            // When the weights change after each evaluation
            assertThat(run.evaluate(0)).isFalse();
            shift(parameters, 1f);
            assertThat(run.evaluate(1)).isFalse();
            shift(parameters, 1f);
            boolean stop = run.evaluate(2);
            List<float[]> atStop = values(parameters);

            // Then the run stops, and ends with the weights of step 0 in the same arrays
            assertThat(stop).isTrue();
            ValidationRun.Outcome outcome = run.finish(true);
            assertThat(outcome.best().step()).isZero();
            assertThat(outcome.points()).extracting(ValidationPoint::step).containsExactly(0, 1, 2);
            List<float[]> restored = values(parameters);
            for (int i = 0; i < atBest.size(); i++) {
                assertThat(restored.get(i)).containsExactly(atBest.get(i));
            }
            assertThat(atStop.get(0)).isNotEqualTo(atBest.get(0));
            // And the arrays still train
            assertThat(parameters).allMatch(Parameter::requiresGradient)
                    .allMatch(p -> p.getArray().hasGradient());
        }
    }

    private static List<float[]> values(List<Parameter> parameters) {
        return parameters.stream().map(p -> p.getArray().toFloatArray()).toList();
    }

    private static void shift(List<Parameter> parameters, float by) {
        for (Parameter p : parameters) {
            NDArray array = p.getArray();
            array.setRequiresGradient(false);
            array.addi(by);
            array.setRequiresGradient(true);
        }
    }
}
