package dev.sift.modelops.onnx;

import dev.sift.modelops.bundle.SiftHome;
import dev.sift.modelops.encoder.Encoder;

/** The real all-MiniLM-L6-v2 encoder from its Maven Central jar, extracted once into the Sift cache. */
public final class MiniLmFixture {

    private static Encoder encoder;

    private MiniLmFixture() {
    }

    /** @return the pinned encoder */
    public static synchronized Encoder encoder() {
        if (encoder == null) {
            encoder = Encoder.builtIn(Encoder.MINILM, SiftHome.work());
        }
        return encoder;
    }
}
