"""deploy/site.conf served by nginx: status codes, redirects, 404 pages, headers, caching, gzip."""

from __future__ import annotations

import gzip
import http.client
import os
import re

from . import check
from .calendar import ics_files
from .site import FINGERPRINT, rel



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


def nginx_checks(res, site: str, srv) -> None:
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


@check("nginx", concern="nginx", group="nginx", needs="nginx")
def nginx(ctx) -> None:
    """`nginx: …`: status codes, redirects, 404 pages, security headers, caching, gzip, charset."""
    nginx_checks(ctx.res, ctx.site, ctx.server)
