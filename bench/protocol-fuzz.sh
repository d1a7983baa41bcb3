#!/bin/sh
# Protocol soak (not a test): FRAMES random and mutated request lines from CLIENTS connections
# against a live daemon on a temporary config; checks every 10% that a well-formed hello is still
# answered and reports the answers by kind and the daemon's RSS before, at peak and after.
# Usage: bench/protocol-fuzz.sh [FRAMES=100000] [CLIENTS=8] [SEED=42]
set -eu
cd "$(dirname "$0")/.."
FRAMES=${1:-100000}; CLIENTS=${2:-8}; SEED=${3:-42}
[ -x hosthog-launcher/target/hosthog/bin/hosthog ] || mvn -B -q install -DskipTests
mvn -B -q install -DskipTests -pl hosthog-bench -am
HH=$PWD/hosthog-launcher/target/hosthog/bin/hosthog
W=$(mktemp -d)
trap 'kill $DAEMON 2>/dev/null; rm -rf "$W"' EXIT
printf '[daemon]\nsocket = "%s/s.sock"\nstate_dir = "%s/state"\n[resources]\ngpus = 4\n[notify]\nenabled = []\n' "$W" "$W" > "$W/c.toml"
$HH daemon --config "$W/c.toml" 2>"$W/daemon.log" &
DAEMON=$!
i=0; until [ -S "$W/s.sock" ]; do i=$((i+1)); [ $i -gt 200 ] && { cat "$W/daemon.log"; exit 1; }; sleep 0.05; done
java -version 2>&1 | head -1
java -cp "hosthog-bench/target/hosthog-bench-0.1.0-SNAPSHOT.jar:hosthog-bench/target/lib/*" \
  org.hosthog.bench.ProtocolFuzz "$W/s.sock" "$DAEMON" "$FRAMES" "$CLIENTS" "$SEED"
kill -0 "$DAEMON" && echo "the daemon is still running; its log has $(grep -c ' ERROR\| SEVERE' "$W/daemon.log" || true) errors"
