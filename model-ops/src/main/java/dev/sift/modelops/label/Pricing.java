package dev.sift.modelops.label;

/**
 * What tokens cost, per million, in one currency.
 *
 * @param inputPerMillion price of one million input tokens
 * @param outputPerMillion price of one million output tokens
 * @param currency currency code, for display
 */
public record Pricing(double inputPerMillion, double outputPerMillion, String currency) {

    /**
     * @param config labeler settings
     * @return their prices
     */
    public static Pricing of(LabelerConfig config) {
        return new Pricing(config.getInputPricePerMillion(), config.getOutputPricePerMillion(), config.getCurrency());
    }

    /**
     * @param usage tokens of one call
     * @return what they cost
     */
    public double cost(Usage usage) {
        return (usage.inputTokens() * inputPerMillion + usage.outputTokens() * outputPerMillion) / 1_000_000d;
    }
}
