#!/bin/sh
# GPU sampling (not a test), on a stand-in nvidia-smi for a host with 8 GPUs (no GPU is reachable
# here), as fast as a real one or taking SLOW seconds a call (a DGX B200's 7-15 s):
#   - the daemon's CPU-seconds per hour (its own and its children's, from /proc) over WINDOW
#     seconds: GPUs set by count (no sampling, the baseline), sampling every 1m (the default) and
#     every 1s, with the fast stand-in;
#   - the median wall time of `hosthog status` and `hosthog claim --gpus 1` (RUNS runs each) with
#     the fast stand-in and with the slow one. Goal: the same.
# Usage: bench/gpu-sampling-benchmark.sh [WINDOW=60] [RUNS=11] [SLOW=12]
set -eu
cd "$(dirname "$0")/.."
WINDOW=${1:-60}; RUNS=${2:-11}; SLOW=${3:-12}
[ -x hosthog-launcher/target/hosthog/bin/hosthog ] || mvn -B -q install -DskipTests
HH=$PWD/hosthog-launcher/target/hosthog/bin/hosthog
W=$(mktemp -d)
DAEMON=
trap '[ -n "$DAEMON" ] && kill $DAEMON 2>/dev/null; rm -rf "$W"' EXIT

# the stand-in: 8 x A100, a process on each even GPU, every call sleeping $W/delay seconds
i=0; : > "$W/gpus.csv"; : > "$W/loads.csv"; : > "$W/apps.csv"
while [ $i -lt 8 ]; do
  echo "$i, NVIDIA A100-SXM4-80GB, GPU-0000000$i-0000-4000-8000-000000000000, 81920" >> "$W/gpus.csv"
  echo "$i, $((i * 12)), $((i * 4096)), 81920" >> "$W/loads.csv"
  [ $((i % 2)) -eq 0 ] && echo "$$, GPU-0000000$i-0000-4000-8000-000000000000, 4096" >> "$W/apps.csv"
  i=$((i + 1))
done
echo 0 > "$W/delay"
cat > "$W/nvidia-smi" <<EOF
#!/bin/sh
sleep "\$(cat '$W/delay')"
case "\$*" in
  *utilization.gpu*) cat '$W/loads.csv' ;;
  *--query-gpu=*) cat '$W/gpus.csv' ;;
  *--query-compute-apps=*) cat '$W/apps.csv' ;;
  *) exit 2 ;;
esac
EOF
chmod +x "$W/nvidia-smi"

start() { # extra [resources] lines
  printf '[daemon]\nsocket = "%s/s.sock"\nstate_dir = "%s/state"\n[resources]\n%s\n' \
    "$W" "$W" "$1" > "$W/c.toml"
  rm -rf "$W/state"
  $HH daemon --config "$W/c.toml" 2>"$W/daemon.log" &
  DAEMON=$!
  n=0; until [ -S "$W/s.sock" ]; do n=$((n+1)); [ $n -gt 600 ] && { cat "$W/daemon.log"; exit 1; }; sleep 0.05; done
}
stop() { kill $DAEMON; wait $DAEMON 2>/dev/null || true; DAEMON=; rm -f "$W/s.sock"; }
cpu_ticks() { # utime + stime + cutime + cstime of the daemon's JVM (the launcher execs java)
  awk '{print $14 + $15 + $16 + $17}' "/proc/$DAEMON/stat"
}
cpu_per_hour() { # label, [resources] lines
  start "$2"
  sleep 10 # start-up and the first sample are not the steady state
  a=$(cpu_ticks); sleep "$WINDOW"; b=$(cpu_ticks)
  hz=$(getconf CLK_TCK)
  echo "$1: $(awk -v d=$((b - a)) -v hz="$hz" -v w="$WINDOW" 'BEGIN {printf "%.1f", d / hz * 3600 / w}') CPU-s/hour"
  stop
}
median_ms() {
  for _ in $(seq "$RUNS"); do
    s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000000 ))
  done | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

echo "hosthog GPU sampling benchmark: JDK $(java -version 2>&1 | head -1), $(nproc) CPUs, $(date -u +%F), window ${WINDOW}s"
cpu_per_hour "GPUs by count, no sampling (baseline)" "gpus = 8"
cpu_per_hour "sampling every 1m (default)" "nvidia_smi = \"$W/nvidia-smi\""
cpu_per_hour "sampling every 1s" "nvidia_smi = \"$W/nvidia-smi\"
sample_every = \"1s\""

start "nvidia_smi = \"$W/nvidia-smi\"
sample_every = \"5s\""
export HOSTHOG_SOCKET="$W/s.sock"
$HH status >/dev/null
fast_status=$(median_ms $HH status)
fast_claim=$(median_ms $HH claim --gpus 1 --for 1m -m bench)
echo "$SLOW" > "$W/delay"
sleep 6 # the sampler is inside a slow call from now on
slow_status=$(median_ms $HH status)
slow_claim=$(median_ms $HH claim --gpus 1 --for 1m -m bench)
stop
echo "status: ${fast_status} ms (fast nvidia-smi), ${slow_status} ms (${SLOW} s a call)"
echo "claim --gpus 1: ${fast_claim} ms (fast), ${slow_claim} ms (${SLOW} s a call)"
