#!/usr/bin/env python3
"""Writes a long made-up notice for bench/long_text.sh: numbered tasks, each closed by a unit
list that starts with a district body (区应急局) and goes on with bodies that are no government
department (…公司, …协会), whose prefix dutyctl inherits only where the document prints it so.
Random three-character names from a fixed alphabet, deterministic (a fixed seed); nothing is
taken from a real document. Standard library only.

Usage: bench/long_text.py MB OUT.txt [--one-line]   (--one-line: no line breaks, as a crawler
                                                    flattens a page)
       bench/long_text.py MB OUT.txt --one-list     one task whose 配合单位 lists MB of units
       bench/long_text.py MB OUT.txt --run-on       the tasks run onto one line, each closed by
                                                    ；, the only 。 at its end
"""

import sys

# The same fixed sequence as the page generator's, so that every run writes the same notice.
from html_page import Lcg

CHARS = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥金木水火土山川河海风云雷电"


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    one_line = "--one-line" in sys.argv
    megabytes, out = float(args[0]), args[1]
    rng = Lcg(7)
    name = lambda: "".join(CHARS[rng.next(len(CHARS))] for _ in range(3))
    lines = ["云溪县人民政府关于印发2025年重点工作任务的通知", "一、主要任务"]
    if "--one-list" in sys.argv:
        units, size = [], 0
        while size < megabytes * 1_000_000:
            units.append(f"区{name()}{name()}局")
            size += len(units[-1].encode()) + 3
        lines.append("1.推进重点工作。（牵头单位：区应急局；配合单位：" + "、".join(units) + "）")
        lines.append("2.加强监督管理。（牵头单位：区公安局）")
        with open(out, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        return
    if "--run-on" in sys.argv:
        items, size, n = [], 0, 0
        while size < megabytes * 1_000_000:
            n += 1
            items.append(f"{n}.推进第{n}项工作（牵头单位：区应急局、{name()}公司）")
            size += len(items[-1].encode()) + 3
        with open(out, "w", encoding="utf-8") as f:
            f.write("\n".join(lines[:2] + ["；".join(items) + "。"]) + "\n")
        return
    size, n = 0, 0
    while size < megabytes * 1_000_000:
        n += 1
        line = f"{n}.推进第{n}项工作，加强监督管理。（牵头单位：区应急局、{name()}公司、{name()}协会）"
        lines.append(line)
        size += len(line.encode())
    with open(out, "w", encoding="utf-8") as f:
        f.write(("" if one_line else "\n").join(lines) + "\n")


if __name__ == "__main__":
    main()
