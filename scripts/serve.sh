#!/usr/bin/env bash
# N app processes behind nginx on this machine, with one PostgreSQL for their statistics:
#
#     bash scripts/serve.sh 2                      # http://127.0.0.1:8500
#     bash scripts/serve.sh 4 --port 9000 -- --server.disconnectedSessionTTL 30   # after --: Streamlit options
#     bash scripts/serve.sh 2 --script scripts/floor_page.py                     # another Streamlit script
#     bash scripts/serve.sh 2 --exempt 127.0.0.1                                  # no per-address limit for loopback (load tests)
#
# Sets up .venv like run.sh, installs Debian's nginx (and postgresql) when missing and run as root, starts N Streamlit
# processes on free loopback ports, waits until each answers /_stcore/health, then starts nginx in front
# (configuration from navigator/serving/nginx.py: websocket upgrade, sticky cookie, passive health checks, per-address
# limits on new sessions, which --exempt lifts for an address or network).
# Statistics go to NAVIGATOR_DATABASE_URL when set, else to a throw-away PostgreSQL started here (none with
# NAVIGATOR_STATS=off). A process that dies, or stops answering /_stcore/health for 15 s (3 checks,
# NAVIGATOR_SERVE_CHECK_SECONDS apart), is started again on its port (NAVIGATOR_SERVE_RESTART=no: not).
# Prints "app <i> pid <pid> port <port>" per process, then "ready <url>". Ctrl-C (or a kill) stops everything it
# started; so does any failure on the way.
set -uo pipefail
cd "$(dirname "$0")/.."

count=${1:-2}
shift || true
port=${NAVIGATOR_PROXY_PORT:-8500}
script=navigator_server.py
exempt=()
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port=$2; shift 2 ;;
    --script) script=$2; shift 2 ;;
    --exempt) exempt+=("--exempt=$2"); shift 2 ;;
    --) shift; break ;;
    *) echo "usage: bash scripts/serve.sh N [--port P] [--script app.py] [--exempt CIDR] [-- streamlit options]" >&2; exit 2 ;;
  esac
done
case "$count" in '' | *[!0-9]* | 0) echo "N must be a number of processes, at least 1 (got '$count')" >&2; exit 2 ;; esac
streamlit_options=("$@")

. scripts/on_exit.sh
. scripts/postgres.sh

if ! command -v nginx >/dev/null 2>&1 && ! [ -x /usr/sbin/nginx ]; then
  [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 || { echo "nginx is missing: apt-get install nginx" >&2; exit 1; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null 2>&1 || { echo "could not install nginx" >&2; exit 1; }
fi
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)

[ -d .venv ] || python3 -m venv .venv
. .venv/bin/activate
python -c 'import navigator, psycopg' 2>/dev/null || pip install -q -e '.[postgres]' || exit 1
pybabel compile -d translations -D messages >/dev/null 2>&1 || exit 1

run=$(mktemp -d /tmp/navigator-serve.XXXXXX) || exit 1
on_exit "rm -rf '$run'"
chmod 755 "$run"

stats=${NAVIGATOR_STATS:-on}
if [ -z "${NAVIGATOR_DATABASE_URL:-}" ] && ! [[ "${stats,,}" =~ ^(off|0|false|no)$ ]]; then
  on_exit postgres_stop
  postgres_start || { echo "could not start PostgreSQL for the statistics (set NAVIGATOR_DATABASE_URL, or NAVIGATOR_STATS=off)" >&2; exit 1; }
  export NAVIGATOR_DATABASE_URL="$POSTGRES_URL"
  echo "statistics: $NAVIGATOR_DATABASE_URL"
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

app_ports=()
app_pids=()
app_started=()
app_failed_checks=()
#: A live process that fails this many health checks in a row (one every NAVIGATOR_SERVE_CHECK_SECONDS, 5 by
#: default, with as long to answer) is hung: it is killed, then started again like a process that died. None is
#: checked in its first minute (the catalogue is loading; NAVIGATOR_SERVE_GRACE seconds).
HUNG_AFTER=3
grace=${NAVIGATOR_SERVE_GRACE:-60}
check_every=${NAVIGATOR_SERVE_CHECK_SECONDS:-5}
case "$check_every" in '' | *[!0-9]* | 0) echo "NAVIGATOR_SERVE_CHECK_SECONDS must be a whole number of seconds, at least 1 (got '$check_every')" >&2; exit 2 ;; esac

start_app() {  # $1: index
  local i=$1
  python -m streamlit run "$script" --server.headless true --server.address 127.0.0.1 \
    --server.port "${app_ports[$i]}" --browser.gatherUsageStats false --global.developmentMode false \
    --server.fileWatcherType none "${streamlit_options[@]}" >>"$run/app-$((i + 1)).log" 2>&1 &
  app_pids[$i]=$!
  app_started[$i]=$SECONDS
  app_failed_checks[$i]=0
}

stop_apps() {
  local pid
  for pid in "${app_pids[@]}"; do [ -n "$pid" ] && kill "$pid" 2>/dev/null; done
  for pid in "${app_pids[@]}"; do
    [ -n "$pid" ] || continue
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null
  done
  wait 2>/dev/null
}

healthy() {  # $1: port, $2: seconds to wait for the answer (default 2)
  python3 -c "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:$1/_stcore/health', timeout=${2:-2}).read() != b'ok')" 2>/dev/null
}

on_exit stop_apps
for ((i = 0; i < count; i++)); do
  app_ports[$i]=$(free_port)
  while [ "${app_ports[$i]}" = "$port" ]; do app_ports[$i]=$(free_port); done
  start_app "$i"
done
for ((i = 0; i < count; i++)); do
  for _ in $(seq 120); do healthy "${app_ports[$i]}" && break; kill -0 "${app_pids[$i]}" 2>/dev/null || break; sleep 0.5; done
  healthy "${app_ports[$i]}" || { echo "app $((i + 1)) did not start; its log:" >&2; tail -n 20 "$run/app-$((i + 1)).log" >&2; exit 1; }
  echo "app $((i + 1)) pid ${app_pids[$i]} port ${app_ports[$i]}"
done

user_option=()
[ "$(id -u)" = 0 ] && user_option=(--user www-data)
python -m navigator.serving.nginx --listen "$port" "${app_ports[@]/#/--app=}" --run-dir "$run" "${user_option[@]}" "${exempt[@]}" >"$run/nginx.conf" || exit 1
"$nginx_bin" -t -q -p "$run" -c "$run/nginx.conf" -e "$run/error.log" || exit 1
"$nginx_bin" -p "$run" -c "$run/nginx.conf" -e "$run/error.log" &
nginx_pid=$!
on_exit "kill $nginx_pid 2>/dev/null; wait $nginx_pid 2>/dev/null"
for _ in $(seq 50); do healthy "$port" && break; sleep 0.2; done
healthy "$port" || { echo "nginx did not start; its log:" >&2; cat "$run/error.log" >&2; exit 1; }
echo "ready http://127.0.0.1:$port ($count processes; configuration and logs in $run)"

restart=${NAVIGATOR_SERVE_RESTART:-yes}
tick=0
while true; do
  sleep 1 &
  wait $!
  tick=$((tick + 1))
  kill -0 "$nginx_pid" 2>/dev/null || { echo "nginx stopped; stopping everything" >&2; exit 1; }
  for ((i = 0; i < count; i++)); do
    [ -n "${app_pids[$i]}" ] || continue  # stopped and not restarted
    if ((tick % check_every == 0)) && ((SECONDS - app_started[i] >= grace)) && kill -0 "${app_pids[$i]}" 2>/dev/null; then
      if healthy "${app_ports[$i]}" "$check_every"; then
        app_failed_checks[$i]=0
      else
        app_failed_checks[$i]=$((app_failed_checks[i] + 1))
        if ((app_failed_checks[i] >= HUNG_AFTER)); then
          echo "app $((i + 1)) does not answer /_stcore/health ($HUNG_AFTER checks in a row); killing it"
          kill -9 "${app_pids[$i]}" 2>/dev/null
          sleep 0.5
        fi
      fi
    fi
    if ! kill -0 "${app_pids[$i]}" 2>/dev/null; then
      wait "${app_pids[$i]}" 2>/dev/null
      if [ "$restart" = no ]; then
        echo "app $((i + 1)) stopped; not restarted (NAVIGATOR_SERVE_RESTART=no)"
        app_pids[$i]=""
        continue
      fi
      echo "app $((i + 1)) stopped; starting it again on port ${app_ports[$i]}"
      start_app "$i"
      echo "app $((i + 1)) pid ${app_pids[$i]} port ${app_ports[$i]}"
    fi
  done
done
