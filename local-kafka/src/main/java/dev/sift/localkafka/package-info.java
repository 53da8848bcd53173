/**
 * Real processes for tests, the demo and benchmarks, without Docker: {@link dev.sift.localkafka.LocalKafkaBroker} is a
 * single-node KRaft Kafka broker in a child JVM, started from the Kafka jars on Maven Central, that can be stopped,
 * killed with {@code kill -9} and restarted on the same data and ports, optionally with SASL (PLAIN or SCRAM,
 * {@link dev.sift.localkafka.SaslMechanism}) and KRaft's {@code StandardAuthorizer};
 * {@link dev.sift.localkafka.GatewayProcess} is a gateway in its own JVM. Both run through
 * {@link dev.sift.localkafka.ChildJvm} (classpath in an argument file), and every child starts with
 * {@link dev.sift.localkafka.ParentWatchdog}, so none outlives its parent. {@link dev.sift.localkafka.LocalKafkaMain}
 * runs a broker from the command line; {@link dev.sift.localkafka.FreePorts} finds ports.
 *
 * <p>Nothing of the product runs here: the gateway's code is streams-app's, only started from here.
 */
package dev.sift.localkafka;
