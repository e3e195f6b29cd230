#!/usr/bin/env bash
# A local Citus cluster to try Jobsight's distributed mode and to test it: a coordinator and two
# workers, three PostgreSQL servers on loopback ports P, P+1, P+2, each initdb'd into a folder
# (nothing under /etc/postgresql is touched), with Citus preloaded and pgvector available.
#
#   bash scripts/citus-cluster.sh start  [--port 9700] [--dir .citus-cluster]   # prints DATABASE_URL
#   bash scripts/citus-cluster.sh status [--port 9700] [--dir .citus-cluster]
#   bash scripts/citus-cluster.sh stop   [--port 9700] [--dir .citus-cluster]
#   bash scripts/citus-cluster.sh remove [--port 9700] [--dir .citus-cluster]   # stop and delete the folder
#
# Needs Citus and pgvector in the local PostgreSQL (sudo bash scripts/install-citus.sh,
# sudo bash scripts/install-pgvector.sh). As root the servers run as the `postgres` OS user,
# since initdb refuses root. Loopback only, trust authentication: a cluster for trying, not for data
# you care about. The database is `jobsight` on every node, superuser `jobsight`.
set -euo pipefail

usage() {
  echo "usage: citus-cluster.sh start|stop|status|remove [--port P] [--dir DIR]" >&2
  exit 2
}

[ $# -ge 1 ] || usage
action="$1"
shift
port="${JOBSIGHT_CITUS_PORT:-9700}"
dir="${JOBSIGHT_CITUS_DIR:-$PWD/.citus-cluster}"
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port="${2:?--port needs a number}"; shift 2 ;;
    --dir) dir="${2:?--dir needs a folder}"; shift 2 ;;
    *) usage ;;
  esac
done
case "$port" in '' | *[!0-9]*) echo "citus-cluster: --port must be a number, got \"$port\"" >&2; exit 2 ;; esac
dir="$(mkdir -p "$dir" && cd "$dir" && pwd)"

PG_BIN="${JOBSIGHT_PG_BIN:-/usr/lib/postgresql/15/bin}"
SUPERUSER=jobsight
DATABASE=jobsight
NODES=(coordinator worker1 worker2)

as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
node_port() { echo $((port + $1)); }
node_dir() { echo "$dir/${NODES[$1]}"; }
psql_on() { # node index, database, SQL...
  local i="$1" db="$2"
  shift 2
  "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$(node_port "$i")" -U "$SUPERUSER" -d "$db" "$@"
}
running() { as_pg "$PG_BIN/pg_ctl" -D "$(node_dir "$1")" status >/dev/null 2>&1; }

start() {
  local sharedir
  sharedir="$("$PG_BIN/pg_config" --sharedir 2>/dev/null || /usr/lib/postgresql/15/bin/pg_config --sharedir)"
  if [ ! -f "$sharedir/extension/citus.control" ]; then
    echo "citus-cluster: Citus is not installed in $sharedir; run: sudo bash scripts/install-citus.sh" >&2
    exit 1
  fi
  if [ ! -f "$sharedir/extension/vector.control" ]; then
    echo "citus-cluster: pgvector is not installed in $sharedir; run: sudo bash scripts/install-pgvector.sh" >&2
    exit 1
  fi
  [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
  local fresh=()
  for i in 0 1 2; do
    local data
    data="$(node_dir "$i")"
    if [ ! -f "$data/PG_VERSION" ]; then
      as_pg "$PG_BIN/initdb" -D "$data" -U "$SUPERUSER" --auth=trust --no-sync -E UTF8 --locale=C.UTF-8 >/dev/null
      cat >>"$data/postgresql.conf" <<CONF

# citus-cluster.sh
listen_addresses = '127.0.0.1'
port = $(node_port "$i")
unix_socket_directories = '$data'
shared_preload_libraries = 'citus'
shared_buffers = 64MB
max_connections = 100
# Loopback only: the nodes talk to each other without TLS (Citus asks for sslmode=require by default).
citus.node_conninfo = 'sslmode=disable'
CONF
      fresh+=("$i")
    fi
    if running "$i"; then
      echo "citus-cluster: ${NODES[$i]} already running on port $(node_port "$i")"
    else
      as_pg "$PG_BIN/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 start >/dev/null ||
        { echo "citus-cluster: ${NODES[$i]} did not start; its log:" >&2; tail -n 20 "$data/server.log" >&2; exit 1; }
    fi
  done
  for i in "${fresh[@]}"; do
    psql_on "$i" postgres -c "create database $DATABASE"
    psql_on "$i" "$DATABASE" -c "create extension citus" -c "create extension vector"
  done
  if [ "${#fresh[@]}" -gt 0 ]; then
    psql_on 0 "$DATABASE" -c "select citus_set_coordinator_host('127.0.0.1', $(node_port 0))" >/dev/null
    for i in 1 2; do
      psql_on 0 "$DATABASE" -c "select citus_add_node('127.0.0.1', $(node_port "$i"))" >/dev/null
    done
  fi
  echo "citus-cluster: coordinator on $(node_port 0), workers on $(node_port 1) and $(node_port 2) ($dir)"
  echo "DATABASE_URL=postgres://$SUPERUSER@127.0.0.1:$(node_port 0)/$DATABASE"
}

stop() {
  for i in 2 1 0; do
    if [ -f "$(node_dir "$i")/PG_VERSION" ] && running "$i"; then
      as_pg "$PG_BIN/pg_ctl" -D "$(node_dir "$i")" -m fast -w -t 60 stop >/dev/null
      echo "citus-cluster: stopped ${NODES[$i]} (port $(node_port "$i"))"
    fi
  done
}

status() {
  local down=0
  for i in 0 1 2; do
    if [ -f "$(node_dir "$i")/PG_VERSION" ] && running "$i"; then
      echo "${NODES[$i]}: running on port $(node_port "$i")"
    else
      echo "${NODES[$i]}: not running"
      down=1
    fi
  done
  if [ "$down" -eq 0 ]; then
    psql_on 0 "$DATABASE" -c "select nodename, nodeport, noderole, isactive from pg_dist_node order by nodeport"
  fi
  return "$down"
}

case "$action" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  remove)
    stop
    rm -rf "$dir"
    echo "citus-cluster: removed $dir"
    ;;
  *) usage ;;
esac
