#!/usr/bin/env bash
# Builds and installs pgvector into a local PostgreSQL server from Debian's source package.
# Debian 12 ships no pgvector binary package; the `trixie` source package (pgvector 0.8.0) builds
# against PostgreSQL 15 in seconds. Idempotent: does nothing when the extension is already there.
#
#   sudo bash scripts/install-pgvector.sh            # PostgreSQL 15 (default)
#   PG_MAJOR=16 sudo bash scripts/install-pgvector.sh
#
# Elsewhere: use the pgvector/pgvector docker image (docker-compose.yml), your OS package
# (apt install postgresql-16-pgvector, brew install pgvector), or https://github.com/pgvector/pgvector.
set -euo pipefail

PG_MAJOR="${PG_MAJOR:-15}"
PG_CONFIG="${PG_CONFIG:-/usr/lib/postgresql/${PG_MAJOR}/bin/pg_config}"

if [ ! -x "$PG_CONFIG" ]; then
  echo "install-pgvector: $PG_CONFIG not found; is PostgreSQL ${PG_MAJOR} installed? Set PG_MAJOR or PG_CONFIG." >&2
  exit 1
fi

sharedir="$("$PG_CONFIG" --sharedir)"
if [ -f "$sharedir/extension/vector.control" ]; then
  echo "install-pgvector: pgvector already installed ($(grep default_version "$sharedir/extension/vector.control"))"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "install-pgvector: needs root to install packages and write into $sharedir (run with sudo)" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
src_list=/etc/apt/sources.list.d/jobsight-trixie-src.sources
if [ ! -f "$src_list" ]; then
  cat > "$src_list" <<'SRC'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
fi
apt-get update -qq
apt-get install -y -qq "postgresql-server-dev-${PG_MAJOR}" build-essential dpkg-dev >/dev/null

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
apt-get source -qq pgvector >/dev/null 2>&1 || apt-get source pgvector
cd pgvector-*/
make -s PG_CONFIG="$PG_CONFIG" >/dev/null
make -s install PG_CONFIG="$PG_CONFIG" >/dev/null
echo "install-pgvector: installed $(grep default_version "$sharedir/extension/vector.control")"
