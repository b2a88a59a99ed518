#!/usr/bin/env python3
"""Full-page screenshots of key pages as a visitor sees them: screenshots.py SITE_DIR OUT_DIR

Home (/en/), a partner page, the partners section (with its map), the events list, a news item,
the stakeholder page (get involved, with its contact form), the curriculum page and the Blueprint's print
edition, each at 1280x900 (desktop) and 390x844 (mobile), in the light and the dark colour scheme, as
OUT_DIR/<name>-<viewport>-<scheme>.png; and the first pages of the Blueprint's PDF as printed (pdftoppm),
as OUT_DIR/blueprint-pdf-<page>.png.
The site is served over http on 127.0.0.1 (nginx with deploy/site.conf when installed).
"""

from __future__ import annotations

import base64
import glob
import os
import shutil
import subprocess
import sys
import time

sys.dont_write_bytecode = True  # keep the work tree clean
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import visitorlib  # noqa: E402


def pages(site: str) -> list[tuple[str, str]]:
    def has(url: str) -> bool:
        return os.path.isfile(os.path.join(site, url.strip("/"), "index.html"))

    partner = "/en/partners/eco/"
    if not has(partner):
        d = os.path.join(site, "en", "partners")
        kids = sorted(n for n in os.listdir(d) if has(f"/en/partners/{n}/")) if os.path.isdir(d) else []
        partner = f"/en/partners/{kids[0]}/" if kids else None
    news = None
    d = os.path.join(site, "en", "news")
    if os.path.isdir(d):
        items = sorted(n for n in os.listdir(d) if has(f"/en/news/{n}/"))
        news = f"/en/news/{items[0]}/" if items else None
    out = [("home", "/en/"), ("partner", partner), ("partners", "/en/partners/"), ("events", "/en/events/"),
           ("news-item", news), ("get-involved", "/en/get-involved/"), ("curriculum", "/en/curriculum/"),
           ("blueprint-print", "/en/blueprint/print/")]
    return [(n, u) for n, u in out if u and has(u)]


def full_page_png(driver, width: int) -> bytes:
    metrics = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
    size = metrics.get("cssContentSize") or metrics["contentSize"]
    height = min(int(size["height"]) + 1, 16000)
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True, "fromSurface": True,
        "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}})
    return base64.b64decode(shot["data"])


def pdf_pages(site: str, out: str, count: int = 3) -> list[str]:
    """The first pages of the English Blueprint PDF (cover, contents, first chapter) as PNG."""
    pdfs = glob.glob(os.path.join(site, "en", "blueprint", "*-blueprint-en.pdf"))
    if not pdfs or not shutil.which("pdftoppm"):
        print("no Blueprint PDF (WeasyPrint: make deps) or no pdftoppm (poppler-utils): PDF pages left out",
              file=sys.stderr)
        return []
    prefix = os.path.join(out, "blueprint-pdf")
    subprocess.run(["pdftoppm", "-r", "80", "-png", "-f", "1", "-l", str(count), pdfs[0], prefix], check=True)
    return sorted(glob.glob(prefix + "-*.png"))


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__.strip().splitlines()[0], file=sys.stderr)
        return 2
    site, out = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    os.makedirs(out, exist_ok=True)
    todo = pages(site)
    if not todo:
        print(f"no pages found in {site} (build it first: make site)", file=sys.stderr)
        return 1
    written = []
    with visitorlib.serve(site) as server:
        driver = visitorlib.chromium()
        try:
            for scheme in ("light", "dark"):
                driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {
                    "features": [{"name": "prefers-color-scheme", "value": scheme}]})
                for vp_name, w, h, mobile in visitorlib.VIEWPORTS:
                    visitorlib.set_viewport(driver, w, h, mobile)
                    for name, url in todo:
                        driver.get(server.origin + url)
                        visitorlib.wait_loaded(driver)
                        time.sleep(0.3)
                        path = os.path.join(out, f"{name}-{vp_name}-{scheme}.png")
                        with open(path, "wb") as f:
                            f.write(full_page_png(driver, w))
                        written.append(path)
        finally:
            driver.quit()
    written += pdf_pages(site, out)
    for p in written:
        print(os.path.relpath(p))
    return 0


if __name__ == "__main__":
    sys.exit(main())
