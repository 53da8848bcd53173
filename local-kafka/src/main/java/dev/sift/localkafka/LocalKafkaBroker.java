package dev.sift.localkafka;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Apache Kafka broker (KRaft, combined broker and controller) in a child JVM, started from the
 * Kafka jars on Maven Central: no Docker, no download. It can be stopped, killed with {@code kill -9} and restarted
 * on the same data directory and ports, which is what crash tests need.
 *
 * <p>Settings are those a single node needs to run exactly-once applications: replication factor 1 for the internal
 * topics (without it an {@code exactly_once_v2} app hangs silently), short broker session timeouts so a restart
 * after {@code kill -9} is quick, and a small log-cleaner buffer (the 128 MiB default dominates memory).
 *
 * <p>Optionally it authenticates clients with SASL (PLAIN or SCRAM, over TLS too) and authorizes them with KRaft's
 * {@code StandardAuthorizer}, an administrator being the only super user: what a production cluster with ACLs does.
 */
public final class LocalKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalKafkaBroker.class);
    private static final String KAFKA_MAIN = "kafka.Kafka";
    private static final String STORAGE_TOOL = "kafka.tools.StorageTool";

    private final Path dataDir;
    private final int port;
    private final int controllerPort;
    private final String clientProtocol;
    private final boolean deleteDataOnClose;
    private final Map<String, String> extraProperties;
    private final Map<String, Object> clientProperties;
    private final List<String> jvmOptions;
    private final BrokerSecurity security;
    private final Duration startTimeout;
    private final ChildJvm jvm;

    private LocalKafkaBroker(Builder builder) {
        try {
            this.dataDir = builder.dataDir != null ? builder.dataDir : Files.createTempDirectory("sift-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a data directory for the broker", e);
        }
        this.deleteDataOnClose = builder.dataDir == null || builder.deleteDataOnClose;
        this.port = builder.port > 0 ? builder.port : FreePorts.next();
        this.controllerPort = builder.controllerPort > 0 ? builder.controllerPort : FreePorts.next();
        this.security = builder.security();
        this.clientProtocol = security == null ? builder.clientProtocol : saslProtocol(builder.clientProtocol);
        this.extraProperties = Map.copyOf(builder.extraProperties);
        Map<String, Object> clients = new LinkedHashMap<>();
        if (security != null) {
            clients.putAll(security.adminClientProperties(clientProtocol));
        }
        clients.putAll(builder.clientProperties);
        this.clientProperties = Map.copyOf(clients);
        List<String> options = new ArrayList<>(builder.jvmOptions);
        options.add("-Dlog4j2.configurationFile=" + dataDir.resolve("log4j2.properties"));
        this.jvmOptions = List.copyOf(options);
        this.startTimeout = builder.startTimeout;
        this.jvm = ChildJvm.builder("kafka")
                .classpath(brokerClasspath())
                .mainClass(KAFKA_MAIN)
                .jvmOptions(jvmOptions)
                .arguments(List.of(serverProperties().toString()))
                .logFile(dataDir.resolve("broker.log"))
                .build();
    }

    /** @return a builder with defaults: temporary data directory, free ports */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Formats the storage on first use, starts the broker and waits until it answers.
     *
     * @return this broker
     */
    public synchronized LocalKafkaBroker start() {
        if (jvm.isRunning()) {
            return this;
        }
        writeConfiguration();
        formatStorageIfNeeded();
        Instant begin = Instant.now();
        jvm.start();
        awaitReady();
        LOG.info("Kafka broker ready on {} in {} ms (pid {}, data {})", bootstrapServers(),
                Duration.between(begin, Instant.now()).toMillis(), jvm.pid(), dataDir);
        return this;
    }

    /** Stops the broker cleanly (controlled shutdown). */
    public synchronized void stop() {
        jvm.stop(Duration.ofSeconds(30));
    }

    /** Kills the broker with {@code SIGKILL}: no controlled shutdown, no flush beyond what the OS holds. */
    public synchronized void kill() {
        jvm.kill();
    }

    /** Starts the broker again on the same data directory and ports. */
    public synchronized void restart() {
        stop();
        start();
    }

    /** @return whether the broker JVM is alive */
    public boolean isRunning() {
        return jvm.isRunning();
    }

    /** @return the broker JVM's process id */
    public long pid() {
        return jvm.pid();
    }

    /** @return {@code host:port} of the client listener */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** @return the client listener's port */
    public int port() {
        return port;
    }

    /** @return where the broker keeps its logs and metadata */
    public Path dataDir() {
        return dataDir;
    }

    /** @return the broker's log file */
    public Path logFile() {
        return jvm.logFile();
    }

    /**
     * Client settings that reach this broker: bootstrap servers plus any security settings it was built with (with
     * SASL, those of its administrator, a super user when the authorizer is on).
     *
     * @return a new mutable map
     */
    public Map<String, Object> clientConfig() {
        Map<String, Object> config = new LinkedHashMap<>(clientProperties);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return config;
    }

    /**
     * Client settings that log in as another SASL user of this broker (see {@link Builder#saslUser}); TLS settings
     * given with {@link Builder#clientProperty} are kept.
     *
     * @param user the user name
     * @param password its password
     * @return a new mutable map
     * @throws IllegalStateException when the broker has no SASL listener
     */
    public Map<String, Object> clientConfig(String user, String password) {
        if (security == null) {
            throw new IllegalStateException("this broker authenticates no one: build it with sasl(...)");
        }
        Map<String, Object> config = clientConfig();
        config.putAll(security.clientProperties(clientProtocol, user, password));
        return config;
    }

    @Override
    public synchronized void close() {
        stop();
        if (deleteDataOnClose) {
            deleteRecursively(dataDir);
        }
    }

    private static String saslProtocol(String protocol) {
        return switch (protocol) {
            case "PLAINTEXT", "SASL_PLAINTEXT" -> "SASL_PLAINTEXT";
            case "SSL", "SASL_SSL" -> "SASL_SSL";
            default -> throw new IllegalArgumentException("unknown security protocol " + protocol);
        };
    }

    private Path serverProperties() {
        return dataDir.resolve("server.properties");
    }

    private void writeConfiguration() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        props.put("listeners", clientProtocol + "://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", clientProtocol + "://127.0.0.1:" + port);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", clientProtocol);
        props.put("listener.security.protocol.map", clientProtocol + ":" + clientProtocol + ",CONTROLLER:"
                + (security == null ? "PLAINTEXT" : BrokerSecurity.CONTROLLER_PROTOCOL));
        props.put("log.dirs", dataDir.resolve("logs").toString());
        props.put("num.partitions", "1");
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "4");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "4");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("min.insync.replicas", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("broker.session.timeout.ms", "1500");
        props.put("broker.heartbeat.interval.ms", "500");
        props.put("log.cleaner.dedupe.buffer.size", "16777216");
        props.put("auto.create.topics.enable", "false");
        if (security != null) {
            props.putAll(security.brokerProperties(clientProtocol));
        }
        props.putAll(extraProperties);
        StringBuilder out = new StringBuilder("# Written by Sift's LocalKafkaBroker\n");
        props.forEach((k, v) -> out.append(k).append('=').append(v.replace("\\", "\\\\")).append('\n'));
        try {
            Files.createDirectories(dataDir);
            Files.writeString(serverProperties(), out.toString(), StandardCharsets.UTF_8);
            Files.writeString(dataDir.resolve("log4j2.properties"), LOG4J_CONFIG, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the broker configuration", e);
        }
    }

    private static final String LOG4J_CONFIG = String.join("\n",
            "status = error",
            "appender.console.type = Console",
            "appender.console.name = console",
            "appender.console.layout.type = PatternLayout",
            "appender.console.layout.pattern = [%d] %p %m (%c)%n",
            "rootLogger.level = warn",
            "rootLogger.appenderRef.console.ref = console",
            "logger.server.name = kafka.server.KafkaRaftServer",
            "logger.server.level = info",
            "");

    private void formatStorageIfNeeded() {
        if (Files.exists(dataDir.resolve("logs").resolve("meta.properties"))) {
            return;
        }
        List<String> arguments = new ArrayList<>(List.of("format", "--cluster-id=" + clusterId(), "-c",
                serverProperties().toString(), "--ignore-formatted"));
        if (security != null) {
            arguments.addAll(security.formatArguments());
        }
        ChildJvm format = ChildJvm.builder("kafka-format")
                .classpath(brokerClasspath())
                .mainClass(STORAGE_TOOL)
                .jvmOptions(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                        "-Dlog4j2.configurationFile=" + dataDir.resolve("log4j2.properties")))
                .arguments(arguments)
                .logFile(dataDir.resolve("format.log"))
                .build();
        format.start();
        try {
            if (!format.process().waitFor(60, TimeUnit.SECONDS) || format.process().exitValue() != 0) {
                format.kill();
                throw new IllegalStateException("formatting the broker storage failed:\n" + format.logTail(30));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            format.kill();
            throw new IllegalStateException("interrupted while formatting the broker storage", e);
        }
    }

    /**
     * A Kafka cluster id is 16 random bytes in URL-safe base64 without padding. It may start with '-', which is why
     * it is passed as {@code --cluster-id=<id>}: as a separate argument it would read as an option.
     */
    private static String clusterId() {
        UUID uuid = UUID.randomUUID();
        byte[] bytes = java.nio.ByteBuffer.allocate(16)
                .putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits()).array();
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(startTimeout);
        Properties props = new Properties();
        props.putAll(clientConfig());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2_000);
        try (Admin admin = Admin.create(props)) {
            while (true) {
                if (!jvm.isRunning()) {
                    throw new IllegalStateException("the Kafka broker exited during start-up:\n" + jvm.logTail(40));
                }
                try {
                    if (!admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (Exception notYet) {
                    if (notYet instanceof InterruptedException) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while waiting for the broker");
                    }
                }
                if (Instant.now().isAfter(deadline)) {
                    jvm.kill();
                    throw new IllegalStateException("the Kafka broker did not answer within " + startTimeout
                            + ":\n" + jvm.logTail(40));
                }
                sleep(100);
            }
        }
    }

    private List<String> brokerClasspath() {
        try (InputStream in = LocalKafkaBroker.class.getResourceAsStream("broker.classpath")) {
            if (in == null) {
                throw new IllegalStateException("broker.classpath is missing: build the local-kafka module with Maven");
            }
            String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
            List<String> entries = new ArrayList<>(Arrays.asList(line.trim().split(java.io.File.pathSeparator)));
            for (String entry : entries) {
                if (!Files.exists(Path.of(entry))) {
                    throw new IllegalStateException("broker jar missing: " + entry + " (run ./mvnw install)");
                }
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read broker.classpath", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("could not delete {}: {}", dir, e.getMessage());
        }
    }

    /** Describes a broker. */
    public static final class Builder {
        private Path dataDir;
        private boolean deleteDataOnClose;
        private int port;
        private int controllerPort;
        private String clientProtocol = "PLAINTEXT";
        private final Map<String, String> extraProperties = new LinkedHashMap<>();
        private final Map<String, Object> clientProperties = new LinkedHashMap<>();
        private SaslMechanism saslMechanism;
        private String saslAdmin;
        private String saslAdminPassword;
        private final Map<String, String> saslUsers = new LinkedHashMap<>();
        private boolean authorizer;
        private final List<String> jvmOptions = new ArrayList<>(List.of(
                "-Xms128m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        private Duration startTimeout = Duration.ofSeconds(60);

        private Builder() {
        }

        /**
         * @param dir data directory to keep (and reuse across restarts); default: a temporary one
         * @return this builder
         */
        public Builder dataDir(Path dir) {
            this.dataDir = dir;
            return this;
        }

        /**
         * @param delete whether {@link #close()} deletes a given data directory
         * @return this builder
         */
        public Builder deleteDataOnClose(boolean delete) {
            this.deleteDataOnClose = delete;
            return this;
        }

        /**
         * @param clientPort port of the client listener; default: a free one
         * @return this builder
         */
        public Builder port(int clientPort) {
            this.port = clientPort;
            return this;
        }

        /**
         * @param protocol security protocol of the client listener, also used between brokers: {@code PLAINTEXT}
         *     (default), {@code SSL}, {@code SASL_PLAINTEXT} or {@code SASL_SSL}; TLS settings (key store) go in
         *     {@link #brokerProperty}, the clients' (trust store) in {@link #clientProperty}; SASL comes with
         *     {@link #sasl}
         * @return this builder
         */
        public Builder clientProtocol(String protocol) {
            this.clientProtocol = protocol;
            return this;
        }

        /**
         * @param key broker setting to add or override (e.g. a SASL_SSL listener)
         * @param value its value
         * @return this builder
         */
        public Builder brokerProperty(String key, String value) {
            extraProperties.put(key, value);
            return this;
        }

        /**
         * @param key client setting every client of this broker needs (e.g. security settings)
         * @param value its value
         * @return this builder
         */
        public Builder clientProperty(String key, Object value) {
            clientProperties.put(key, value);
            return this;
        }

        /**
         * Authenticates every client with SASL: the client listener becomes {@code SASL_PLAINTEXT} (or
         * {@code SASL_SSL} when {@link #clientProtocol} chose TLS), the controller listener authenticates with PLAIN,
         * and the broker, its controller and {@link LocalKafkaBroker#clientConfig()} log in as this administrator.
         * SCRAM users (the administrator included) are created when the storage is first formatted: in KRaft, the
         * only way to have the credentials a SASL listener needs before the broker first starts.
         *
         * @param mechanism how clients authenticate
         * @param admin the administrator's user name (a super user when {@link #authorizer()} is on)
         * @param password its password (letters, digits and {@code ._~+-})
         * @return this builder
         */
        public Builder sasl(SaslMechanism mechanism, String admin, String password) {
            this.saslMechanism = mechanism;
            this.saslAdmin = admin;
            this.saslAdminPassword = password;
            return this;
        }

        /**
         * Adds a SASL user besides the administrator; {@link LocalKafkaBroker#clientConfig(String, String)} gives
         * its client settings.
         *
         * @param user user name, the principal {@code User:<user>} ACLs name
         * @param password its password (letters, digits and {@code ._~+-})
         * @return this builder
         */
        public Builder saslUser(String user, String password) {
            saslUsers.put(user, password);
            return this;
        }

        /**
         * Authorizes every request with KRaft's {@code StandardAuthorizer}: the administrator given to
         * {@link #sasl} is the only super user, and every other user may do only what ACLs allow (no ACL, no
         * access). Needs {@link #sasl}.
         *
         * @return this builder
         */
        public Builder authorizer() {
            this.authorizer = true;
            return this;
        }

        /**
         * @param option an extra JVM option for the broker
         * @return this builder
         */
        public Builder jvmOption(String option) {
            jvmOptions.add(option);
            return this;
        }

        /**
         * @param timeout how long start-up may take
         * @return this builder
         */
        public Builder startTimeout(Duration timeout) {
            this.startTimeout = timeout;
            return this;
        }

        /** @return the broker, not started */
        public LocalKafkaBroker build() {
            return new LocalKafkaBroker(this);
        }

        private BrokerSecurity security() {
            if (saslMechanism == null) {
                if (authorizer || !saslUsers.isEmpty()) {
                    throw new IllegalStateException("users and the authorizer need sasl(...)");
                }
                return null;
            }
            return new BrokerSecurity(saslMechanism, saslAdmin, saslAdminPassword, saslUsers, authorizer);
        }
    }
}
