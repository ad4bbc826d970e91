#!/usr/bin/env python3
"""Writes two generated registers (YAML) for the diff and check benchmarks: year one of SIZE
tasks and year two with every tenth task reworded, every twentieth dropped, SIZE/20 new ones, a
task split in two and two merged into one per thousand, as a real pair of years would be.
`--unrelated` makes year two share nothing with year one but the vocabulary (the matcher's
worst case: no task is found by the exact pass). Every task is due in the past, so `check`
reports (and locates) one finding per task. The registers are printed as dutyctl prints them
(block mappings and sequences, plain scalars, `'1'` for a seq that reads as a number: the bytes
`dutyctl export old.yaml -o x.yaml` gives back); `--flow` prints every value as a JSON scalar
or list instead (`title: "…"`, `lead: ["…"]`), which only the YAML library reads. Standard
library only.

Usage: bench/registers.py SIZE OUT_DIR [--unrelated] [--flow]   → OUT_DIR/old.yaml, OUT_DIR/new.yaml
"""

import json
import sys

# Characters of real notices; tasks are random phrases of them, as in benches/diff.rs.
CHARS = ("安全生产隐患排查专项整治危险化学品道路交通消防燃气管道建筑施工特种设备应急救援监管执法"
         "宣传教育责任制风险管控企业主体信息化培训演练督查检查考核问责农村公路人员密集场所工业园区"
         "矿山烟花爆竹防汛抗旱森林防火校园医院养老机构电动自行车高层建筑地下空间渔业船舶危险废物"
         "粉尘涉爆有限空间职业健康")
UNITS = ["市应急管理局", "市公安局", "市住建局", "市交通运输局", "市市场监管局", "市消防救援支队"]


class Lcg:
    def __init__(self, seed):
        self.state = seed

    def next(self, n):
        self.state = (self.state * 6364136223846793005 + 1442695040888963407) % 2**64
        return (self.state >> 33) % n


def phrase(rng, length):
    return "".join(CHARS[rng.next(len(CHARS))] for _ in range(length))


def task(i, rng):
    title = phrase(rng, 10)
    text = "，".join(phrase(rng, 12) for _ in range(6))
    return {
        "id": f"t{i}",
        "seq": str(i + 1),
        "section": [f"{i // 50 + 1}、重点任务"],
        "title": title,
        "text": f"{title}。{text}。",
        "lead": [UNITS[rng.next(len(UNITS))]],
        "support": [UNITS[rng.next(len(UNITS))]],
        "persons": [],
        "leaders": [],
        "deadline": "2020年底前",
        "due": "2020-12-31",
        "items": [],
        "source": {"line": i + 1},
        "printed": {},
    }


def pair(size, unrelated):
    rng = Lcg(7)
    old = [task(i, rng) for i in range(size)]
    if unrelated:
        return old, [task(size + i, rng) for i in range(size)]
    new = []
    for i, t in enumerate(old):
        if i % 20 == 7 or i % 1000 == 902:
            continue
        t = dict(t)
        if i % 10 == 3:
            t["text"] = t["text"].replace("，", "，进一步", 2)
        if i % 1000 == 501:
            # A split: the task's halves become two tasks.
            half = len(t["text"]) // 2
            first, second = dict(t), dict(t)
            first["text"], second["text"] = t["text"][:half], t["text"][half:]
            second["title"] = second["text"][:10]
            second["id"] = t["id"] + "b"
            new.extend([first, second])
            continue
        if i % 1000 == 901:
            # A merge: this task absorbs the next one's text (and the next is dropped).
            if i + 1 < size:
                t["text"] = t["text"] + old[i + 1]["text"]
        new.append(t)
    for i in range(size // 20):
        new.append(task(size + i, rng))
    for n, t in enumerate(new):
        t["seq"] = str(n + 1)
        t["id"] = f"t{n}"
    return old, new


def write_flow(path, tasks):
    q = lambda v: json.dumps(v, ensure_ascii=False)
    with open(path, "w", encoding="utf-8") as out:
        out.write("dutyctl: 1\ndocument:\n  title: 生成的责任分解表\n  doc_number: null\n"
                  "  issuer: null\n  date: null\n  layout: table\n  source: generated.txt\n"
                  "  sha256: '0'\n  notes: []\npeople: []\ntasks:\n")
        for t in tasks:
            out.write(f"- id: {q(t['id'])}\n")
            for key in ["seq", "section", "title", "text", "lead", "support", "persons",
                        "leaders", "deadline", "due", "items", "source", "printed"]:
                out.write(f"  {key}: {q(t[key])}\n")


def scalar(text):
    """A string as dutyctl prints it, for the generator's strings: plain, or single-quoted
    where it would read back as a number (every other rule of the printer is never needed by
    this vocabulary)."""
    assert text and all(c not in text for c in "'\"#:\n[]{}&*!|>%@`,") and text.strip() == text
    return f"'{text}'" if text.isdigit() else text


def write(path, tasks):
    """Registers as dutyctl writes them (src/writer/yaml_emitter.rs)."""
    with open(path, "w", encoding="utf-8") as out:
        out.write("dutyctl: 1\ndocument:\n  title: 生成的责任分解表\n  doc_number: null\n"
                  "  issuer: null\n  date: null\n  layout: table\n  source: generated.txt\n"
                  "  sha256: '0'\n  notes: []\npeople: []\ntasks:\n")
        for t in tasks:
            out.write(f"- id: {scalar(t['id'])}\n")
            for key in ["seq", "section", "title", "text", "lead", "support", "persons",
                        "leaders", "deadline", "due", "items", "source", "printed"]:
                value = t[key]
                if isinstance(value, list) and value:
                    out.write(f"  {key}:\n" + "".join(f"  - {scalar(v)}\n" for v in value))
                elif isinstance(value, dict) and value:
                    out.write(f"  {key}:\n" + "".join(f"    {k}: {v}\n" for k, v in value.items()))
                elif isinstance(value, list):
                    out.write(f"  {key}: []\n")
                elif isinstance(value, dict):
                    out.write(f"  {key}: {{}}\n")
                else:
                    out.write(f"  {key}: {scalar(value)}\n")


def main():
    size, folder = int(sys.argv[1]), sys.argv[2]
    old, new = pair(size, "--unrelated" in sys.argv[3:])
    print_register = write_flow if "--flow" in sys.argv[3:] else write
    print_register(f"{folder}/old.yaml", old)
    print_register(f"{folder}/new.yaml", new)


if __name__ == "__main__":
    main()
