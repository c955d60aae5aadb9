#!/usr/bin/env bash
# Installs govinspect into ./.venv and runs the main job on the embedded default:
# the demo city on loopback, SQLite, in-process — then prints where the 通报 and the result JSON are.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PY="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/pip install -q --upgrade pip
.venv/bin/pip install -q -e '.[pdf]'
exec .venv/bin/govinspect demo "$@"
