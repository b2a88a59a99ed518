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
  and checks of problems real visitors met (see checks/ and README.md): the language
  menu, search paging, focus-ring contrast, the no-JavaScript message, header height, the back/forward
  cache, links to other languages, sideways scrolling at 320 px, language names

The checks live in checks/, one module per concern, and register themselves with the decorator
`@check(name, concern=..., group=...)` (see checks/__init__.py and README.md): this file finds the
site, starts the server and runs the registry in its stable order (`--list` prints it).

Prints one line per problem, then `visitor checks: N passed, M failed`; exits 1 if any failed.
Standard library, selenium and icalendar. Dependencies: Tests/Visitor/install.sh.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

sys.dont_write_bytecode = True  # keep the work tree clean
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import visitorlib  # noqa: E402
from checks import CONCERNS, GROUPS, PREPARE, Context, Results, load_all  # noqa: E402


def start_server(ctx: Context) -> None:
    """nginx with the rules under test; Python's http.server for the browser checks if nginx cannot start."""
    try:
        server = visitorlib.NginxServer(ctx.site, ctx.site_conf)
        server.__enter__()
    except Exception as e:
        ctx.record("nginx: starts with deploy/site.conf", [str(e)])
    else:
        ctx.record("nginx: starts with deploy/site.conf", [])
        ctx.server, ctx.server_kind = server, "nginx"
        return
    if "browser" not in ctx.skip:
        ctx.note("serving with Python's http.server instead of nginx for the browser checks")
        server = visitorlib.PythonServer(ctx.site)
        server.__enter__()
        ctx.server, ctx.server_kind = server, "python"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("site", help="the built site folder (site/)")
    ap.add_argument("--skip", action="append", default=[], choices=GROUPS,
                    help="skip a group: " + ", ".join(GROUPS) + " (repeatable)")
    ap.add_argument("--site-conf", default=visitorlib.DEPLOY_SITE_CONF,
                    help="the nginx rules to test (default: deploy/site.conf)")
    ap.add_argument("--concern", action="append", default=[], choices=CONCERNS,
                    help="run only the checks of this concern (repeatable), e.g. --concern search")
    ap.add_argument("--list", action="store_true", help="list the registered checks in their order and exit")
    args = ap.parse_args()
    registry = [c for c in load_all() if not args.concern or c.concern in args.concern]
    if args.list:
        for entry in registry:
            needs = f", needs {entry.needs}" if entry.needs else ""
            print(f"{entry.concern:15} {entry.name}  [{entry.group}{needs}]")
        return 0
    site = os.path.abspath(args.site)
    res = Results()
    started = time.monotonic()
    if not os.path.isfile(os.path.join(site, "index.html")):
        print(f"FAIL site: {site} has no index.html (build it first: make site)")
        print("visitor checks: 0 passed, 1 failed")
        return 1

    ctx = Context(site, args.skip, args.site_conf, res)
    try:
        for group, fn in PREPARE:
            if group not in ctx.skip and any(c.group == group for c in registry):
                fn(ctx)
        if "browser" not in ctx.skip or "nginx" not in ctx.skip:
            start_server(ctx)
        for entry in registry:
            if entry.group in ctx.skip:
                continue
            if entry.needs == "server" and ctx.server is None:
                continue
            if entry.needs == "nginx" and ctx.server_kind != "nginx":
                continue
            res.run_check(entry, ctx)
    finally:
        ctx.close()
        if ctx.server is not None:
            ctx.server.__exit__(None, None, None)

    print(f"(took {time.monotonic() - started:.0f} s)", flush=True)
    print(f"visitor checks: {res.passed} passed, {res.failed} failed", flush=True)
    return 1 if res.failed else 0


if __name__ == "__main__":
    sys.exit(main())
