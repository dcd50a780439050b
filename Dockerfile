# The sandbox-pipeline launcher as a container image: one image for every stage and the emulator, chosen by the
# arguments, e.g. `docker run IMAGE run submitter` or `docker run IMAGE emulator --host 0.0.0.0`.
#
#   docker build -t ghcr.io/OWNER/sandbox-pipeline:0.1.0 .
#
# Configuration comes from the environment (SANDBOX_URL, SANDBOX_API_KEY or SANDBOX_API_KEY_FILE,
# KAFKA_BOOTSTRAP_SERVERS, SCHEMA_REGISTRY_URL, SP_<KEY>) or `--config FILE`; see README.md and docs/operations.md.

# --- build: the shaded launcher jar, tests skipped (CI runs them) ---
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
# -am builds the modules the app depends on; no BuildKit-only syntax, so docker-compose 1.x's builder works too
RUN mvn -B -q -DskipTests -pl app -am package \
    && cp app/target/sandbox-pipeline.jar /sandbox-pipeline.jar

# --- runtime: a JRE and the jar, running as an unprivileged user ---
FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 sandbox \
    && useradd --system --uid 10001 --gid sandbox --home-dir /app --no-create-home --shell /usr/sbin/nologin sandbox \
    && mkdir -p /app /var/lib/sandbox-pipeline/state \
    && chown -R 10001:10001 /var/lib/sandbox-pipeline
COPY --from=build --chown=root:root /sandbox-pipeline.jar /app/sandbox-pipeline.jar
# Kafka Streams state (RocksDB); mount a volume here to keep it across restarts
ENV STATE_DIR=/var/lib/sandbox-pipeline/state
# heap share of the container's memory limit: RocksDB, thread stacks and direct buffers need the rest;
# exit on OOM so the orchestrator restarts a clean process instead of a half-working one
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=60 -XX:+ExitOnOutOfMemoryError"
USER 10001:10001
# 9464: ops endpoints (/metrics, /health/live, /health/ready); 8089: the emulator
EXPOSE 9464 8089
ENTRYPOINT ["java","-jar","/app/sandbox-pipeline.jar"]
CMD ["--help"]
