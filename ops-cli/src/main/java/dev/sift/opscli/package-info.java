/**
 * {@code sift-ops}, the operators' command line ({@link dev.sift.opscli.OpsCli}, picocli): {@code policies} (list, get,
 * validate, set, delete, history), the what-if questions ({@code what-if}, {@code auto}, {@code curves} as a PNG
 * chart), {@code quality} (model-ops' estimate of the filter's recall and precision) and {@code acls} (a deployment's
 * Kafka ACLs, printed as a {@code kafka-acls.sh} script or applied with the Admin client).
 * {@link dev.sift.opscli.GatewayClient} calls the HTTP APIs with the read or ops token.
 *
 * <p>A client only: policies are validated and stored by the gateway ({@code dev.sift.gateway.policy}), what-if answers
 * are computed there ({@code dev.sift.gateway.whatif}), the quality estimate by model-ops
 * ({@code dev.sift.modelops.learning}), and the ACL rules are {@code dev.sift.schema.acl.SiftAcls}.
 */
package dev.sift.opscli;
