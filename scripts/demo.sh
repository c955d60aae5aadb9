#!/usr/bin/env bash
# Installs govinspect into ./.venv and runs the main job on the embedded default:
# the demo city on loopback, SQLite, in-process — then prints where the 通报 and the result JSON are.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PY="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ] && ! "$PY" -m venv .venv; then
  # Debian ships venv separately
  SUDO=""; [ "$(id -u)" != 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-venv
  rm -rf .venv && "$PY" -m venv .venv
fi
.venv/bin/pip install -q --upgrade pip
.venv/bin/pip install -q -e '.[pdf]'
exec .venv/bin/govinspect demo "$@"
