#!/bin/sh
# Usage: bench/caldav-benchmark.sh [EVENTS]   (default 10000; needs Radicale: apt-get install radicale
#        apache2-utils python3-passlib python3-bcrypt)
# What a calendar sync costs on the wire against a real Radicale calendar of EVENTS events:
# requests and body bytes of the first full sync, a sync with nothing changed, and one change on
# each side. Not a test: numbers to compare between versions.
set -eu
cd "$(dirname "$0")/.."
EVENTS=${1:-10000}
mvn -B -q install -DskipTests -pl sync-caldav -am
mvn -B -q -pl sync-caldav dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
CP="sync-caldav/target/test-classes:sync-caldav/target/classes:$(cat sync-caldav/target/bench.classpath)"
exec java -cp "$CP" org.hosthog.sync.caldav.CaldavBenchmark "$EVENTS"
