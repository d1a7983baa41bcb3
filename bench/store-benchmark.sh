#!/bin/sh
# Store benchmark (not a test): claim and list through the core with N reservations of history.
# Usage: bench/store-benchmark.sh [backend,...] [N,...] [samples]
#   e.g. bench/store-benchmark.sh sqlite 10000,100000,1000000 300
set -eu
cd "$(dirname "$0")/.."
mvn -B -q install -DskipTests -pl hosthog-bench -am
exec java -cp "hosthog-bench/target/hosthog-bench-0.1.0-SNAPSHOT.jar:hosthog-bench/target/lib/*" org.hosthog.bench.StoreBenchmark "$@"
