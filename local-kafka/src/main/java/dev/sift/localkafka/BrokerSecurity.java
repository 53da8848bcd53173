package dev.sift.localkafka;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The SASL and authorization settings of a {@link LocalKafkaBroker}: one administrator (the super user the broker,
 * its controller and {@link LocalKafkaBroker#clientConfig()} act as) and any number of other users.
 *
 * <p>The controller listener always authenticates with PLAIN as the administrator: KRaft controllers cannot use SCRAM
 * (its credentials live in the metadata the controller serves), and an unauthenticated controller listener would make
 * whoever reaches it a super user once an authorizer is on.
 */
final class BrokerSecurity {

    static final String CONTROLLER_PROTOCOL = "SASL_PLAINTEXT";
    static final String STANDARD_AUTHORIZER = "org.apache.kafka.metadata.authorizer.StandardAuthorizer";

    /** Characters that survive the JAAS setting and the storage tool's {@code --add-scram} syntax unquoted. */
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._~+-]+");

    private final SaslMechanism mechanism;
    private final String admin;
    private final String adminPassword;
    private final Map<String, String> users;
    private final boolean authorizer;

    BrokerSecurity(SaslMechanism mechanism, String admin, String adminPassword, Map<String, String> users,
            boolean authorizer) {
        this.mechanism = mechanism;
        this.admin = safe("user name", admin);
        this.adminPassword = safe("password", adminPassword);
        users.forEach((user, password) -> {
            safe("user name", user);
            safe("password", password);
        });
        this.users = Map.copyOf(users);
        this.authorizer = authorizer;
    }

    SaslMechanism mechanism() {
        return mechanism;
    }

    /**
     * @param clientProtocol the client listener's protocol ({@code SASL_PLAINTEXT} or {@code SASL_SSL}), which is
     *     also its listener name
     * @return the broker settings
     */
    Map<String, String> brokerProperties(String clientProtocol) {
        Map<String, String> props = new LinkedHashMap<>();
        String mechanismKey = mechanism.kafkaName().toLowerCase(Locale.ROOT);
        props.put("sasl.enabled.mechanisms", mechanism.kafkaName());
        props.put("sasl.mechanism.inter.broker.protocol", mechanism.kafkaName());
        props.put("listener.name." + clientProtocol.toLowerCase(Locale.ROOT) + "." + mechanismKey
                + ".sasl.jaas.config", serverJaas(mechanism, mechanism.isScram() ? Map.of() : allUsers()));
        props.put("sasl.mechanism.controller.protocol", SaslMechanism.PLAIN.kafkaName());
        props.put("listener.name.controller.sasl.enabled.mechanisms", SaslMechanism.PLAIN.kafkaName());
        props.put("listener.name.controller.plain.sasl.jaas.config",
                serverJaas(SaslMechanism.PLAIN, Map.of(admin, adminPassword)));
        if (authorizer) {
            props.put("authorizer.class.name", STANDARD_AUTHORIZER);
            props.put("super.users", "User:" + admin);
        }
        return props;
    }

    /** @return the storage tool's arguments that create the SCRAM users (none for PLAIN) */
    List<String> formatArguments() {
        List<String> arguments = new ArrayList<>();
        if (mechanism.isScram()) {
            allUsers().forEach((user, password) -> {
                arguments.add("--add-scram");
                arguments.add(mechanism.kafkaName() + "=[name=" + user + ",password=" + password + "]");
            });
        }
        return arguments;
    }

    /** @return the administrator's client settings */
    Map<String, Object> adminClientProperties(String clientProtocol) {
        return clientProperties(clientProtocol, admin, adminPassword);
    }

    /**
     * @param clientProtocol the client listener's protocol
     * @param user a user of this broker
     * @param password its password
     * @return the client settings that log in as that user
     */
    Map<String, Object> clientProperties(String clientProtocol, String user, String password) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("security.protocol", clientProtocol);
        props.put("sasl.mechanism", mechanism.kafkaName());
        props.put("sasl.jaas.config", mechanism.clientJaas(user, password));
        return props;
    }

    private Map<String, String> allUsers() {
        Map<String, String> all = new LinkedHashMap<>();
        all.put(admin, adminPassword);
        all.putAll(users);
        return all;
    }

    /** The broker side logs in as the administrator; PLAIN also lists every user it accepts. */
    private String serverJaas(SaslMechanism serverMechanism, Map<String, String> accepted) {
        String jaas = serverMechanism.clientJaas(admin, adminPassword);
        StringBuilder out = new StringBuilder(jaas.substring(0, jaas.length() - 1));
        accepted.forEach((user, password) -> out.append(" user_").append(user).append("=\"").append(password)
                .append('"'));
        return out.append(';').toString();
    }

    private static String safe(String what, String value) {
        if (value == null || !SAFE.matcher(value).matches()) {
            throw new IllegalArgumentException("a SASL " + what + " may only hold letters, digits and ._~+-");
        }
        return value;
    }
}
