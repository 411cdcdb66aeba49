#!/usr/bin/env bash
# Installs what the project needs on a Debian/Ubuntu machine, checking each piece on its own:
#   scripts/install.sh          a venv (.venv) with the pinned packages of requirements.txt
#                               (and Debian's python3-venv first when `python3 -m venv` cannot work),
#                               then this generator installed editable (the course-builder command and
#                               MkDocs plugin run course_builder/ from this folder: edits take effect at once)
#   scripts/install.sh --test   also requirements-dev.txt, Debian's chromium (browser and PDF tests),
#                               poppler-utils (pdftotext, PDF tests), nodejs + npm and the test-only
#                               npm packages of tests/js/ (npm ci, when tests/js/package-lock.json exists),
#                               and a Java runtime for the Nu HTML Checker among them
# Safe to run again: it installs only what is missing and says what it installed.
set -euo pipefail
cd "$(dirname "$0")/.."

mode="${1:-}"
case "$mode" in
  ""|--test) ;;
  *) echo "usage: scripts/install.sh [--test]" >&2; exit 2 ;;
esac

installed=()
apt_wanted=()

apt_install() {  # apt_install PKG... : Debian packages, with sudo when not root
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null; then sudo="sudo"; else
      echo "install.sh: need root (or sudo) to install: $*" >&2; exit 1
    fi
  fi
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
  installed+=("$@")
}

# A venv needs ensurepip, which Debian ships separately (python3-venv).
if [ ! -x .venv/bin/python ]; then
  if ! python3 -c "import ensurepip, venv" >/dev/null 2>&1; then
    apt_install python3-venv
  fi
  rm -rf .venv  # a half-made venv from an earlier failed attempt
  python3 -m venv .venv
  installed+=(".venv")
fi

pip_install() {  # pip_install REQUIREMENTS : pinned packages; reports the ones that changed
  local before after
  before="$(.venv/bin/python -m pip freeze --disable-pip-version-check 2>/dev/null | sort)"
  .venv/bin/python -m pip install -q --disable-pip-version-check -r "$1"
  after="$(.venv/bin/python -m pip freeze --disable-pip-version-check 2>/dev/null | sort)"
  local changed
  changed="$(comm -13 <(echo "$before") <(echo "$after") | grep -c . || true)"
  if [ "$changed" -gt 0 ]; then installed+=("$changed Python packages ($1)"); fi
}

pip_install requirements.txt

# The generator (pyproject.toml), editable: MkDocs finds its plugin by the package's entry point.
# Checked in isolated mode (-I), where this folder is not on the path: only an install finds it.
if [ -f pyproject.toml ] && ! .venv/bin/python -I -c \
    'import sys, course_builder; sys.exit(not course_builder.__file__.startswith(sys.argv[1]))' "$PWD/" 2>/dev/null; then
  .venv/bin/python -m pip install -q --disable-pip-version-check --no-deps -e .
  installed+=("course-builder (editable)")
fi

if [ "$mode" = "--test" ]; then
  pip_install requirements-dev.txt
  [ -x "${CHROMIUM:-/usr/bin/chromium}" ] || apt_wanted+=(chromium)  # the browser tests use this path
  command -v pdftotext >/dev/null || apt_wanted+=(poppler-utils)
  command -v node >/dev/null || apt_wanted+=(nodejs)
  command -v npm >/dev/null || apt_wanted+=(npm)
  command -v java >/dev/null || apt_wanted+=(default-jre-headless)  # the Nu HTML Checker (vnu.jar)
  if [ "${#apt_wanted[@]}" -gt 0 ]; then apt_install "${apt_wanted[@]}"; fi
  # Wheels of the generator's dependencies (and setuptools, which builds it): tests/test_package.py
  # installs a new course into a fresh venv exactly as its README says, with no network at test time.
  wheels=.cache/wheelhouse
  want=""
  if [ -f pyproject.toml ]; then want="$(cat requirements.txt pyproject.toml | sha256sum | cut -d' ' -f1)"; fi
  if [ -n "$want" ] && { [ ! -f "$wheels/.install-sh.sha256" ] || [ "$(cat "$wheels/.install-sh.sha256")" != "$want" ]; }; then
    .venv/bin/python -m pip download -q --disable-pip-version-check -d "$wheels" -r requirements.txt "setuptools>=64"
    echo "$want" > "$wheels/.install-sh.sha256"
    installed+=("$wheels")
  fi
  # Test-only npm packages: reinstalled only when the lock file changed since the last install.
  if [ -f tests/js/package-lock.json ]; then
    stamp=tests/js/node_modules/.install-sh.sha256
    want="$(sha256sum tests/js/package-lock.json | cut -d' ' -f1)"
    if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
      npm ci --prefix tests/js --no-audit --no-fund --silent >/dev/null
      echo "$want" > "$stamp"
      installed+=("tests/js/node_modules(npm ci)")
    fi
  fi
fi

if [ "${#installed[@]}" -gt 0 ]; then
  (IFS=","; echo "install.sh: installed ${installed[*]}" | sed 's/,/, /g')
else
  echo "install.sh: everything was already installed"
fi
