package dev.sift.modelops.dataset;

import java.util.Locale;

/** Who said a turn of a dialogue. */
public enum Speaker {
    /** The person the product listens to. */
    USER,
    /** The agent, bot or service answering. */
    SYSTEM;

    /**
     * @param name {@code user} or {@code system}, any case
     * @return the speaker
     * @throws IllegalArgumentException for any other name
     */
    public static Speaker of(String name) {
        if (name != null) {
            switch (name.trim().toLowerCase(Locale.ROOT)) {
                case "user":
                    return USER;
                case "system":
                    return SYSTEM;
                default:
                    break;
            }
        }
        throw new IllegalArgumentException("unknown speaker '" + name + "' (user, system)");
    }
}
