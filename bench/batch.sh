#!/usr/bin/env bash
# Batch import benchmark: 1,000 documents (copies of the corpus, or of fixtures/ where the corpus
# is absent) in one `dutyctl import` run. Prints wall time, CPU time per document (user +
# system) and peak memory (max RSS), with BEFORE=path an older binary's runs taking turns.
#
# Each run writes into a new folder (a run never replaces the last run's files). On ext4 the
# system time includes the file system's inode allocation, which after many deletions scans
# for recently freed inodes; TMPDIR=/dev/shm puts the work on tmpfs to leave that out.
#
# Usage: bench/batch.sh [COPIES]    (default 1000; DUTYCTL=path picks the binary)
set -euo pipefail
cd "$(dirname "$0")/.."
copies=${1:-1000}
if [ -z "${DUTYCTL:-}" ]; then
  cargo build --release -q
  DUTYCTL=target/release/dutyctl
fi
bins=("$DUTYCTL")
[ -n "${BEFORE:-}" ] && bins=("$BEFORE" "$DUTYCTL")
src=../shared/corpus
[ -d "$src" ] || src=fixtures
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mapfile -t docs < <(ls "$src"/*.txt)
mkdir -p "$work/in"
for ((i = 0; i < copies; i++)); do
  cp "${docs[i % ${#docs[@]}]}" "$work/in/doc$i.txt"
done
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load $(cut -d' ' -f1-3 /proc/loadavg); work in $(df --output=fstype "$work" | tail -1)"
for run in 1 2 3; do
  for bin in "${bins[@]}"; do
    out="$work/out.$run.$(basename "$bin")"
    /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$bin" import "$work/in" -o "$out/" -q >/dev/null 2>&1 || true
    read -r wall user sys rss <"$work/time"
    python3 -c 'import sys
wall, user, sys_, rss, n = map(float, sys.argv[2:7])
print(f"run {sys.argv[1]}: {wall:.2f} s wall, {(user + sys_) / n * 1e3:.2f} ms CPU per document ({user / n * 1e3:.2f} user + {sys_ / n * 1e3:.2f} system), {rss / 1024:.0f} MB peak RSS  {sys.argv[7]}")' \
      "$run" "$wall" "$user" "$sys" "$rss" "$copies" "$bin"
    echo "  registers written: $(ls "$out" | wc -l)"
  done
done
