package dev.sift.gateway.topology;

/**
 * What the gateway accepts from its input topic and may write to its output topics.
 *
 * @param input the input limits ({@code sift.input.*})
 * @param output the output limit ({@code sift.output.*})
 */
public record RecordLimits(InputLimits input, OutputLimits output) {

    /** The defaults. */
    public static final RecordLimits DEFAULTS = new RecordLimits(InputLimits.DEFAULTS, OutputLimits.DEFAULTS);
}
