#!/bin/sh
# Protocol soak (not a test): FRAMES random and mutated request lines from CLIENTS connections
# against a live daemon on a temporary config; checks every 10% that a well-formed hello is still
# answered and reports the answers by kind and the daemon's RSS before, at peak and after.
# Usage: bench/protocol-fuzz.sh [FRAMES=100000] [CLIENTS=8] [SEED=42]
set -eu
cd "$(dirname "$0")/.."
FRAMES=${1:-100000}; CLIENTS=${2:-8}; SEED=${3:-42}
EXTRA_TOML="[notify]\nenabled = []\n"
. bench/daemon.sh
java -version 2>&1 | head -1
java -cp "$BENCH_CP" org.hosthog.bench.ProtocolFuzz "$W/s.sock" "$DAEMON" "$FRAMES" "$CLIENTS" "$SEED"
kill -0 "$DAEMON" && echo "the daemon is still running; its log has $(grep -c ' ERROR\| SEVERE' "$W/daemon.log" || true) errors"
