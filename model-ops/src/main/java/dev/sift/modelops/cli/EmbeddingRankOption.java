package dev.sift.modelops.cli;

import dev.sift.modelops.bundle.SiftHome;
import dev.sift.modelops.encoder.Encoder;
import dev.sift.modelops.lowrank.FactorizationException;
import dev.sift.modelops.lowrank.LowRankEncoder;
import picocli.CommandLine.Option;

/** {@code --embedding-rank R}: the encoder's word-embedding table factorized at rank R before it is used. */
final class EmbeddingRankOption {

    @Option(names = "--embedding-rank",
            description = "Factorize the word-embedding table at this rank first: a [vocabulary x R] table and an"
                    + " [R x hidden] projection from its top singular vectors (R = hidden is exact; default: the"
                    + " full table).")
    Integer rank;

    /**
     * Call before the data is read: a wrong rank or a graph that cannot be factorized is refused at once.
     *
     * @param encoder the chosen encoder
     * @return it, factorized when a rank is given
     */
    Encoder apply(Encoder encoder) {
        if (rank == null) {
            return encoder;
        }
        try {
            return LowRankEncoder.of(encoder, rank, SiftHome.work());
        } catch (FactorizationException e) {
            throw new IllegalArgumentException("--embedding-rank " + rank + ": " + e.getMessage(), e);
        }
    }
}
