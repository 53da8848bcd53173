package dev.sift.modelops.label;

import java.util.Optional;

/**
 * The chat-completions API key: sent as a bearer token, never shown. {@link #toString()} hides it and
 * {@link #redact(String)} removes it from any text that leaves the labeler (errors, dead-letter headers, logs), in
 * case a server echoes it back.
 */
public final class ApiKey {

    private static final ApiKey NONE = new ApiKey("");
    private final String secret;

    private ApiKey(String secret) {
        this.secret = secret;
    }

    /**
     * @param secret the key; blank for none
     * @return the key
     */
    public static ApiKey of(String secret) {
        return secret == null || secret.isBlank() ? NONE : new ApiKey(secret.strip());
    }

    /** @return the key in {@value LabelerConfig#API_KEY_VARIABLE}, or none */
    public static ApiKey fromEnvironment() {
        return of(System.getenv(LabelerConfig.API_KEY_VARIABLE));
    }

    /** @return the {@code Authorization} header value, when there is a key */
    Optional<String> authorization() {
        return secret.isEmpty() ? Optional.empty() : Optional.of("Bearer " + secret);
    }

    /**
     * @param text any text
     * @return the text without the key, without control characters, at most 500 characters
     */
    public String redact(String text) {
        String out = text == null ? "" : text;
        if (!secret.isEmpty()) {
            out = out.replace(secret, "***");
        }
        out = out.replaceAll("[\\p{Cntrl}&&[^\\n]]", " ");
        return out.length() > 500 ? out.substring(0, 500) + "…" : out;
    }

    @Override
    public String toString() {
        return secret.isEmpty() ? "(none)" : "***";
    }
}
