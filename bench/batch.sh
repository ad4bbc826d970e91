#!/usr/bin/env bash
# Batch import benchmark: 1,000 documents (copies of the corpus, or of fixtures/ where the corpus
# is absent) in one `dutyctl import` run. Prints wall time and peak memory (max RSS).
# Usage: bench/batch.sh [COPIES]    (default 1000)
set -euo pipefail
cd "$(dirname "$0")/.."
copies=${1:-1000}
cargo build --release -q
src=../shared/corpus
[ -d "$src" ] || src=fixtures
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mapfile -t docs < <(ls "$src"/*.txt)
mkdir -p "$work/in" "$work/out"
for ((i = 0; i < copies; i++)); do
  cp "${docs[i % ${#docs[@]}]}" "$work/in/doc$i.txt"
done
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
for run in 1 2 3; do
  /usr/bin/time -f "run $run: %e s wall, %M KB peak RSS" target/release/dutyctl import "$work"/in/*.txt -o "$work/out" 2>&1 >/dev/null | grep -E '^run|dutyctl:' | grep -v warning || true
done
echo "registers written: $(ls "$work/out" | wc -l)"
