#!/usr/bin/env bash
# Export benchmark: a 1,000-task register written as xlsx (and csv, md), wall time and peak
# memory (max RSS) of `dutyctl export`, three runs each.
# Usage: bench/export.sh [TASKS]    (default 1000)
set -euo pipefail
cd "$(dirname "$0")/.."
tasks=${1:-1000}
cargo build --release -q
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
{
  echo "某市${tasks}项重点工作任务分解表"
  printf '\t序号\n\t重点工作任务\n\t牵头单位\n\t配合单位\n\t责任人\n\t完成时限\n\n'
  for ((i = 1; i <= tasks; i++)); do
    if ((i % 50 == 1)); then printf '\t（%d）第%d组任务\n\n' $((i / 50 + 1)) $((i / 50 + 1)); fi
    printf '\t%d\n\t开展第%d项安全生产隐患排查整治，建立问题清单和整改台账。一是全面排查。二是限期整改。\n' "$i" "$i"
    printf '\t市应急管理局\n\t市发改局、工信局、住建局\n各区人民政府\n\t张  三      各区主要负责人\n\t2025年6月底前\n\n'
  done
} > "$work/big.txt"
target/release/dutyctl import "$work/big.txt" -o "$work/big.yaml" 2>/dev/null
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); register: $(grep -c '^- id:' "$work/big.yaml") tasks"
for format in xlsx csv md; do
  for run in 1 2 3; do
    /usr/bin/time -f "$format run $run: %e s wall, %M KB peak RSS" \
      target/release/dutyctl export "$work/big.yaml" -o "$work/out.$format" --by-unit 2>&1 | grep -E '^(xlsx|csv|md) run'
  done
done
