package dev.sift.gateway.topology;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * {@code sift.output.*}: what the gateway may write to its output topics. A record larger than the topic accepts
 * would fail its send, and with exactly-once processing a failed send aborts the transaction: the stream thread
 * would fail on the same snippet again and again. The input limits keep every decision and LLM request far below
 * this; a snippet whose outputs would still exceed it is dead-lettered with the reason instead.
 *
 * @param maxRecordBytes largest decision or LLM request record, key and headers included: the output topics'
 *     {@code max.message.bytes} (the broker's default is 1 MiB)
 */
@ConfigurationProperties("sift.output")
public record OutputLimits(@Bindable(defaultValue = "1048576") int maxRecordBytes) {

    /** The defaults: the broker's default topic limit. */
    public static final OutputLimits DEFAULTS = new OutputLimits(1_048_576);

    /** Checks the setting. */
    public OutputLimits {
        if (maxRecordBytes < 1024) {
            throw new IllegalArgumentException("sift.output.max-record-bytes must be at least 1024, was "
                    + maxRecordBytes);
        }
    }
}
