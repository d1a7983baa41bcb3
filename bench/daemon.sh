# Sourced by the benchmarks: builds hosthog and the benchmark jar if needed, then starts a daemon
# on a temporary config and waits for its socket.
# Sets HH (bin/hosthog), W (the temporary folder, removed on exit), DAEMON (its pid), BENCH_CP.
# EXTRA_TOML, if set: TOML appended to the config (e.g. "[notify]\nenabled = []\n"), as printf reads it.
[ -x hosthog-launcher/target/hosthog/bin/hosthog ] || mvn -B -q install -DskipTests
mvn -B -q install -DskipTests -pl hosthog-bench -am
HH=$PWD/hosthog-launcher/target/hosthog/bin/hosthog
BENCH_CP="hosthog-bench/target/hosthog-bench-0.1.0-SNAPSHOT.jar:hosthog-bench/target/lib/*"
W=$(mktemp -d)
trap 'kill $DAEMON 2>/dev/null; rm -rf "$W"' EXIT
# shellcheck disable=SC2059  # the extra TOML is a printf format on purpose
printf "[daemon]\nsocket = \"%s/s.sock\"\nstate_dir = \"%s/state\"\n[resources]\ngpus = 4\n${EXTRA_TOML:-}" "$W" "$W" > "$W/c.toml"
$HH daemon --config "$W/c.toml" 2>"$W/daemon.log" &
DAEMON=$!
i=0; until [ -S "$W/s.sock" ]; do i=$((i+1)); [ $i -gt 200 ] && { cat "$W/daemon.log"; exit 1; }; sleep 0.05; done
