#!/usr/bin/env bash
# Run every test on a fresh machine: bash test.sh
# Installs what the tests need (the package with its test extras, Debian's chromium for the
# browser tests, espeak-ng for the speech tests, Pango for the PDF sheet, postgresql for the statistics test), compiles the translations, then runs pytest. Exit code 5 (no tests) is a failure.
# The throw-away PostgreSQL it starts is stopped when it ends, however it ends.
set -uo pipefail
cd "$(dirname "$0")"
if { ! command -v chromium || ! command -v espeak-ng || ! ldconfig -p | grep -q libpangoft2-1.0; } >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium espeak-ng libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 >/dev/null) || echo "warning: could not install chromium, espeak-ng or pango; browser, speech and PDF tests will fail" >&2
fi
[ -d .venv ] || python3 -m venv .venv
. .venv/bin/activate
pip install -q --upgrade pip >/dev/null
pip install -q -e '.[test]' || exit 1
pybabel compile -d translations -D messages >/dev/null || exit 1
pybabel compile -d translations -D catalogue >/dev/null || exit 1
. scripts/on_exit.sh
. scripts/postgres.sh
if [ -z "${NAVIGATOR_TEST_POSTGRES_URL:-}" ] && on_exit postgres_stop && postgres_start; then
  export NAVIGATOR_TEST_POSTGRES_URL="$POSTGRES_URL"  # the statistics test also runs on PostgreSQL
fi
export NAVIGATOR_TEST_SERVERS=1  # the server tests run even when -m narrows the run (tests/conftest.py)
# Two processes (pytest-xdist): the browser and server tests mostly wait, so the whole suite takes about four fifths
# of its serial time on a 2-core machine (`bash test.sh -n 0` runs it in one process).
python -m pytest -n 2 "$@"
status=$?
if [ "$status" = 5 ]; then echo "pytest collected no tests: failing" >&2; exit 1; fi
exit "$status"
