package dev.sift.gateway.topology;

/** A record that is valid Avro but not a usable snippet (no id, no conversation); it goes to the dead-letter topic. */
public class InvalidSnippetException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what is missing
     */
    public InvalidSnippetException(String message) {
        super(message);
    }
}
