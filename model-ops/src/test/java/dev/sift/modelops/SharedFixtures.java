package dev.sift.modelops;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The shared data sets and model fixtures next to the repository ({@code ../shared}): read by path when present,
 * never copied into the repository. Set {@code SIFT_SHARED_DIR} to point elsewhere.
 */
public final class SharedFixtures {

    private SharedFixtures() {
    }

    /**
     * @param relative a path inside the shared folder, e.g. {@code models/mobilebert-random/x.onnx}
     * @return the file, when some shared folder has it
     */
    public static Optional<Path> find(String relative) {
        return Stream.of(System.getenv("SIFT_SHARED_DIR"), System.getProperty("sift.shared.dir"), "/work/shared")
                .filter(d -> d != null && !d.isBlank())
                .map(d -> Path.of(d).resolve(relative))
                .filter(Files::exists)
                .findFirst();
    }
}
