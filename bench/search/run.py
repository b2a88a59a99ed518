#!/usr/bin/env python3
"""Search benchmark: interact-site's index against Pagefind 1.5.2 on the same built site.

usage: run.py [PAGES_PER_LANGUAGE]   (default 400; the issue's full size is 2000)

Builds a deterministic 5-language corpus with interact-site (release), runs Pagefind over the
same HTML, serves both with nginx (gzip on) and measures in headless Chromium, per language and
query: bytes transferred for the first query on a cold cache (engine code included) and for a
further query, query time, and top-5 overlap. Both engines fetch the data of their top 5 results. Prints a Markdown table; medians over queries.
"""
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "Tests", "Visitor"))
import visitorlib  # noqa: E402

QUERIES = {  # common, medium, rare, 3-letter prefix, two words
    "en": ["training", "oncology", "ljubljana", "onc", "oncology training"],
    "fr": ["formation", "cancerologie", "ljubljana", "for", "formation cancerologie"],
    "de": ["weiterbildung", "onkologie", "ljubljana", "wei", "onkologie weiterbildung"],
    "pl": ["szkolenie", "onkologia", "lodz", "szk", "szkolenie onkologia"],
    "el": ["εκπαιδευση", "ογκολογια", "λιουμπλιανα", "εκπ", "εκπαιδευση ογκολογια"],
}


def pagefind_binary() -> str:
    import pagefind_bin  # pip install pagefind-bin
    return os.path.join(os.path.dirname(pagefind_bin.__file__), "pagefind")


def disk(path: str) -> tuple[int, int]:
    total = count = 0
    for folder, _, files in os.walk(path):
        for name in files:
            total += os.path.getsize(os.path.join(folder, name))
            count += 1
    return total, count


def main() -> None:
    per_language = int(sys.argv[1]) if len(sys.argv) > 1 else 400
    work = "/tmp/interact-bench-search"
    source, site = f"{work}/source", f"{work}/site"
    os.makedirs(work, exist_ok=True)
    subprocess.run([sys.executable, os.path.join(HERE, "corpus.py"), source, str(per_language)], check=True)
    binary = os.path.join(ROOT, ".build", "release", "interact-site")
    started = time.monotonic()
    build = subprocess.run([binary, "build", "--source", source, "--output", site, "--verbose"],
                           capture_output=True, text=True, check=True)
    build_seconds = time.monotonic() - started
    match = re.search(r"search index: ([0-9.]+) (seconds|ms)", build.stderr)
    ours_index_seconds = float(match.group(1)) / (1000 if match and match.group(2) == "ms" else 1) if match else float("nan")

    started = time.monotonic()
    subprocess.run([pagefind_binary(), "--site", site, "--quiet"], check=True)
    pagefind_seconds = time.monotonic() - started

    for lang in QUERIES:
        with open(os.path.join(site, f"pf-{lang}.html"), "w", encoding="utf-8") as f:
            f.write(f"<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=utf-8><title>pf</title></head>"
                    "<body><script type=module>window.pf = await import('/pagefind/pagefind.js');"
                    "await window.pf.options({}); window.pfReady = true;</script></body></html>")

    ours_bytes, ours_files = 0, 0
    for lang in QUERIES:
        b, c = disk(os.path.join(site, lang, "search"))
        ours_bytes += b
        ours_files += c
    pf_bytes, pf_files = disk(os.path.join(site, "pagefind"))

    rows = []
    with visitorlib.NginxServer(site, os.path.join(HERE, "site.conf")) as server:
        driver = visitorlib.chromium()
        driver.execute_cdp_cmd("Network.enable", {})
        driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": False})
        try:
            for lang, queries in QUERIES.items():
                for engine in ("ours", "pagefind"):
                    for position, query in enumerate(queries):
                        rows.append(measure(driver, server, engine, lang, query, queries[(position + 1) % len(queries)]))
        finally:
            driver.quit()

    def med(engine, key):
        values = [r[key] for r in rows if r["engine"] == engine and r[key] is not None]
        return statistics.median(values) if values else float("nan")

    overlaps = []
    for r in rows:
        if r["engine"] != "ours":
            continue
        other = next(x for x in rows if x["engine"] == "pagefind" and x["lang"] == r["lang"] and x["query"] == r["query"])
        if other["top"]:
            overlaps.append(len(set(r["top"]) & set(other["top"])) / len(other["top"]))
    print(f"\n## Search benchmark: {len(QUERIES)} languages × {per_language} pages ({len(QUERIES) * per_language} pages)\n")
    print("| measure | interact-site | Pagefind 1.5.2 | ratio |")
    print("|---|---|---|---|")
    def line(name, ours, theirs, unit, digits=0):
        ratio = ours / theirs if theirs else float("nan")
        print(f"| {name} | {ours:,.{digits}f} {unit} | {theirs:,.{digits}f} {unit} | {ratio:.2f}× |")
    line("first query, bytes (median)", med("ours", "first"), med("pagefind", "first"), "B")
    line("further query, bytes (median)", med("ours", "next"), med("pagefind", "next"), "B")
    line("query time in Chromium (median)", med("ours", "ms"), med("pagefind", "ms"), "ms", 1)
    line("index build time", ours_index_seconds, pagefind_seconds, "s", 2)
    line("index size on disk", ours_bytes, pf_bytes, "B")
    line("index files", ours_files, pf_files, "")
    print(f"\nWhole interact-site build (all stages): {build_seconds:.2f} s. "
          f"Top-5 overlap with Pagefind (median over queries): {statistics.median(overlaps) if overlaps else float('nan'):.0%}.")
    print("\n| engine | lang | query | first B | next B | ms | results |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['engine']} | {r['lang']} | {r['query']} | {r['first']} | {r['next']} | {r['ms']:.1f} | {r['count']} |")


def network_bytes(server, pattern, since: int) -> tuple[int, int]:
    """Bytes nginx sent (status line, headers and body as logged) for requests matching `pattern`
    since byte offset `since` of its access log; returns (bytes, new offset). The server side sees
    every request, including those a Web Worker makes."""
    log = os.path.join(server.tmp, "access.log")
    with open(log, "rb") as f:
        f.seek(since)
        data = f.read().decode("utf-8", "replace")
        offset = since + len(data.encode("utf-8"))
    total = 0
    for line in data.splitlines():
        match = re.search(r'"[A-Z]+ (\S+) HTTP/[0-9.]+" \d+ (\d+)', line)
        if match and re.search(pattern, match.group(1)):
            total += int(match.group(2))
    return total, offset


def log_size(server) -> int:
    return os.path.getsize(os.path.join(server.tmp, "access.log"))


def measure(driver, server, engine, lang, query, follow):
    origin = server.origin
    driver.execute_cdp_cmd("Network.clearBrowserCache", {})
    time.sleep(0.1)
    mark = log_size(server)
    if engine == "ours":
        driver.get(f"{origin}/{lang}/search/")
        run = "return await window.interactSearch(q, 5).then(function (o) { return o.results.map(function (r) { return r.u; }); });"
        wait = "return !!window.interactSearch"
        pattern = r"/search/|/js/search\."
    else:
        driver.get(f"{origin}/pf-{lang}.html")
        run = ("var s = await window.pf.search(q); var d = await Promise.all(s.results.slice(0, 5)"
               ".map(function (r) { return r.data(); })); return d.map(function (x) { return x.url; });")
        wait = "return !!window.pfReady"
        pattern = r"/pagefind/"
    for _ in range(200):
        if driver.execute_script(wait):
            break
        time.sleep(0.05)
    script = "var done = arguments[arguments.length - 1]; (async function (q) { " + run + " })(arguments[0]).then(done);"
    t0 = time.monotonic()
    top = driver.execute_async_script(script, query)
    ms = (time.monotonic() - t0) * 1000
    time.sleep(0.3)
    first, mark = network_bytes(server, pattern, mark)
    driver.execute_async_script(script, follow)
    time.sleep(0.3)
    further, mark = network_bytes(server, pattern, mark)
    return {"engine": engine, "lang": lang, "query": query, "first": first, "next": further, "ms": ms,
            "top": [re.sub(r"#.*$", "", u) for u in (top or [])[:5]], "count": len(top or [])}


if __name__ == "__main__":
    main()
