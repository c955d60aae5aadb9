#!/usr/bin/env bash
# Install the CJK fonts (and pango) the 通报 (docx -> PDF via LibreOffice, HTML -> PDF via WeasyPrint) needs on Debian:
#   - Debian font packages (Noto CJK, WenQuanYi Zen Hei, AR PL 简报宋/简中楷)
#   - FandolFang/Song/Hei/Kai, extracted from texlive-lang-chinese (no Debian font package has a
#     simplified-Chinese 仿宋), without installing TeX
#   - the fontconfig alias file shipped in govinspect/report/fonts (仿宋_GB2312 -> FandolFang, 黑体 -> ...)
# Idempotent: each step is skipped when already done. Needs root (or sudo).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ALIASES_SRC="$HERE/../govinspect/report/fonts/65-gov-cjk-aliases.conf"
FONT_DIR=/usr/local/share/fonts/fandol
ALIASES_DST=/etc/fonts/conf.d/65-gov-cjk-aliases.conf
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

# pango/harfbuzz: WeasyPrint lays the PDF 通报 out with them (scripts/demo.sh relies on this list)
debian_pkgs="fonts-noto-cjk fonts-wqy-zenhei fonts-arphic-gbsn00lp fonts-arphic-gkai00mp fontconfig poppler-utils
             libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0"
missing=""
for p in $debian_pkgs; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "install_fonts: apt-get install$missing"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
fi

if ! ls "$FONT_DIR"/FandolFang-Regular.otf >/dev/null 2>&1; then
  echo "install_fonts: extracting Fandol fonts from texlive-lang-chinese"
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  ( cd "$tmp" && apt-get download texlive-lang-chinese >/dev/null 2>&1 ) || {
    $SUDO apt-get update -qq
    ( cd "$tmp" && apt-get download texlive-lang-chinese )
  }
  dpkg-deb -x "$tmp"/texlive-lang-chinese_*.deb "$tmp/x"
  $SUDO mkdir -p "$FONT_DIR"
  find "$tmp/x" -name 'Fandol*.otf' -exec $SUDO cp {} "$FONT_DIR"/ \;
  ls "$FONT_DIR"/FandolFang-Regular.otf >/dev/null
fi

if ! cmp -s "$ALIASES_SRC" "$ALIASES_DST"; then
  echo "install_fonts: installing $ALIASES_DST"
  $SUDO install -m 0644 "$ALIASES_SRC" "$ALIASES_DST"
fi

$SUDO fc-cache -f >/dev/null
# Fail loudly when the aliases do not resolve to CJK fonts (a PDF would show empty boxes otherwise).
for fam in 仿宋_GB2312 黑体 楷体_GB2312 方正小标宋简体; do
  got="$(fc-match -f '%{family}' "$fam")"
  case "$got" in
    *Fandol*|*CJK*|*"AR PL"*|*WenQuanYi*) echo "install_fonts: $fam -> $got" ;;
    *) echo "install_fonts: $fam resolves to '$got', which has no CJK glyphs" >&2; exit 1 ;;
  esac
done
