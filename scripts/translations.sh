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

# The programmes' texts: the `catalogue` domain, msgid = the exact French text of catalogue/*.yaml
# (navigator/catalogue/translations.py). Fuzzy matching stays on: when a French text changes, its old translation
# is kept as fuzzy with the previous French (#| msgid), to review — visitors see the French until then.
# A new language: `pybabel init -i translations/catalogue.pot -d translations -D catalogue -l xx`.
pybabel extract -F babel-catalogue.cfg --project=navigator --version=0.1 --msgid-bugs-address=curators@navigator.invalid --no-location --sort-output -o translations/catalogue.pot .
for po in translations/*/LC_MESSAGES/catalogue.po; do
  lang="${po#translations/}"; lang="${lang%%/*}"
  pybabel update -i translations/catalogue.pot -d translations -D catalogue -l "$lang" --previous --ignore-obsolete
done
pybabel compile -d translations -D catalogue --statistics
