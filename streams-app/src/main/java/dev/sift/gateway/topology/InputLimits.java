package dev.sift.gateway.topology;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * {@code sift.input.*}: what the gateway accepts as a snippet. A chat turn or a post is a few hundred bytes; a text
 * far beyond what the model reads (it keeps the first {@code max-tokens}) is a producer's mistake, such as a whole
 * transcript in one turn, and would cost the gateway and the LLM for nothing.
 *
 * @param maxTextBytes largest accepted text, in UTF-8 bytes; longer snippets go to the dead-letter topic
 */
@ConfigurationProperties("sift.input")
public record InputLimits(@Bindable(defaultValue = "262144") int maxTextBytes) {

    /** The defaults. */
    public static final InputLimits DEFAULTS = new InputLimits(262_144);

    /** Checks the settings. */
    public InputLimits {
        if (maxTextBytes < 1) {
            throw new IllegalArgumentException("sift.input.max-text-bytes must be positive, was " + maxTextBytes);
        }
    }
}
