#!/bin/sh
# A fleet of simulated hosts against the state server on PostgreSQL (not a test; run as root: it
# starts a throw-away PostgreSQL cluster as the postgres user). For 100, 300 and 1,000 hosts, with
# one server instance and with two (hosts and web clients split between them): each host speaks
# the real link protocol (request stream open, heartbeat every 30 s, usage sample every minute,
# a reservation change every CHANGE_EVERY s), 50 web clients follow the event stream.
# Reports per run: server and PostgreSQL CPU-seconds per 1,000 changes, change -> visible on a
# subscriber p50/p99, server RSS; and once: PostgreSQL bytes per row of each usage table.
# Usage: sudo bench/fleet-simulation.sh [SECONDS=90] [CHANGE_EVERY=120] [HOSTS="100 300 1000"]
set -eu
cd "$(dirname "$0")/.."
SECONDS_MEASURED=${1:-90}; CHANGE_EVERY=${2:-120}; HOST_COUNTS=${3:-100 300 1000}
WARMUP=60
[ "$(id -u)" -eq 0 ] || { echo "run as root: PostgreSQL's initdb runs as the postgres user" >&2; exit 1; }
DIST=$(readlink -f hosthog-launcher/target/hosthog)
[ -x "$DIST/bin/hosthog" ] || mvn -B -q install -DskipTests
mvn -B -q install -DskipTests -pl hosthog-bench -am
CP="hosthog-bench/target/hosthog-bench-0.1.0-SNAPSHOT.jar:hosthog-bench/target/lib/*"
W=$(mktemp -d); chmod 755 "$W"
SERVERS=""
stop_servers() { for p in $SERVERS; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null || true; done; SERVERS=""; }
cleanup() { stop_servers; [ -d "$W/pg" ] && pg_stop; rm -rf "$W"; }
trap cleanup EXIT
. bench/postgres.sh
wait_http() { i=0; until python3 -c "import urllib.request,sys
try: urllib.request.urlopen('$1')
except urllib.error.HTTPError: sys.exit(0)
except Exception: sys.exit(1)"; do i=$((i+1)); [ $i -gt 300 ] && { echo "server did not start" >&2; cat "$W"/*.log >&2; exit 1; }; sleep 0.1; done; }
rss_mib() { t=0; for p in "$@"; do t=$((t + $(awk '/VmRSS/ {print $2}' "/proc/$p/status"))); done; echo $((t / 1024)); }

echo "hosthog fleet simulation: JDK $(java -version 2>&1 | head -1), $(nproc) CPUs, $(date -u +%F)," \
  "$SECONDS_MEASURED s measured after $WARMUP s, a change every $CHANGE_EVERY s per host, 50 web clients"
run=0
for instances in 1 2; do
  for hosts in $HOST_COUNTS; do
    run=$((run + 1)); db="sim_$run"
    psql_hh -d postgres -c "CREATE DATABASE $db" >/dev/null
    urls=""; pids=""
    for i in $(seq "$instances"); do
      port=$(free_port)
      printf '[server]\nlisten = "127.0.0.1:%s"\ndatabase = "postgresql"\n[server.postgresql]\nurl = "jdbc:postgresql://127.0.0.1:%s/%s"\nuser = "hh"\n' \
        "$port" "$PGPORT" "$db" > "$W/server-$i.toml"
      "$DIST/bin/hosthog" server --config "$W/server-$i.toml" > "$W/server-$run-$i.log" 2>&1 &
      pids="$pids${pids:+,}$!"; SERVERS="$SERVERS $!"; urls="$urls http://127.0.0.1:$port/"
      wait_http "http://127.0.0.1:$port/api/v1/hosts"
    done
    # enrolled as 'hosthog server enroll' would, without 1,000 JVM starts: token-N hashed with SHA-256
    psql_hh -d "$db" -c "INSERT INTO hosts (name, token_hash, enrolled) SELECT 'sim-' || i,
      encode(sha256(convert_to('token-' || i, 'UTF8')), 'hex'), 0 FROM generate_series(0, $hosts - 1) i"
    # shellcheck disable=SC2086  # the URLs are separate arguments
    line=$(java -Xss512k -cp "$CP" org.hosthog.bench.FleetSimulation "$hosts" "$SECONDS_MEASURED" "$WARMUP" \
      "$CHANGE_EVERY" 50 "$pids" "$PGMAIN" $urls)
    # shellcheck disable=SC2086
    echo "$line server_rss_mib=$(rss_mib $(echo "$pids" | tr ',' ' '))"
    if [ "$instances" -eq 1 ]; then LAST_DB=$db; fi  # the largest one-instance run
    stop_servers
  done
done

echo "== PostgreSQL bytes per row (database of the largest one-instance run, indexes included; small tables overstate it)"
for t in reservations usage_buckets usage_daily usage_hosts; do
  psql_hh -d "$LAST_DB" -c "SELECT '$t', COUNT(*), pg_total_relation_size('$t'),
    CASE WHEN COUNT(*) > 0 THEN pg_total_relation_size('$t') / COUNT(*) END FROM $t" | tr '|' ' ' |
    awk '{printf "%-14s %8d rows %10d bytes %6s bytes/row\n", $1, $2, $3, $4}'
done
