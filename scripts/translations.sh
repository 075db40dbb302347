#!/usr/bin/env bash
# Extract interface strings, update every language's .po, compile the .mo — Babel's own commands.
set -euo pipefail
cd "$(dirname "$0")/.."
pybabel extract -F babel.cfg -k N_ -k ngettext:1,2 --project=navigator --version=0.1 --msgid-bugs-address=curators@navigator.invalid --no-location --sort-output -o translations/messages.pot .
# Every language that has a messages.po (navigator/i18n.py offers exactly those). A new language: add its code to
# REGISTERED in navigator/i18n.py, then `pybabel init -i translations/messages.pot -d translations -D messages -l xx`.
for po in translations/*/LC_MESSAGES/messages.po; do  # en is the message ids: no .po
  lang="${po#translations/}"; lang="${lang%%/*}"
  pybabel update -i translations/messages.pot -d translations -D messages -l "$lang" --no-fuzzy-matching --ignore-obsolete
done
pybabel compile -d translations -D messages --statistics
