#!/usr/bin/env bash
# Speed of the `dutyctl serve` page in headless Chromium: the page's load from the local server,
# and opening, editing, undoing and comparing a register of TASKS tasks (default 300), from a
# text notice and from a workbook. Installs Debian's chromium and chromium-driver when missing.
# Usage: bench/serve.sh [TASKS] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-chromium.sh
cargo build --release -q
python3 bench/serve_page.py --dutyctl target/release/dutyctl --tasks "${1:-300}" --runs "${2:-7}"
