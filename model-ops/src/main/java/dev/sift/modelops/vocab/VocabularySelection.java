package dev.sift.modelops.vocab;

import java.util.BitSet;

/**
 * Which WordPiece tokens a pruned vocabulary keeps, and why.
 *
 * <ul>
 *   <li>The unknown token and every token the file names by id ({@code [PAD]}, {@code [CLS]}, {@code [SEP]},
 *       {@code [MASK]}, ...).</li>
 *   <li>Every single-character token and every continuation of one character ({@code ##} + one character). WordPiece
 *       matches the longest known prefix at each position of a word; with every character known in both forms a
 *       match always exists, so a word whose longer pieces were dropped is spelled in smaller ones instead of
 *       becoming the unknown token.</li>
 *   <li>Every token the full tokenizer produces on the corpus. Longest-match is then unchanged for every word the
 *       corpus holds: each piece it chose is kept, and nothing longer can have appeared.</li>
 *   <li>Optionally, every id below a floor: BERT's vocabularies list word pieces roughly from frequent to rare, so
 *       the first ids are a corpus-free stand-in for general English. Bracketed entries that are not special
 *       tokens ({@code [unused7]}) are left out: the pre-tokenizer splits brackets off, so text can never produce
 *       them.</li>
 * </ul>
 *
 * @param kept the kept tokens
 * @param special tokens kept as special tokens
 * @param characters further tokens kept as single characters or their continuations
 * @param corpus further tokens kept because the corpus uses them
 * @param floor further tokens kept only by the floor
 */
public record VocabularySelection(KeptTokens kept, int special, int characters, int corpus, int floor) {

    /**
     * Chooses the kept tokens.
     *
     * @param tokenizer the full tokenizer
     * @param corpusIds ids the corpus uses ({@link CorpusTokens#ids()})
     * @param floorIds keep every id below this (0: none)
     * @return the selection
     */
    public static VocabularySelection choose(WordPieceTokenizerFile tokenizer, BitSet corpusIds, int floorIds) {
        if (floorIds < 0) {
            throw new IllegalArgumentException("the vocabulary floor must be 0 or more, not " + floorIds);
        }
        BitSet kept = tokenizer.specialIds();
        int special = kept.cardinality();
        String prefix = tokenizer.continuingPrefix();
        for (int id = 0; id < tokenizer.size(); id++) {
            if (isOneCharacter(tokenizer.token(id), prefix)) {
                kept.set(id);
            }
        }
        int characters = kept.cardinality() - special;
        BitSet inVocabulary = (BitSet) corpusIds.clone();
        if (inVocabulary.length() > tokenizer.size()) {
            throw new IllegalArgumentException("corpus ids reach " + (inVocabulary.length() - 1)
                    + ", beyond the vocabulary of " + tokenizer.size() + " tokens");
        }
        kept.or(inVocabulary);
        int corpus = kept.cardinality() - special - characters;
        for (int id = 0; id < Math.min(floorIds, tokenizer.size()); id++) {
            if (!isUnusedEntry(tokenizer.token(id))) {
                kept.set(id);
            }
        }
        int floor = kept.cardinality() - special - characters - corpus;
        return new VocabularySelection(new KeptTokens(tokenizer.size(), kept.stream().toArray()), special, characters,
                corpus, floor);
    }

    private static boolean isOneCharacter(String token, String prefix) {
        String body = token.startsWith(prefix) && token.length() > prefix.length()
                ? token.substring(prefix.length()) : token;
        return body.codePointCount(0, body.length()) == 1;
    }

    /** A bracketed entry such as {@code [unused7]}: special tokens are kept before this is asked. */
    private static boolean isUnusedEntry(String token) {
        return token.length() > 2 && token.startsWith("[") && token.endsWith("]");
    }
}
