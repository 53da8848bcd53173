package dev.sift.gateway.topology;

/**
 * A snippet record whose bytes cannot be read as a snippet (not Avro, truncated, another schema, invalid UTF-8), or
 * may not be (beyond the size limits checked before decoding); it goes to the dead-letter topic as it came, with the
 * reason.
 */
public class UnreadableSnippetException extends InvalidSnippetException {

    private static final long serialVersionUID = 1L;

    /**
     * @param reason what makes the record unreadable (refused before decoding)
     */
    public UnreadableSnippetException(String reason) {
        super(reason);
    }

    /**
     * @param reason what the decoder found wrong
     * @param cause the decoder's exception
     */
    public UnreadableSnippetException(String reason, Throwable cause) {
        super(reason);
        initCause(cause);
    }
}
