#!/usr/bin/env python3
"""Checks `interact-site serve` as a writer uses it.

usage: check_serve.py BINARY

Copies a fixture site to a temporary folder, starts `serve --port 0` on it, and checks: a page is
served; editing its Markdown sends a reload event and the page changes; a browser tab reloads by
itself and keeps its scroll position; broken front matter shows an error overlay with
file:line:column in the tab (and the last good page stays served); fixing it reloads the tab;
path traversal gets 400 or 404; non-GET gets 405; SIGINT and SIGTERM stop the server with status 0.
"""
from __future__ import annotations

import http.client
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import visitorlib  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIXTURE = os.path.join(ROOT, "Tests", "Fixtures", "sites", "multilingual")
THEME = os.path.join(ROOT, "Tests", "Fixtures", "theme")
PAGE = "content/partners/gamma.md"
URL = "/en/partners/gamma/"

failures: list[str] = []
passed = 0


def check(name: str, ok: bool, detail: str = "") -> None:
    global passed
    if ok:
        passed += 1
    else:
        failures.append(f"{name}: {detail}")
        print(f"FAIL serve: {name}: {detail}", flush=True)


class Server:
    def __init__(self, binary: str, site: str):
        self.log = open(os.path.join(site, "serve.log"), "w+")
        self.proc = subprocess.Popen([binary, "serve", "--source", site, "--port", "0"],
                                     stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        self.port = None
        while time.monotonic() < deadline and self.port is None:
            self.log.seek(0)
            m = re.search(r"Serving at http://127\.0\.0\.1:(\d+)/", self.log.read())
            if m:
                self.port = int(m.group(1))
            elif self.proc.poll() is not None:
                break
            else:
                time.sleep(0.1)
        if self.port is None:
            self.log.seek(0)
            raise RuntimeError("serve did not start: " + self.log.read()[-2000:])

    def get(self, path: str, method: str = "GET") -> tuple[int, dict, bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        conn.putrequest(method, path, skip_accept_encoding=True)
        conn.endheaders()
        r = conn.getresponse()
        body = r.read()
        conn.close()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, body

    def output(self) -> str:
        self.log.seek(0)
        return self.log.read()


class EventReader(threading.Thread):
    """Reads /__interact/events and keeps every event."""

    def __init__(self, port: int):
        super().__init__(daemon=True)
        self.events: list[tuple[str, str]] = []
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.conn.request("GET", "/__interact/events")
        self.response = self.conn.getresponse()
        self.start()

    def run(self) -> None:
        name, data = "message", []
        try:
            while True:
                line = self.response.fp.readline()
                if not line:
                    return
                line = line.decode("utf-8").rstrip("\n")
                if line.startswith("event:"):
                    name = line[6:].strip()
                elif line.startswith("data:"):
                    data.append(line[5:].strip())
                elif line == "":
                    if data:
                        self.events.append((name, "\n".join(data)))
                    name, data = "message", []
        except Exception:
            return

    def wait_for(self, name: str, after: int, timeout: float = 20) -> tuple[str, str] | None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for event in self.events[after:]:
                if event[0] == name:
                    return event
            time.sleep(0.05)
        return None


def edit(site: str, change) -> None:
    path = os.path.join(site, PAGE)
    with open(path, encoding="utf-8") as f:
        text = f.read()
    with open(path + ".tmp~", "w", encoding="utf-8") as f:  # as editors do: write aside, then rename
        f.write(change(text))
    os.replace(path + ".tmp~", path)


def http_checks(binary: str, site: str) -> None:
    server = Server(binary, site)
    try:
        status, headers, body = server.get(URL)
        check("a page is served", status == 200 and b"Gamma" in body, f"status {status}")
        check("HTML gets the reload script", b"/__interact/reload.js" in body)
        with open(os.path.join(site, ".preview", "en", "partners", "gamma", "index.html"), "rb") as f:
            check("files on disk carry no reload script", b"__interact" not in f.read())
        status, headers, _ = server.get("/en/partners")
        check("a folder without / redirects", status == 301 and headers.get("location") == "/en/partners/",
              f"{status} {headers.get('location')}")
        status, headers, body = server.get("/fr/no-such-page/")
        check("a missing page is 404 with the language's page", status == 404 and b"<html" in body, str(status))
        status, headers, _ = server.get("/__interact/reload.js")
        check("the reload script is JavaScript", status == 200 and "javascript" in headers.get("content-type", ""))
        for attempt in ("/../../etc/passwd", "/en/%2e%2e/%2e%2e/etc/passwd", "/%2e%2e%2fconfig.yaml",
                        "/en/..%5c..%5cconfig.yaml", "/config.yaml", "/content/partners/gamma.md"):
            status, _, body = server.get(attempt)
            check(f"{attempt} is refused", status in (400, 404) and b"INTERACT" not in body[:0] and
                  b"baseURL" not in body and b"title: Gamma" not in body, str(status))
        status, _, _ = server.get(URL, method="POST")
        check("POST is 405", status == 405, str(status))
        status, headers, _ = server.get("/Q/" + os.listdir(os.path.join(site, ".preview", "Q"))[0] + "/qr.svg")
        check("SVG content type", headers.get("content-type") == "image/svg+xml", headers.get("content-type", ""))

        events = EventReader(server.port)
        time.sleep(0.3)
        n = len(events.events)
        edit(site, lambda t: t + "\nA sentence added while serving.\n")
        event = events.wait_for("reload", n)
        check("an edit sends a reload event", event is not None, server.output()[-500:])
        _, _, body = server.get(URL)
        check("the edited page is served", b"A sentence added while serving." in body)
        deadline = time.monotonic() + 10
        indexed = False
        while time.monotonic() < deadline and not indexed:
            for root, _, files in os.walk(os.path.join(site, ".preview", "en", "search")):
                for name in files:
                    with open(os.path.join(root, name), "rb") as f:
                        if b"while serving" in f.read():
                            indexed = True
            time.sleep(0.1)
        check("the search index follows the edit", indexed)

        n = len(events.events)
        edit(site, lambda t: t.replace("---\n", "", 1))
        event = events.wait_for("failure", n)
        check("broken front matter sends a failure event", event is not None)
        if event:
            check("the failure names file:line:column", '"file":"content\\/partners\\/gamma.md"' in event[1]
                  and '"line":1' in event[1], event[1][:300])
        status, _, body = server.get(URL)
        check("the last good page stays served", status == 200 and b"A sentence added" in body, str(status))
        n = len(events.events)
        edit(site, lambda t: "---\n" + t)
        check("the fix sends a reload event", events.wait_for("reload", n) is not None)
        events.conn.close()
    finally:
        stop(server, signal.SIGINT, "SIGINT")


def stop(server: Server, sig, name: str) -> None:
    server.proc.send_signal(sig)
    try:
        code = server.proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.proc.kill()
        code = None
    check(f"{name} stops the server with status 0", code == 0, f"exit {code}: {server.output()[-300:]}")


def browser_checks(binary: str, site: str) -> None:
    # A page long enough to scroll, before and after the edit.
    edit(site, lambda t: t + "".join(f"\nParagraph {i} of a long page.\n" for i in range(150)))
    server = Server(binary, site)
    driver = visitorlib.chromium()
    try:
        driver.set_window_size(800, 400)
        driver.get(f"http://127.0.0.1:{server.port}{URL}")
        visitorlib.wait_loaded(driver)
        driver.execute_script("window.scrollTo(0, 1200)")
        time.sleep(1)  # the event stream is open
        marker = driver.execute_script("window.__notReloaded = true; return window.scrollY")
        check("the test page scrolls", marker == 1200, f"scrollY {marker}")
        edit(site, lambda t: t + "\nAnother sentence for the browser.\n")
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if driver.execute_script("return window.__notReloaded !== true && document.readyState === 'complete'"):
                break
            time.sleep(0.1)
        time.sleep(0.5)
        text = driver.execute_script("return document.body.innerText")
        check("the tab reloads by itself", "Another sentence for the browser." in text, text[-200:])
        y = driver.execute_script("return window.scrollY")
        check("the tab keeps its scroll position", abs(y - marker) <= 2, f"scrollY {y}, was {marker}")

        edit(site, lambda t: t.replace("title:", "title", 1))
        deadline = time.monotonic() + 20
        overlay = ""
        while time.monotonic() < deadline and not overlay:
            overlay = driver.execute_script(
                "var o = document.getElementById('interact-preview-errors'); return o ? o.innerText : ''")
            time.sleep(0.1)
        check("broken front matter shows an overlay with file:line:column",
              re.search(r"content/partners/gamma\.md:\d+:\d+", overlay) is not None, overlay[:300])
        edit(site, lambda t: t.replace("title ", "title: ", 1))
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            gone = driver.execute_script("return !document.getElementById('interact-preview-errors')")
            if gone:
                break
            time.sleep(0.1)
        check("fixing it removes the overlay", gone)
    finally:
        driver.quit()
        stop(server, signal.SIGTERM, "SIGTERM")


def main() -> int:
    binary = os.path.abspath(sys.argv[1])
    with tempfile.TemporaryDirectory() as tmp:
        site = os.path.join(tmp, "site")
        shutil.copytree(FIXTURE, site)
        shutil.copytree(THEME, os.path.join(site, "themes", "minimal"))
        http_checks(binary, site)
        browser_checks(binary, site)
    print(f"serve checks: {passed} passed, {len(failures)} failed", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
