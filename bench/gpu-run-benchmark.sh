#!/bin/sh
# The GPU workflow's cost (not a test). Starts a daemon on a temporary config whose nvidia-smi is a
# stand-in answering like an 8-GPU host (the recorded A100 lines, 8 processes listed), then reports
# in one run:
#   - median wall time of `hosthog run --gpus 1 -- true` vs `hosthog claim --gpus 1` + `true` +
#     `hosthog release` (the three steps a user would otherwise type), and the ratio
#   - the daemon's CPU time per minute while idle with the GPU watch (8 GPUs, 8 processes) vs the
#     same daemon on a host without GPUs (no watch), over MINUTES minutes each, and the ratio
# Usage: bench/gpu-run-benchmark.sh [RUNS=11] [MINUTES=2]
set -eu
cd "$(dirname "$0")/.."
RUNS=${1:-11}; MINUTES=${2:-2}
[ -x hosthog-launcher/target/hosthog/bin/hosthog ] || mvn -B -q install -DskipTests
HH=$PWD/hosthog-launcher/target/hosthog/bin/hosthog
W=$(mktemp -d)
trap 'kill $DAEMON 2>/dev/null; rm -rf "$W"' EXIT
for i in 0 1 2 3 4 5 6 7; do
  echo "$i, NVIDIA A100-SXM4-40GB, GPU-00000000-0000-4000-8000-00000000000$i, 40960"
done > "$W/gpus.csv"
sleep 3600 & SLEEPER=$!
for i in 0 1 2 3 4 5 6 7; do
  echo "$SLEEPER, GPU-00000000-0000-4000-8000-00000000000$i, 1024"
done > "$W/apps.csv"
cat > "$W/nvidia-smi" <<S
#!/bin/sh
case "\$*" in *--query-gpu=*) cat "$W/gpus.csv" ;; *) cat "$W/apps.csv" ;; esac
S
chmod +x "$W/nvidia-smi"

start_daemon() { # resources-section
  rm -rf "$W/state" "$W/s.sock"
  printf '[daemon]\nsocket = "%s/s.sock"\nstate_dir = "%s/state"\n[notify]\nenabled = []\n%s\n' \
    "$W" "$W" "$1" > "$W/c.toml"
  $HH daemon --config "$W/c.toml" 2>"$W/daemon.log" &
  DAEMON=$!
  i=0; until [ -S "$W/s.sock" ]; do i=$((i+1)); [ $i -gt 300 ] && { cat "$W/daemon.log"; exit 1; }; sleep 0.05; done
}
cpu_ticks() { awk '{print $14 + $15 + $16 + $17}' "/proc/$1/stat"; }  # its own and its waited-for children's (nvidia-smi)
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ms() { echo $(( $(date +%s%N) / 1000000 )); }

echo "hosthog GPU workflow benchmark: $(java -version 2>&1 | head -1), $(nproc) CPUs, $(date -u +%F)"
start_daemon "[resources]
nvidia_smi = \"$W/nvidia-smi\""
export HOSTHOG_SOCKET="$W/s.sock"
$HH status >/dev/null  # warm the page cache
run=$(for _ in $(seq "$RUNS"); do
  s=$(ms); $HH run --gpus 1 -- true 2>/dev/null; e=$(ms); echo $((e - s))
done | median)
steps=$(for _ in $(seq "$RUNS"); do
  s=$(ms); id=$($HH claim --gpus 1 --for 1h -m bench 2>/dev/null); true; $HH release "$id" >/dev/null 2>&1; e=$(ms)
  echo $((e - s))
done | median)
echo "run --gpus 1 -- true:                  ${run} ms (median of $RUNS)"
echo "claim --gpus 1 + true + release:       ${steps} ms   run / steps = $(awk "BEGIN {printf \"%.2f\", $run / $steps}")"

sleep 5
t0=$(cpu_ticks $DAEMON); sleep $((MINUTES * 60)); t1=$(cpu_ticks $DAEMON)
kill $DAEMON; wait $DAEMON 2>/dev/null || true
start_daemon "[resources]
gpus = 0"
sleep 5
b0=$(cpu_ticks $DAEMON); sleep $((MINUTES * 60)); b1=$(cpu_ticks $DAEMON)
hz=$(getconf CLK_TCK)
watch=$(awk "BEGIN {printf \"%.3f\", ($t1 - $t0) / $hz / $MINUTES}")
bare=$(awk "BEGIN {printf \"%.3f\", ($b1 - $b0) / $hz / $MINUTES}")
echo "idle daemon CPU, 8 GPUs watched:       ${watch} s per minute"
echo "idle daemon CPU, no GPUs (no watch):   ${bare} s per minute   watched - bare = $(awk "BEGIN {printf \"%.3f\", $watch - $bare}") s/min"
kill $SLEEPER 2>/dev/null || true
