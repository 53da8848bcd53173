package dev.sift.modelops.vocab;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the {@code tokenizer.json} of a pruned vocabulary: the model's vocabulary holds the kept tokens under their
 * new ids, and every id named elsewhere in the file (added tokens, post-processor, padding) is renumbered the same
 * way. Everything else (normalizer, pre-tokenizer, decoder, truncation) is copied as it was.
 */
public final class TokenizerRewriter {

    private TokenizerRewriter() {
    }

    /**
     * @param tokenizer the full tokenizer
     * @param kept the kept tokens (must include every id the file names)
     * @return the pruned tokenizer's JSON
     * @throws InvalidTokenizerException when the file names a token that was not kept
     */
    public static byte[] rewrite(WordPieceTokenizerFile tokenizer, KeptTokens kept) {
        if (kept.originalSize() != tokenizer.size()) {
            throw new IllegalArgumentException("the kept tokens were chosen from a vocabulary of "
                    + kept.originalSize() + " tokens; " + tokenizer.source() + " has " + tokenizer.size());
        }
        ObjectNode root = tokenizer.json();
        ObjectNode vocab = ((ObjectNode) root.get("model")).putObject("vocab");
        for (int newId = 0; newId < kept.size(); newId++) {
            vocab.put(tokenizer.token(kept.oldId(newId)), newId);
        }
        TokenIdReferences.walk(root, tokenizer.source(), (id, where) -> {
            int renumbered = kept.newId(id);
            if (renumbered < 0) {
                throw new InvalidTokenizerException(tokenizer.source() + ": " + where + " names token "
                        + id + " ('" + tokenizer.token(id) + "'), which the pruned vocabulary dropped");
            }
            return renumbered;
        });
        try {
            return WordPieceTokenizerFile.mapper().writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the pruned tokenizer", e);
        }
    }

    /**
     * Writes the pruned tokenizer to a file.
     *
     * @param tokenizer the full tokenizer
     * @param kept the kept tokens
     * @param target the file to write
     * @return the file
     */
    public static Path write(WordPieceTokenizerFile tokenizer, KeptTokens kept, Path target) {
        try {
            Path parent = target.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Files.write(target, rewrite(tokenizer, kept));
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write tokenizer " + target, e);
        }
    }
}
