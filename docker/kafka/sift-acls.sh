#!/bin/sh
# Sift's Kafka ACLs (docs/security.md), as dev.sift.schema.acl.SiftAcls computes them.
# Written by `sift-ops acls` from a deployment's principals and names: regenerate, do not edit.
# Usage: <this script> <bootstrap servers> <admin client properties file>
set -eu
bootstrap=$1
admin_config=$2
acl() {
  "${KAFKA_HOME:-/opt/kafka}/bin/kafka-acls.sh" --bootstrap-server "$bootstrap" --command-config "$admin_config" --add "$@" > /dev/null
}

# platform: User:platform
acl --allow-principal User:platform --topic sift.snippets --operation Write
acl --allow-principal User:platform --topic sift.feedback --operation Write
acl --allow-principal User:platform --topic sift.llm-requests --operation Read
acl --allow-principal User:platform --topic sift.audit-requests --operation Read
acl --allow-principal User:platform --group sift-platform- --resource-pattern-type prefixed --operation Read

# gateway: User:gateway
acl --allow-principal User:gateway --topic sift.snippets --operation Read --operation Create
acl --allow-principal User:gateway --topic sift.filter-policies --operation Read --operation Create
acl --allow-principal User:gateway --topic sift.model-releases --operation Read --operation Create
acl --allow-principal User:gateway --topic sift.decisions --operation Write --operation Read --operation Create
acl --allow-principal User:gateway --topic sift.llm-requests --operation Write --operation Create
acl --allow-principal User:gateway --topic sift.audit-requests --operation Write --operation Create
acl --allow-principal User:gateway --topic sift.dead-letters --operation Write --operation Create
acl --allow-principal User:gateway --topic sift.feedback --operation Read --operation Create
acl --allow-principal User:gateway --topic sift.policy-audit --operation Read --operation Create
acl --allow-principal User:gateway --topic sift.label-dead-letters --operation Create
acl --allow-principal User:gateway --topic sift-gateway- --resource-pattern-type prefixed --operation All
acl --allow-principal User:gateway --group sift-gateway --operation Read
acl --allow-principal User:gateway --transactional-id sift-gateway- --resource-pattern-type prefixed --operation Write

# ops-api: User:opsapi
acl --allow-principal User:opsapi --topic sift.filter-policies --operation Write
acl --allow-principal User:opsapi --topic sift.policy-audit --operation Write
acl --allow-principal User:opsapi --transactional-id sift-policy-writer- --resource-pattern-type prefixed --operation Write

# model-ops: User:modelops
acl --allow-principal User:modelops --topic sift.snippets --operation Read
acl --allow-principal User:modelops --topic sift.model-releases --operation Read --operation Write
acl --allow-principal User:modelops --topic sift.llm-requests --operation Read
acl --allow-principal User:modelops --topic sift.audit-requests --operation Read
acl --allow-principal User:modelops --topic sift.feedback --operation Read --operation Write
acl --allow-principal User:modelops --topic sift.label-dead-letters --operation Write
acl --allow-principal User:modelops --group sift.labeler --operation Read
acl --allow-principal User:modelops --transactional-id sift.labeler- --resource-pattern-type prefixed --operation Write

echo "Sift ACLs applied"
