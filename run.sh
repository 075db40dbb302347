#!/usr/bin/env bash
# Set everything up on a fresh machine and start the app: bash run.sh
# (a virtual environment in .venv, the package and its dependencies, compiled translations).
set -euo pipefail
cd "$(dirname "$0")"
# The PDF sheet needs Debian's Pango (WeasyPrint); without it the app offers the HTML sheet instead.
if ! ldconfig -p 2>/dev/null | grep -q libpangoft2-1.0 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 >/dev/null) || echo "warning: could not install pango; the sheet will be HTML, not PDF" >&2
fi
[ -d .venv ] || python3 -m venv .venv
. .venv/bin/activate
pip install -q --upgrade pip
pip install -q -e .
pybabel compile -d translations -D messages --statistics >/dev/null 2>&1 || pybabel compile -d translations -D messages
exec streamlit run navigator_server.py "$@"
