#!/bin/sh
# The fleet's web calendar in headless chromium (not a test; needs chromium and chromium-driver):
#   - page ready (timeline drawn, the month in view) with HOSTS x 8 GPUs and HOSTS x PER_HOST
#     reservations over the coming month: median of RUNS loads, and the bytes transferred
#   - a host's push of one change -> its bar on screen, p50/p99 over UPDATES
# Usage: bench/web-benchmark.sh [HOSTS=200] [PER_HOST=100] [RUNS=5] [UPDATES=50] [DIST=hosthog-launcher/target/hosthog]
set -eu
cd "$(dirname "$0")/.."
HOSTS=${1:-200}; PER_HOST=${2:-100}; RUNS=${3:-5}; UPDATES=${4:-50}
DIST=$(readlink -f "${5:-hosthog-launcher/target/hosthog}")
[ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] || { echo "needs: apt-get install chromium chromium-driver" >&2; exit 1; }
[ -x "$DIST/bin/hosthog" ] || mvn -B -q install -DskipTests
mvn -B -q install -DskipTests -pl hosthog-bench -am
CP="hosthog-bench/target/hosthog-bench-0.1.0-SNAPSHOT.jar:hosthog-bench/target/lib/*"
W=$(mktemp -d)
cleanup() { [ -n "${SERVER:-}" ] && kill "$SERVER" 2>/dev/null; rm -rf "$W"; }
trap cleanup EXIT
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
printf '[server]\nlisten = "127.0.0.1:%s"\nstate_dir = "%s/state"\n' "$PORT" "$W" > "$W/server.toml"
"$DIST/bin/hosthog" server --config "$W/server.toml" > "$W/server.log" 2>&1 &
SERVER=$!
i=0; until python3 -c "import urllib.request,sys
try: urllib.request.urlopen('http://127.0.0.1:$PORT/api/v1/hosts')
except urllib.error.HTTPError: sys.exit(0)
except Exception: sys.exit(1)"; do i=$((i+1)); [ $i -gt 300 ] && { cat "$W/server.log"; exit 1; }; sleep 0.1; done
# one JVM per enrolment, four at a time; the tokens file keeps host order
seq 0 $((HOSTS - 1)) | xargs -P 4 -I{} sh -c \
  '"$1/bin/hosthog" server --config "$2/server.toml" enroll "host$3" > "$2/token.$3" 2>/dev/null' _ "$DIST" "$W" {}
for h in $(seq 0 $((HOSTS - 1))); do cat "$W/token.$h"; done > "$W/tokens"
echo "hosthog web benchmark: $DIST, JDK $(java -version 2>&1 | head -1), $(chromium --version), $(nproc) CPUs, $(date -u +%F)"
java -cp "$CP" org.hosthog.bench.WebBench "http://127.0.0.1:$PORT/" "$HOSTS" "$PER_HOST" "$W/tokens" "$RUNS" "$UPDATES"
echo "server RSS: $(( $(awk '/VmRSS/ {print $2}' /proc/$SERVER/status) / 1024 )) MiB"
