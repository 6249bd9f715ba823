# syntax=docker/dockerfile:1
# The fer images, CPU build. Build context: the repository root (as docker-compose.yml sets it).
#   target fer        the `fer` launcher with every command (the compose file's producer runs `fer produce`)
#   target processor  `fer process`; HEALTHCHECK on /health/ready
#   target trainer    `fer trainer serve`; HEALTHCHECK on its /status endpoint
# GPU hosts: fer.gpu.Dockerfile.
ARG MAVEN_IMAGE=maven:3.9-eclipse-temurin-17
ARG JRE_IMAGE=eclipse-temurin:17-jre

FROM ${MAVEN_IMAGE} AS build
WORKDIR /src
COPY . .
# ~/.m2 is a build cache, not a layer: a rebuild after a source change downloads nothing.
RUN --mount=type=cache,target=/root/.m2 sh ops/docker/maven-build.sh

FROM ${JRE_IMAGE} AS fer
COPY ops/docker/runtime-setup.sh /tmp/
RUN sh /tmp/runtime-setup.sh && rm /tmp/runtime-setup.sh
COPY --from=build /out/lib /opt/fer/lib
COPY --chown=fer:fer models /opt/fer/models
COPY --chmod=755 ops/docker/fer-launcher.sh /usr/local/bin/fer
COPY ops/scripts/onednn-isa.sh /opt/fer/onednn-isa.sh
# Half the memory for the heap: ND4J and libtorch allocate their arrays outside it.
ENV FER_JAVA_OPTS="-XX:MaxRAMPercentage=50" DJL_OFFLINE=true PYTORCH_FLAVOR=cpu PYTORCH_VERSION=2.7.1
WORKDIR /opt/fer
USER fer
ENTRYPOINT ["fer"]
CMD ["--help"]

FROM fer AS processor
EXPOSE 8080
# Ready = Kafka Streams RUNNING and a model in service; the start period covers loading and warming the model.
HEALTHCHECK --interval=10s --timeout=3s --start-period=180s --retries=3 \
  CMD curl -fsS "http://127.0.0.1:${FER_HTTP_PORT:-8080}/health/ready" || exit 1
CMD ["process"]

FROM fer AS trainer
EXPOSE 8090
HEALTHCHECK --interval=15s --timeout=3s --start-period=120s --retries=3 \
  CMD curl -fsS "http://127.0.0.1:${FER_HTTP_PORT:-8090}/status" || exit 1
CMD ["trainer", "serve"]
