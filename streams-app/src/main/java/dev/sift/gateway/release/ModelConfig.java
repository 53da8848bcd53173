package dev.sift.gateway.release;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.nio.file.Path;

/** {@code sift.model.*}: which bundle the gateway loads at start and how it uses the CPU. */
@ConfigurationProperties("sift.model")
public class ModelConfig {

    private String bundle = "";
    private int intraOpThreads = 1;
    private int maxBatchSize = 32;
    private String unpackDir = System.getProperty("java.io.tmpdir") + "/sift-bundles";

    /** @return a bundle directory or {@code .sift.zip} archive */
    public String getBundle() {
        return bundle;
    }

    /** @param bundle a bundle directory or archive */
    public void setBundle(String bundle) {
        this.bundle = bundle;
    }

    /** @return ONNX Runtime threads per inference */
    public int getIntraOpThreads() {
        return intraOpThreads;
    }

    /** @param intraOpThreads ONNX Runtime threads per inference */
    public void setIntraOpThreads(int intraOpThreads) {
        this.intraOpThreads = intraOpThreads;
    }

    /** @return most snippets per inference call */
    public int getMaxBatchSize() {
        return maxBatchSize;
    }

    /** @param maxBatchSize most snippets per inference call */
    public void setMaxBatchSize(int maxBatchSize) {
        this.maxBatchSize = maxBatchSize;
    }

    /** @return where archives are unpacked */
    public Path getUnpackDir() {
        return Path.of(unpackDir);
    }

    /** @param unpackDir where archives are unpacked */
    public void setUnpackDir(String unpackDir) {
        this.unpackDir = unpackDir;
    }
}
