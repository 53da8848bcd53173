package dev.sift.gateway.topology;

/**
 * A snippet record whose bytes cannot be read as a snippet (not Avro, truncated, another schema, invalid UTF-8); it
 * goes to the dead-letter topic as it came, with the decoder's reason.
 */
public class UnreadableSnippetException extends InvalidSnippetException {

    private static final long serialVersionUID = 1L;

    /**
     * @param reason what the decoder found wrong
     * @param cause the decoder's exception
     */
    public UnreadableSnippetException(String reason, Throwable cause) {
        super(reason);
        initCause(cause);
    }
}
