#!/usr/bin/env bash
# Installs what the project needs on a fresh Debian machine: a venv with the pinned packages and,
# with --test, Debian's Chromium for the browser tests. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then python3 -m venv .venv; fi
.venv/bin/pip install -q --disable-pip-version-check -r requirements.txt
if [ "${1:-}" = "--test" ]; then
  .venv/bin/pip install -q --disable-pip-version-check -r requirements-dev.txt
  if [ ! -x /usr/bin/chromium ]; then
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium poppler-utils >/dev/null
  fi
fi
