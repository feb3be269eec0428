#!/bin/sh
# Refresh the .ts sources from the UI code and compile the .qm files the app ships.
#   sh resources/i18n/build.sh        (from the repository root, with the venv's tools)
# Translate new strings in Qt Linguist (pyside6-linguist resources/i18n/assist_zh_CN.ts) first.
set -e
BIN=${BIN:-.venv/bin}
for lang in zh_CN en; do
  "$BIN/pyside6-lupdate" -no-obsolete assist/ui/*.py -ts "resources/i18n/assist_$lang.ts"
done
for lang in zh_CN en; do
  "$BIN/pyside6-lrelease" "resources/i18n/assist_$lang.ts" -qm "resources/i18n/assist_$lang.qm"
done
