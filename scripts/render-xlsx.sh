#!/usr/bin/env bash
# Renders an xlsx (or docx) written by dutyctl to PNG pages, the way a clerk would see it
# printed, for the pictures in docs/. Installs what it needs from Debian's packages on first use.
# Usage: scripts/render-xlsx.sh TABLE.xlsx OUT_PREFIX     (writes OUT_PREFIX-1.png, …)
set -euo pipefail
input=$1
prefix=$2
if ! command -v soffice >/dev/null || ! command -v pdftoppm >/dev/null || ! fc-list :lang=zh | grep -q . \
  || ! fc-list | grep -q Carlito; then
  apt-get update -qq
  # Calc and Writer without a GUI, CJK fonts (Noto has 仿宋/黑体 substitutes), Carlito (Calibri's
  # metrics: Excel's column unit is the width of a Calibri digit, so without it every column
  # prints a third wider than in Excel), and pdftoppm.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    libreoffice-calc-nogui libreoffice-writer-nogui fonts-noto-cjk fonts-noto-cjk-extra \
    fonts-crosextra-carlito poppler-utils >/dev/null
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Without these aliases fontconfig answers 仿宋 and 黑体 with DejaVu Sans, whose CJK fallback
# glyphs are set smaller than the cell's font size, so rows would look taller than their text.
cat >"$work/fonts.conf" <<'CONF'
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <alias binding="same"><family>仿宋</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>仿宋_GB2312</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>宋体</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>黑体</family><prefer><family>Noto Sans CJK SC</family></prefer></alias>
  <alias binding="same"><family>方正小标宋简体</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
</fontconfig>
CONF
export FONTCONFIG_FILE="$work/fonts.conf"
soffice -env:UserInstallation="file://$work/profile" --headless --convert-to pdf --outdir "$work" "$input" >/dev/null 2>&1
pdf="$work/$(basename "${input%.*}").pdf"
pdftoppm -png -r 80 "$pdf" "$prefix"
ls "$prefix"*.png
