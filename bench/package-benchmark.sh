#!/bin/sh
# On a host with the hosthog Debian package installed (not a test): the CLI latency ratio and the
# daemon's idle memory, as users get them.
#   - median of RUNS runs of `hosthog list` (with the package's CDS archive) vs `java` running a
#     trivial class with the same JVM, and the ratio; the same without the archive, for comparison
#   - the daemon's RSS after it idled for IDLE seconds (the running service's, or one started the
#     way the unit starts it when none runs)
# Usage: sudo bench/package-benchmark.sh [RUNS=21] [IDLE=10]
set -eu
RUNS=${1:-21}; IDLE=${2:-10}
[ -x /usr/bin/hosthog ] || { echo "install the package first: dpkg -i hosthog-launcher/target/hosthog_*_all.deb" >&2; exit 1; }
W=$(mktemp -d)
STARTED=""
cleanup() { [ -n "$STARTED" ] && kill "$STARTED" 2>/dev/null; rm -rf "$W"; }
trap cleanup EXIT

pid=$(pgrep -f 'org.hosthog.launcher.Main daemon' | head -1 || true)
if [ -z "$pid" ]; then
  mkdir -p /var/lib/hosthog/tmp /run/hosthog /run/motd.d
  HOSTHOG_JAVA_OPTS="-Djava.io.tmpdir=/var/lib/hosthog/tmp -Dorg.sqlite.tmpdir=/var/lib/hosthog/tmp" \
    /usr/bin/hosthog daemon --config /etc/hosthog/hosthog.toml 2>"$W/daemon.log" &
  STARTED=$!
  i=0; until [ -S /run/hosthog/hosthog.sock ]; do i=$((i+1)); [ $i -gt 400 ] && { cat "$W/daemon.log"; exit 1; }; sleep 0.05; done
  pid=$(pgrep -f 'org.hosthog.launcher.Main daemon' | head -1)
fi

cat > "$W/Hello.java" <<'J'
public class Hello { public static void main(String[] a) { System.out.println("hello"); } }
J
javac -d "$W" "$W/Hello.java" 2>/dev/null || { echo "needs javac for the baseline class" >&2; exit 1; }
median_ms() {
  for _ in $(seq "$RUNS"); do
    s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s%N); echo $(( (e - s) / 1000000 ))
  done | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}
hosthog list >/dev/null 2>&1 || true   # warm the page cache
java -version 2>&1 | head -1
base=$(median_ms java -cp "$W" Hello)
list=$(median_ms hosthog list)
nocds=$(export HOSTHOG_CDS_DUMP=1; median_ms hosthog list)   # HOSTHOG_CDS_DUMP keeps the archive out
echo "trivial java:                       ${base} ms"
echo "hosthog list (CDS archive):         ${list} ms   ratio $(awk "BEGIN {printf \"%.2f\", $list / $base}")x"
echo "hosthog list (no archive):          ${nocds} ms   ratio $(awk "BEGIN {printf \"%.2f\", $nocds / $base}")x"
sleep "$IDLE"
echo "daemon idle RSS: $(awk '/VmRSS/ {printf "%.1f MiB", $2/1024}' /proc/"$pid"/status)"
