#!/bin/bash
# Writes the Kafka client properties of the cluster's administrator (its only super user) to the file given,
# readable by its owner only: what the nodes' health check and the ACL script log in with.
set -euo pipefail
umask 077
cat > "$1" <<PROPERTIES
security.protocol=SASL_PLAINTEXT
sasl.mechanism=PLAIN
sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="${SIFT_KAFKA_ADMIN_PASSWORD:?}";
PROPERTIES
