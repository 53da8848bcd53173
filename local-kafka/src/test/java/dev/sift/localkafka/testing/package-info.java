/**
 * What other modules' integration tests take from the local broker: {@link dev.sift.localkafka.testing.SharedBroker},
 * one broker for every test class of a run that keeps to its own topics. Shipped as this module's test jar.
 */
package dev.sift.localkafka.testing;
