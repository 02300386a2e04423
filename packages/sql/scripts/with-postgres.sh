#!/usr/bin/env bash
# Runs a command with ATELIER_TEST_DATABASE_URL set to a Postgres for the @atelier/sql tests:
# the given URL if set; else the server on 127.0.0.1:5432 (trust auth, database `test`) when
# one answers; else a throwaway cluster in a temporary folder (Debian's `postgresql` is
# installed first when missing), stopped and removed when the command ends.
#
#   bash packages/sql/scripts/with-postgres.sh npm test
#
# ATELIER_PG_THROWAWAY=1 skips the 5432 probe (to try the throwaway path).
set -euo pipefail

if [ -n "${ATELIER_TEST_DATABASE_URL:-}" ]; then exec "$@"; fi

if [ -z "${ATELIER_PG_THROWAWAY:-}" ] && (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; then
  export ATELIER_TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test
  echo "[with-postgres] using the server on 127.0.0.1:5432"
  exec "$@"
fi

find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
bin=$(find_bin)
if [ -z "$bin" ]; then
  echo "[with-postgres] installing Debian's postgresql"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  bin=$(find_bin)
fi

as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
dir=$(mktemp -d /tmp/atelier-pg-XXXXXX)
port=${ATELIER_PG_PORT:-54329}
[ "$(id -u)" = 0 ] && chown postgres "$dir"
cleanup() {
  as_pg "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT
as_pg "$bin/initdb" -D "$dir/data" -U postgres --auth=trust >/dev/null
as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
as_pg "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres test
export ATELIER_TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$port/test"
echo "[with-postgres] throwaway cluster on 127.0.0.1:$port"
"$@"
