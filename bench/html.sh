#!/usr/bin/env bash
# Web-page benchmark (issue 12): whole-process `dutyctl import PAGE.html -o out.yaml` of a
# made-up 200 KB notice page (bench/html_page.py: site chrome, a long Word-exported notice, a
# 分解表 with rowspan/colspan) next to `dutyctl --version` in the same run, and, with BEFORE=path,
# an older binary's figures beside them. The commands take turns in rounds (a fifth of the runs
# each), so a shared machine's load falls on all of them alike. Then one run each of the pages
# that used to be slow: 10 MB of notice, 100,000 nested <div>s and <table>s (refused past the
# nesting limit), wall time, peak memory and the outcome.
#
# Uses hyperfine -N (installed from Debian's package when missing and apt-get can run), else a
# python loop. Prints the median and spread (25th–75th percentile) of wall time in ms.
#
# Usage: bench/html.sh [RUNS]   (default 100; DUTYCTL=path picks the binary, BEFORE=path adds one;
#                                KB=200 the page's size; SCALE=0 skips the large pages)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-100}
kb=${KB:-200}
if [ -z "${DUTYCTL:-}" ]; then
  nice -n 15 cargo build --release -q
  DUTYCTL=target/release/dutyctl
fi
bins=("$(realpath "$DUTYCTL")")
names=(after)
if [ -n "${BEFORE:-}" ]; then
  bins=("$(realpath "$BEFORE")" "${bins[0]}")
  names=(before after)
fi
if ! command -v hyperfine >/dev/null && command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
  (apt-get install -y -qq hyperfine >/dev/null 2>&1 ||
    { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq hyperfine >/dev/null 2>&1; }) || true
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
out="$work/out.yaml"
page="$work/page.html"
python3 bench/html_page.py "$kb" "$page"

tool=$(command -v hyperfine >/dev/null && hyperfine --version || echo "a python loop")
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load $(cut -d' ' -f1-3 /proc/loadavg); $tool; $runs runs each"
echo "page: $(du -k "$page" | cut -f1) KB, $(grep -c '<tr>' "$page") table rows"

# Appends RUNS/5 wall times (seconds, one a line) of a command to FILE.
round() {
  local file=$1
  shift
  local n=$((runs / 5 > 0 ? runs / 5 : 1))
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

labels=()
for i in "${!bins[@]}"; do
  labels+=("${names[$i]}:version" "${names[$i]}:import")
done
for ((r = 0; r < 5; r++)); do
  for i in "${!bins[@]}"; do
    round "$work/${names[$i]}:version" "${bins[$i]}" --version
    round "$work/${names[$i]}:import" "${bins[$i]}" import "$page" -o "$out"
  done
done
printf '%-8s %-26s %-26s %s\n' binary "--version ms (p25-p75)" "import ${kb} KB ms (p25-p75)" "import - --version"
for i in "${!bins[@]}"; do
  python3 - "$work/${names[$i]}:version" "$work/${names[$i]}:import" "${names[$i]}" <<'PY'
import statistics as s, sys
def stats(path):
    t = sorted(float(l) * 1e3 for l in open(path) if l.strip())
    q = s.quantiles(t, n=4)
    return s.median(t), q[0], q[2]
v, i = stats(sys.argv[1]), stats(sys.argv[2])
print(f"{sys.argv[3]:<8} {v[0]:7.2f} ({v[1]:.2f}-{v[2]:.2f})       {i[0]:7.2f} ({i[1]:.2f}-{i[2]:.2f})       {i[0] - v[0]:7.2f}")
PY
done

[ "${SCALE:-1}" = 0 ] && exit 0
python3 bench/html_page.py 10240 "$work/10mb.html"
python3 bench/html_page.py --nest 100000 div "$work/divs.html"
python3 bench/html_page.py --nest 100000 table "$work/tables.html"
python3 bench/html_page.py --nest 4000 div "$work/divs4000.html"
echo
printf '%-8s %-28s %8s %8s  %s\n' binary page "wall s" "peak MB" outcome
for i in "${!bins[@]}"; do
  for p in 10mb divs tables divs4000; do
    rm -f "$out"
    status=0
    ( ulimit -t 120; /usr/bin/time -f "%e %M" -o "$work/time" "${bins[$i]}" import "$work/$p.html" -o "$out" \
      >/dev/null 2>"$work/err" ) || status=$?
    read -r wall rss < <(tail -n 1 "$work/time")
    if [ -s "$out" ]; then
      outcome="$(grep -c '^- id:' "$out" || true) tasks"
    else
      outcome="exit $status: $(grep -v warning "$work/err" | head -n 1 | cut -c1-90)"
    fi
    printf '%-8s %-28s %8s %8s  %s\n' "${names[$i]}" "$p.html ($(du -k "$work/$p.html" | cut -f1) KB)" \
      "${wall:-?}" "$(( ${rss:-0} / 1024 ))" "$outcome"
  done
done
