#!/usr/bin/env bash
# Audit and analytics catch-up benchmark (see BENCHMARKS.md). Usage: bench/catchup/run.sh [events] ["JVM options"]
# Builds what it needs, then runs everything itself: an in-JVM Kafka broker, the schema registry and an embedded
# PostgreSQL (platform-test), audit-service, analytics-service and the pass-through baseline as separate JVMs.
set -euo pipefail
cd "$(dirname "$0")/../.."
EVENTS="${1:-1000000}"
JVM="${2:--Xms128m -Xmx512m -XX:+UseSerialGC}"
for module in audit-service analytics-service; do
  [[ -f $module/target/$module.jar ]] || ./mvnw -q -f $module/pom.xml package -DskipTests
done
[[ -n $(ls local-stack/schema-registry/target/*-runner.jar 2>/dev/null) ]] || ./mvnw -q -f local-stack/schema-registry/pom.xml package -DskipTests
./mvnw -q -f bench/catchup/pom.xml package -DskipTests
CP="bench/catchup/target/classes:$(cat bench/catchup/target/classpath.txt)"
exec java -Xmx2g -XX:+UseParallelGC -Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.platform.events \
  -cp "$CP" io.platform.bench.catchup.CatchupBenchmark "$EVENTS" "$JVM"
