"""Reflow (WCAG 2.1 1.4.10) on every layout in every language, light and dark: nothing scrolls
sideways and nothing is cut off at the right edge, except inside a box that scrolls on its own
(a wide table's `.table-scroll`); the home page's weight on a first visit."""

from __future__ import annotations

import gzip
import os
import re

import visitorlib

from . import check
from .site import url_of

WIDTHS = [(320, 640, True), (390, 844, True), (1280, 900, False)]
SCHEMES = ["light", "dark"]
# What a first visit to /en/ may download, gzipped (HTML, CSS, JS, images): issue 17.
HOME_WEIGHT_LIMIT = 60 * 1024

# Elements whose right edge passes the viewport's, outside a scroll box of their own; and the
# page's scroll width. A box that clips (overflow hidden) still counts: its content is cut off.
CUT_OFF_JS = r"""
var d = document.documentElement, cw = d.clientWidth, out = [];
document.querySelectorAll('body *').forEach(function (e) {
  if (e.closest('.table-scroll, .visually-hidden, .skip-link, [hidden], details:not([open]) > :not(summary)')) return;
  var r = e.getBoundingClientRect();
  if (!r.width || !r.height) return;
  var s = getComputedStyle(e);
  if (s.visibility === 'hidden' || s.display === 'none') return;
  if (r.right > cw + 1) out.push(e.localName + (e.getAttribute('class') ? '.' + e.getAttribute('class').split(' ')[0] : '')
    + ' "' + (e.textContent || '').trim().slice(0, 30) + '" right ' + Math.round(r.right));
});
return {sw: d.scrollWidth, cw: cw, cut: out.slice(0, 3), count: out.length};
"""


def layout_of(path: str) -> str:
    """The template that made a page, from its body: generated pages and kinds by their markers."""
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read(200_000)
    for marker, name in (('class="wrap qr-sheet"', "qr-sheet"), ('class="poster', "poster"),
                         ('class="wrap translation-status"', "translation-status"), ('id="search-form"', "search"),
                         ('class="hero"', "home"), ('<dl class="facts">', "typed page"),
                         ('http-equiv="refresh"', "redirect")):
        if marker in text:
            return name
    if 'class="listing"' in text or 'class="events"' in text or 'class="cards"' in text:
        return "section"
    return "page"


def pages_to_check(site: str, files: list[str]) -> list[str]:
    """Every page of every language except redirects (short links /Q/…, moved pages), and of the
    posters, which all share one layout sized in millimetres, the first code's per language."""
    urls, posters = [], {}
    for f in files:
        url = url_of(site, f)
        if url.startswith("/Q/") or url == "/" or layout_of(f) == "redirect":
            continue
        poster = re.fullmatch(r"/([^/]+)/qr/[^/]+\.html", url)
        if poster:
            posters.setdefault(poster.group(1), []).append(url)
            continue
        urls.append(url)
    for language in sorted(posters):
        urls += sorted(posters[language])[:1]
    return urls


def reflow_problems(driver, origin: str, url: str) -> list[str]:
    driver.get(origin + url)
    visitorlib.wait_loaded(driver)
    r = driver.execute_script(CUT_OFF_JS)
    problems = []
    if r["sw"] > r["cw"]:
        problems.append(f"scrolls sideways: {r['sw']} px wide in {r['cw']} px")
    if r["count"]:
        problems.append(f"{r['count']} element(s) pass the right edge: {r['cut']}")
    return problems


@check("reflow: no sideways scrolling or cut-off content at 320, 390 and 1280 px, light and dark",
       concern="layout", group="browser", needs="server")
def reflow(ctx) -> None:
    """One result per width and scheme, naming every page that fails (all pages of all languages)."""
    urls = pages_to_check(ctx.site, ctx.files)
    driver = visitorlib.chromium()
    try:
        for scheme in SCHEMES:
            driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {
                "features": [{"name": "prefers-color-scheme", "value": scheme}]})
            for w, h, mobile in WIDTHS:
                visitorlib.set_viewport(driver, w, h, mobile)
                problems = []
                for url in urls:
                    problems += [f"{url}: {p}" for p in reflow_problems(driver, ctx.origin, url)]
                ctx.record(f"reflow: {len(urls)} pages at {w} px, {scheme}", problems)
    finally:
        driver.quit()


def first_visit_weight(site: str, html_path: str) -> tuple[int, list[str]]:
    """gzip bytes of a page and everything it loads from the site on a first visit (stylesheets,
    scripts, images, icons), each counted once."""
    with open(html_path, encoding="utf-8") as f:
        html = f.read()
    refs = set(re.findall(r'<(?:link|script|img|source)\b[^>]*?\b(?:href|src|srcset)="(/[^"#? ]+)', html))
    refs = {r for r in refs if not r.endswith("/") and os.path.splitext(r)[1] in
            {".css", ".js", ".svg", ".png", ".jpg", ".webp", ".avif", ".woff2", ".ico"}}
    total = len(gzip.compress(html.encode("utf-8"), 9))
    listed = [f"{os.path.relpath(html_path, site)} {total} B"]
    for ref in sorted(refs):
        path = os.path.join(site, ref.lstrip("/"))
        if os.path.isfile(path):
            with open(path, "rb") as f:
                size = len(gzip.compress(f.read(), 9))
            total += size
            listed.append(f"{ref} {size} B")
    return total, listed


@check("weight: /en/ on a first visit is at most 60 KB gzipped", concern="layout", group="browser")
def home_weight(ctx) -> list[str]:
    path = os.path.join(ctx.site, "en", "index.html")
    if not os.path.isfile(path):
        return ["no /en/index.html"]
    total, listed = first_visit_weight(ctx.site, path)
    ctx.note(f"/en/ first visit: {total / 1024:.1f} KB gzipped ({', '.join(listed)})")
    return [] if total <= HOME_WEIGHT_LIMIT else [f"{total} B gzipped, over {HOME_WEIGHT_LIMIT} B: {listed}"]


@check("a11y dark: axe-core in the dark colour scheme", concern="layout", group="browser", needs="server")
def axe_dark(ctx) -> None:
    """The representative pages again with `prefers-color-scheme: dark` (the light scheme is the
    browser checks' default), at both viewports: contrast must pass in both schemes."""
    from .accessibility import axe_problems
    with open(visitorlib.AXE_JS, encoding="utf-8") as f:
        axe_source = f.read()
    driver = visitorlib.chromium()
    try:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {
            "features": [{"name": "prefers-color-scheme", "value": "dark"}]})
        for vp_name, w, h, mobile in visitorlib.VIEWPORTS:
            visitorlib.set_viewport(driver, w, h, mobile)
            for label, url in ctx.browser_pages():
                if url == "/":
                    continue  # sends the visitor on by script; its own page is checked in light
                driver.get(ctx.origin + url)
                visitorlib.wait_loaded(driver)
                ctx.run(f"a11y dark {url} ({label}, {vp_name} {w}x{h})", axe_problems, driver, axe_source)
    finally:
        driver.quit()
