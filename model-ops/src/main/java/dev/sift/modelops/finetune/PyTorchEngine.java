package dev.sift.modelops.finetune;

import ai.djl.engine.Engine;

/**
 * DJL's PyTorch engine, offline: its native library comes from the {@code pytorch-native-cpu} jar on the classpath,
 * never from a download.
 */
public final class PyTorchEngine {

    /** DJL's engine name. */
    public static final String NAME = "PyTorch";

    private PyTorchEngine() {
    }

    /**
     * The engine, started with this many intra-op threads when this call is the first to start it.
     *
     * @param threads PyTorch intra-op threads
     * @return the engine
     */
    public static synchronized Engine start(int threads) {
        System.setProperty("ai.djl.offline", "true");
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
            // Inter-op parallelism only helps graphs with independent branches; two pools would fight for two cores.
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
        return Engine.getEngine(NAME);
    }
}
