#!/usr/bin/env bash
# Drives the `dutyctl serve` page in a real headless Chromium (Debian's chromium and
# chromium-driver, over WebDriver): opens a notice, clicks a row and checks the source line
# highlighted, changes a 牵头单位 (the unit directory's names offered), checks rows, undoes and
# redoes each kind of edit, checks the save beside the notice (which `dutyctl check` passes) and
# that it reopens, downloads the xlsx and finds the new unit in it, opens a workbook as a grid
# and finds a row's cell highlighted, and compares two years' notices. Screenshots go to
# docs/serve-*.png (review, edit, grid, diff).
#
# Usage: scripts/browser-test.sh            (builds dutyctl unless DUTYCTL names a binary)
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-chromium.sh

if [ -z "${DUTYCTL:-}" ]; then
    cargo build --quiet
    DUTYCTL=target/debug/dutyctl
fi

work=$(mktemp -d)
server_pid=""
cleanup() {
    [ -n "$server_pid" ] && kill "$server_pid" 2> /dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

folder="$work/folder"
mkdir -p "$folder/对比" "$work/downloads" "$work/profile"
cp examples/notice.txt "$folder/2024年安全生产重点工作.txt"
cp fixtures/table_merged_cells_word.docx "$folder/东湖区责任分解表.docx"
cp fixtures/table_merged_cells_excel.xlsx "$folder/东湖区责任分解表.xlsx"
cp fixtures/table_web_spans.html "$folder/临江区任务分解表.html"
cp fixtures/diff/2023.txt "$folder/对比/平安市2023年安全生产重点工作.txt"
cp fixtures/diff/2024.txt "$folder/对比/平安市2024年安全生产重点工作.txt"
# A unit directory that lists the units of the notice and of the workbook but not the one the
# test types in, and one unit neither names (offered all the same).
printf '%s:\n' 县安委办 县委组织部 县应急管理局 县发改局 县工信局 县住建局 县交通运输局 县公安局 \
    县市场监管局 县商务局 各乡镇人民政府 县数据资源管理局 \
    区应急管理局 区市场监管局 区消防救援大队 区公安分局 各街道办事处 区人武部 > "$work/units.yaml"

"$DUTYCTL" serve "$folder" --port 0 --units "$work/units.yaml" > "$work/serve.out" 2> "$work/serve.err" &
server_pid=$!
for _ in $(seq 100); do [ -s "$work/serve.out" ] && break; sleep 0.1; done
url=$(head -n 1 "$work/serve.out")
[ -n "$url" ] || { echo "browser-test: dutyctl serve did not start:" >&2; cat "$work/serve.err" >&2; exit 1; }

python3 scripts/browser_test.py --url "$url" --folder "$folder" --downloads "$work/downloads" \
    --profile "$work/profile" --screenshots docs --dutyctl "$DUTYCTL" --log "$work/driver.log"
