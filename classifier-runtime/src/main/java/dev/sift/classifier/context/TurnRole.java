package dev.sift.classifier.context;

import java.util.Locale;

/**
 * Which side of a conversation a turn is on, as context sees it: the people the product listens to, or the service
 * answering them. Platforms name roles in many ways; {@link #of(String)} is the one place those names are read.
 */
public enum TurnRole {
    /** A customer, user or participant: the side whose intents the filter looks for. */
    CUSTOMER,
    /** An agent, bot or system answering. */
    SERVICE;

    /**
     * @param name {@code customer}, {@code user}, {@code participant}, {@code unknown} (customer side) or
     *     {@code agent}, {@code bot}, {@code system} (service side), any case
     * @return the role
     * @throws IllegalArgumentException for any other name
     */
    public static TurnRole of(String name) {
        if (name != null) {
            switch (name.trim().toLowerCase(Locale.ROOT)) {
                case "customer", "user", "participant", "unknown":
                    return CUSTOMER;
                case "agent", "bot", "system", "service":
                    return SERVICE;
                default:
                    break;
            }
        }
        throw new IllegalArgumentException("unknown speaker role '" + name
                + "' (customer, user, participant, unknown; agent, bot, system)");
    }
}
