#!/bin/sh
# What other users' terminals see of claims (not a test; run as root, needs tmux and utmpdump):
#   - claim -> its text on another user's real terminal (a tmux pane in utmp): p50/p99 over N lone claims
#   - broadcasts per terminal for bursts of 10, 100 and 1000 claims made through the socket
# Each measurement gets a fresh daemon. DIST picks the distribution to measure, e.g. one built from
# an older commit, for a before/after comparison with the same client.
# Usage: sudo bench/wall-burst.sh [N=50] [DIST=hosthog-launcher/target/hosthog]
set -eu
cd "$(dirname "$0")/.."
N=${1:-50}; DIST=$(readlink -f "${2:-hosthog-launcher/target/hosthog}")
[ "$(id -u)" -eq 0 ] || { echo "run as root: it registers a terminal of a test user in utmp" >&2; exit 1; }
[ -x "$DIST/bin/hosthog" ] || mvn -B -q install -DskipTests
mvn -B -q install -DskipTests -pl hosthog-bench -am
CP="hosthog-bench/target/hosthog-bench-0.1.0-SNAPSHOT.jar:hosthog-bench/target/lib/*"
id hhbench >/dev/null 2>&1 || useradd -m hhbench
[ -e /run/utmp ] || install -m 664 -o root -g utmp /dev/null /run/utmp
W=$(mktemp -d); chmod 755 "$W"
SOCK=hhbench$$
cleanup() { [ -n "${DAEMON:-}" ] && kill "$DAEMON" 2>/dev/null; runuser -u hhbench -- tmux -L "$SOCK" kill-server 2>/dev/null; rm -rf "$W"; }
trap cleanup EXIT
runuser -u hhbench -- tmux -L "$SOCK" new-session -d -s t -x 200 -y 50 "mesg y; exec sleep 36000"
sleep 0.5
: > "$W/raw"; chmod 666 "$W/raw"
runuser -u hhbench -- tmux -L "$SOCK" pipe-pane -t t -o "cat >> $W/raw"
sleep 0.3

daemon() { # starts a fresh daemon with the wall notifier
  rm -rf "$W/state" "$W/s.sock"
  printf '[daemon]\nsocket = "%s/s.sock"\nstate_dir = "%s/state"\n[resources]\ngpus = 4\n[notify]\nenabled = ["wall"]\n' "$W" "$W" > "$W/c.toml"
  "$DIST/bin/hosthog" daemon --config "$W/c.toml" 2>"$W/daemon.log" &
  DAEMON=$!
  i=0; until [ -S "$W/s.sock" ]; do i=$((i+1)); [ $i -gt 400 ] && { cat "$W/daemon.log"; exit 1; }; sleep 0.05; done
}
stop() { kill "$DAEMON"; wait "$DAEMON" 2>/dev/null || true; DAEMON=; }

echo "hosthog wall benchmark: $DIST, JDK $(java -version 2>&1 | head -1), $(nproc) CPUs"
daemon; java -cp "$CP" org.hosthog.bench.WallBurst latency "$W/s.sock" "$W/raw" "$N"; stop
for n in 10 100 1000; do
  daemon; java -cp "$CP" org.hosthog.bench.WallBurst burst "$W/s.sock" "$W/raw" "$n"; stop
done
