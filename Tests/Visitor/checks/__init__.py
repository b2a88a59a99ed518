"""The visitor checks, one module per concern, collected in a registry.

A check is a function of the run's Context, registered with the decorator:

    @check("header: at most a quarter of a 320x640 screen", concern="layout")
    def header_height(ctx):
        return ["…"]  # the problems found; an empty list passes

It returns its problems (recorded under its name: it passes when there are none), or None when it
recorded several named results itself (`ctx.run(name, fn, *args)`, `ctx.record(name, problems)`, e.g. one
per page). A check that raises is a failed check ("could not run"). check_site.py runs the registry
in a stable order: by CONCERNS, then in the order the checks were registered (module order, then
definition order).

`group` is the `--skip` group the check belongs to (html, inline, links, calendar, nginx, browser);
`needs` is "server" (the site served: nginx, or Python's http.server when nginx cannot start) or
"nginx" (only with nginx and deploy/site.conf), or None for checks of the files alone.
"""

from __future__ import annotations

import importlib
import os
import shutil
import tempfile
import traceback
from dataclasses import dataclass
from typing import Callable

# The order concerns run in. A concern's checks run in the order they were registered.
CONCERNS = ["inline", "links", "language names", "facts", "calendar", "nginx", "pages", "search", "language menu",
            "focus", "layout", "language links", "qr", "html"]
# The modules that register checks (imported by load_all, in this order).
MODULES = ["html_valid", "links", "language_names", "facts", "calendar", "nginx", "accessibility", "search",
           "language_menu", "focus", "layout", "reflow", "language_links", "qr"]
GROUPS = ["html", "inline", "links", "calendar", "nginx", "browser"]


@dataclass
class Check:
    name: str
    concern: str
    group: str
    needs: str | None
    fn: Callable
    index: int


REGISTRY: list[Check] = []
PREPARE: list[tuple[str, Callable]] = []


def check(name: str, *, concern: str, group: str, needs: str | None = None):
    """Registers a check: `fn(ctx)` returns its problems (a list) or None (it recorded its own results)."""
    if concern not in CONCERNS:
        raise ValueError(f"check {name!r}: unknown concern {concern!r} (add it to CONCERNS)")
    if group not in GROUPS:
        raise ValueError(f"check {name!r}: unknown group {group!r} (one of {GROUPS})")
    if needs not in (None, "server", "nginx"):
        raise ValueError(f"check {name!r}: needs is None, 'server' or 'nginx', not {needs!r}")

    def register(fn: Callable) -> Callable:
        if any(c.name == name for c in REGISTRY):
            raise ValueError(f"two checks are named {name!r}")
        REGISTRY.append(Check(name, concern, group, needs, fn, len(REGISTRY)))
        return fn
    return register


def prepare(group: str):
    """Registers `fn(ctx)` to run before every check (e.g. a slow checker started in the background);
    not a check itself: it records a failure only if it reports one."""
    def register(fn: Callable) -> Callable:
        PREPARE.append((group, fn))
        return fn
    return register


def load_all() -> list[Check]:
    """Imports every check module; returns the registry in the order the checks run."""
    for module in MODULES:
        importlib.import_module(f"{__name__}.{module}")
    return sorted(REGISTRY, key=lambda c: (CONCERNS.index(c.concern), c.index))


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
        """Runs one named check now: its problems are recorded (None counts as none)."""
        try:
            problems = fn(*args)
        except Exception as e:  # a check that cannot run is a failed check
            problems = [f"could not run: {type(e).__name__}: {e}".strip()]
            if os.environ.get("VISITOR_DEBUG"):
                traceback.print_exc()
        self.record(name, list(problems or []))

    def run_check(self, entry: Check, ctx: "Context") -> None:
        """Runs a registered check: a list is recorded under its name; None means it recorded its own."""
        try:
            problems = entry.fn(ctx)
        except Exception as e:
            problems = [f"could not run: {type(e).__name__}: {e}".strip()]
            if os.environ.get("VISITOR_DEBUG"):
                traceback.print_exc()
        if problems is not None:
            self.record(entry.name, list(problems))

    def note(self, msg: str) -> None:
        print(f"NOTE {msg}", flush=True)


class Context:
    """What a check gets: the site and its parsed pages, where it is served, a shared browser."""

    def __init__(self, site: str, skip: list[str], site_conf: str, res: Results):
        from .site import html_files, parse
        self.site = site
        self.skip = set(skip)
        self.site_conf = site_conf
        self.res = res
        self.files = html_files(site)
        self.parsed = {f: parse(f) for f in self.files}
        self.server = None        # the running server (visitorlib.NginxServer or PythonServer)
        self.server_kind = None   # "nginx" or "python"
        self.state: dict = {}     # what a check leaves for a later one (e.g. the Nu checker's process)
        self._driver = None
        self._pages = None
        self._tmp = None

    # results
    def run(self, name: str, fn, *args) -> None:
        self.res.run(name, fn, *args)

    def record(self, name: str, problems: list[str]) -> None:
        self.res.record(name, problems)

    def note(self, msg: str) -> None:
        self.res.note(msg)

    # the site
    @property
    def origin(self) -> str:
        return self.server.origin

    @property
    def languages(self) -> list[str]:
        """Language folders with a home page, e.g. ["de", "el", "en", …]."""
        import re
        return [d for d in sorted(os.listdir(self.site))
                if re.fullmatch(r"[a-z]{2,3}", d) and os.path.isfile(os.path.join(self.site, d, "index.html"))]

    def has(self, *parts: str) -> bool:
        return os.path.isfile(os.path.join(self.site, *parts))

    def browser_pages(self) -> list[tuple[str, str]]:
        """Representative pages to open in the browser [(label, url)], the French search page with
        results last; pick_pages' problems and notes are kept in state for the check that reports them."""
        if self._pages is None:
            from .site import pick_pages
            pages, missing, notes = pick_pages(self.site, self.parsed)
            self.state["missing pages"], self.state["page notes"] = missing, notes
            self.state["picked pages"] = [u for _, u in pages]
            if self.has("fr", "search", "index.html"):
                pages.append(("search page with results", "/fr/search/?q=partenaire"))
            self._pages = pages
        return self._pages

    # tools
    def driver(self):
        """One headless Chromium shared by the checks that need nothing special of it (each sets
        its own viewport); checks that need a performance log or other languages start their own."""
        if self._driver is None:
            import visitorlib
            self._driver = visitorlib.chromium()
        return self._driver

    @property
    def tmp(self) -> str:
        if self._tmp is None:
            self._tmp = tempfile.mkdtemp(prefix="visitor-checks-")
        return self._tmp

    def close(self) -> None:
        if self._driver is not None:
            try:
                self._driver.quit()
            except Exception:
                pass
            self._driver = None
        if self._tmp is not None:
            shutil.rmtree(self._tmp, ignore_errors=True)
