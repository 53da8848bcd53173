# Load generator: generated multi-party conversation snippets at a steady rate (sift-demo load).
#   docker build -f docker/loadgen.Dockerfile -t sift/loadgen .

FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q install -DskipTests -pl demo -am \
 && mkdir -p /out && cp -r demo/target/sift-demo.jar demo/target/lib /out/

FROM eclipse-temurin:17-jre
RUN groupadd --system sift && useradd --system --gid sift --home-dir /opt/sift --shell /usr/sbin/nologin sift
WORKDIR /opt/sift
COPY --from=build --chown=sift:sift /out/ /opt/sift/
USER sift
ENV JAVA_TOOL_OPTIONS="-Xmx128m -XX:+UseSerialGC"
ENTRYPOINT ["java", "-jar", "/opt/sift/sift-demo.jar", "load"]
