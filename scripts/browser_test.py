"""The browser test's steps, over WebDriver with the standard library only (see browser-test.sh)."""

import argparse
import base64
import json
import os
import sys
import time
import urllib.request
import zipfile

ELEMENT = "element-6066-11e4-a52e-4f735466cecf"
NEW_UNIT = "县新设安全生产协调办公室"


class Browser:
    def __init__(self, driver, downloads, profile):
        self.driver = driver
        for _ in range(100):
            try:
                self.call("GET", "/status")
                break
            except OSError:
                time.sleep(0.1)
        options = {
            "binary": "/usr/bin/chromium",
            # Without the background-networking flags Chromium keeps dialling out of a machine
            # with no network, and a profile of its own keeps runs independent.
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=1600,1000", "--lang=zh-CN",
            ],
            "prefs": {"download.default_directory": downloads, "download.prompt_for_download": False},
        }
        session = self.call("POST", "/session", {
            "capabilities": {"alwaysMatch": {"browserName": "chrome", "goog:chromeOptions": options}}})
        self.session = "/session/" + session["sessionId"]
        self.call("POST", self.session + "/goog/cdp/execute", {
            "cmd": "Browser.setDownloadBehavior",
            "params": {"behavior": "allow", "downloadPath": downloads}})

    def call(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.driver + path, data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=60) as response:
            return json.loads(response.read())["value"]

    def go(self, url):
        self.call("POST", self.session + "/url", {"url": url})

    def run(self, script, *args):
        return self.call("POST", self.session + "/execute/sync", {"script": script, "args": list(args)})

    def find(self, css):
        return self.call("POST", self.session + "/element", {"using": "css selector", "value": css})[ELEMENT]

    def click(self, css):
        self.call("POST", self.session + "/element/" + self.find(css) + "/click", {})

    def type(self, css, text):
        self.call("POST", self.session + "/element/" + self.find(css) + "/value", {"text": text})

    def wait(self, what, script, *args, timeout=20):
        deadline = time.time() + timeout
        while time.time() < deadline:
            value = self.run(script, *args)
            if value:
                return value
            time.sleep(0.1)
        raise AssertionError("timed out waiting for " + what)

    def screenshot(self, path):
        with open(path, "wb") as file:
            file.write(base64.b64decode(self.call("GET", self.session + "/screenshot")))
        print("browser-test: wrote " + path)

    def quit(self):
        self.call("DELETE", self.session)


def main():
    parser = argparse.ArgumentParser()
    for name in ("url", "driver", "folder", "downloads", "profile", "screenshots"):
        parser.add_argument("--" + name, required=True)
    args = parser.parse_args()
    started = time.time()
    browser = Browser(args.driver, args.downloads, args.profile)
    try:
        browser.go(args.url)
        browser.wait("the folder's notices", "return document.querySelectorAll('#document-list li[data-path]').length >= 2")
        loaded = time.time()
        browser.click('#document-list li[data-path$=".txt"]')
        browser.wait("the register", "return document.querySelectorAll('tr.task-row').length > 3")
        print("browser-test: page and register shown in %.2f s" % (time.time() - loaded))

        # A row clicked: its source line is highlighted, and it is the line the task came from.
        browser.click('tr.task-row[data-index="2"] td.task')
        key = browser.wait("a highlighted line", "const l = document.querySelector('#source li.hl'); return l && l.dataset.key")
        row_key = browser.run("return document.querySelector('tr.task-row[data-index=\"2\"]').dataset.key")
        assert key == row_key, (key, row_key)
        line_text = browser.run("return document.querySelector('#source li.hl .text').textContent")
        task_seq = browser.run("return document.querySelector('tr.task-row[data-index=\"2\"] td').innerText.trim()")
        assert task_seq and task_seq in line_text, (task_seq, line_text)
        browser.screenshot(os.path.join(args.screenshots, "serve-review.png"))

        # The 牵头单位 changed: the old unit removed, a new one typed in.
        old_lead = browser.run("return [...document.querySelectorAll('tr.task-row[data-index=\"2\"] [data-field=lead] .chip')].map(c => c.firstChild.textContent)")
        for _ in old_lead:
            browser.click('tr.task-row[data-index="2"] [data-field=lead] .chip button.remove')
        browser.type('tr.task-row[data-index="2"] [data-field=lead] input.add-unit', NEW_UNIT + "\n")
        browser.wait("the new unit as a chip", "return [...document.querySelectorAll('tr.task-row[data-index=\"2\"] [data-field=lead] .chip')].map(c => c.firstChild.textContent).join() === arguments[0]", NEW_UNIT)
        browser.wait("the save", "return document.getElementById('status').textContent.startsWith('已保存到')")
        saved = os.path.join(args.folder, "2024年安全生产重点工作.yaml")
        assert NEW_UNIT in open(saved, encoding="utf-8").read(), "the new unit is saved beside the notice"
        browser.click('tr.task-row[data-index="2"] td.task')
        browser.screenshot(os.path.join(args.screenshots, "serve-edit.png"))

        # The xlsx downloaded through the page holds the new unit.
        browser.click('#downloads button[data-format="xlsx"]')
        workbook = os.path.join(args.downloads, "2024年安全生产重点工作.xlsx")
        deadline = time.time() + 20
        while not os.path.exists(workbook) and time.time() < deadline:
            time.sleep(0.1)
        assert os.path.exists(workbook), "the xlsx was downloaded: " + str(os.listdir(args.downloads))
        with zipfile.ZipFile(workbook) as book:
            text = "".join(book.read(n).decode("utf-8") for n in book.namelist() if n.endswith(".xml"))
        assert NEW_UNIT in text, "the new unit is in the downloaded workbook"
    finally:
        browser.quit()
    print("browser-test: 1 passed, 0 failed in %.1f s" % (time.time() - started))


if __name__ == "__main__":
    try:
        main()
    except AssertionError as error:
        print("browser-test: FAILED: %s" % error, file=sys.stderr)
        sys.exit(1)
