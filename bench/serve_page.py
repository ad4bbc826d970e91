#!/usr/bin/env python3
"""Times the `dutyctl serve` page in headless Chromium (see bench/serve.sh): the page's load from
the local server, and opening, editing, undoing, selecting and comparing a register of TASKS
tasks, read from a text notice (lines on the left) and from a workbook (a grid on the left).

Figures are the browser's own clocks (Navigation Timing, performance.now() around the page's
functions until the next frame is painted), medians of RUNS, and the long tasks (> 50 ms) the
browser saw. A benchmark, not a test: nothing here fails on a slow machine.

Usage: bench/serve_page.py --dutyctl BIN [--tasks 300] [--runs 7]
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scripts"))
from webdriver import Browser  # noqa: E402

DIGITS = "零一二三四五六七八九"
UNITS = ["县应急管理局", "县公安局", "县住建局", "县交通运输局", "县市场监管局", "县消防救援大队",
         "县教育局", "县卫健局", "县水利局", "县农业农村局", "县文旅局", "县生态环境分局",
         "县发改局", "县工信局", "县商务局", "县自然资源局", "县林业局", "县城管局"]
WORK = ["开展隐患排查整治", "加强风险分级管控", "落实企业主体责任", "推进执法检查", "强化宣传教育培训",
        "完善应急预案体系", "开展应急演练", "推进信息化建设", "加强队伍建设", "健全考核问责机制"]
FIELDS = ["危险化学品", "道路交通", "建筑施工", "燃气管道", "特种设备", "消防安全", "校园安全",
          "森林防火", "防汛抗旱", "农村公路", "工业园区", "人员密集场所", "养老机构", "电动自行车"]


def numeral(n):
    """1..99 as printed in 公文 headings: 一, 十, 十一, 二十一."""
    tens, ones = divmod(n, 10)
    text = ("" if tens < 2 else DIGITS[tens]) + ("十" if tens else "") + (DIGITS[ones] if ones else "")
    return text or DIGITS[0]


def notice(tasks, year, reworded=0):
    """An outline notice of `tasks` tasks in sections of 30; `reworded` > 0 rewords every
    reworded-th task and moves a unit, as the next year's notice would."""
    lines = ["某县人民政府办公室关于印发%d年安全生产重点工作任务的通知" % year, "", "各乡镇人民政府，县政府各部门：",
             "现将《%d年安全生产重点工作任务》印发给你们，请认真贯彻落实。" % year, ""]
    for i in range(tasks):
        section, number = divmod(i, 30)
        if number == 0:
            lines.append("%s、%s专项工作" % (numeral(section + 1), FIELDS[section % len(FIELDS)]))
        field = FIELDS[(i * 7) % len(FIELDS)]
        work = WORK[(i * 3) % len(WORK)]
        lead = UNITS[i % len(UNITS)]
        support = "、".join(UNITS[(i + k) % len(UNITS)] for k in (3, 5, 8))
        text = "%s%s第%d项。全面排查%s领域重点单位，建立问题清单和整改台账，实行闭环管理。" % (field, work, i + 1, field)
        if reworded and i % reworded == 0:
            text = text.replace("全面排查", "深入开展").replace("实行闭环管理", "定期通报进展")
            lead = UNITS[(i + 1) % len(UNITS)]
        lines.append("（%s）%s（%s牵头，%s配合）" % (numeral(number + 1), text, lead, support))
        if i % 3 == 0:
            lines.append("完成时限：%d年%d月底前" % (year, i % 12 + 1))
    lines += ["", "某县人民政府办公室", "%d年2月26日" % year, ""]
    return "\n".join(lines)


def median(values):
    return statistics.median(values) if values else float("nan")


class Page:
    """The review page in one browser, with the timings it reports."""

    def __init__(self, browser, url):
        self.browser = browser
        self.url = url

    def load(self):
        """A fresh load of the page: navigation timing, and when the folder's list is shown."""
        self.browser.go(self.url)
        self.browser.wait("the list", "return performance.getEntriesByName('dutyctl:documents-listed').length > 0")
        return self.browser.run("""
            const n = performance.getEntriesByType('navigation')[0];
            return {response: n.responseEnd, dom: n.domContentLoadedEventEnd, load: n.loadEventEnd,
                    listed: performance.getEntriesByName('dutyctl:documents-listed')[0].startTime,
                    bytes: performance.getEntriesByType('resource').reduce((s, r) => s + r.transferSize, n.transferSize)};
        """)

    def timed(self, action):
        """Milliseconds from running `action` (JS, may return a promise) to the next painted frame."""
        return self.browser.run_async("""
            const done = arguments[arguments.length - 1];
            const start = performance.now();
            Promise.resolve((() => { %s })()).then(() => requestAnimationFrame(() => setTimeout(() => done(performance.now() - start))));
        """ % action)

    def long_tasks(self):
        return self.browser.run("return (window.__long || []).length")

    def watch_long_tasks(self):
        self.browser.run("""
            window.__long = [];
            new PerformanceObserver((list) => window.__long.push(...list.getEntries())).observe({type: 'longtask'});
        """)


def measure_document(page, path, runs, compare_with):
    figures = {}
    opened = []
    for _ in range(runs):
        opened.append(page.timed("return openFromFolder(%r)" % path))
    figures["open (read, send, draw)"] = opened
    tasks = page.browser.run("return current.register.tasks.length")
    middle = tasks // 2
    page.watch_long_tasks()
    # Each run edits another row near the middle, so that every run has a unit to remove.
    row = "document.querySelector('.task-row[data-index=\"%d\"] "
    edits = {"select a row (source highlighted)": lambda k: "selectRow(%d)" % (middle + k),
             "check a row": lambda k: (row + ".cell.check input').click()") % (middle + k),
             "remove a unit": lambda k: (row + "[data-field=support] .chip button.remove').click()") % (middle + k),
             "type a unit in": lambda k: ("const i = " + row + "[data-field=lead] input.add-unit');"
                                          "i.value = '县新设协调办公室'; i.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter', bubbles: true}))") % (middle + k),
             "undo": lambda k: "undo()",
             "add a task": lambda k: "selectedIndex = %d; addTask()" % (middle + k),
             "delete a task": lambda k: (row + "button.delete').click()") % (middle + k + 1)}
    for name, action in edits.items():
        figures[name] = [page.timed(action(k)) for k in range(runs)]
        page.browser.run_async("const done = arguments[0]; saving.then(() => done(true))")
    figures["compare with last year"] = [page.timed(
        "return compareWith(%r, async () => (await api('/api/document?path=' + encodeURIComponent(%r))).json())"
        % (compare_with, compare_with)) for _ in range(runs)]
    long = page.long_tasks()
    return tasks, figures, long


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dutyctl", required=True)
    parser.add_argument("--tasks", type=int, default=300)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="dutyctl-serve-bench-")
    folder = os.path.join(work, "folder")
    os.makedirs(folder)
    for name, text in (("notice.txt", notice(args.tasks, 2024)), ("last.txt", notice(args.tasks, 2023, reworded=7))):
        with open(os.path.join(folder, name), "w", encoding="utf-8") as file:
            file.write(text)
    subprocess.run([args.dutyctl, "export", os.path.join(folder, "notice.txt"), "-o", os.path.join(folder, "table.xlsx")],
                   check=True, stderr=subprocess.DEVNULL)
    server = subprocess.Popen([args.dutyctl, "serve", folder, "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    url = server.stdout.readline().strip()
    log = open(os.path.join(work, "driver.log"), "w")
    browser = Browser(os.path.join(work, "downloads"), os.path.join(work, "profile"), log)
    try:
        page = Page(browser, url)
        page.load()  # the first load warms the browser's own caches
        loads = [page.load() for _ in range(args.runs)]
        print("machine: %d cores, %s" % (os.cpu_count(), cpu_name()))
        print("page load from %s, median of %d (ms after navigation start):" % (url, args.runs))
        for key, name in (("response", "last byte of the page"), ("dom", "DOMContentLoaded"),
                          ("load", "load event"), ("listed", "folder's notices listed")):
            print("  %-28s %7.1f   (range %.1f–%.1f)" % (name, median([l[key] for l in loads]),
                                                        min(l[key] for l in loads), max(l[key] for l in loads)))
        print("  %-28s %7d bytes" % ("transferred", loads[-1]["bytes"]))
        for path, what in (("notice.txt", "text notice, lines"), ("table.xlsx", "workbook, grid")):
            tasks, figures, long = measure_document(page, path, args.runs, "last.txt")
            rows = browser.run("return document.querySelectorAll('#source li, #sheets td').length")
            print("%s (%s): %d tasks, %d source lines or cells; median of %d (ms, to the next frame):"
                  % (path, what, tasks, rows, args.runs))
            for name, values in figures.items():
                print("  %-34s %7.1f   (range %.1f–%.1f)" % (name, median(values), min(values), max(values)))
            print("  %-34s %7d" % ("long tasks (> 50 ms) while editing", long))
    finally:
        browser.quit()
        server.terminate()
        server.wait()
        log.close()
    return 0


def cpu_name():
    try:
        with open("/proc/cpuinfo") as file:
            for line in file:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown CPU"


if __name__ == "__main__":
    sys.exit(main())
