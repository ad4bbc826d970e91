#!/usr/bin/env bash
# Web-page benchmark (issue 12): whole-process `dutyctl import PAGE.html -o out.yaml` of two
# made-up 200 KB notice pages (bench/html_page.py: site chrome, a long notice, a 分解表 with
# rowspan/colspan), word.html marked up as Word saves a web page and plain.html with the least
# markup (three times the text, five times the tasks), next to `dutyctl --version` in the same
# run, and, with BEFORE=path, an older binary's figures beside them. The commands take turns in
# rounds (a fifth of the runs each), so a shared machine's load falls on all of them alike. Then
# one run each of the pages that used to be slow: 10 MB of each notice, 100,000 nested <div>s
# and <table>s (refused past the nesting limit) and a page as deep as the limit lets it be:
# wall time, peak memory and the outcome.
#
# Uses hyperfine -N (installed from Debian's package when missing and apt-get can run), else a
# python loop. Prints the median and spread (25th–75th percentile) of wall time in ms, and the
# mean CPU time (user + system) hyperfine measured.
#
# Usage: bench/html.sh [RUNS]   (default 100; DUTYCTL=path picks the binary, BEFORE=path adds one;
#                                KB=200 the page's size; SCALE=0 skips the large pages)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-100}
kb=${KB:-200}
. bench/binaries.sh
need_hyperfine
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
out="$work/out.yaml"
python3 bench/html_page.py "$kb" "$work/word.html"
python3 bench/html_page.py --plain "$kb" "$work/plain.html"

tool=$(command -v hyperfine >/dev/null && hyperfine --version || echo "a python loop")
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load $(cut -d' ' -f1-3 /proc/loadavg); $tool; $runs runs each"
for p in word plain; do
  "${bins[0]}" import "$work/$p.html" -o "$out" 2>/dev/null
  echo "$p.html: $(du -k "$work/$p.html" | cut -f1) KB, $(grep -c '<tr' "$work/$p.html") table rows, $(grep -c '^- id:' "$out") tasks, register $(du -k "$out" | cut -f1) KB"
done

# Appends RUNS/5 wall times (seconds, one a line) of a command to FILE, and "user system" CPU
# means (seconds) to FILE.cpu.
round() {
  local file=$1
  shift
  local n=$((runs / 5 > 0 ? runs / 5 : 1))
  if command -v hyperfine >/dev/null; then
    hyperfine -N --style none --warmup 2 --runs "$n" --prepare "rm -f $out" \
      --export-json "$work/h.json" "$*" >/dev/null 2>&1
    python3 -c 'import json,sys
r = json.load(open(sys.argv[1]))["results"][0]
print("\n".join(map(str, r["times"])))
print(r["user"], r["system"], file=open(sys.argv[2], "a"))' "$work/h.json" "$file.cpu" >>"$file"
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

for ((r = 0; r < 5; r++)); do
  for i in "${!bins[@]}"; do
    round "$work/${names[$i]}:version" "${bins[$i]}" --version
    for p in word plain; do
      round "$work/${names[$i]}:$p" "${bins[$i]}" import "$work/$p.html" -o "$out"
    done
  done
done
echo "wall ms: median (25th-75th percentile); cpu: user+system ms, mean"
printf '%-8s %-32s %-32s %-32s\n' binary "--version" "import word.html" "import plain.html"
for i in "${!bins[@]}"; do
  python3 - "${names[$i]}" "$work/${names[$i]}:version" "$work/${names[$i]}:word" "$work/${names[$i]}:plain" <<'PY'
import os, statistics as s, sys
def stats(path):
    t = sorted(float(l) * 1e3 for l in open(path) if l.strip())
    q = s.quantiles(t, n=4)
    cpu = ""
    if os.path.exists(path + ".cpu"):
        rows = [list(map(float, l.split())) for l in open(path + ".cpu") if l.strip()]
        cpu = f", cpu {s.mean(u + y for u, y in rows) * 1e3:.1f}"
    return f"{s.median(t):6.2f} ({q[0]:.2f}-{q[2]:.2f}){cpu}"
print(f"{sys.argv[1]:<8} " + " ".join(f"{stats(p):<32}" for p in sys.argv[2:]))
PY
done

[ "${SCALE:-1}" = 0 ] && exit 0
python3 bench/html_page.py 10240 "$work/word10mb.html"
python3 bench/html_page.py --plain 10240 "$work/plain10mb.html"
python3 bench/html_page.py --nest 100000 div "$work/divs.html"
python3 bench/html_page.py --nest 100000 table "$work/tables.html"
# As deep as the limit lets a page go (<html> and <body> above the divs).
python3 bench/html_page.py --nest 990 div "$work/divs990.html"
echo
printf '%-8s %-28s %8s %8s  %s\n' binary page "wall s" "peak MB" outcome
for i in "${!bins[@]}"; do
  for p in word10mb plain10mb divs tables divs990; do
    rm -f "$out"
    status=0
    ( ulimit -t 120; /usr/bin/time -f "%e %M" -o "$work/time" "${bins[$i]}" import "$work/$p.html" -o "$out" \
      >/dev/null 2>"$work/err" ) || status=$?
    read -r wall rss < <(tail -n 1 "$work/time")
    if [ -s "$out" ]; then
      outcome="$(grep -c '^- id:' "$out" || true) tasks"
    else
      outcome="exit $status: $( (grep -v warning "$work/err" || echo "killed past 120 s of CPU") | head -n 1 | cut -c1-90)"
    fi
    printf '%-8s %-28s %8s %8s  %s\n' "${names[$i]}" "$p.html ($(du -k "$work/$p.html" | cut -f1) KB)" \
      "${wall:-?}" "$(( ${rss:-0} / 1024 ))" "$outcome"
  done
done
