/**
 * Who may do what on Sift's Kafka topics: the roles of the deployment (platforms, gateways, the ops API,
 * model-ops), the ACL bindings each role needs and nothing more, and their rendering as {@code kafka-acls.sh}
 * commands. docs/security.md mirrors these rules; {@code sift-ops acls} prints or applies them.
 */
package dev.sift.schema.acl;
