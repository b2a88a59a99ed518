"""Every internal link and #fragment resolves; no inline script or style (the CSP forbids them)."""

from __future__ import annotations

import os
import urllib.parse

from . import check
from .site import PageParser, detect_base_hosts, parse, rel, resolve_target



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


@check("no-inline", concern="inline", group="inline")
def no_inline(ctx) -> None:
    """`no-inline FILE`: no inline <script> (JSON-LD excepted), <style>, style=, on*=, javascript: URLs."""
    for f in ctx.files:
        ctx.run(f"no-inline {rel(ctx.site, f)}", lambda f=f: ctx.parsed[f].inline)


@check("links", concern="links", group="links")
def links(ctx) -> None:
    """`links FILE`: every internal href/src/srcset has its file, every #fragment its id."""
    base_hosts = detect_base_hosts(ctx.site, ctx.parsed)
    for f in ctx.files:
        ctx.run(f"links {rel(ctx.site, f)}", check_links, ctx.site, f, ctx.parsed, base_hosts)
