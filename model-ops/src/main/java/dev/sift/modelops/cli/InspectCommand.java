package dev.sift.modelops.cli;

import dev.sift.modelops.onnx.OnnxGraph;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Prints what an ONNX graph holds. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Print an ONNX graph's opset, inputs, outputs, op counts, weights, and check its structure.")
final class InspectCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "ONNX file")
    Path file;

    @Override
    public Integer call() {
        OnnxGraph graph = OnnxGraph.read(file);
        System.out.println("opset       " + graph.opset());
        System.out.println("inputs      " + graph.inputNames());
        graph.outputs().forEach(o -> System.out.println("output      " + o.getName() + " "
                + graph.declaredShape(o.getName()).map(java.util.Arrays::toString).orElse("?")));
        System.out.println("nodes       " + graph.nodes().size());
        System.out.println("ops         " + graph.opCounts());
        System.out.printf("parameters  %,d (%,d bytes)%n", graph.parameterCount(), graph.weightBytes());
        List<String> problems = graph.check();
        System.out.println("check       " + (problems.isEmpty() ? "ok" : problems));
        return problems.isEmpty() ? 0 : 1;
    }
}
