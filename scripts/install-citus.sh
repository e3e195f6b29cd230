#!/usr/bin/env bash
# Builds and installs the Citus extension into a local PostgreSQL from the vendored source
# (../shared/vendor/citus/citus-13.2.2.tar.gz; see the README there). Debian 12 packages no Citus and
# no other package source is reachable on these machines. Idempotent: quick when Citus is installed.
#
#   sudo bash scripts/install-citus.sh            # PostgreSQL 15 (default)
#   PG_MAJOR=16 sudo bash scripts/install-citus.sh
#   CITUS_TARBALL=/path/to/citus-13.2.2.tar.gz sudo bash scripts/install-citus.sh
#
# Elsewhere: install Citus from its own packages (https://docs.citusdata.com/en/stable/installation/)
# or run the citusdata/citus Docker image, and add pgvector (see README, "Citus").
set -euo pipefail

PG_MAJOR="${PG_MAJOR:-15}"
PG_CONFIG="${PG_CONFIG:-/usr/lib/postgresql/${PG_MAJOR}/bin/pg_config}"
here="$(cd "$(dirname "$0")" && pwd)"
CITUS_TARBALL="${CITUS_TARBALL:-$here/../../shared/vendor/citus/citus-13.2.2.tar.gz}"
CITUS_SHA256=dd2453caec20a830e5e63f1def5c5a98cb6f57ae510407cdcd800916fcdab430

if [ ! -x "$PG_CONFIG" ]; then
  echo "install-citus: $PG_CONFIG not found; is PostgreSQL ${PG_MAJOR} installed? Set PG_MAJOR or PG_CONFIG." >&2
  exit 1
fi

sharedir="$("$PG_CONFIG" --sharedir)"
pkglibdir="$("$PG_CONFIG" --pkglibdir)"
if [ -f "$sharedir/extension/citus.control" ] && [ -f "$pkglibdir/citus.so" ]; then
  echo "install-citus: Citus already installed ($(grep default_version "$sharedir/extension/citus.control"))"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "install-citus: needs root to install build packages and write into $pkglibdir (run with sudo)" >&2
  exit 1
fi
if [ ! -f "$CITUS_TARBALL" ]; then
  echo "install-citus: Citus source not found at $CITUS_TARBALL; set CITUS_TARBALL to citus-13.2.2.tar.gz" >&2
  exit 1
fi
echo "$CITUS_SHA256  $CITUS_TARBALL" | sha256sum -c --quiet - || {
  echo "install-citus: $CITUS_TARBALL is not the expected Citus 13.2.2 source (sha256 differs)" >&2
  exit 1
}

export DEBIAN_FRONTEND=noninteractive
# Wait for another apt run (other jobs on the machine) rather than failing on the dpkg lock.
apt_get() { apt-get -o DPkg::Lock::Timeout=600 "$@"; }
deps=("postgresql-server-dev-${PG_MAJOR}" build-essential libcurl4-openssl-dev liblz4-dev libzstd-dev
  libkrb5-dev libssl-dev libselinux1-dev libxslt1-dev libpam0g-dev libreadline-dev)
missing=()
for dep in "${deps[@]}"; do
  dpkg-query -W -f='${Status}' "$dep" 2>/dev/null | grep -q 'install ok installed' || missing+=("$dep")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "install-citus: installing build packages: ${missing[*]}"
  apt_get update -qq
  apt_get install -y -qq "${missing[@]}" >/dev/null
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
tar -xzf "$CITUS_TARBALL" -C "$work"
cd "$work"/citus-*/

# Debian's PostgreSQL 15.20 exports have_createdb_privilege, which Citus 13.2.2 also defines as a
# static copy for PG 15 ("static declaration ... follows non-static declaration"). Rename Citus's
# copy and point the name at it, as the vendored README's recipe says. Harmless where PG lacks it.
compat=src/include/pg_version_compat.h
if grep -q '^have_createdb_privilege(void)' "$compat"; then
  sed -i 's/^have_createdb_privilege(void)/citus_compat_have_createdb_privilege(void)/' "$compat"
  # The #define goes just before the function's "static inline bool" line.
  line="$(grep -n '^citus_compat_have_createdb_privilege(void)' "$compat" | cut -d: -f1)"
  sed -i "$((line - 1))i #define have_createdb_privilege citus_compat_have_createdb_privilege" "$compat"
fi

echo "install-citus: building Citus (a few minutes on 2 cores)"
./configure -q PG_CONFIG="$PG_CONFIG" >/dev/null
# with_llvm=no: no LLVM bitcode for JIT inlining (PGXS would compile every file a second time with
# clang); Citus runs the same without it, and PostgreSQL's JIT still compiles queries.
make -s -j"$(nproc)" with_llvm=no >/dev/null
make -s install with_llvm=no >/dev/null
echo "install-citus: installed $(grep default_version "$sharedir/extension/citus.control")"
