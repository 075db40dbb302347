#!/usr/bin/env bash
# Set everything up on a fresh machine and start the app: bash run.sh
# (a virtual environment in .venv, the package and its dependencies, compiled translations).
set -euo pipefail
cd "$(dirname "$0")"
[ -d .venv ] || python3 -m venv .venv
. .venv/bin/activate
pip install -q --upgrade pip
pip install -q -e .
pybabel compile -d translations -D messages --statistics >/dev/null 2>&1 || pybabel compile -d translations -D messages
exec streamlit run navigator_server.py "$@"
