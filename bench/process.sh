#!/usr/bin/env bash
# Whole-process benchmark: `dutyctl import DOC -o out.yaml` for every corpus document (or
# examples/notice.txt where ../shared/corpus is absent), each next to `dutyctl --version` in the
# same run, so that the ratio compares like with like on a shared machine. Every run writes a
# fresh out.yaml (the previous one is removed first, outside the timing).
#
# Uses hyperfine (installed from Debian's package when missing and apt-get can run), else a
# plain loop. Prints, per document, the median and spread (25th–75th percentile) of wall time in
# ms, and the ratio import median / --version median.
#
# Usage: bench/process.sh [RUNS]      (default 50; DUTYCTL=path picks another binary)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-50}
if [ -z "${DUTYCTL:-}" ]; then
  nice -n 15 cargo build --release -q
  DUTYCTL=target/release/dutyctl
fi
bin=$(realpath "$DUTYCTL")
docs=(../shared/corpus/*.txt)
[ -e "${docs[0]}" ] || docs=(examples/notice.txt)
if ! command -v hyperfine >/dev/null && command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
  (apt-get install -y -qq hyperfine >/dev/null 2>&1 ||
    { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq hyperfine >/dev/null 2>&1; }) || true
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
out="$work/out.yaml"

# Times one command RUNS times; prints "median p25 p75" in ms.
measure() {
  if command -v hyperfine >/dev/null; then
    hyperfine -N --style none --warmup 3 --runs "$runs" --prepare "rm -f $out" \
      --export-json "$work/h.json" "$*" >/dev/null 2>&1
    python3 -c 'import json,sys,statistics as s
t=sorted(json.load(open(sys.argv[1]))["results"][0]["times"]); q=s.quantiles(t,n=4)
print(f"{s.median(t)*1e3:.2f} {q[0]*1e3:.2f} {q[2]*1e3:.2f}")' "$work/h.json"
  else
    python3 - "$runs" "$out" "$@" <<'PY'
import os, subprocess, sys, time, statistics as s
runs, out, cmd = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
times = []
for i in range(runs + 3):
    if os.path.exists(out):
        os.remove(out)
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if i >= 3:
        times.append(time.perf_counter() - start)
q = s.quantiles(times, n=4)
print(f"{s.median(times)*1e3:.2f} {q[0]*1e3:.2f} {q[2]*1e3:.2f}")
PY
  fi
}

tool=$(command -v hyperfine >/dev/null && hyperfine --version || echo "a python loop")
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $tool; $runs runs each"
echo "binary: $bin ($(du -h "$bin" | cut -f1))"
printf '%-36s %20s %20s %7s\n' document "import ms (p25-p75)" "--version ms" ratio
for doc in "${docs[@]}"; do
  read -r v v25 v75 < <(measure "$bin" --version)
  read -r i i25 i75 < <(measure "$bin" import "$doc" -o "$out")
  printf '%-36s %8s (%s-%s) %8s (%s-%s) %6.1fx\n' "$(basename "$doc")" "$i" "$i25" "$i75" \
    "$v" "$v25" "$v75" "$(python3 -c "print($i/$v)")"
done
