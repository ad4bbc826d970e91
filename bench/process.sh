#!/usr/bin/env bash
# Whole-process benchmark: `dutyctl import DOC -o out.yaml` for every corpus document (or
# examples/notice.txt where ../shared/corpus is absent), each next to `dutyctl --version` in the
# same run, so that the ratio compares like with like on a shared machine. Every run writes a
# fresh out.yaml (the previous one is removed first, outside the timing). The two commands take
# turns in five rounds, so that a change in the machine's load falls on both alike.
#
# Uses hyperfine (installed from Debian's package when missing and apt-get can run), else a
# plain loop. Prints, per document, the median and spread (25th–75th percentile) of wall time in
# ms, and the ratio import median / --version median.
#
# Usage: bench/process.sh [RUNS]      (default 50; DUTYCTL=path picks another binary; BEFORE=path
#                                     adds an older one, which takes its turns in the same rounds)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-50}
. bench/binaries.sh
docs=(../shared/corpus/*.txt)
[ -e "${docs[0]}" ] || docs=(examples/notice.txt)
need_hyperfine
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
out="$work/out.yaml"

# Appends N wall times (seconds, one a line) of a command to FILE.
round() {
  local file=$1 n=$2
  shift 2
  if command -v hyperfine >/dev/null; then
    hyperfine -N --style none --warmup 2 --runs "$n" --prepare "rm -f $out" \
      --export-json "$work/h.json" "$*" >/dev/null 2>&1
    python3 -c 'import json,sys
print("\n".join(map(str, json.load(open(sys.argv[1]))["results"][0]["times"])))' "$work/h.json" >>"$file"
  else
    python3 - "$n" "$out" "$@" >>"$file" <<'PY'
import os, subprocess, sys, time
n, out, cmd = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
for i in range(n + 2):
    if os.path.exists(out):
        os.remove(out)
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if i >= 2:
        print(time.perf_counter() - start)
PY
  fi
}

# "median p25 p75" in ms of the times in FILE.
stats() {
  python3 -c 'import sys,statistics as s
t=sorted(float(l)*1e3 for l in open(sys.argv[1]) if l.strip()); q=s.quantiles(t,n=4)
print(f"{s.median(t):.2f} {q[0]:.2f} {q[2]:.2f}")' "$1"
}

tool=$(command -v hyperfine >/dev/null && hyperfine --version || echo "a python loop")
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load $(cut -d' ' -f1-3 /proc/loadavg); $tool; $runs runs each"
for b in "${!bins[@]}"; do
  echo "${names[$b]}: ${bins[$b]} ($(du -h "${bins[$b]}" | cut -f1))"
done
# The commands take turns in five rounds of a fifth of the runs each, --version before each
# document's import, so that a shared machine's load falls on both sides of a ratio alike.
per_round=$((runs / 5 > 0 ? runs / 5 : 1))
for ((r = 0; r < 5; r++)); do
  for k in "${!docs[@]}"; do
    for b in "${!bins[@]}"; do
      round "$work/version.$b.$k" "$per_round" "${bins[$b]}" --version
      round "$work/import.$b.$k" "$per_round" "${bins[$b]}" import "${docs[$k]}" -o "$out"
    done
  done
done
printf '%-36s %-7s %20s %20s %7s\n' document binary "import ms (p25-p75)" "--version ms" ratio
for k in "${!docs[@]}"; do
  for b in "${!bins[@]}"; do
    read -r v v25 v75 < <(stats "$work/version.$b.$k")
    read -r i i25 i75 < <(stats "$work/import.$b.$k")
    printf '%-36s %-7s %8s (%s-%s) %8s (%s-%s) %6.1fx\n' "$(basename "${docs[$k]}")" "${names[$b]}" \
      "$i" "$i25" "$i75" "$v" "$v25" "$v75" "$(python3 -c "print($i/$v)")"
  done
done
