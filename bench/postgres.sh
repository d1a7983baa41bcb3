# Sourced by the fleet benchmarks (as root): a throw-away PostgreSQL 15 cluster on loopback, as the
# tests start it, in $W/pg (W must be set). Sets PGBIN, PGPORT, PGHOST (its socket folder) and
# PGMAIN (the postmaster's pid); pg_stop stops it. psql_hh runs SQL as the cluster's user hh.
PGBIN=/usr/lib/postgresql/15/bin
[ -x "$PGBIN/initdb" ] || { echo "needs PostgreSQL 15: apt-get install postgresql" >&2; exit 1; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
mkdir -p "$W/pg"; chown postgres:postgres "$W/pg"
runuser -u postgres -- "$PGBIN/initdb" -D "$W/pg/data" -A trust -U hh -E UTF8 >/dev/null
PGPORT=$(free_port)
PGHOST="$W/pg"
runuser -u postgres -- "$PGBIN/pg_ctl" -D "$W/pg/data" -l "$W/pg/log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $W/pg -c max_connections=200" start >/dev/null
PGMAIN=$(head -1 "$W/pg/data/postmaster.pid")
pg_stop() { runuser -u postgres -- "$PGBIN/pg_ctl" -D "$W/pg/data" -m immediate stop >/dev/null 2>&1 || true; }
psql_hh() { runuser -u postgres -- psql -h "$PGHOST" -p "$PGPORT" -U hh -qAt "$@"; }
