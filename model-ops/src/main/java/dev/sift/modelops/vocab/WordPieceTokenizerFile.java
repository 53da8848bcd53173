package dev.sift.modelops.vocab;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.Iterator;
import java.util.Map;

/**
 * A Hugging Face {@code tokenizer.json} whose model is WordPiece, read and checked for what vocabulary pruning relies
 * on: the vocabulary's ids are exactly {@code 0..n-1}, the unknown token is in it, and every id named elsewhere in
 * the file (added tokens, post-processor, padding) is a vocabulary id. The file is untrusted: any other shape is
 * refused with an {@link InvalidTokenizerException} that says what is wrong.
 */
public final class WordPieceTokenizerFile {

    /** Far above a real vocabulary's file (bert-base-uncased: 0.7 MB); bounds what a hostile file can make us read. */
    static final long MAX_BYTES = 64L << 20;
    /** Far above any WordPiece vocabulary (30,522 for BERT, 250k for the largest multilingual ones). */
    static final int MAX_TOKENS = 1 << 20;

    /** A repeated key would otherwise silently replace the first: a vocabulary with a token twice is refused. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private final String source;
    private final ObjectNode root;
    private final String[] tokens;
    private final String continuingPrefix;
    private final int unknownId;
    private final BitSet specialIds;

    private WordPieceTokenizerFile(String source, ObjectNode root, String[] tokens, String continuingPrefix,
            int unknownId, BitSet specialIds) {
        this.source = source;
        this.root = root;
        this.tokens = tokens;
        this.continuingPrefix = continuingPrefix;
        this.unknownId = unknownId;
        this.specialIds = specialIds;
    }

    /**
     * Reads and checks a tokenizer file.
     *
     * @param file a {@code tokenizer.json}
     * @return the tokenizer
     * @throws InvalidTokenizerException when it is too large, not JSON, or not a WordPiece tokenizer whose ids are
     *     consistent
     * @throws UncheckedIOException when the file cannot be read
     */
    public static WordPieceTokenizerFile read(Path file) {
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new InvalidTokenizerException(file + ": " + size + " bytes, more than the " + MAX_BYTES
                        + " a tokenizer file may have");
            }
            return parse(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tokenizer " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses and checks a tokenizer's JSON.
     *
     * @param json the file's bytes
     * @param source its name, for messages
     * @return the tokenizer
     * @throws InvalidTokenizerException when it is not a WordPiece tokenizer whose ids are consistent
     */
    public static WordPieceTokenizerFile parse(byte[] json, String source) {
        JsonNode parsed;
        try {
            parsed = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new InvalidTokenizerException(source + ": not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!(parsed instanceof ObjectNode root)) {
            throw new InvalidTokenizerException(source + ": not a tokenizer (the JSON is not an object)");
        }
        JsonNode model = root.path("model");
        if (!model.isObject()) {
            throw new InvalidTokenizerException(source + ": no 'model' object");
        }
        String type = model.path("type").asText("");
        if (!type.equals("WordPiece")) {
            throw new InvalidTokenizerException(source + ": model type is '" + type
                    + "'; vocabulary pruning handles WordPiece tokenizers only");
        }
        String[] tokens = vocabulary(model.path("vocab"), source);
        String prefix = model.path("continuing_subword_prefix").asText("##");
        if (prefix.isEmpty()) {
            throw new InvalidTokenizerException(source + ": empty continuing_subword_prefix");
        }
        String unknown = model.path("unk_token").asText("");
        int unknownId = indexOf(tokens, unknown);
        if (unknownId < 0) {
            throw new InvalidTokenizerException(source + ": the unknown token '" + unknown
                    + "' (model.unk_token) is not in the vocabulary");
        }
        BitSet specials = new BitSet(tokens.length);
        specials.set(unknownId);
        TokenIdReferences.walk(root, source, (id, where) -> {
            if (id < 0 || id >= tokens.length) {
                throw new InvalidTokenizerException(source + ": " + where + " is " + id
                        + ", outside the vocabulary of " + tokens.length + " tokens");
            }
            specials.set(id);
            return id;
        });
        return new WordPieceTokenizerFile(source, root, tokens, prefix, unknownId, specials);
    }

    private static String[] vocabulary(JsonNode vocab, String source) {
        if (!vocab.isObject() || vocab.isEmpty()) {
            throw new InvalidTokenizerException(source + ": model.vocab is missing or empty");
        }
        if (vocab.size() > MAX_TOKENS) {
            throw new InvalidTokenizerException(source + ": model.vocab has " + vocab.size() + " tokens, more than "
                    + MAX_TOKENS);
        }
        String[] tokens = new String[vocab.size()];
        for (Iterator<Map.Entry<String, JsonNode>> it = vocab.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode id = e.getValue();
            if (!id.isIntegralNumber() || !id.canConvertToInt()) {
                throw new InvalidTokenizerException(source + ": model.vocab['" + e.getKey()
                        + "'] is not an integer id: " + id);
            }
            int i = id.intValue();
            if (i < 0 || i >= tokens.length) {
                throw new InvalidTokenizerException(source + ": model.vocab['" + e.getKey() + "'] is " + i
                        + ", outside 0.." + (tokens.length - 1) + " (ids must number the " + tokens.length
                        + " tokens without gaps)");
            }
            if (tokens[i] != null) {
                throw new InvalidTokenizerException(source + ": id " + i + " is given to both '" + tokens[i]
                        + "' and '" + e.getKey() + "'");
            }
            tokens[i] = e.getKey();
        }
        return tokens;
    }

    private static int indexOf(String[] tokens, String token) {
        for (int i = 0; i < tokens.length; i++) {
            if (tokens[i].equals(token)) {
                return i;
            }
        }
        return -1;
    }

    /** @return the file's name, as used in messages */
    public String source() {
        return source;
    }

    /** @return tokens in the vocabulary */
    public int size() {
        return tokens.length;
    }

    /**
     * @param id a vocabulary id
     * @return its token
     */
    public String token(int id) {
        return tokens[id];
    }

    /** @return the prefix of a word piece that continues a word ({@code ##}) */
    public String continuingPrefix() {
        return continuingPrefix;
    }

    /** @return the unknown token's id */
    public int unknownId() {
        return unknownId;
    }

    /** @return the ids of the unknown token and of every token the file names by id (a copy) */
    public BitSet specialIds() {
        return (BitSet) specialIds.clone();
    }

    /** @return the parsed file (a copy, to edit) */
    ObjectNode json() {
        return root.deepCopy();
    }

    /** @return the JSON codec the file was read with */
    static ObjectMapper mapper() {
        return JSON;
    }
}
