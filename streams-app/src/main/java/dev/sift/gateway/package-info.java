/**
 * The edge gateway as an application: {@link dev.sift.gateway.GatewayApplication} is the Micronaut main class of the
 * deployable, {@link dev.sift.gateway.EmbeddedGateway} the same gateway started inside another JVM (the demo,
 * integration tests, benchmarks) with property overrides.
 *
 * <p>Everything the gateway does lives in the feature packages below this one: the Kafka Streams path of a snippet
 * ({@link dev.sift.gateway.topology}), the filter policies, their API and the forward rule
 * ({@link dev.sift.gateway.policy}), the
 * audit sample ({@link dev.sift.gateway.audit}), the model lifecycle: the live model and the releases that replace it
 * ({@link dev.sift.gateway.release}), the rest of the ops API (its credentials
 * {@link dev.sift.gateway.ops}, {@link dev.sift.gateway.whatif}, {@link dev.sift.gateway.dashboard}), metrics and dead-letter handlers
 * ({@link dev.sift.gateway.metrics}), health ({@link dev.sift.gateway.health}) and the wiring of them all
 * ({@link dev.sift.gateway.config}).
 *
 * <p>None of the gateway's beans exist in model-ops' Micronaut environment ({@code model-ops}): a JVM that has both on
 * its class path (the demo, the loop's integration tests) starts model-ops without a gateway inside it.
 */
@Configuration
@Requires(notEnv = "model-ops")
package dev.sift.gateway;

import io.micronaut.context.annotation.Configuration;
import io.micronaut.context.annotation.Requires;
