#!/usr/bin/env python3
"""Checks the books' print editions and PDFs (issue 18): check_print.py SITE_DIR INTERACT_SITE

For every PDF the build made (`/<lang>/<section>/<project>-<section>-<lang>.pdf`), read against
the print edition page it was made from (`/<lang>/<section>/print/index.html`):
  info <pdf>        pdfinfo: Tagged: yes, the book's title, as many pages as the section page says
  lang <pdf>        pikepdf: /Lang is the edition's language, a structure tree with headings, bookmarks
  chapters <pdf>    pdftotext: every chapter's heading in order, each on the page the contents give it
  footer <pdf>      "page 3 of N" in the edition's language on page 3
  qr <pdf>          every chapter's QR code (pdftoppm, zbarimg) holds its short link
and once:
  links             each book's section page links its print edition and its PDF; the sitemap and the
                    search index leave print editions out
  same-bytes        `interact-site pdf` twice with one SOURCE_DATE_EPOCH gives the same bytes (timed)
  no-weasyprint     `interact-site pdf` without WeasyPrint exits 2 and says how to install it

Prints one line per problem, then `print: N passed, M failed`; exits 1 if any failed.
Needs poppler-utils, zbar-tools and PyPI pikepdf (make test-deps; make print-check installs them).
"""

from __future__ import annotations

import glob
import html
import json
import os
import re
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True

import pikepdf  # noqa: E402

passed = 0
failed = 0


def report(name: str, problems: list[str]) -> None:
    global passed, failed
    if problems:
        failed += 1
        for problem in problems:
            print(f"FAIL {name}: {problem}")
    else:
        passed += 1
        print(f"ok   {name}")


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(args, capture_output=True, text=True, env=env)


def edition_of(site: str, pdf: str) -> dict:
    """What the print edition page says: language, title, chapters (number, title, short link)."""
    page = os.path.join(os.path.dirname(pdf), "print", "index.html")
    with open(page, encoding="utf-8") as f:
        text = f.read()
    lang = re.search(r'<html lang="([^"]+)"', text).group(1)
    title = html.unescape(re.search(r'<h1 id="book-title">(.*?)</h1>', text).group(1))
    chapters = []
    for m in re.finditer(
        r'<h2 id="chapter-(\d+)-title"><span class="number">\d+</span> <span class="chapter-title">(.*?)</span></h2>'
        r'(.*?)</article>', text, re.S):
        link = re.search(r'<a class="short-link" href="([^"]+)"', m.group(3))
        chapters.append({"number": int(m.group(1)), "title": html.unescape(m.group(2)),
                         "shortLink": html.unescape(link.group(1)) if link else None})
    strings = re.search(r'<span class="page-word">(.*?)</span> <span class="page-of">(.*?)</span>', text)
    return {"page": page, "lang": lang, "title": title, "chapters": chapters,
            "pageWord": html.unescape(strings.group(1)), "pageOf": html.unescape(strings.group(2))}


def pages_text(pdf: str) -> list[str]:
    out = run("pdftotext", "-layout", "-enc", "UTF-8", pdf, "-").stdout
    return out.split("\f")[:-1] if out.endswith("\f") else out.split("\f")


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def check_pdf(site: str, pdf: str) -> None:
    name = os.path.relpath(pdf, site)
    edition = edition_of(site, pdf)
    chapters = edition["chapters"]

    # info
    problems = []
    info = run("pdfinfo", "-enc", "UTF-8", pdf).stdout
    fields = dict(line.split(":", 1) for line in info.splitlines() if ":" in line)
    fields = {k.strip(): v.strip() for k, v in fields.items()}
    if fields.get("Tagged") != "yes":
        problems.append(f"Tagged: {fields.get('Tagged')!r}, not yes")
    pages = int(fields.get("Pages", "0"))
    if pages < 2 + len(chapters):
        problems.append(f"{pages} pages for a cover, contents and {len(chapters)} chapters")
    with pikepdf.open(pdf) as document:
        title = str(document.docinfo.get("/Title", ""))
    if not title.startswith(edition["title"]):
        problems.append(f"title {title!r}, not the book's {edition['title']!r}")
    section = os.path.join(os.path.dirname(pdf), "index.html")
    with open(section, encoding="utf-8") as f:
        section_html = f.read()
    href = "/" + os.path.relpath(pdf, site)
    m = re.search(r'<a href="' + re.escape(href) + r'" type="application/pdf">([^<]*)</a>', section_html)
    if not m:
        problems.append(f"the section page {os.path.relpath(section, site)} does not link {href}")
    elif not re.search(rf"\b{pages}\b", html.unescape(m.group(1))):
        problems.append(f"the section page says {html.unescape(m.group(1))!r} of a {pages}-page PDF")
    report(f"info {name}", problems)

    # lang, structure tree, bookmarks
    problems = []
    with pikepdf.open(pdf) as document:
        lang = str(document.Root.get("/Lang", ""))
        if lang != edition["lang"]:
            problems.append(f"/Lang {lang!r}, not {edition['lang']!r}")
        tree = document.Root.get("/StructTreeRoot")
        if tree is None:
            problems.append("no structure tree (/StructTreeRoot)")
        else:
            kinds = set()
            todo = [tree.get("/K")]
            while todo and len(kinds) < 1000:
                node = todo.pop()
                if isinstance(node, pikepdf.Array):
                    todo.extend(node)
                elif isinstance(node, pikepdf.Dictionary):
                    if "/S" in node:
                        kinds.add(str(node.S))
                    if "/K" in node:
                        todo.append(node.K)
            for wanted in ("/H1", "/H2", "/P"):
                if wanted not in kinds:
                    problems.append(f"no {wanted} in the structure tree (has {sorted(kinds)[:12]})")
        with document.open_outline() as outline:
            marks = []
            todo = list(outline.root)
            while todo:
                item = todo.pop(0)
                marks.append(normalise(item.title))
                todo[:0] = list(item.children)
        for chapter in chapters:
            if not any(chapter["title"] in mark for mark in marks):
                problems.append(f"no bookmark for chapter {chapter['number']} {chapter['title']!r}")
    report(f"lang {name}", problems)

    # chapters in order, each on the page the contents give
    problems = []
    texts = pages_text(pdf)
    toc_page = next((i for i, t in enumerate(texts) if all(c["title"] in normalise(t) for c in chapters[:1])
                     and i > 0), None)
    starts = {}
    for chapter in chapters:
        heading = re.compile(rf"^\s*{chapter['number']}\s+{re.escape(chapter['title'])}\s*$", re.M)
        found = [i + 1 for i, t in enumerate(texts) if heading.search(t)]
        # The contents page lists "N Title .... P"; the chapter's own page has "N Title" alone.
        own = [p for p in found if toc_page is None or p - 1 != toc_page]
        if not own:
            problems.append(f"chapter {chapter['number']} {chapter['title']!r} not found on its own page")
            continue
        starts[chapter["number"]] = own[0]
        listed = None
        if toc_page is not None:
            line = re.search(rf"^\s*{chapter['number']}\s+{re.escape(chapter['title'])}.*?(\d+)\s*$",
                             texts[toc_page], re.M)
            listed = int(line.group(1)) if line else None
        if listed is None:
            problems.append(f"chapter {chapter['number']} {chapter['title']!r} has no page number in the contents")
        elif listed != own[0]:
            problems.append(f"the contents give chapter {chapter['number']} page {listed}; it starts on page {own[0]}")
    order = [starts[c["number"]] for c in chapters if c["number"] in starts]
    if order != sorted(order):
        problems.append(f"chapters start on pages {order}: not in order")
    report(f"chapters {name}", problems)

    # footer
    problems = []
    if len(texts) >= 3:
        footer = f"{edition['pageWord']} 3 {edition['pageOf']} {pages}"
        if footer not in normalise(texts[2]):
            problems.append(f"page 3 does not say {footer!r}")
    report(f"footer {name}", problems)

    # QR codes: each chapter's is on its last page
    problems = []
    with tempfile.TemporaryDirectory(prefix="print-qr-") as tmp:
        for index, chapter in enumerate(chapters):
            if not chapter["shortLink"] or chapter["number"] not in starts:
                continue
            nxt = starts.get(chapter["number"] + 1, pages + 1)
            last = max(starts[chapter["number"]], nxt - 1)
            prefix = os.path.join(tmp, f"c{index}")
            run("pdftoppm", "-r", "200", "-gray", "-png", "-f", str(last), "-l", str(last), pdf, prefix)
            images = sorted(glob.glob(prefix + "*.png"))
            decoded = run("zbarimg", "--raw", "-q", "--nodbus", *images).stdout.split() if images else []
            if chapter["shortLink"] not in decoded:
                problems.append(f"page {last}: chapter {chapter['number']}'s QR code reads {decoded}, "
                                f"not {chapter['shortLink']}")
    report(f"qr {name}", problems)


def check_listings(site: str, pdfs: list[str]) -> None:
    problems = []
    with open(os.path.join(site, "sitemap.xml"), encoding="utf-8") as f:
        if "/print/" in f.read():
            problems.append("sitemap.xml lists a print edition")
    for path in glob.glob(os.path.join(site, "*", "search", "**", "*.json"), recursive=True):
        with open(path, encoding="utf-8") as f:
            if "/print/" in f.read():
                problems.append(f"{os.path.relpath(path, site)} indexes a print edition")
                break
    for pdf in pdfs:
        section = os.path.join(os.path.dirname(pdf), "index.html")
        with open(section, encoding="utf-8") as f:
            text = f.read()
        printed = "/" + os.path.relpath(os.path.join(os.path.dirname(pdf), "print"), site) + "/"
        if f'href="{printed}"' not in text:
            problems.append(f"{os.path.relpath(section, site)} does not link its print edition {printed}")
    report("links", problems)


def check_same_bytes(binary: str, source: str) -> None:
    problems = []
    env = dict(os.environ, SOURCE_DATE_EPOCH="1764547200")
    with tempfile.TemporaryDirectory(prefix="print-pdf-") as tmp:
        outputs, seconds = [], []
        for run_number in (1, 2):
            out = os.path.join(tmp, str(run_number))
            started = time.monotonic()
            # --no-cache: WeasyPrint itself, twice (the build's cache would give the same bytes by design).
            result = run(binary, "pdf", "--source", source, "--section", "blueprint", "--lang", "en",
                         "--no-cache", "--output", out, env=env)
            seconds.append(time.monotonic() - started)
            if result.returncode != 0:
                problems.append(f"interact-site pdf exited {result.returncode}: {result.stderr.strip()[-400:]}")
                break
            outputs.append(sorted(glob.glob(os.path.join(out, "*.pdf"))))
        if len(outputs) == 2:
            if [os.path.basename(p) for p in outputs[0]] != ["interact-europe-blueprint-en.pdf"]:
                problems.append(f"interact-site pdf wrote {outputs[0]}")
            for a, b in zip(*outputs):
                with open(a, "rb") as fa, open(b, "rb") as fb:
                    if fa.read() != fb.read():
                        problems.append(f"two runs gave different bytes for {os.path.basename(a)}")
        print(f"note: the Blueprint PDF in English took {', '.join(f'{s:.2f} s' for s in seconds)} "
              "(interact-site pdf, whole command)")
    report("same-bytes", problems)


def check_no_weasyprint(binary: str, source: str) -> None:
    problems = []
    env = {k: v for k, v in os.environ.items() if k != "INTERACT_PYTHON"}
    env["PATH"] = "/nonexistent"
    with tempfile.TemporaryDirectory(prefix="print-none-") as tmp:
        result = run(os.path.abspath(binary), "pdf", "--source", source, "--output", tmp, env=env)
        if result.returncode != 2:
            problems.append(f"exit status {result.returncode}, not 2")
        if "make deps" not in result.stderr or "WeasyPrint" not in result.stderr:
            problems.append(f"does not say how to install WeasyPrint: {result.stderr.strip()!r}")
    report("no-weasyprint", problems)


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    site, binary = sys.argv[1], os.path.abspath(sys.argv[2])
    source = os.path.dirname(os.path.abspath(site.rstrip("/")))
    pdfs = sorted(glob.glob(os.path.join(site, "*", "**", "*.pdf"), recursive=True))
    pdfs = [p for p in pdfs if os.path.exists(os.path.join(os.path.dirname(p), "print", "index.html"))]
    report("pdfs exist", [] if any(p.endswith("-blueprint-en.pdf") for p in pdfs)
           else [f"no Blueprint PDF in {site} (is WeasyPrint installed? make deps)"])
    for pdf in pdfs:
        check_pdf(site, pdf)
    check_listings(site, pdfs)
    check_same_bytes(binary, source)
    check_no_weasyprint(binary, source)
    print(f"print: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
