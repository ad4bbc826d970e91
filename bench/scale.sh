#!/usr/bin/env bash
# Scaling benchmark: `dutyctl diff` of two generated registers (bench/registers.py: year two
# reworded, cut, extended, with splits and merges) of 1,000, 10,000 and 100,000 tasks, the same
# of two unrelated registers (nothing matches exactly: the matcher's worst case), and
# `dutyctl check` of the 100,000-task register (one finding per task). Prints the median and
# range of wall and user time over RUNS runs, and the peak memory (max RSS). With BEFORE=path an
# older binary runs each command too, taking turns with this one run by run, on the same files.
# The registers are printed as dutyctl prints them; FLOW=1 has bench/registers.py print them in
# its JSON-like flow style instead (which only the YAML library reads).
# Usage: bench/scale.sh [RUNS]    (default 3; DUTYCTL=path picks another binary, BEFORE=path adds
#                                 one, SIZES="1000 10000" other sizes: an old quadratic binary
#                                 never finishes 100,000)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
if [ -z "${DUTYCTL:-}" ]; then
  nice -n 15 cargo build --release -q
  DUTYCTL=target/release/dutyctl
fi
bins=("$(realpath "$DUTYCTL")")
names=("")
if [ -n "${BEFORE:-}" ]; then
  bins=("$(realpath "$BEFORE")" "${bins[0]}")
  names=(" (before)" " (after)")
fi
style=()
[ -z "${FLOW:-}" ] || style=(--flow)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $runs runs each"

# Runs `BINARY ARGS` RUNS times for each binary, the binaries taking turns; prints, for each,
# median and range of wall and user seconds, and peak RSS.
measure() {
  local label=$1
  shift
  local i
  for ((i = 0; i < ${#bins[@]}; i++)); do : >"$work/times$i"; done
  for ((r = 0; r < runs; r++)); do
    for ((i = 0; i < ${#bins[@]}; i++)); do
      /usr/bin/time -f "%e %U %M" -o "$work/time" "${bins[$i]}" "$@" >/dev/null 2>&1 || true
      tail -n 1 "$work/time" >>"$work/times$i"
    done
  done
  for ((i = 0; i < ${#bins[@]}; i++)); do
    python3 -c 'import sys, statistics as s
rows = [list(map(float, l.split())) for l in sys.stdin if l.strip()]
wall, user, rss = ([r[i] for r in rows] for i in range(3))
print(f"{sys.argv[1]:<38} wall {s.median(wall):6.2f} s ({min(wall):.2f}-{max(wall):.2f})"
      f"  user {s.median(user):6.2f} s ({min(user):.2f}-{max(user):.2f})  peak {max(rss)/1024:6.0f} MB")' "$label${names[$i]}" <"$work/times$i"
  done
}

read -r -a sizes <<<"${SIZES:-1000 10000 100000}"
for size in "${sizes[@]}"; do
  mkdir -p "$work/$size" "$work/u$size"
  python3 bench/registers.py "$size" "$work/$size" ${style[@]+"${style[@]}"}
  measure "diff $size" diff "$work/$size/old.yaml" "$work/$size/new.yaml"
done
for size in "${sizes[@]}"; do
  if [ "$size" -ge 10000 ]; then
    python3 bench/registers.py "$size" "$work/u$size" --unrelated ${style[@]+"${style[@]}"}
    measure "diff $size unrelated" diff "$work/u$size/old.yaml" "$work/u$size/new.yaml"
  fi
done
for size in "${sizes[@]}"; do
  measure "check $size" check "$work/$size/old.yaml"
done
