#!/bin/bash
# Starts a Kafka node of the compose cluster: writes its JAAS file (the administrator it logs in as, and the users
# its SASL/PLAIN listeners accept) from the passwords in its environment, readable by its user only, then starts
# Kafka as the apache/kafka image does. The image's own settings from KAFKA_* variables cannot carry a JAAS setting
# (it drops values holding '='), hence the file.
set -euo pipefail
umask 077
jaas=/tmp/sift-kafka-jaas.conf
cat > "$jaas" <<JAAS
KafkaServer {
  org.apache.kafka.common.security.plain.PlainLoginModule required
  username="admin"
  password="${SIFT_KAFKA_ADMIN_PASSWORD:?}"
  user_admin="${SIFT_KAFKA_ADMIN_PASSWORD:?}"
  user_gateway="${SIFT_KAFKA_GATEWAY_PASSWORD:?}"
  user_opsapi="${SIFT_KAFKA_OPSAPI_PASSWORD:?}"
  user_modelops="${SIFT_KAFKA_MODELOPS_PASSWORD:?}"
  user_platform="${SIFT_KAFKA_PLATFORM_PASSWORD:?}";
};
JAAS
# The health check's credentials.
/bin/bash /opt/sift/admin-client.sh /tmp/sift-admin.properties
export KAFKA_OPTS="${KAFKA_OPTS:-} -Djava.security.auth.login.config=$jaas"
exec /etc/kafka/docker/run
