#!/usr/bin/env bash
# Start a throw-away PostgreSQL server for the statistics test; print its SQLAlchemy URL.
# Installs Debian's postgresql when run as root and it is missing. Prints nothing (and exits 1) if it cannot.
set -u
if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 || exit 1
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null 2>&1 || exit 1
fi
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
dir=$(mktemp -d /tmp/navigator-pg.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
run() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$dir"
run "$bin/initdb -D $dir/data -A trust -U navigator >/dev/null" || exit 1
run "$bin/pg_ctl -D $dir/data -o '-p $port -k $dir -c listen_addresses=127.0.0.1' -l $dir/log start -w >/dev/null" || exit 1
echo "postgresql+psycopg://navigator@127.0.0.1:$port/postgres"
