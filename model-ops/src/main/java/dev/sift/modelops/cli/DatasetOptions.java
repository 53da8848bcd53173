package dev.sift.modelops.cli;

import dev.sift.modelops.dataset.Dataset;
import dev.sift.modelops.dataset.DatasetReaders;
import dev.sift.modelops.dataset.SgdReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options naming a labeled data set and its format. */
final class DatasetOptions {

    enum Format { JSONL, CSV, CLINC150, NLUPP, AIRLINE, SGD }

    @Option(names = "--data", required = true, description = "Labeled data: a file, or an NLU++ domain folder.")
    Path data;

    @Option(names = "--format", description = "jsonl, csv, clinc150, nlupp, airline, sgd (Schema-Guided Dialogue user turns, each with its "
            + "dialogue's earlier turns as context; its train/dev/test splits) (default: from the file name).")
    Format format;

    @Option(names = "--train-folds", defaultValue = "0-9", description = "NLU++ folds to train on (default 0-9).")
    String trainFolds;

    @Option(names = "--test-folds", defaultValue = "10-19", description = "NLU++ folds to test on (default 10-19).")
    String testFolds;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the airline tweets split (default 0).")
    long seed;

    Dataset read() {
        Format f = format != null ? format : guess();
        return switch (f) {
            case CLINC150 -> DatasetReaders.clinc150(data);
            case NLUPP -> DatasetReaders.nlupp(data, folds(trainFolds), folds(testFolds));
            case AIRLINE -> DatasetReaders.airlineTweets(data, seed);
            case CSV -> read(in -> DatasetReaders.csv(data.getFileName().toString(), in));
            case JSONL -> read(in -> DatasetReaders.jsonl(data.getFileName().toString(), in));
            case SGD -> SgdReader.read(data).toDataset();
        };
    }

    /**
     * @param file labeled examples in Sift's JSONL or CSV (by extension)
     * @return them, in the splits the file names
     */
    static Dataset readFile(Path file) {
        String name = file.getFileName().toString();
        try (InputStream in = Files.newInputStream(file)) {
            return name.toLowerCase(java.util.Locale.ROOT).endsWith(".csv") ? DatasetReaders.csv(name, in)
                    : DatasetReaders.jsonl(name, in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private Dataset read(java.util.function.Function<InputStream, Dataset> reader) {
        try (InputStream in = Files.newInputStream(data)) {
            return reader.apply(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + data, e);
        }
    }

    private Format guess() {
        String name = data.getFileName().toString().toLowerCase();
        if (Files.isDirectory(data)) {
            return Format.NLUPP;
        }
        if (name.equals("data_full.json")) {
            return Format.CLINC150;
        }
        if (name.equals("tweets.csv")) {
            return Format.AIRLINE;
        }
        if (name.endsWith(".csv")) {
            return Format.CSV;
        }
        return Format.JSONL;
    }

    static List<Integer> folds(String spec) {
        List<Integer> out = new ArrayList<>();
        for (String part : spec.split(",")) {
            String[] range = part.trim().split("-");
            int from = Integer.parseInt(range[0].trim());
            int to = range.length > 1 ? Integer.parseInt(range[1].trim()) : from;
            for (int i = from; i <= to; i++) {
                out.add(i);
            }
        }
        return out;
    }
}
