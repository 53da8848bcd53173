package dev.sift.modelops.encoder;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** A cache file of feature rows: row count, width, then the floats (big-endian). */
final class FeatureFiles {

    private FeatureFiles() {
    }

    static float[][] read(Path file, int expectedRows) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            int rows = in.readInt();
            int width = in.readInt();
            if (rows != expectedRows) {
                return null;
            }
            float[][] x = new float[rows][width];
            for (float[] row : x) {
                for (int d = 0; d < width; d++) {
                    row[d] = in.readFloat();
                }
            }
            return x;
        } catch (IOException e) {
            return null;
        }
    }

    static void write(Path file, float[][] x) {
        try {
            Files.createDirectories(file.getParent());
            Path partial = file.resolveSibling(file.getFileName() + ".partial");
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(partial),
                    1 << 16))) {
                out.writeInt(x.length);
                out.writeInt(x.length == 0 ? 0 : x[0].length);
                for (float[] row : x) {
                    for (float v : row) {
                        out.writeFloat(v);
                    }
                }
            }
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot cache features in " + file, e);
        }
    }
}
