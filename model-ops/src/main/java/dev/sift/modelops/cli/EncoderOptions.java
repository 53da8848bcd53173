package dev.sift.modelops.cli;

import dev.sift.modelops.bundle.SiftHome;
import dev.sift.modelops.encoder.Encoder;
import dev.sift.modelops.onnx.Pooling;
import dev.sift.modelops.train.IntentHead;
import dev.sift.modelops.train.Solver;
import dev.sift.modelops.train.TrainingOptions;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options choosing the encoder and how heads are trained. */
final class EncoderOptions {

    @Option(names = "--encoder", defaultValue = Encoder.MINILM,
            description = "Built-in encoder: all-minilm-l6-v2 (default) or bge-small-en-v15.")
    String encoder;

    @Option(names = "--encoder-onnx", description = "An encoder ONNX file (output [batch, seq, hidden]) instead.")
    Path encoderOnnx;

    @Option(names = "--tokenizer", description = "tokenizer.json of --encoder-onnx.")
    Path tokenizer;

    @Option(names = "--pooling", defaultValue = "MEAN", description = "Pooling of --encoder-onnx: MEAN or CLS.")
    Pooling pooling;

    @Option(names = "--pooling-layers",
            description = "Average the pooled embeddings of this many last layers (default: 3 for all-minilm-l6-v2, 1 otherwise).")
    Integer poolingLayers;

    @Option(names = "--max-tokens", defaultValue = "128", description = "Tokens per snippet (default 128).")
    int maxTokens;

    @Option(names = "--costs", split = ",",
            description = "Costs C (inverse regularization) to choose from (default 0.5,2,8,32,128,512).")
    double[] costs;

    @Option(names = "--intent-head", defaultValue = "AUTO",
            description = "Intent head: AUTO (sigmoid, the measured default), SIGMOID or SOFTMAX.")
    IntentHead intentHead;

    @Option(names = "--solver", defaultValue = "LBFGS",
            description = "Head solver: LBFGS (default), LBFGS_JOINT (one L-BFGS over all columns, the recipe before) "
                    + "or LIBLINEAR (one-vs-rest, the first releases' solver).")
    Solver solver;

    @Option(names = "--threads", description = "Training threads (default: all cores).")
    Integer threads;

    Encoder encoder() {
        if (encoderOnnx != null) {
            if (tokenizer == null) {
                throw new IllegalArgumentException("--encoder-onnx needs --tokenizer");
            }
            Encoder files = Encoder.fromFiles(encoderOnnx, tokenizer, pooling);
            return poolingLayers == null ? files : files.withLayers(poolingLayers);
        }
        Encoder builtIn = Encoder.builtIn(encoder, SiftHome.work());
        return poolingLayers == null ? builtIn : builtIn.withLayers(poolingLayers);
    }

    TrainingOptions training() {
        TrainingOptions defaults = TrainingOptions.defaults();
        return new TrainingOptions(costs != null ? costs : defaults.costs(), defaults.folds(),
                threads != null ? threads : defaults.threads(), defaults.seed(), intentHead, solver, defaults.path());
    }
}
