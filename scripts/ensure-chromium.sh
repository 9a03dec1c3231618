#!/bin/sh
# The browser tests (test/editor/browser.test.ts) and bench/editor.bench.mjs drive Debian's Chromium through
# playwright-core, which downloads no browser of its own: install the `chromium` package when it is missing.
set -eu
CHROMIUM="${SCHEDA_CHROMIUM:-/usr/bin/chromium}"
[ -x "$CHROMIUM" ] && exit 0
echo "scripts/ensure-chromium.sh: $CHROMIUM missing, installing Debian's chromium package" >&2
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq chromium >/dev/null
[ -x "$CHROMIUM" ] || { echo "scripts/ensure-chromium.sh: $CHROMIUM still missing after apt-get" >&2; exit 1; }
