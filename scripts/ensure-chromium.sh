#!/usr/bin/env bash
# Before `npm test`: the browser tests drive Debian's chromium through playwright-core
# (executablePath /usr/bin/chromium; downloading a browser build is not an option here).
# Installs it with apt when missing and this user can; otherwise says what to do.
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$CHROMIUM" ] && exit 0
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
  echo "chromium not found: installing Debian's chromium for the browser tests (once)…" >&2
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "The browser tests need Chromium at $CHROMIUM: install it (Debian: sudo apt-get install -y chromium)" >&2
echo "or point CHROMIUM_PATH at a Chromium/Chrome binary." >&2
exit 1
