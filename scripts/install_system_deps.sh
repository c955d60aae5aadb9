#!/usr/bin/env bash
# Debian packages govinspect's tests and full features need (idempotent; root or sudo):
# PostgreSQL (tests of the [pg] path), Redis ([dist]), Chromium ([browser], dashboard tests),
# LibreOffice (docx -> PDF check), poppler (pdftoppm/pdffonts), pango/harfbuzz (WeasyPrint), CJK fonts.
set -euo pipefail
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
pkgs="postgresql redis-server chromium poppler-utils libreoffice-writer-nogui libpango-1.0-0 libpangoft2-1.0-0
      libharfbuzz-subset0 fontconfig python3-venv"
missing=""
for p in $pkgs; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "install_system_deps: apt-get install$missing"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
fi
bash "$(dirname "${BASH_SOURCE[0]}")/install_fonts.sh"
