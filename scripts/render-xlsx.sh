#!/usr/bin/env bash
# Renders an xlsx written by dutyctl to PNG pages, the way a clerk would see it printed, for the
# screenshot in docs/. Installs what it needs from Debian's packages on first use.
# Usage: scripts/render-xlsx.sh TABLE.xlsx OUT_PREFIX     (writes OUT_PREFIX-1.png, …)
set -euo pipefail
xlsx=$1
prefix=$2
if ! command -v soffice >/dev/null || ! command -v pdftoppm >/dev/null || ! fc-list :lang=zh | grep -q .; then
  apt-get update -qq
  # Calc without a GUI, CJK fonts (Noto has 仿宋/黑体 substitutes), and pdftoppm.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    libreoffice-calc-nogui fonts-noto-cjk fonts-noto-cjk-extra poppler-utils >/dev/null
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
soffice --headless --convert-to pdf --outdir "$work" "$xlsx" >/dev/null 2>&1
pdf="$work/$(basename "${xlsx%.*}").pdf"
pdftoppm -png -r 80 "$pdf" "$prefix"
ls "$prefix"*.png
