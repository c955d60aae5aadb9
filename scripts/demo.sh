#!/usr/bin/env bash
# Installs govinspect into ./.venv and runs the main job on the embedded default:
# the demo city on loopback, SQLite, in-process — then prints where the 通报 and the result JSON are.
# The PDF 通报 needs pango (WeasyPrint) and CJK fonts: on Debian they are installed here (apt, with sudo
# when not root); without them the demo says what is missing and exits non-zero rather than print
# empty boxes.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PY="${PYTHON:-python3}"
SUDO=""; [ "$(id -u)" != 0 ] && SUDO="sudo"

if [ ! -x .venv/bin/python ] && ! "$PY" -m venv .venv; then
  # Debian ships venv separately
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-venv
  rm -rf .venv && "$PY" -m venv .venv
fi

if command -v apt-get >/dev/null; then
  # pango, Noto CJK + Fandol 仿宋/黑体/楷体 and the 公文 font-name aliases (idempotent)
  bash scripts/install_fonts.sh || echo "demo: 中文字体安装失败，PDF 通报将不会生成（见上方输出）" >&2
fi

.venv/bin/pip install -q --upgrade pip
.venv/bin/pip install -q -e '.[pdf]'
exec .venv/bin/govinspect demo "$@"
