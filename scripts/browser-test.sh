#!/usr/bin/env bash
# Drives the `dutyctl serve` page in a real headless Chromium (Debian's chromium and
# chromium-driver, over WebDriver): opens a notice, clicks a row and checks the source line
# highlighted, changes a 牵头单位, checks the save beside the notice, downloads the xlsx and
# finds the new unit in it. Screenshots go to docs/serve-*.png.
#
# Usage: scripts/browser-test.sh            (builds dutyctl unless DUTYCTL names a binary)
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium > /dev/null || ! command -v chromedriver > /dev/null; then
    echo "browser-test: installing Debian's chromium and chromium-driver" >&2
    as_root=()
    if [ "$(id -u)" -ne 0 ]; then as_root=(sudo); fi
    install=("${as_root[@]}" apt-get install -y chromium chromium-driver)
    export DEBIAN_FRONTEND=noninteractive
    # An old package list may not have them yet: update once, then try again.
    if ! "${install[@]}" > /dev/null 2>&1; then
        "${as_root[@]}" apt-get update -qq > /dev/null 2>&1 || true
        if ! "${install[@]}" > /dev/null 2>&1; then
            echo "browser-test: cannot install Chromium; run: ${install[*]}" >&2
            exit 1
        fi
    fi
fi

if [ -z "${DUTYCTL:-}" ]; then
    cargo build --quiet
    DUTYCTL=target/debug/dutyctl
fi

work=$(mktemp -d)
server_pid=""
driver_pid=""
cleanup() {
    [ -n "$server_pid" ] && kill "$server_pid" 2> /dev/null || true
    [ -n "$driver_pid" ] && kill "$driver_pid" 2> /dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$work/folder" "$work/downloads" "$work/profile"
cp examples/notice.txt "$work/folder/2024年安全生产重点工作.txt"
cp fixtures/table_merged_cells_word.docx "$work/folder/东湖区责任分解表.docx"

"$DUTYCTL" serve "$work/folder" --port 0 > "$work/serve.out" 2> "$work/serve.err" &
server_pid=$!
for _ in $(seq 100); do [ -s "$work/serve.out" ] && break; sleep 0.1; done
url=$(head -n 1 "$work/serve.out")
[ -n "$url" ] || { echo "browser-test: dutyctl serve did not start:" >&2; cat "$work/serve.err" >&2; exit 1; }

driver_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
chromedriver --port="$driver_port" > "$work/driver.log" 2>&1 &
driver_pid=$!

python3 scripts/browser_test.py --url "$url" --driver "http://127.0.0.1:$driver_port" \
    --folder "$work/folder" --downloads "$work/downloads" --profile "$work/profile" \
    --screenshots docs
