#!/bin/sh
# CLI latency and daemon footprint (not a test). Builds, starts a daemon on a temporary config,
# then reports, in one run on the same JVM:
#   - median of RUNS runs of `hosthog list` vs `java` running a trivial class (the baseline), and the ratio
#   - the daemon's idle RSS after SEED claims, and request latency with CLIENTS concurrent clients
# Usage: bench/cli-latency.sh [RUNS=21] [SEED=10000] [CLIENTS=50]
set -eu
cd "$(dirname "$0")/.."
RUNS=${1:-21}; SEED=${2:-10000}; CLIENTS=${3:-50}
. bench/daemon.sh
export HOSTHOG_SOCKET="$W/s.sock"

cat > "$W/Hello.java" <<'J'
public class Hello { public static void main(String[] a) { System.out.println("hello"); } }
J
javac -d "$W" "$W/Hello.java"

median_ms() { # command... ; prints the median wall time in ms over $RUNS runs
  for _ in $(seq "$RUNS"); do
    s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000000 ))
  done | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}
"$(dirname "$HH")/hosthog-cds" >/dev/null   # the class-data sharing archive a package install makes
$HH list >/dev/null   # warm the page cache
java -version 2>&1 | head -1
# The machine's load drifts over a run: time the baseline and the command in pairs, one right after
# the other, and report the median of each and the median of the pairs' ratios.
for _ in $(seq "$RUNS"); do
  s=$(date +%s%N); java -cp "$W" Hello >/dev/null 2>&1; m=$(date +%s%N); $HH list >/dev/null 2>&1; e=$(date +%s%N)
  echo "$(( (m - s) / 1000000 )) $(( (e - m) / 1000000 ))"
done > "$W/pairs"
med() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
base=$(cut -d' ' -f1 "$W/pairs" | med)
list=$(cut -d' ' -f2 "$W/pairs" | med)
ratio=$(awk '{printf "%.3f\n", $2 / $1}' "$W/pairs" | med)
echo "trivial java (java -cp DIR Hello):  ${base} ms (median of $RUNS)"
echo "hosthog list (bin/hosthog):         ${list} ms   median ratio of $RUNS pairs ${ratio}x"

java -cp "$BENCH_CP" org.hosthog.bench.DaemonLoad "$W/s.sock" "$SEED" 1 1 >/dev/null
sleep 5
# the baseline: a JVM doing nothing, with the daemon's flags (as bin/hosthog gives them)
printf 'public class Idle { public static void main(String[] a) throws Exception { Thread.sleep(Long.MAX_VALUE); } }\n' > "$W/Idle.java"
javac -d "$W" "$W/Idle.java"
# shellcheck disable=SC2046  # the flags are words
java $(tr '\0' ' ' < /proc/$DAEMON/cmdline | grep -o -- ' -X[^ ]*' | tr '\n' ' ') -cp "$W" Idle & IDLE=$!
$HH list >/dev/null; $HH status >/dev/null   # the thin path's command line model is part of the daemon now
sleep 5
rss() { awk '/VmRSS/ {printf "%.1f", $2/1024}' "/proc/$1/status"; }
d=$(rss $DAEMON); b=$(rss $IDLE); kill $IDLE
echo "daemon idle RSS with $SEED reservations: $d MiB; idle bare JVM, same flags: $b MiB   ratio $(awk "BEGIN {printf \"%.2f\", $d / $b}")x"
paged=$(median_ms $HH list)
whole=$(median_ms $HH list --limit 0)
echo "hosthog list, $SEED upcoming (first 100): ${paged} ms, $($HH list | wc -c) bytes"
echo "hosthog list --limit 0 (all $SEED):       ${whole} ms, $($HH list --limit 0 | wc -c) bytes   paged / all = $(awk "BEGIN {printf \"%.2f\", $paged / $whole}")"
java -cp "$BENCH_CP" org.hosthog.bench.DaemonLoad "$W/s.sock" 0 "$CLIENTS" 200 "$SEED"
