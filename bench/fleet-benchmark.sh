#!/bin/sh
# The state server under load (not a test; run as root: it starts a PostgreSQL cluster as the
# postgres user). For the server on SQLite and on PostgreSQL, side by side:
#   - push throughput: N reservation changes pushed as a host's link does, one per request and
#     100 per request (changes/s)
#   - claim on a real host daemon -> event on a subscribed web stream (p50/p99 over M lone claims)
# and, once: the idle RSS of a host daemon with [sync.fleet] and without it.
# Usage: sudo bench/fleet-benchmark.sh [N=2000] [M=50] [DIST=hosthog-launcher/target/hosthog]
set -eu
cd "$(dirname "$0")/.."
N=${1:-2000}; M=${2:-50}; DIST=$(readlink -f "${3:-hosthog-launcher/target/hosthog}")
[ "$(id -u)" -eq 0 ] || { echo "run as root: PostgreSQL's initdb runs as the postgres user" >&2; exit 1; }
[ -x "$DIST/bin/hosthog" ] || mvn -B -q install -DskipTests
mvn -B -q install -DskipTests -pl hosthog-bench -am
CP="hosthog-bench/target/hosthog-bench-0.1.0-SNAPSHOT.jar:hosthog-bench/target/lib/*"
W=$(mktemp -d); chmod 755 "$W"
PIDS=""
cleanup() {
  for p in $PIDS; do kill "$p" 2>/dev/null || true; done
  [ -d "$W/pg" ] && pg_stop
  rm -rf "$W"
}
trap cleanup EXIT
wait_http() { i=0; until python3 -c "import urllib.request,sys
try: urllib.request.urlopen('$1')
except urllib.error.HTTPError: sys.exit(0)
except Exception: sys.exit(1)"; do i=$((i+1)); [ $i -gt 300 ] && { echo "server did not start" >&2; cat "$W"/*.log >&2; exit 1; }; sleep 0.1; done; }
rss() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }

# a throw-away PostgreSQL cluster, as the tests start it
. bench/postgres.sh

echo "hosthog fleet benchmark: $DIST, JDK $(java -version 2>&1 | head -1), $(nproc) CPUs, $(date -u +%F)"
for db in sqlite postgresql; do
  port=$(free_port)
  if [ "$db" = postgresql ]; then
    runuser -u postgres -- psql -h "$W/pg" -p "$PGPORT" -U hh -d postgres -qc "CREATE DATABASE bench_$port" >/dev/null
    printf '[server]\nlisten = "127.0.0.1:%s"\ndatabase = "postgresql"\n[server.postgresql]\nurl = "jdbc:postgresql://127.0.0.1:%s/bench_%s"\nuser = "hh"\n' "$port" "$PGPORT" "$port" > "$W/$db.toml"
  else
    printf '[server]\nlisten = "127.0.0.1:%s"\nstate_dir = "%s/%s"\n' "$port" "$W" "$db" > "$W/$db.toml"
  fi
  "$DIST/bin/hosthog" server --config "$W/$db.toml" > "$W/server-$db.log" 2>&1 &
  SERVER=$!; PIDS="$PIDS $SERVER"
  wait_http "http://127.0.0.1:$port/api/v1/hosts"
  pushtoken=$("$DIST/bin/hosthog" server --config "$W/$db.toml" enroll bench 2>/dev/null)
  hosttoken=$("$DIST/bin/hosthog" server --config "$W/$db.toml" enroll gpu-box 2>/dev/null)
  printf '%s\n' "$hosttoken" > "$W/$db.token"; chmod 600 "$W/$db.token"
  echo "== server on $db"
  java -cp "$CP" org.hosthog.bench.FleetBench push "http://127.0.0.1:$port/" "$pushtoken" bench "$N" 1
  java -cp "$CP" org.hosthog.bench.FleetBench push "http://127.0.0.1:$port/" "$pushtoken" bench "$N" 100
  # a real host daemon linked to it
  rm -rf "$W/host"
  printf '[daemon]\nsocket = "%s/host/s.sock"\nstate_dir = "%s/host/state"\nhost = "gpu-box"\n[resources]\ngpus = 8\n[notify]\nenabled = []\n[sync.fleet]\nurl = "http://127.0.0.1:%s/"\ntoken_file = "%s/%s.token"\n' \
    "$W" "$W" "$port" "$W" "$db" > "$W/host.toml"
  mkdir -p "$W/host"
  "$DIST/bin/hosthog" daemon --config "$W/host.toml" > "$W/daemon-$db.log" 2>&1 &
  DAEMON=$!; PIDS="$PIDS $DAEMON"
  i=0; until [ -S "$W/host/s.sock" ]; do i=$((i+1)); [ $i -gt 400 ] && { cat "$W/daemon-$db.log"; exit 1; }; sleep 0.05; done
  sleep 2
  java -cp "$CP" org.hosthog.bench.FleetBench visible "$W/host/s.sock" "http://127.0.0.1:$port/" "$M"
  echo "server RSS after the run: $(( $(rss "$SERVER") / 1024 )) MiB"
  kill "$DAEMON"; wait "$DAEMON" 2>/dev/null || true
  kill "$SERVER"; wait "$SERVER" 2>/dev/null || true
done

echo "== a host daemon idle for 60 s, 8 GPUs, 200 reservations, with and without [sync.fleet]"
for link in without with; do
  rm -rf "$W/host"; mkdir -p "$W/host"
  printf '[daemon]\nsocket = "%s/host/s.sock"\nstate_dir = "%s/host/state"\nhost = "gpu-box"\n[resources]\ngpus = 8\n[notify]\nenabled = []\n' "$W" "$W" > "$W/idle.toml"
  if [ "$link" = with ]; then
    port=$(free_port)
    printf '[server]\nlisten = "127.0.0.1:%s"\nstate_dir = "%s/idle-server"\n' "$port" "$W" > "$W/idle-server.toml"
    "$DIST/bin/hosthog" server --config "$W/idle-server.toml" > "$W/idle-server.log" 2>&1 &
    SERVER=$!; PIDS="$PIDS $SERVER"
    wait_http "http://127.0.0.1:$port/api/v1/hosts"
    "$DIST/bin/hosthog" server --config "$W/idle-server.toml" enroll gpu-box 2>/dev/null > "$W/idle.token"
    chmod 600 "$W/idle.token"
    printf '[sync.fleet]\nurl = "http://127.0.0.1:%s/"\ntoken_file = "%s/idle.token"\n' "$port" "$W" >> "$W/idle.toml"
  fi
  "$DIST/bin/hosthog" daemon --config "$W/idle.toml" > "$W/idle-daemon.log" 2>&1 &
  DAEMON=$!; PIDS="$PIDS $DAEMON"
  i=0; until [ -S "$W/host/s.sock" ]; do i=$((i+1)); [ $i -gt 400 ] && { cat "$W/idle-daemon.log"; exit 1; }; sleep 0.05; done
  for i in $(seq 200); do
    "$DIST/bin/hosthog" --socket "$W/host/s.sock" claim "gpu:$((i % 8))" --in "$((i * 2))h" --for 1h -m "idle $i" >/dev/null 2>&1
  done
  sleep 60
  echo "daemon $link [sync.fleet]: RSS $(( $(rss "$DAEMON") / 1024 )) MiB, threads $(ls /proc/$DAEMON/task | wc -l)"
  kill "$DAEMON"; wait "$DAEMON" 2>/dev/null || true
  [ "$link" = with ] && { kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; }
done
