package dev.sift.localkafka;

/** The SASL mechanisms a {@link LocalKafkaBroker} can authenticate its clients with. */
public enum SaslMechanism {

    /** User names and passwords listed in the broker's configuration; only over TLS outside a test. */
    PLAIN("PLAIN", "org.apache.kafka.common.security.plain.PlainLoginModule"),
    /** Salted challenge-response with credentials stored in the cluster metadata, SHA-256. */
    SCRAM_SHA_256("SCRAM-SHA-256", "org.apache.kafka.common.security.scram.ScramLoginModule"),
    /** Salted challenge-response with credentials stored in the cluster metadata, SHA-512. */
    SCRAM_SHA_512("SCRAM-SHA-512", "org.apache.kafka.common.security.scram.ScramLoginModule");

    private final String kafkaName;
    private final String loginModule;

    SaslMechanism(String kafkaName, String loginModule) {
        this.kafkaName = kafkaName;
        this.loginModule = loginModule;
    }

    /** @return the mechanism's name in Kafka settings ({@code sasl.mechanism}) */
    public String kafkaName() {
        return kafkaName;
    }

    /** @return whether the credentials live in the cluster metadata (SCRAM) rather than the broker configuration */
    public boolean isScram() {
        return this != PLAIN;
    }

    /**
     * The JAAS setting a client logs in with.
     *
     * @param user user name
     * @param password password
     * @return the value of {@code sasl.jaas.config}
     */
    public String clientJaas(String user, String password) {
        return loginModule + " required username=\"" + user + "\" password=\"" + password + "\";";
    }
}
