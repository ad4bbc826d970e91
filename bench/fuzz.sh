#!/usr/bin/env bash
# Mutation fuzzing of every reader through the binary: mutates the fixtures of each input format
# (text, CSV, HTML, docx, xlsx, PDF, and the .xls/.ods LibreOffice makes from the xlsx fixture when soffice
# is on PATH, and registers, YAML and the JSON dutyctl writes of them, through `check` too), runs
# dutyctl on each mutant with a time limit and a memory limit, and counts what must never happen:
# panics (reported as "internal error" or exit 101), aborts (signals), hangs (past the time limit).
# Mutants that do are kept.
#
# Usage: bench/fuzz.sh [SECONDS_PER_READER] [READER...]     (default 600; readers: text csv
#        html docx xlsx xls ods pdf register json)
# Env:   DUTYCTL=path/to/binary (default target/debug/dutyctl, built if missing: debug builds
#        check integer overflow, which finds more), FUZZ_OUT=folder for findings, SEED=n.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
shift || true
readers=("$@")
[ ${#readers[@]} -gt 0 ] || readers=(text csv html docx xlsx xls ods pdf register json)
binary=${DUTYCTL:-target/debug/dutyctl}
[ -x "$binary" ] || cargo build --locked -q
out=${FUZZ_OUT:-$(mktemp -d /tmp/dutyctl-fuzz.XXXXXX)}
mkdir -p "$out"
seeds="$out/seeds"
mkdir -p "$seeds"
cp fixtures/*.txt fixtures/*.csv fixtures/*.html fixtures/*.docx fixtures/*.xlsx fixtures/*.pdf fixtures/pdf_refused/*.pdf fixtures/*.yaml "$seeds/"
for yaml in fixtures/*.yaml; do
  json="$seeds/$(basename "$yaml" .yaml).json"
  "$binary" import "$yaml" --format json >"$json" 2>/dev/null || rm -f "$json"
done
if command -v soffice >/dev/null; then
  for ext in xls ods; do
    timeout 120 soffice --headless --convert-to "$ext" --outdir "$seeds" fixtures/*.xlsx >/dev/null 2>&1 || true
  done
fi
echo "findings and seeds in $out"
exec python3 - "$binary" "$seconds" "$out" "$seeds" "${SEED:-1}" "${readers[@]}" <<'PY'
import io, os, random, re, resource, subprocess, sys, time, zipfile, zlib

binary, seconds, out, seeds, seed = sys.argv[1], float(sys.argv[2]), sys.argv[3], sys.argv[4], int(sys.argv[5])
readers = sys.argv[6:]
rng = random.Random(seed)
HANG = 10          # seconds: a run past this is a hang
MEMORY = 2 << 30   # bytes of address space: past this an allocation fails and the run aborts

EXTENSIONS = {"text": ".txt", "csv": ".csv", "html": ".html", "docx": ".docx", "xlsx": ".xlsx", "xls": ".xls",
              "ods": ".ods", "pdf": ".pdf", "register": ".yaml", "json": ".json"}
INTERESTING = [b"0", b"-1", b"4294967296", b"99999999999999999999", b"XFD1048576", b"ZZZZZZZ99999999999",
               b"A1:XFD1048576", b"\x00", b"\xff\xfe", b"&a", b"*a", b"<", b">", b"</", b'"', b"\n",
               b"\t", b"\xe4\xb8\x80\xe3\x80\x81", b"\xef\xbc\x88", b"\xe7\x89\xb5\xe5\xa4\xb4",
               # markup: spans past any table, unclosed and deep nesting, charsets, entities
               b' rowspan="65535"', b' colspan="99999999"', b"<table><tr><td>", b"<div>" * 64,
               b"<br>", b'<meta charset="gbk">', b"&nbsp;", b"&#x10FFFF;", b"<!--", b"<script>"]

def mutate_bytes(data: bytes) -> bytes:
    data = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        op = rng.randrange(6)
        pos = rng.randrange(len(data) + 1) if data else 0
        if op == 0 and data:                       # flip bits
            data[min(pos, len(data) - 1)] ^= 1 << rng.randrange(8)
        elif op == 1:                              # insert an interesting token
            data[pos:pos] = rng.choice(INTERESTING)
        elif op == 2 and data:                     # delete a run
            del data[pos:pos + rng.randint(1, 64)]
        elif op == 3 and data:                     # duplicate a run many times
            chunk = data[pos:pos + rng.randint(1, 256)]
            data[pos:pos] = chunk * rng.randint(2, 200)
        elif op == 4 and data:                     # overwrite with random bytes
            for i in range(pos, min(len(data), pos + rng.randint(1, 16))):
                data[i] = rng.randrange(256)
        elif op == 5 and data:                     # replace a number with a huge one
            digits = [i for i in range(len(data)) if 48 <= data[i] <= 57]
            if digits:
                i = rng.choice(digits)
                data[i:i + 1] = rng.choice(INTERESTING[:4])
    return bytes(data)

def mutate_zip(data: bytes) -> bytes:
    """Mutates the inflated members of a zip (the XML), sometimes the archive's bytes."""
    if rng.random() < 0.2:
        return mutate_bytes(data)
    try:
        source = zipfile.ZipFile(io.BytesIO(data))
        members = [(i, source.read(i)) for i in source.infolist()]
    except Exception:
        return mutate_bytes(data)
    target = rng.randrange(len(members))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zipped:
        for n, (info, body) in enumerate(members):
            if n == target or rng.random() < 0.1:
                body = mutate_bytes(body)
            zipped.writestr(info.filename, body)
    return buffer.getvalue()

def mutate_pdf(data: bytes) -> bytes:
    """Mutates a PDF's inflated streams (content, fonts' CMaps) and deflates them again with
    their /Length set, sometimes the file's bytes."""
    streams = list(re.finditer(rb"/Length (\d+)([^>]*>>\s*stream\r?\n)", data))
    if not streams or rng.random() < 0.3:
        return mutate_bytes(data)
    m = rng.choice(streams)
    start, length = m.end(), int(m.group(1))
    try:
        inflated = zlib.decompress(data[start:start + length])
    except zlib.error:
        return mutate_bytes(data)
    body = zlib.compress(mutate_bytes(inflated))
    return data[:m.start()] + b"/Length %d" % len(body) + m.group(2) + body + data[start + length:]

def limit_memory():
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))

def run(args):
    started = time.time()
    try:
        p = subprocess.run([binary] + args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                           timeout=HANG, preexec_fn=limit_memory)
    except subprocess.TimeoutExpired:
        return "hang", time.time() - started
    stderr = p.stderr.decode("utf-8", "replace")
    if p.returncode < 0:
        return "abort", 0
    if p.returncode == 101 or "internal error" in stderr or "panicked" in stderr:
        return "panic", 0
    if p.returncode not in (0, 1, 2):
        return "abort", 0
    if p.returncode == 2 and len(stderr.strip().splitlines()) > 1 and "warning" not in stderr:
        return "multi-line error", 0
    return "ok", 0

print(f"{'reader':<9} {'runs':>6} {'panics':>7} {'aborts':>7} {'hangs':>6} {'other':>6}  seconds")
for reader in readers:
    ext = EXTENSIONS[reader]
    corpus = [os.path.join(seeds, f) for f in sorted(os.listdir(seeds)) if f.endswith(ext)]
    if not corpus:
        print(f"{reader:<9} no seed (for xls/ods: install LibreOffice)")
        continue
    mutate = mutate_zip if reader in ("docx", "xlsx", "ods") else mutate_pdf if reader == "pdf" else mutate_bytes
    counts = {"ok": 0, "panic": 0, "abort": 0, "hang": 0, "multi-line error": 0}
    runs, deadline = 0, time.time() + seconds
    path = os.path.join(out, "mutant" + ext)
    while time.time() < deadline:
        with open(rng.choice(corpus), "rb") as f:
            data = mutate(f.read())
        with open(path, "wb") as f:
            f.write(data)
        commands = [["import", path]] + ([["check", path]] if reader in ("register", "json") else [])
        for command in commands:
            verdict, _ = run(command)
            counts[verdict] += 1
            runs += 1
            if verdict != "ok":
                kept = os.path.join(out, f"{verdict.replace(' ', '-')}-{reader}-{runs}{ext}")
                with open(kept, "wb") as f:
                    f.write(data)
    print(f"{reader:<9} {runs:>6} {counts['panic']:>7} {counts['abort']:>7} {counts['hang']:>6} "
          f"{counts['multi-line error']:>6}  {seconds:.0f}", flush=True)
PY
