package dev.sift.localkafka;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a local broker from the command line until interrupted:
 * {@code LocalKafkaMain [port] [data-dir]}. Handy to run the streams app or model-ops against a real broker
 * without installing Kafka.
 */
public final class LocalKafkaMain {

    private LocalKafkaMain() {
    }

    /**
     * @param args optional client port and data directory
     * @throws InterruptedException when interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        // Before any logger exists; a library jar must not ship a logback.xml that other applications would pick up.
        System.setProperty("logback.configurationFile", "logback-local-kafka.xml");
        if (args.length > 2 || (args.length > 0 && !args[0].matches("\\d{1,5}"))) {
            System.err.println("usage: java -jar local-kafka.jar [port] [data-dir]");
            System.exit(args.length > 0 && args[0].matches("-h|--help") ? 0 : 2);
        }
        LocalKafkaBroker.Builder builder = LocalKafkaBroker.builder();
        if (args.length > 0) {
            builder.port(Integer.parseInt(args[0]));
        }
        if (args.length > 1) {
            builder.dataDir(Path.of(args[1]));
        }
        LocalKafkaBroker broker = builder.build();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "local-kafka-shutdown"));
        broker.start();
        System.out.println("Kafka is listening on " + broker.bootstrapServers() + " (data: " + broker.dataDir()
                + "). Ctrl-C stops it.");
        stopped.await();
    }
}
