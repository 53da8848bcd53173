# Sift edge gateway (streams-app). Build from the repository root:
#   docker build -f docker/streams-app.Dockerfile -t sift/gateway .
# The default model bundle is built into the image at build time: the container never downloads a model.
# Mount another bundle and set SIFT_MODEL_BUNDLE to serve it instead, or let signed releases replace it live.

FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
ENV SIFT_HOME=/sift-home
RUN ./mvnw -B -q install -DskipTests \
 && java -jar model-ops/target/model-ops.jar build-default \
 && mkdir -p /out/model \
 && cp -r "$SIFT_HOME"/bundles/sift-default-*/. /out/model/ \
 && cp -r streams-app/target/sift-gateway.jar streams-app/target/lib /out/

FROM eclipse-temurin:17-jre
RUN groupadd --system sift && useradd --system --gid sift --home-dir /opt/sift --shell /usr/sbin/nologin sift
WORKDIR /opt/sift
COPY --from=build --chown=sift:sift /out/ /opt/sift/
RUN mkdir -p /var/lib/sift && chown sift:sift /var/lib/sift
USER sift
ENV SIFT_MODEL_BUNDLE=/opt/sift/model \
    SIFT_STATE_DIR=/var/lib/sift/streams \
    SIFT_RELEASE_CACHE=/var/lib/sift/releases \
    SIFT_HTTP_PORT=8080 \
    MALLOC_ARENA_MAX=2 \
    JAVA_TOOL_OPTIONS="-Xms32m -Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=32m -Xss512k -XX:+ExitOnOutOfMemoryError"
VOLUME /var/lib/sift
EXPOSE 8080
# Bash's /dev/tcp: the JRE image has no curl, and a health check must not need one.
HEALTHCHECK --interval=15s --timeout=5s --start-period=90s --retries=3 \
  CMD bash -c 'exec 3<>/dev/tcp/127.0.0.1/${SIFT_HTTP_PORT} && printf "GET /health HTTP/1.0\r\n\r\n" >&3 && grep -q "\"UP\"" <&3'
ENTRYPOINT ["java", "-jar", "/opt/sift/sift-gateway.jar"]
