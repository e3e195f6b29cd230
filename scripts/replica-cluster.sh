#!/usr/bin/env bash
# A local primary, a streaming read replica of it and a PgBouncer (transaction pooling) in front of
# the primary, all on loopback, to try Jobsight's scale-out settings (README, "Scaling out").
# Uses the local PostgreSQL programs (with pgvector installed: scripts/install-pgvector.sh) and
# Debian's pgbouncer when it is installed. As root, the servers run as the `postgres` user.
#
#   bash scripts/replica-cluster.sh start    # primary 127.0.0.1:5441, replica :5442, pgbouncer :6432
#   bash scripts/replica-cluster.sh status
#   bash scripts/replica-cluster.sh stop     # stops them and deletes the folder
#
# Settings: PG_BIN (default /usr/lib/postgresql/15/bin), DIR (default /tmp/jobsight-replica-cluster),
# PRIMARY_PORT, REPLICA_PORT, BOUNCER_PORT. The database is `jobsight`, user `jobsight`, trust auth:
# for trying out only, never for data that matters.
set -euo pipefail

PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
DIR="${DIR:-/tmp/jobsight-replica-cluster}"
PRIMARY_PORT="${PRIMARY_PORT:-5441}"
REPLICA_PORT="${REPLICA_PORT:-5442}"
BOUNCER_PORT="${BOUNCER_PORT:-6432}"
PGBOUNCER="${PGBOUNCER:-$(command -v pgbouncer || echo /usr/sbin/pgbouncer)}"

as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

settings() {
  printf "listen_addresses = '127.0.0.1'\nport = %s\nunix_socket_directories = '%s'\nmax_connections = 60\n" "$1" "$DIR"
}

start() {
  if [ -d "$DIR" ]; then
    echo "replica-cluster: $DIR exists; run: bash scripts/replica-cluster.sh stop" >&2
    exit 1
  fi
  mkdir -p "$DIR"
  [ "$(id -u)" -eq 0 ] && chown postgres: "$DIR"
  as_pg "$PG_BIN/initdb" -D "$DIR/primary" -U jobsight --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  settings "$PRIMARY_PORT" | as_pg tee -a "$DIR/primary/postgresql.conf" >/dev/null
  as_pg "$PG_BIN/pg_ctl" -D "$DIR/primary" -l "$DIR/primary.log" -w start >/dev/null
  as_pg "$PG_BIN/psql" -h 127.0.0.1 -p "$PRIMARY_PORT" -U jobsight -d postgres -qc 'create database jobsight'
  # A standby: a base backup with -R (standby.signal, primary_conninfo), WAL streamed meanwhile.
  as_pg "$PG_BIN/pg_basebackup" -D "$DIR/replica" -d "host=127.0.0.1 port=$PRIMARY_PORT user=jobsight" -R -X stream -c fast
  settings "$REPLICA_PORT" | as_pg tee -a "$DIR/replica/postgresql.conf" >/dev/null
  as_pg "$PG_BIN/pg_ctl" -D "$DIR/replica" -l "$DIR/replica.log" -w start >/dev/null
  echo "primary  postgres://jobsight@127.0.0.1:$PRIMARY_PORT/jobsight"
  echo "replica  postgres://jobsight@127.0.0.1:$REPLICA_PORT/jobsight"
  if [ -x "$PGBOUNCER" ]; then
    printf '"jobsight" ""\n' | as_pg tee "$DIR/userlist.txt" >/dev/null
    cat <<EOF | as_pg tee "$DIR/pgbouncer.ini" >/dev/null
[databases]
jobsight = host=127.0.0.1 port=$PRIMARY_PORT dbname=jobsight

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $BOUNCER_PORT
unix_socket_dir =
auth_type = trust
auth_file = $DIR/userlist.txt
pool_mode = transaction
default_pool_size = 20
max_client_conn = 500
logfile = $DIR/pgbouncer.log
pidfile = $DIR/pgbouncer.pid
EOF
    as_pg "$PGBOUNCER" -d "$DIR/pgbouncer.ini"
    echo "pgbouncer postgres://jobsight@127.0.0.1:$BOUNCER_PORT/jobsight (transaction pooling, in front of the primary)"
  else
    echo "(no pgbouncer: apt install pgbouncer to get one on :$BOUNCER_PORT)"
  fi
}

stop() {
  [ -f "$DIR/pgbouncer.pid" ] && kill "$(cat "$DIR/pgbouncer.pid")" 2>/dev/null || true
  for node in replica primary; do
    [ -d "$DIR/$node" ] && as_pg "$PG_BIN/pg_ctl" -D "$DIR/$node" -m fast -w stop >/dev/null 2>&1 || true
  done
  rm -rf "$DIR"
  echo "stopped; removed $DIR"
}

status() {
  for node in primary replica; do
    if [ -d "$DIR/$node" ]; then as_pg "$PG_BIN/pg_ctl" -D "$DIR/$node" status | head -1 | sed "s/^/$node: /"; else echo "$node: not created"; fi
  done
  if [ -f "$DIR/pgbouncer.pid" ] && kill -0 "$(cat "$DIR/pgbouncer.pid")" 2>/dev/null; then echo "pgbouncer: running"; else echo "pgbouncer: not running"; fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *)
    echo "usage: bash scripts/replica-cluster.sh start|status|stop" >&2
    exit 1
    ;;
esac
