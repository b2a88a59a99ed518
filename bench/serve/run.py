#!/usr/bin/env python3
"""`make bench-serve`: how fast `interact-site serve` shows an edit, on the generated corpus.

usage: run.py BINARY [PAGES_PER_LANGUAGE]   (default 2000: 5 languages, 10,000 pages)

1. Writes the deterministic corpus of the search benchmark (bench/search/corpus.py).
2. Starts `serve --port 0` on it (release build) and waits for the first build.
3. Saves one page 20 times, each time appending a new sentence the way editors save (write aside,
   rename), and measures from the rename to the moment the rebuilt HTML file on disk contains the
   sentence. Reports the median, min and max.
4. Changes a template and measures until a page on disk shows the change; reports how many pages
   the preview rendered (from its log).
5. Loads the server with wrk (Debian) on loopback for 10 s: requests/s, latency percentiles,
   errors, and the server's resident memory before and after.
Writes bench/serve/results.md.
"""
from __future__ import annotations

import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def rss_kb(pid: int, field: str = "VmRSS") -> int:
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def wait_until(predicate, timeout: float, step: float = 0.001):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return False


def contains(path: str, needle: bytes) -> bool:
    try:
        with open(path, "rb") as f:
            return needle in f.read()
    except OSError:
        return False


def save(path: str, text: str) -> None:
    with open(path + ".tmp~", "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(path + ".tmp~", path)


def main() -> int:
    binary = os.path.abspath(sys.argv[1])
    pages = int(sys.argv[2]) if len(sys.argv) > 2 and sys.argv[2] else 2000
    work = os.path.join("/tmp", f"interact-bench-serve-{pages}")
    shutil.rmtree(work, ignore_errors=True)
    subprocess.run([sys.executable, os.path.join(ROOT, "bench", "search", "corpus.py"), work, str(pages)],
                   check=True)
    output = os.path.join(work, ".preview")
    log_path = os.path.join(work, "serve.log")
    log = open(log_path, "w+")
    started = time.monotonic()
    proc = subprocess.Popen([binary, "serve", "--source", work, "--port", "0", "--verbose"], stdout=log,
                            stderr=subprocess.STDOUT)
    port = None
    while port is None and proc.poll() is None and time.monotonic() - started < 900:
        log.seek(0)
        m = re.search(r"Serving at http://127\.0\.0\.1:(\d+)/", log.read())
        port = int(m.group(1)) if m else None
        time.sleep(0.2)
    if port is None:
        log.seek(0)
        print(log.read()[-3000:])
        return 1
    first_build = time.monotonic() - started
    total_pages = sum(1 for _, _, files in os.walk(os.path.join(work, "content")) for n in files if n.endswith(".md"))
    time.sleep(2)  # let the ledger write settle

    # A page in the middle of the corpus, in the default language.
    source = os.path.join(work, "content", "docs", f"p{pages // 2:05d}.md")
    rel = os.path.relpath(source, os.path.join(work, "content"))
    url_path = os.path.join(output, "en", rel[:-3], "index.html")
    if not os.path.exists(source) or not os.path.exists(url_path):
        print(f"cannot find {source} or its output {url_path}")
        return 1

    with open(source, encoding="utf-8") as f:
        original = f.read()
    timings = []
    text = original
    for i in range(20):
        marker = f"Benchmark sentence number {i} was added."
        text = text + f"\n{marker}\n"
        t0 = time.monotonic()
        save(source, text)
        ok = wait_until(lambda: contains(url_path, marker.encode()), 30)
        t1 = time.monotonic()
        if not ok:
            print(f"edit {i}: the page never changed")
            return 1
        timings.append((t1 - t0) * 1000)
        time.sleep(0.5)  # a writer's pause: the search index catches up meanwhile
    save(source, original)
    time.sleep(2)

    # A template change: every page using it is rendered again.
    layout = os.path.join(work, "themes", "interact", "layouts", "page.mustache")
    with open(layout, encoding="utf-8") as f:
        template = f.read()
    log.seek(0, 2)
    before = log.tell()
    t0 = time.monotonic()
    save(layout, template.replace("</h1>", "</h1><!-- template edit -->", 1))
    ok = wait_until(lambda: contains(url_path, b"template edit"), 900, 0.05)
    template_ms = (time.monotonic() - t0) * 1000

    def template_line():
        log.seek(before)
        return re.search(r"page\.mustache: (\d+) pages? rendered, (\d+) files written", log.read())
    wait_until(lambda: template_line() is not None, 600, 0.2)
    m = template_line()
    template_pages = int(m.group(1)) if m else 0
    template_files = int(m.group(2)) if m else 0

    # Load: wrk on loopback.
    rss_before = rss_kb(proc.pid)
    wrk = shutil.which("wrk")
    wrk_out = ""
    if wrk:
        wrk_out = subprocess.run([wrk, "-t2", "-c32", "-d10s", "--latency", f"http://127.0.0.1:{port}/en/"],
                                 capture_output=True, text=True).stdout
    rss_after = rss_kb(proc.pid)
    peak = rss_kb(proc.pid, "VmHWM")
    proc.send_signal(signal.SIGINT)
    code = proc.wait(timeout=30)

    def grab(pattern: str) -> str:
        m = re.search(pattern, wrk_out)
        return m.group(1) if m else "?"

    errors = "0"
    m = re.search(r"Socket errors: (.*)", wrk_out)
    if m:
        errors = m.group(1)
    non2xx = grab(r"Non-2xx or 3xx responses: (\d+)") if "Non-2xx" in wrk_out else "0"
    median = statistics.median(timings)
    requests = grab(r"Requests/sec:\s+([\d.]+)")
    p50, p90, p99 = (grab(rf"(?m)^\s+{p}%\s+(\S+)") for p in (50, 90, 99))
    cpu = platform.processor() or platform.machine()
    with open("/proc/cpuinfo") as f:
        model = next((line.split(":", 1)[1].strip() for line in f if line.startswith("model name")), cpu)
    lines = [
        "# `serve` benchmark",
        "",
        f"Run of {time.strftime('%Y-%m-%d')} with `make bench-serve` on {os.cpu_count()} cores ({model}),"
        f" release build; corpus: {total_pages:,} Markdown files (5 languages × {pages:,} pages,"
        " bench/search/corpus.py).",
        "",
        "| measure | result | target |",
        "|---|---|---|",
        f"| first build and write, until serving | {first_build:.1f} s | |",
        f"| save one page → rebuilt HTML on disk, median of 20 | {median:.0f} ms"
        f" (min {min(timings):.0f}, max {max(timings):.0f}) | ≤ 100 ms {'✔' if median <= 100 else '✘'} |",
        f"| template change → page on disk | {template_ms / 1000:.1f} s ({template_pages:,} pages rendered,"
        f" {template_files:,} files written) | |",
        f"| wrk, 2 threads, 32 connections, 10 s, `/en/` | {requests} requests/s | |",
        f"| latency p50 / p90 / p99 | {p50} / {p90} / {p99} | |",
        f"| errors (socket; non-2xx/3xx) | {errors}; {non2xx} | 0 |",
        f"| server memory before / after load (peak) | {rss_before // 1024} MB / {rss_after // 1024} MB"
        f" ({peak // 1024} MB) | stable |",
        f"| exit status after SIGINT | {code} | 0 |",
        "",
        "Edit timings (ms): " + ", ".join(f"{t:.0f}" for t in timings),
        "",
    ]
    report = "\n".join(lines)
    with open(os.path.join(HERE, "results.md"), "w") as f:
        f.write(report)
    print(report)
    return 0 if median <= 100 else 1


if __name__ == "__main__":
    sys.exit(main())
