# Sift model-ops service: scheduled and on-demand re-optimization, signed releases. Build from the repository root:
#   docker build -f docker/model-ops.Dockerfile -t sift/model-ops .
# The default FP32 bundle (the base it optimizes) is built into the image: nothing is downloaded at start.

FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
ENV SIFT_HOME=/sift-home
RUN ./mvnw -B -q install -DskipTests \
 && java -jar model-ops/target/model-ops.jar build-default \
 && mkdir -p /out/model \
 && cp -r "$SIFT_HOME"/bundles/sift-default-*/. /out/model/ \
 && cp -r model-ops/target/model-ops.jar model-ops/target/lib /out/

FROM eclipse-temurin:17-jre
RUN groupadd --system sift && useradd --system --gid sift --home-dir /opt/sift --shell /usr/sbin/nologin sift
WORKDIR /opt/sift
COPY --from=build --chown=sift:sift /out/ /opt/sift/
RUN mkdir -p /var/lib/sift && chown sift:sift /var/lib/sift
USER sift
ENV SIFT_HOME=/var/lib/sift/cache \
    SIFT_BASE_BUNDLE=/opt/sift/model \
    SIFT_MODEL_STORE=/var/lib/sift/store \
    SIFT_MODEL_OPS_PORT=8081 \
    MALLOC_ARENA_MAX=2 \
    JAVA_TOOL_OPTIONS="-Xms128m -Xmx1g -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError"
VOLUME /var/lib/sift
EXPOSE 8081
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s --retries=3 \
  CMD bash -c 'exec 3<>/dev/tcp/127.0.0.1/${SIFT_MODEL_OPS_PORT} && printf "GET /health HTTP/1.0\r\n\r\n" >&3 && grep -q "\"UP\"" <&3'
ENTRYPOINT ["java", "-jar", "/opt/sift/model-ops.jar", "serve"]
