"""A headless Chromium driven over WebDriver (chromedriver), with the standard library only.

Used by scripts/browser_test.py (the browser test of `dutyctl serve`) and bench/serve_page.py
(the page's timings). Debian's `chromium` and `chromium-driver` packages provide both programs.
"""

import base64
import json
import os
import socket
import subprocess
import time
import urllib.error
import urllib.request

ELEMENT = "element-6066-11e4-a52e-4f735466cecf"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Browser:
    """One Chromium session; `quit()` ends it and the chromedriver started for it."""

    def __init__(self, downloads, profile, log, size=(1600, 1000)):
        port = free_port()
        self.driver = "http://127.0.0.1:%d" % port
        self.process = subprocess.Popen(["chromedriver", "--port=%d" % port],
                                        stdout=log, stderr=subprocess.STDOUT)
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
                "--user-data-dir=" + profile, "--window-size=%d,%d" % size, "--lang=zh-CN",
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
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return json.loads(response.read())["value"]
        except urllib.error.HTTPError as error:
            # WebDriver's own message (a script's exception, an element not found).
            value = json.loads(error.read() or b"{}").get("value", {})
            raise AssertionError("%s %s: %s" % (method, path, value.get("message", error))) from None

    def go(self, url):
        self.call("POST", self.session + "/url", {"url": url})

    def run(self, script, *args):
        return self.call("POST", self.session + "/execute/sync", {"script": script, "args": list(args)})

    def run_async(self, script, *args):
        """A script whose last argument is the callback that returns its value."""
        return self.call("POST", self.session + "/execute/async", {"script": script, "args": list(args)})

    def find(self, css):
        return self.call("POST", self.session + "/element", {"using": "css selector", "value": css})[ELEMENT]

    def click(self, css):
        self.call("POST", self.session + "/element/" + self.find(css) + "/click", {})

    def type(self, css, text):
        self.call("POST", self.session + "/element/" + self.find(css) + "/value", {"text": text})

    def upload(self, css, path):
        """Gives a file input a file, as a person choosing it would."""
        self.call("POST", self.session + "/element/" + self.find(css) + "/value", {"text": os.path.abspath(path)})

    def keys(self, *keys):
        """Presses keys together (e.g. "\\ue009", "z" for Ctrl+Z) on the focused element."""
        actions = [{"type": "keyDown", "value": k} for k in keys] + [{"type": "keyUp", "value": k} for k in reversed(keys)]
        self.call("POST", self.session + "/actions", {"actions": [{"type": "key", "id": "keyboard", "actions": actions}]})
        self.call("DELETE", self.session + "/actions")

    def wait(self, what, script, *args, timeout=20):
        deadline = time.time() + timeout
        while time.time() < deadline:
            value = self.run(script, *args)
            if value:
                return value
            time.sleep(0.05)
        raise AssertionError("timed out waiting for " + what)

    def resize(self, width, height):
        self.call("POST", self.session + "/window/rect", {"width": width, "height": height})

    def screenshot(self, path):
        with open(path, "wb") as file:
            file.write(base64.b64decode(self.call("GET", self.session + "/screenshot")))
        print("browser-test: wrote " + path)

    def quit(self):
        try:
            self.call("DELETE", self.session)
        finally:
            self.process.terminate()
            self.process.wait(timeout=10)
