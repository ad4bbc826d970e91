#!/usr/bin/env bash
# Installs Debian's chromium and chromium-driver when either is missing (for the browser test of
# `dutyctl serve` and bench/serve.sh), and a Chinese font when the machine has none: without one
# the screenshots a person looks at show every Chinese character as a box.
set -euo pipefail

packages=()
if ! command -v chromium > /dev/null || ! command -v chromedriver > /dev/null; then
    packages+=(chromium chromium-driver)
fi
if ! command -v fc-list > /dev/null || [ -z "$(fc-list :lang=zh family)" ]; then
    packages+=(fonts-noto-cjk)
fi
if [ "${#packages[@]}" -eq 0 ]; then
    exit 0
fi
echo "install-chromium: installing Debian's ${packages[*]}" >&2
as_root=()
if [ "$(id -u)" -ne 0 ]; then as_root=(sudo); fi
install=("${as_root[@]}" apt-get install -y "${packages[@]}")
export DEBIAN_FRONTEND=noninteractive
# An old package list may not have them yet: update once, then try again.
if ! "${install[@]}" > /dev/null 2>&1; then
    "${as_root[@]}" apt-get update -qq > /dev/null 2>&1 || true
    if ! "${install[@]}" > /dev/null 2>&1; then
        echo "install-chromium: cannot install ${packages[*]}; run: ${install[*]}" >&2
        exit 1
    fi
fi
