#!/usr/bin/env bash
# Installs Debian's chromium for the end-to-end tests (npm run test:e2e) where it is missing.
# playwright-core drives it through CHROMIUM_PATH (default /usr/bin/chromium); no browser is downloaded by npm.
set -euo pipefail
CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$CHROMIUM_PATH" ]; then
  echo "chromium: $("$CHROMIUM_PATH" --version 2>/dev/null || echo present) at $CHROMIUM_PATH"
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core > /dev/null
echo "chromium: $("$CHROMIUM_PATH" --version) installed"
