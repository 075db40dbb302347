#!/usr/bin/env bash
# Extract interface strings, update every language's .po, compile the .mo — Babel's own commands.
set -euo pipefail
cd "$(dirname "$0")/.."
pybabel extract -F babel.cfg -k N_ -k ngettext:1,2 --project=navigator --version=0.1 --msgid-bugs-address=curators@navigator.invalid --no-location --sort-output -o translations/messages.pot .
for lang in fr ar fa ps uk ru es ti tr; do  # en is the message ids

  if [ -f "translations/$lang/LC_MESSAGES/messages.po" ]; then
    pybabel update -i translations/messages.pot -d translations -D messages -l "$lang" --no-fuzzy-matching --ignore-obsolete
  else
    pybabel init -i translations/messages.pot -d translations -D messages -l "$lang"
  fi
done
pybabel compile -d translations -D messages --statistics
