#!/usr/bin/env bash
# Gateway intake benchmark: accepted POST /api/v1/namespaces per second with JWT validation and durable publish,
# against the same endpoint with security and validation switched off, in the same run; GET p95 under that load.
# Usage: bench/gateway/run.sh [--duration 30] [--warmup 20] [--connections 16] [--threads 2] [--rounds 3]
# Needs wrk (apt-get install -y wrk) and the local-stack jars (registry, dev issuer) built.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
./mvnw -q -f gateway-service/pom.xml test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
CP="gateway-service/target/test-classes:gateway-service/target/classes:$(cat gateway-service/target/bench.classpath)"
exec java -Xms1g -Xmx1g ${BENCH_JAVA_OPTS:-} -Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.platform.events \
  -cp "$CP" io.platform.bench.gateway.IntakeBenchmark --scripts "$ROOT/bench/gateway" "$@"
