"""The built site as files: pages, their links and ids, representative pages to open in a browser."""

from __future__ import annotations

import html
import html.parser
import os
import re
import urllib.parse
from collections import Counter



FINGERPRINT = re.compile(r"\.[0-9a-f]{8,}\.(css|js|svg|png|woff2)$")


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


def resolve_target(site: str, path: str) -> str | None:
    """A URL path → the file that serves it (/x/ → x/index.html), or None."""
    fs = os.path.join(site, urllib.parse.unquote(path).lstrip("/"))
    if path.endswith("/"):
        fs = os.path.join(fs, "index.html")
    elif os.path.isdir(fs):
        fs = os.path.join(fs, "index.html")  # served by a redirect to path/
    return fs if os.path.isfile(fs) else None


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
    want("events list", f"{L}events/")
    want("stakeholder page (contact)", f"{L}get-involved/")
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
    # A book's print edition (issue 18): one long document with inline QR codes, not a page of the theme's base.
    want("print edition", f"{L}blueprint/print/")
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


def root_language_names(site: str) -> dict[str, str]:
    """Each language's own name, as the language chooser at / lists it."""
    with open(os.path.join(site, "index.html"), encoding="utf-8") as f:
        text = f.read()
    return {code: html.unescape(name) for code, name in
            re.findall(r'<a href="/[^"]*" hreflang="([^"]+)" lang="[^"]+">([^<]+)</a>', text)}


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
