#!/usr/bin/env python3
"""Search benchmark: interact-site's index against Pagefind 1.5.2 on the same built site.

usage: run.py [PAGES_PER_LANGUAGE]   (default 400; the issue's full size is 2000)

Builds a deterministic 5-language corpus with interact-site (release), runs Pagefind over the
same HTML, serves both with nginx (gzip on) and measures in headless Chromium, per language and
query: bytes transferred for the first query on a cold cache (engine code included) and for a
further query, query time, and top-5 overlap. Both engines fetch the data of their top 5 results.
Two query sets: the project's own (QUERIES) and a second one drawn from the corpus with a fixed seed
(a common, a medium and a rare word by document frequency, and a 3-letter prefix, per language).
Typo queries (a letter dropped from words of both sets; two letters changed in words of 8 or more)
report their bytes against the same word spelt right. Then the judged queries of Tests/SearchRelevance on the real site (content/), both
engines, success@3 and MRR. Prints Markdown tables; medians over queries.
"""
import collections
import gzip
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "Tests", "Visitor"))
sys.path.insert(0, os.path.join(ROOT, "Tests", "SearchRelevance"))
import visitorlib  # noqa: E402
import check_relevance  # noqa: E402

QUERIES = {  # common, medium, rare, 3-letter prefix, two words
    "en": ["training", "oncology", "ljubljana", "onc", "oncology training"],
    "fr": ["formation", "cancerologie", "ljubljana", "for", "formation cancerologie"],
    "de": ["weiterbildung", "onkologie", "ljubljana", "wei", "onkologie weiterbildung"],
    "pl": ["szkolenie", "onkologia", "lodz", "szk", "szkolenie onkologia"],
    "el": ["εκπαιδευση", "ογκολογια", "λιουμπλιανα", "εκπ", "εκπαιδευση ογκολογια"],
}


def drawn_queries(source: str, seed: int = 19) -> dict[str, list[str]]:
    """A second query set, drawn from the corpus itself: per language a common, a medium and a rare
    word by the number of pages holding it, and the first 3 letters of another word."""
    rng = random.Random(seed)
    sets = {}
    for lang in QUERIES:
        suffix = "" if lang == "en" else f".{lang}"
        frequency = collections.Counter()
        folder = os.path.join(source, "content", "docs")
        for name in sorted(os.listdir(folder)):
            if not re.fullmatch(rf"p\d+{re.escape(suffix)}\.md", name):
                continue
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                frequency.update(set(w.lower() for w in re.findall(r"[^\W\d_]{4,}", f.read())))
        ranked = sorted(frequency, key=lambda w: (-frequency[w], w))
        n = len(ranked)
        common = rng.choice(ranked[: max(1, n // 20)])
        medium = rng.choice(ranked[n * 2 // 5: n * 3 // 5])
        rare = rng.choice([w for w in ranked[n * 9 // 10:] if len(w) >= 5] or ranked[-1:])
        prefix = rng.choice([w for w in ranked if len(w) >= 6 and w not in (common, medium, rare)])[:3]
        sets[lang] = [common, medium, rare, prefix]
    return sets


def fold(word: str) -> str:
    """Lower case without diacritics, as search.js folds (for comparing a correction with the word)."""
    import unicodedata
    table = {"ł": "l", "đ": "d", "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "ı": "i", "þ": "th", "ð": "d", "ς": "σ"}
    out = ""
    for c in word.lower():
        out += table.get(c, "".join(x for x in unicodedata.normalize("NFKD", c) if unicodedata.category(x) != "Mn"))
    return out


def typo_of(word: str) -> str:
    """The word with its middle letter dropped (never the first letter)."""
    middle = len(word) // 2
    return word[:middle] + word[middle + 1:]


def typo2_of(word: str) -> str:
    """Two letters of a word of 8 or more changed (at a third and two thirds of it), each to its
    right-hand neighbour's letter (its left-hand one where they are the same): two edits."""
    letters = list(word)
    for position in (len(letters) // 3, len(letters) * 2 // 3):
        neighbour = letters[position + 1] if letters[position + 1] != letters[position] else letters[position - 1]
        letters[position] = neighbour
    return "".join(letters)


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
    match = re.search(r"search index: ([0-9.]+) ?(seconds|s|ms)\b", build.stderr)
    ours_index_seconds = float(match.group(1)) / (1000 if match and match.group(2) == "ms" else 1) if match else float("nan")

    # A bundle left by an earlier run would be counted (Pagefind adds files, it does not replace them).
    shutil.rmtree(os.path.join(site, "pagefind"), ignore_errors=True)
    started = time.monotonic()
    # Pagefind indexes the pages, not the QR posters the build also writes as HTML (`/<lang>/qr/`),
    # which would double its page count and crowd its results.
    subprocess.run([pagefind_binary(), "--site", site, "--quiet",
                    "--glob", "{" + ",".join(QUERIES) + "}/{index.html,docs/**/*.html}"], check=True)
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

    sets = {"project": QUERIES, "drawn": drawn_queries(source)}
    typos = {lang: [w for w in dict.fromkeys(QUERIES[lang][:3] + sets["drawn"][lang][:3]) if len(w) >= 6]
             for lang in QUERIES}
    rows, typo_rows = [], []
    with visitorlib.NginxServer(site, os.path.join(HERE, "site.conf")) as server:
        driver = visitorlib.chromium()
        driver.execute_cdp_cmd("Network.enable", {})
        driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": False})
        try:
            for set_name, query_set in sets.items():
                for lang, queries in query_set.items():
                    for engine in ("ours", "pagefind"):
                        for position, query in enumerate(queries):
                            row = measure(driver, server, engine, lang, query, queries[(position + 1) % len(queries)])
                            row["set"] = set_name
                            rows.append(row)
            # Typo queries: the further query is the typo (after the same first query as the
            # plain word: a word no page has, which loads the engine and the manifest only), so its
            # bytes compare with the plain word's further bytes.
            for lang, words in typos.items():
                opener = "zqx"
                for word in words:
                    plain = measure(driver, server, "ours", lang, opener, word)
                    # One letter missing; for words of 8 letters or more also two letters changed.
                    misspelt = [("1 missing", typo_of(word))]
                    if len(word) >= 8 and typo2_of(word) != word:
                        misspelt.append(("2 changed", typo2_of(word)))
                    for kind, wrong in misspelt:
                        typo = measure(driver, server, "ours", lang, opener, wrong, corrected=True)
                        typo_rows.append({"lang": lang, "word": word, "typo": wrong, "kind": kind,
                                          "plain_next": plain["next"], "typo_next": typo["next"],
                                          "typo_first": typo["first_of_follow"], "plain_first": plain["first_of_follow"],
                                          "corrected": typo["corrected"]})
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
    shard_sizes = gzipped_sizes(site, "t")
    typo_sizes = gzipped_sizes(site, "k")
    manifests = [len(gzip.compress(open(os.path.join(site, lang, "search", "index.json"), "rb").read(), 6))
                 for lang in QUERIES]
    print(f"\n## Search benchmark: {len(QUERIES)} languages × {per_language} pages ({len(QUERIES) * per_language} pages)\n")
    print(f"Term shards: {len(shard_sizes)}, gzipped max {max(shard_sizes):,} B, median {statistics.median(shard_sizes):,.0f} B; "
          f"typo index shards: {len(typo_sizes)}, gzipped max {max(typo_sizes or [0]):,} B; "
          f"manifest gzipped max {max(manifests):,} B.\n")
    print("| measure | interact-site | Pagefind 1.5.2 | ratio |")
    print("|---|---|---|---|")
    def line(name, ours, theirs, unit, digits=0):
        ratio = ours / theirs if theirs else float("nan")
        print(f"| {name} | {ours:,.{digits}f} {unit} | {theirs:,.{digits}f} {unit} | {ratio:.2f}× |")
    line("first query, bytes (median)", med("ours", "first"), med("pagefind", "first"), "B")
    line("further query, bytes (median)", med("ours", "next"), med("pagefind", "next"), "B")
    line("query time in Chromium, WebDriver round trip (median)", med("ours", "ms"), med("pagefind", "ms"), "ms", 1)
    line("query time in Chromium, in the page (median)", med("ours", "page_ms"), med("pagefind", "page_ms"), "ms", 1)
    line("index build time", ours_index_seconds, pagefind_seconds, "s", 2)
    line("index size on disk", ours_bytes, pf_bytes, "B")
    line("index files", ours_files, pf_files, "")
    print(f"\nLoad average during the run (1 min, at its end): {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores. "
          f"Whole interact-site build (all stages): {build_seconds:.2f} s. "
          f"Top-5 overlap with Pagefind (median over queries): {statistics.median(overlaps) if overlaps else float('nan'):.0%}.")
    print("\nPer language and query set, medians (ratio = interact-site ÷ Pagefind, same run):\n")
    print("| set | lang | first: ours | Pagefind | ratio | further: ours | Pagefind | ratio | ms ours (in page) |")
    print("|---|---|---|---|---|---|---|---|---|")
    for set_name in sets:
        for lang in QUERIES:
            def m(engine, key):
                return statistics.median([r[key] for r in rows if r["engine"] == engine and r["lang"] == lang
                                          and r["set"] == set_name])
            print(f"| {set_name} | {lang} | {m('ours', 'first'):,.0f} | {m('pagefind', 'first'):,.0f} | "
                  f"{m('ours', 'first') / m('pagefind', 'first'):.2f}× | {m('ours', 'next'):,.0f} | "
                  f"{m('pagefind', 'next'):,.0f} | {m('ours', 'next') / m('pagefind', 'next'):.2f}× | {m('ours', 'ms'):.1f} "
                  f"({m('ours', 'page_ms'):.1f}) |")
    print("\nTypo queries (interact-site; a further query after the same first query), bytes:\n")
    print("| lang | word | typo | edits | plain further | typo further | ratio | corrected to |")
    print("|---|---|---|---|---|---|---|---|")
    for t in typo_rows:
        print(f"| {t['lang']} | {t['word']} | {t['typo']} | {t['kind']} | {t['plain_next']:,} | {t['typo_next']:,} | "
              f"{t['typo_next'] / max(1, t['plain_next']):.2f}× | {t['corrected'] or '—'} |")
    for kind in dict.fromkeys(t["kind"] for t in typo_rows):
        some = [t for t in typo_rows if t["kind"] == kind]
        print(f"\nTypo further query, {kind}: median {statistics.median(t['typo_next'] for t in some):,.0f} B against "
              f"{statistics.median(t['plain_next'] for t in some):,.0f} B spelt right (median ratio "
              f"{statistics.median(t['typo_next'] / max(1, t['plain_next']) for t in some):.2f}×, worst "
              f"{max(t['typo_next'] / max(1, t['plain_next']) for t in some):.2f}×); corrected to the word "
              f"{sum(1 for t in some if t['corrected'] == fold(t['word']))} of {len(some)} "
              f"(to another word {sum(1 for t in some if t['corrected'] and t['corrected'] != fold(t['word']))}).")
    relevance(binary, work)
    print("\n| set | engine | lang | query | first B | next B | ms | results |")
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['set']} | {r['engine']} | {r['lang']} | {r['query']} | {r['first']} | {r['next']} | {r['ms']:.1f} | {r['count']} |")


def gzipped_sizes(site: str, folder: str) -> list[int]:
    sizes = []
    for lang in QUERIES:
        path = os.path.join(site, lang, "search", folder)
        for name in sorted(os.listdir(path)) if os.path.isdir(path) else []:
            with open(os.path.join(path, name), "rb") as f:
                sizes.append(len(gzip.compress(f.read(), 6)))
    return sizes


def relevance(binary: str, work: str) -> None:
    """The judged queries of Tests/SearchRelevance on the real site, both engines in Chromium."""
    real = os.path.join(work, "real")
    subprocess.run([binary, "build", "--source", ROOT, "--output", real, "--quiet"], check=True)
    # Pagefind reads the pages' <main> (not menus and footers), language folders only.
    langs = sorted({q["lang"] for q in check_relevance.load_queries()})
    shutil.rmtree(os.path.join(real, "pagefind"), ignore_errors=True)
    subprocess.run([pagefind_binary(), "--site", real, "--quiet", "--root-selector", "main",
                    "--glob", "{" + ",".join(langs) + "}/**/*.html"], check=True)
    for lang in langs:
        with open(os.path.join(real, f"pf-{lang}.html"), "w", encoding="utf-8") as f:
            f.write(f"<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=utf-8><title>pf</title></head>"
                    "<body><script type=module>window.pf = await import('/pagefind/pagefind.js');"
                    "await window.pf.options({}); window.pfReady = true;</script></body></html>")
    queries = check_relevance.load_queries()
    answers = {"ours": [], "pagefind": []}
    with visitorlib.NginxServer(real, os.path.join(HERE, "site.conf")) as server:
        driver = visitorlib.chromium()
        try:
            for engine in answers:
                for q in queries:
                    answers[engine].append(ask(driver, server, engine, q["lang"], q["query"], 10))
        finally:
            driver.quit()
    # Pagefind also indexed the search pages and QR posters of each language: left out of its results.
    answers["pagefind"] = [[u for u in urls if "/search/" not in u and "/qr/" not in u] for urls in answers["pagefind"]]
    print(f"\n### Relevance on the real site: {len(queries)} judged queries (Tests/SearchRelevance/queries.json)\n")
    for engine, name in (("ours", "interact-site"), ("pagefind", "Pagefind 1.5.2")):
        check_relevance.report(name, check_relevance.score(queries, answers[engine]))


def ask(driver, server, engine, lang, query, count):
    """The top `count` result URLs of one query (warm cache; relevance only)."""
    if engine == "ours":
        page, wait = f"/{lang}/search/", "return !!window.interactSearch"
        run = f"return await window.interactSearch(q, {count}).then(function (o) {{ return o.results.map(function (r) {{ return r.u; }}); }});"
    else:
        page, wait = f"/pf-{lang}.html", "return !!window.pfReady"
        run = (f"var s = await window.pf.search(q); var d = await Promise.all(s.results.slice(0, {count})"
               ".map(function (r) { return r.data(); })); return d.map(function (x) { return x.url; });")
    if not driver.current_url.endswith(page):
        driver.get(server.origin + page)
        for _ in range(200):
            if driver.execute_script(wait):
                break
            time.sleep(0.05)
    script = "var done = arguments[arguments.length - 1]; (async function (q) { " + run + " })(arguments[0]).then(done);"
    return driver.execute_async_script(script, query) or []


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


def measure(driver, server, engine, lang, query, follow, corrected=False):
    origin = server.origin
    driver.execute_cdp_cmd("Network.clearBrowserCache", {})
    time.sleep(0.1)
    mark = log_size(server)
    if engine == "ours":
        driver.get(f"{origin}/{lang}/search/")
        run = ("return await window.interactSearch(q, 5).then(function (o) { window.lastCorrected = o.corrected;"
               " return o.results.map(function (r) { return r.u; }); });")
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
    # Timed twice: the WebDriver round trip (as in earlier runs) and inside the page (performance.now()).
    script = ("var done = arguments[arguments.length - 1]; var t0 = performance.now(); (async function (q) { " + run
              + " })(arguments[0]).then(function (r) { done({top: r, ms: performance.now() - t0}); });")
    t0 = time.monotonic()
    answer = driver.execute_async_script(script, query)
    ms = (time.monotonic() - t0) * 1000
    top, page_ms = answer["top"], answer["ms"]
    time.sleep(0.3)
    first, mark = network_bytes(server, pattern, mark)
    follow_top = driver.execute_async_script(script, follow)["top"]
    time.sleep(0.3)
    further, mark = network_bytes(server, pattern, mark)
    fixed = driver.execute_script("return window.lastCorrected || null") if engine == "ours" else None
    return {"engine": engine, "lang": lang, "query": query, "first": first, "next": further, "ms": ms, "page_ms": page_ms,
            "corrected": fixed if follow_top else None, "first_of_follow": first,
            "top": [re.sub(r"#.*$", "", u) for u in (top or [])[:5]], "count": len(top or [])}


if __name__ == "__main__":
    main()
