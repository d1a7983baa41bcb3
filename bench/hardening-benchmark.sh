#!/bin/sh
# The state server as an attacker meets it (not a test): /metrics size before and after 10,000
# anonymous requests to random paths and methods, and another user's GET /api/v1/hosts (p50/p99)
# alone and during a flood of 300 web changes at a host that looks online and never answers.
# Usage: bench/hardening-benchmark.sh [DIST=hosthog-launcher/target/hosthog]
set -eu
cd "$(dirname "$0")/.."
DIST=$(readlink -f "${1:-hosthog-launcher/target/hosthog}")
[ -x "$DIST/bin/hosthog" ] || mvn -B -q install -DskipTests
mvn -B -q install -DskipTests -pl hosthog-bench -am
CP="hosthog-bench/target/hosthog-bench-0.1.0-SNAPSHOT.jar:hosthog-bench/target/lib/*"
W=$(mktemp -d)
PIDS=""
cleanup() {
  for p in $PIDS; do kill "$p" 2>/dev/null || true; done
  rm -rf "$W"
}
trap cleanup EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
printf '[server]\nlisten = "127.0.0.1:%s"\nstate_dir = "%s/state"\n' "$port" "$W" > "$W/server.toml"
"$DIST/bin/hosthog" server --config "$W/server.toml" > "$W/server.log" 2>&1 &
PIDS="$PIDS $!"
i=0; until python3 -c "import urllib.request,sys
try: urllib.request.urlopen('http://127.0.0.1:$port/api/v1/hosts')
except urllib.error.HTTPError: sys.exit(0)
except Exception: sys.exit(1)"; do i=$((i+1)); [ $i -gt 300 ] && { cat "$W/server.log" >&2; exit 1; }; sleep 0.1; done
token=$("$DIST/bin/hosthog" server --config "$W/server.toml" enroll dead 2>/dev/null)
echo "hosthog hardening benchmark: $DIST, JDK $(java -version 2>&1 | head -1), $(nproc) CPUs, $(date -u +%F)"
java -cp "$CP" org.hosthog.bench.HardeningBench "http://127.0.0.1:$port/" "$token" dead
