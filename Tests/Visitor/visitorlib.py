"""Shared helpers for the visitor checks: serving a site folder, nginx, headless Chromium."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
DEPLOY_SITE_CONF = os.path.join(REPO, "deploy", "site.conf")
AXE_JS = os.path.join(HERE, ".cache", "axe.min.js")

VIEWPORTS = [("desktop", 1280, 900, False), ("mobile", 390, 844, True)]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, proc: subprocess.Popen | None = None, timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"server exited with status {proc.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port} after {timeout:.0f}s")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # noqa: D401 - silence the access log
        pass


class PythonServer:
    """http.server on 127.0.0.1 in a thread (used when nginx is not available)."""

    def __init__(self, site_dir: str):
        handler = functools.partial(_QuietHandler, directory=os.path.abspath(site_dir))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def find_nginx() -> str | None:
    return shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if os.access(p, os.X_OK)), None)


def find_mime_types() -> str | None:
    for p in ("/etc/nginx/mime.types", "/usr/local/nginx/conf/mime.types", "/usr/local/etc/nginx/mime.types"):
        if os.path.exists(p):
            return p
    return None


class NginxServer:
    """nginx in the foreground on a free loopback port, serving site_dir with deploy/site.conf."""

    def __init__(self, site_dir: str, site_conf: str = DEPLOY_SITE_CONF):
        self.site_dir = os.path.abspath(site_dir)
        self.site_conf = os.path.abspath(site_conf)
        self.binary = find_nginx()
        if self.binary is None:
            raise RuntimeError("nginx is not installed (run Tests/Visitor/install.sh)")
        mime = find_mime_types()
        if mime is None:
            raise RuntimeError("nginx mime.types not found")
        self.tmp = tempfile.mkdtemp(prefix="visitor-nginx-")
        self.port = free_port()
        # Workers must read the site folder; as root (CI) keep them root: loopback-only test server.
        user = "user root root;\n" if os.geteuid() == 0 else ""
        t = self.tmp
        conf = f"""{user}worker_processes 1;
daemon off;
pid {t}/nginx.pid;
error_log {t}/error.log warn;
events {{ worker_connections 64; }}
http {{
    include {mime};
    default_type application/octet-stream;
    access_log {t}/access.log;
    client_body_temp_path {t}/client_body;
    proxy_temp_path {t}/proxy;
    fastcgi_temp_path {t}/fastcgi;
    uwsgi_temp_path {t}/uwsgi;
    scgi_temp_path {t}/scgi;
    server {{
        listen 127.0.0.1:{self.port};
        server_name localhost;
        root {self.site_dir};
        include {self.site_conf};
    }}
}}
"""
        self.conf_path = os.path.join(t, "nginx.conf")
        with open(self.conf_path, "w") as f:
            f.write(conf)
        self.proc: subprocess.Popen | None = None

    def __enter__(self):
        self.proc = subprocess.Popen(
            [self.binary, "-p", self.tmp + "/", "-e", os.path.join(self.tmp, "error.log"), "-c", self.conf_path],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            wait_for_port(self.port, self.proc)
        except RuntimeError as e:
            err = self._stop()
            raise RuntimeError(f"nginx did not start: {e}: {err}") from None
        return self

    def _stop(self) -> str:
        err = ""
        if self.proc is not None:
            if self.proc.poll() is None:
                self.proc.terminate()
                try:
                    self.proc.wait(10)
                except subprocess.TimeoutExpired:
                    self.proc.kill()
                    self.proc.wait()
            err = (self.proc.stderr.read() or b"").decode(errors="replace").strip()
            self.proc.stderr.close()
        try:
            with open(os.path.join(self.tmp, "error.log")) as f:
                err = (err + "\n" + f.read()).strip()
        except OSError:
            pass
        shutil.rmtree(self.tmp, ignore_errors=True)
        return err

    def __exit__(self, *exc):
        self._stop()

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def serve(site_dir: str, prefer_nginx: bool = True):
    """nginx with the shipped config when available, else Python's http.server."""
    if prefer_nginx and find_nginx() and find_mime_types():
        return NginxServer(site_dir)
    return PythonServer(site_dir)


def chromium(performance_log: bool = False, languages: str = "en-GB"):
    """Headless Chromium through the Debian chromedriver (no Selenium Manager, no network).
    `languages` is the reader's preference list, e.g. "fr,en" (navigator.languages, Accept-Language)."""
    os.environ.setdefault("SE_AVOID_STATS", "true")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    for binary in ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"):
        if os.path.exists(binary):
            opts.binary_location = binary
            break
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,900", "--hide-scrollbars", "--no-first-run",
                "--no-default-browser-check", "--disable-extensions", "--disable-sync",
                "--disable-background-networking", "--disable-component-update",
                "--disable-default-apps", "--metrics-recording-only", "--disable-domain-reliability",
                f"--lang={languages.split(',')[0]}"):
        opts.add_argument(arg)
    opts.add_experimental_option("prefs", {"intl.accept_languages": languages})
    opts.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"}
                        if performance_log else {"browser": "ALL"})
    driver_path = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    driver = webdriver.Chrome(service=Service(driver_path), options=opts)
    driver.set_page_load_timeout(60)
    driver.set_script_timeout(120)
    return driver


def set_viewport(driver, width: int, height: int, mobile: bool, scale: float = 1) -> None:
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": scale, "mobile": mobile})
    driver.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": mobile})


def wait_loaded(driver, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            ready = driver.execute_script(
                "return document.readyState === 'complete' && "
                "Array.from(document.images).every(i => i.complete) && "
                "(!document.fonts || document.fonts.status === 'loaded')")
        except Exception:
            ready = False
        if ready:
            return
        time.sleep(0.1)
