"""The browser test's steps (see browser-test.sh), over WebDriver with the standard library only."""

import argparse
import os
import subprocess
import sys
import time
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from webdriver import Browser  # noqa: E402

NEW_UNIT = "县新设安全生产协调办公室"
NOTICE = "2024年安全生产重点工作.txt"
# A name of the unit directory that the notice does not print, offered when a unit is typed.
DIRECTORY_ONLY = "县数据资源管理局"
CTRL = "\ue009"
SHIFT = "\ue008"

ROW = '.task-row[data-index="%d"]'


def chips(browser, index, field):
    return browser.run("return [...document.querySelectorAll(arguments[0])].map(c => c.textContent)",
                       (ROW % index) + " [data-field=%s] .chip .name" % field)


def saved_text(folder, name):
    with open(os.path.join(folder, name), encoding="utf-8") as file:
        return file.read()


def wait_saved(browser):
    browser.wait("the save", "return /已保存到/.test(document.getElementById('status').textContent)")


def edit_then_save(browser, action):
    """Runs an edit and waits for the save it starts."""
    browser.run("document.getElementById('status').textContent = ''")
    action()
    wait_saved(browser)


def main():
    parser = argparse.ArgumentParser()
    for name in ("url", "folder", "downloads", "profile", "screenshots", "dutyctl", "log"):
        parser.add_argument("--" + name, required=True)
    args = parser.parse_args()
    started = time.time()
    passed = []
    with open(args.log, "w") as log:
        browser = Browser(args.downloads, args.profile, log)
    try:
        browser.go(args.url)
        browser.wait("the folder's notices", "return document.querySelectorAll('#document-list li[data-path]').length >= 4")
        loaded = time.time()
        browser.click('#document-list li[data-path="%s"]' % NOTICE)
        browser.wait("the register", "return document.querySelectorAll('.task-row').length > 3")
        print("browser-test: register shown %.2f s after the click" % (time.time() - loaded))

        # A row clicked: its source line is highlighted, and it is the line the task came from.
        browser.click((ROW % 2) + " .cell.task")
        key = browser.wait("a highlighted line", "const l = document.querySelector('#source li.hl'); return l && l.dataset.key")
        row_key = browser.run("return document.querySelector(arguments[0]).dataset.key", ROW % 2)
        assert key == row_key, (key, row_key)
        line_text = browser.run("return document.querySelector('#source li.hl .text').textContent")
        task_seq = browser.run("return document.querySelector(arguments[0]).innerText.trim()", (ROW % 2) + " .cell.seq")
        assert task_seq and task_seq in line_text, (task_seq, line_text)
        browser.screenshot(os.path.join(args.screenshots, "serve-review.png"))
        passed.append("a row shows its source line")

        # The 牵头单位 changed: the old unit removed, a new one typed in.
        old_lead = chips(browser, 2, "lead")
        for _ in old_lead:
            browser.click((ROW % 2) + " [data-field=lead] .chip button.remove")
        browser.type((ROW % 2) + " [data-field=lead] input.add-unit", NEW_UNIT + "\n")
        browser.wait("the new unit as a chip", "return [...document.querySelectorAll(arguments[0])].map(c => c.textContent).join() === arguments[1]",
                     (ROW % 2) + " [data-field=lead] .chip .name", NEW_UNIT)
        wait_saved(browser)
        saved = NOTICE.replace(".txt", ".yaml")
        assert NEW_UNIT in saved_text(args.folder, saved), "the new unit is saved beside the notice"
        passed.append("a lead unit changed and saved")

        # The unit directory: its names are offered, and a unit it does not list is marked.
        offered = browser.run("return [...document.querySelectorAll('#unit-names option')].map(o => o.value)")
        assert DIRECTORY_ONLY in offered, "the directory's names are offered: %s" % offered
        browser.wait("the new unit marked as outside the directory",
                     "return document.querySelector(arguments[0] + ' [data-field=lead] .chip.outside') && document.querySelector(arguments[0] + ' .mark.outside')",
                     ROW % 2)
        passed.append("the unit directory's names offered, an unknown unit marked")

        # Rows checked: saved with the register, which `dutyctl check` still passes.
        edit_then_save(browser, lambda: browser.click((ROW % 0) + " .cell.check input"))
        edit_then_save(browser, lambda: browser.click((ROW % 1) + " .cell.check input"))
        assert browser.run("return document.getElementById('progress').textContent").startswith("已核对 2 /")
        assert saved_text(args.folder, saved).count("checked: true") == 2, "two checked tasks saved"
        check = subprocess.run([args.dutyctl, "check", os.path.join(args.folder, saved), "--today", "2024-01-01"],
                               capture_output=True, text=True)
        assert check.returncode == 0, "dutyctl check passes the saved register: " + check.stdout + check.stderr
        browser.click((ROW % 2) + " .cell.task")
        browser.screenshot(os.path.join(args.screenshots, "serve-edit.png"))
        passed.append("rows checked, saved, and the register passes check")

        # Undo, each kind of edit: a check, a unit typed in, a unit removed; then redo.
        browser.run("document.activeElement && document.activeElement.blur()")
        edit_then_save(browser, lambda: browser.keys(CTRL, "z"))
        assert saved_text(args.folder, saved).count("checked: true") == 1, "the second check undone"
        edit_then_save(browser, lambda: browser.click("#undo"))
        assert "checked: true" not in saved_text(args.folder, saved), "the first check undone"
        edit_then_save(browser, lambda: browser.click("#undo"))
        assert chips(browser, 2, "lead") == [], "the typed unit undone"
        for _ in old_lead:
            edit_then_save(browser, lambda: browser.click("#undo"))
        assert chips(browser, 2, "lead") == old_lead, "the removed units are back: %s" % chips(browser, 2, "lead")
        assert NEW_UNIT not in saved_text(args.folder, saved)
        for _ in range(len(old_lead) + 1):
            edit_then_save(browser, lambda: browser.keys(CTRL, SHIFT, "z"))
        assert chips(browser, 2, "lead") == [NEW_UNIT], "redone: %s" % chips(browser, 2, "lead")
        # A task deleted and the deletion undone; a deadline edited and the edit undone.
        count = browser.run("return document.querySelectorAll('.task-row').length")
        edit_then_save(browser, lambda: browser.click((ROW % 3) + " button.delete"))
        assert browser.run("return document.querySelectorAll('.task-row').length") == count - 1
        edit_then_save(browser, lambda: browser.click("#undo"))
        assert browser.run("return document.querySelectorAll('.task-row').length") == count
        deadline_cell = (ROW % 3) + " [data-edit=deadline]"
        before = browser.run("return document.querySelector(arguments[0]).textContent", deadline_cell)
        browser.click(deadline_cell)
        edit_then_save(browser, lambda: browser.type(deadline_cell, "2025年3月底前\n"))
        assert "2025年3月底前" in browser.run("return document.querySelector(arguments[0]).textContent", deadline_cell)
        edit_then_save(browser, lambda: browser.click("#undo"))
        assert browser.run("return document.querySelector(arguments[0]).textContent", deadline_cell) == before
        passed.append("undo and redo of checks, units, a deletion and a deadline")

        # The check survives closing the page: reopened, the row is still checked.
        edit_then_save(browser, lambda: browser.click((ROW % 0) + " .cell.check input"))
        browser.go(args.url)
        browser.wait("the folder's notices", "return document.querySelectorAll('#document-list li[data-path]').length >= 4")
        browser.click('#document-list li[data-path="%s"]' % NOTICE)
        browser.wait("the register reopened", "return document.querySelectorAll('.task-row').length > 3")
        assert browser.run("return document.querySelector(arguments[0]).checked", (ROW % 0) + " .cell.check input"), "still checked"
        assert chips(browser, 2, "lead") == [NEW_UNIT]
        passed.append("edits and checks reopen after the page is closed")

        # The xlsx downloaded through the page holds the new unit.
        browser.click('#downloads button[data-format="xlsx"]')
        workbook = os.path.join(args.downloads, NOTICE.replace(".txt", ".xlsx"))
        deadline = time.time() + 20
        while not os.path.exists(workbook) and time.time() < deadline:
            time.sleep(0.1)
        assert os.path.exists(workbook), "the xlsx was downloaded: " + str(os.listdir(args.downloads))
        time.sleep(0.3)
        with zipfile.ZipFile(workbook) as book:
            text = "".join(book.read(n).decode("utf-8") for n in book.namelist() if n.endswith(".xml"))
        assert NEW_UNIT in text, "the new unit is in the downloaded workbook"
        passed.append("the downloaded xlsx holds the edit")

        # A workbook's source is its grid: a row clicked highlights the cell the task came from.
        browser.click('#document-list li[data-path$=".xlsx"]')
        browser.wait("the sheet as a grid", "return document.querySelectorAll('#sheets table.grid td').length > 10 && document.querySelectorAll('.task-row').length > 2")
        spans = browser.run("return document.querySelectorAll('#sheets td[rowspan], #sheets td[colspan]').length")
        assert spans > 0, "merged cells span in the grid"
        browser.wait("the workbook's units found in the directory",
                     "return current.register.tasks.every(t => [...t.lead, ...t.support].every(n => directory.known.get(n)))"
                     " && document.querySelectorAll('.task-row').length && !document.querySelector('.chip.outside')")
        browser.click((ROW % 1) + " .cell.task")
        cell = browser.wait("a highlighted cell", "const c = document.querySelector('#sheets td.hl-cell'); return c && c.dataset.key")
        task_text = browser.run("return document.querySelector(arguments[0]).textContent", (ROW % 1) + " [data-edit=text]")
        cell_text = browser.run("return document.querySelector('#sheets td.hl-cell').textContent")
        assert cell.startswith("sheet:") and cell_text and task_text.startswith(cell_text[:6]), (cell, cell_text, task_text)
        browser.run("document.activeElement.blur()")
        browser.screenshot(os.path.join(args.screenshots, "serve-grid.png"))
        passed.append("a sheet shown as a grid, a row's cell highlighted")

        # A page's table row is shown once though its cells stand on lines of their own: a task
        # whose cell is not the row's first is shown at its row.
        browser.click('#document-list li[data-path$=".html"]')
        browser.wait("the page's register", "return document.getElementById('doc-name').textContent.includes('临江区') && document.querySelectorAll('.task-row').length > 3")
        browser.click((ROW % 0) + " .cell.task")
        also = browser.wait("the row highlighted", "const l = document.querySelector('#source li.hl'); return l && (l.dataset.also || '')")
        source = browser.run("return 'line:' + current.register.tasks[0].source.line")
        assert source in also.split(), (source, also)
        row_text = browser.run("return document.querySelector('#source li.hl .text').textContent")
        title = browser.run("return current.register.tasks[0].title")
        assert title in row_text, (title, row_text)
        passed.append("a page's table row shown for a task whose cell stands on a later line")

        # Compare: this year's notice against last year's, picked from the folder.
        browser.click('#document-list li[data-path="对比/平安市2024年安全生产重点工作.txt"]')
        browser.wait("the 2024 register", "return document.getElementById('doc-name').textContent.includes('2024') && document.querySelectorAll('.task-row').length > 5")
        browser.click("#tab-compare")
        browser.run("const s = document.getElementById('compare-pick'); s.value = arguments[0]; s.dispatchEvent(new Event('change'))",
                    "对比/平安市2023年安全生产重点工作.txt")
        browser.wait("the comparison", "return document.querySelectorAll('#compare-result section.group').length >= 6")
        groups = browser.run("return Object.fromEntries([...document.querySelectorAll('#compare-result section[data-group]')].map(s => [s.dataset.group, s.querySelectorAll(':scope > ul > li').length]))")
        assert groups == {"added": 3, "removed": 2, "changed": 3, "renumbered": 2, "split": 1, "merged": 1}, groups
        units = browser.run("return [...document.querySelectorAll('table.unit-changes td.unit')].map(td => td.textContent)")
        assert "市委宣传部" in units and "市消防救援支队" in units, units
        # Tall enough to show every group and the units' table.
        browser.resize(1600, 1500)
        browser.screenshot(os.path.join(args.screenshots, "serve-diff.png"))
        browser.resize(1600, 1000)
        # A task of the comparison opens in the register.
        browser.click('#compare-result section[data-group="added"] a.task-ref')
        browser.wait("the added task selected", "return !document.getElementById('register-view').hidden && document.querySelector('.task-row.selected')")
        passed.append("last year's notice compared, grouped by kind, with units' gains and losses")
    finally:
        browser.quit()
    for name in passed:
        print("browser-test: ok: " + name)
    print("browser-test: %d passed, 0 failed in %.1f s" % (len(passed), time.time() - started))


if __name__ == "__main__":
    try:
        main()
    except AssertionError as error:
        print("browser-test: FAILED: %s" % error, file=sys.stderr)
        sys.exit(1)
