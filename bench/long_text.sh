#!/usr/bin/env bash
# Long-text benchmark (issue 11): `dutyctl import` of made-up notices of 1, 2, 5 and 10 MB
# (bench/long_text.py: numbered tasks whose unit lists name bodies that are no government
# department, so each name's inherited prefix is looked up in the document), as lines, as
# one line without breaks, as one task whose 配合单位 list is the whole size, and as tasks run
# onto one line (closed by ；, the line's only 。 at its end). Prints wall and user seconds, peak memory and the task count, for
# this binary and, with BEFORE=path, an older one run right after it on the same file; time
# that grows with the size (not with names times size) is what it shows.
#
# Usage: bench/long_text.sh        (DUTYCTL=path picks the binary, BEFORE=path adds one;
#                                   SIZES="1 10" other sizes in MB; LIMIT=120 CPU seconds each)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/binaries.sh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-8s %-24s %8s %8s %8s  %s\n' binary document "wall s" "user s" "peak MB" outcome
for mb in ${SIZES:-1 2 5 10}; do
  for shape in lines one-line one-list run-on; do
    doc="$work/notice-${mb}mb-$shape.txt"
    flag=()
    [ "$shape" = lines ] || flag=("--$shape")
    python3 bench/long_text.py "$mb" "$doc" "${flag[@]}"
    for i in "${!bins[@]}"; do
      out="$work/out.yaml"
      rm -f "$out"
      status=0
      ( ulimit -t "${LIMIT:-120}"; /usr/bin/time -f "%e %U %M" -o "$work/time" "${bins[$i]}" import "$doc" -o "$out" \
        >/dev/null 2>"$work/err" ) || status=$?
      read -r wall user rss < <(tail -n 1 "$work/time")
      if [ -s "$out" ]; then
        outcome="$(grep -c '^- id:' "$out" || true) tasks"
      else
        outcome="exit $status: $( (grep -v warning "$work/err" || echo "killed past ${LIMIT:-120} s of CPU") | head -n 1 | cut -c1-80)"
      fi
      printf '%-8s %-24s %8s %8s %8s  %s\n' "${names[$i]}" "$(basename "$doc")" "${wall:-?}" "${user:-?}" \
        "$(( ${rss:-0} / 1024 ))" "$outcome"
    done
  done
done
