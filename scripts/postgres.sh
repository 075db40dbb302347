# A throw-away PostgreSQL server, for scripts that need one for a while (test.sh, serve.sh). Source this file, then:
#
#     . scripts/on_exit.sh
#     on_exit postgres_stop                     # stopped when the script ends, on failure too (scripts/on_exit.sh)
#     postgres_start || echo "no PostgreSQL"   # sets POSTGRES_URL (SQLAlchemy) and POSTGRES_DIR
#
# postgres_start installs Debian's postgresql when run as root and it is missing, and returns 1 (printing nothing)
# if it cannot. The server listens on 127.0.0.1 only, on a free port, with its data in a fresh folder under /tmp;
# postgres_stop stops it and removes the folder (it does nothing when no server was started). Throw-away, so
# initdb does not wait for the disk (--no-sync).

POSTGRES_URL=""
POSTGRES_DIR=""

_postgres_as_owner() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }

postgres_start() {
  if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
    [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 || return 1
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null 2>&1 || return 1
  fi
  local bin port
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  POSTGRES_DIR=$(mktemp -d /tmp/navigator-pg.XXXXXX) || return 1
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  [ "$(id -u)" = 0 ] && chown postgres "$POSTGRES_DIR"
  _postgres_as_owner "$bin/initdb --no-sync -D $POSTGRES_DIR/data -A trust -U navigator >/dev/null" || { postgres_stop; return 1; }
  _postgres_as_owner "$bin/pg_ctl -D $POSTGRES_DIR/data -o '-p $port -k $POSTGRES_DIR -c listen_addresses=127.0.0.1' -l $POSTGRES_DIR/log start -w >/dev/null" ||
    { postgres_stop; return 1; }
  POSTGRES_URL="postgresql+psycopg://navigator@127.0.0.1:$port/postgres"
}

postgres_stop() {
  [ -n "$POSTGRES_DIR" ] || return 0
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -f "$POSTGRES_DIR/data/postmaster.pid" ]; then
    _postgres_as_owner "$bin/pg_ctl -D $POSTGRES_DIR/data stop -m fast -w >/dev/null 2>&1" ||
      kill "$(head -n 1 "$POSTGRES_DIR/data/postmaster.pid")" 2>/dev/null
  fi
  rm -rf "$POSTGRES_DIR"
  POSTGRES_DIR=""
  POSTGRES_URL=""
}
