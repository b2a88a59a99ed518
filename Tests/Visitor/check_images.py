#!/usr/bin/env python3
"""Images as a visitor gets them: check_images.py BINARY

Builds the images fixture (Tests/Fixtures/sites/images: a drawn placeholder PNG logo, an SVG logo,
a phone photo with GPS EXIF) with BINARY into a temporary folder, serves it with nginx (deploy/
site.conf; Python's http.server when nginx is missing) and checks in headless Chromium, at 320 and
1280 px:
  format <page> <vp>     every <picture> of a raster image shows its AVIF or WebP version (Chromium picks
                         the best; an SVG logo has no other version)
  no-layout-shift <page> the page's cumulative layout shift is 0 (PerformanceObserver layout-shift),
                         loading and after scrolling to the end (the lazy images arrive); and every
                         <img> has width and height (a fast local server can load an image before the
                         first paint, so a missing box would not always show as a shift here)
  a11y <page> <vp>       axe-core finds no violation
  emblem <page> <vp>     the EU emblem is at least as large (height and width) as the largest logo shown
  no-metadata            no published image carries EXIF, XMP or a GPS block (read back by Pillow when
                         installed, else by scanning the bytes)

The real site has no raster logo yet (partners send theirs later), so this fixture stands in for it.
Prints one line per problem, then `image checks: N passed, M failed`; exits 1 if any failed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import visitorlib  # noqa: E402
from checks.accessibility import AXE_RUN, AXE_TAGS, axe_problems  # noqa: E402,F401

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIXTURE = os.path.join(ROOT, "Tests", "Fixtures", "sites", "images")
PAGES = ["/en/partners/", "/en/partners/eco/", "/en/about/", "/en/news/kick-off/", "/el/partners/eco/"]
VIEWPORTS = [("320x640", 320, 640, True), ("1280x900", 1280, 900, False)]

CLS_START = """
window.__shift = 0;
new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shift += e.value; })
  .observe({type: 'layout-shift', buffered: true});
"""

FORMATS = """
return Array.from(document.querySelectorAll('picture img')).filter(i => i.parentElement.querySelector('source'))
  .map(i => ({src: i.currentSrc, complete: i.complete, natural: i.naturalWidth}));
"""

SIZES = """
const box = e => { const r = e.getBoundingClientRect(); return {w: r.width, h: r.height}; };
const emblem = document.querySelector('.eu-funding img');
const logos = Array.from(document.querySelectorAll('.partner-logo, .card-logo img')).filter(e => e.getClientRects().length);
return {emblem: emblem && box(emblem), logos: logos.map(l => Object.assign(box(l), {src: l.currentSrc}))};
"""


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__.splitlines()[2])
        return 2
    binary = os.path.abspath(sys.argv[1])
    failures: list[str] = []
    passed = 0

    def record(name: str, problems: list[str]) -> None:
        nonlocal passed
        if problems:
            failures.append(name)
            for p in problems:
                print(f"FAIL {name}: {p}")
        else:
            passed += 1

    with tempfile.TemporaryDirectory() as tmp:
        site = os.path.join(tmp, "site")
        # The fixture uses the theme that ships (the Swift tests add it the same way).
        source = os.path.join(tmp, "source")
        shutil.copytree(FIXTURE, source)
        shutil.copytree(os.path.join(ROOT, "themes", "interact"), os.path.join(source, "themes", "interact"))
        build = subprocess.run([binary, "build", "--source", source, "--output", site, "--quiet"],
                               capture_output=True, text=True)
        record("build the images fixture", [] if build.returncode == 0 else [build.stdout + build.stderr])
        if build.returncode != 0:
            print(f"image checks: {passed} passed, {len(failures)} failed")
            return 1
        record("no-metadata", metadata_problems(site))
        with open(visitorlib.AXE_JS, encoding="utf-8") as f:
            axe_source = f.read()
        with visitorlib.serve(site) as server:
            driver = visitorlib.chromium()
            try:
                for label, width, height, mobile in VIEWPORTS:
                    visitorlib.set_viewport(driver, width, height, mobile)
                    for page in PAGES:
                        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": CLS_START})
                        driver.get(server.origin + page)
                        visitorlib.wait_loaded(driver)
                        record(f"format {page} ({label})", format_problems(driver))
                        record(f"emblem {page} ({label})", emblem_problems(driver))
                        record(f"no-layout-shift {page} ({label})", shift_problems(driver))
                        record(f"a11y {page} ({label})", axe_problems(driver, axe_source))
            finally:
                driver.quit()
    print(f"image checks: {passed} passed, {len(failures)} failed")
    return 1 if failures else 0


def format_problems(driver) -> list[str]:
    shown = driver.execute_script(FORMATS)
    problems = []
    for image in shown:
        src = image["src"]
        if not (src.endswith(".avif") or src.endswith(".webp")):
            problems.append(f"shows {src or 'nothing'}, not its AVIF or WebP version")
        elif not image["natural"]:
            problems.append(f"{src} did not decode")
    return problems


def emblem_problems(driver) -> list[str]:
    sizes = driver.execute_script(SIZES)
    emblem = sizes["emblem"]
    if not emblem:
        return ["no EU emblem in the footer"]
    problems = []
    for logo in sizes["logos"]:
        if logo["h"] > emblem["h"] + 0.5:
            problems.append(f"a logo is {logo['h']:.0f} px high ({logo['src']}), the EU emblem only {emblem['h']:.0f} px")
    return problems


def shift_problems(driver) -> list[str]:
    unsized = driver.execute_script(
        "return Array.from(document.images).filter(i => !i.getAttribute('width') || !i.getAttribute('height'))"
        ".map(i => i.getAttribute('src'))")
    problems = [f"<img src={src}> has no width and height: its box is not reserved" for src in unsized]
    driver.execute_script("window.scrollTo(0, document.documentElement.scrollHeight)")
    visitorlib.wait_loaded(driver)
    driver.execute_script("window.scrollTo(0, 0)")
    shift = driver.execute_script("return window.__shift")
    return problems + ([] if shift == 0 else [f"cumulative layout shift {shift:.4f}, not 0"])


def metadata_problems(site: str) -> list[str]:
    problems = []
    try:
        from PIL import Image  # type: ignore
    except ImportError:
        Image = None
    count = 0
    for folder, _, files in os.walk(site):
        for name in files:
            if not name.lower().endswith((".jpg", ".jpeg", ".png", ".webp", ".avif")):
                continue
            count += 1
            path = os.path.join(folder, name)
            data = open(path, "rb").read()
            if b"Exif\x00\x00" in data or b"<x:xmpmeta" in data or b"GPS" in data:
                problems.append(f"{os.path.relpath(path, site)} carries metadata")
            if Image is not None and not name.endswith(".avif"):
                with Image.open(path) as im:
                    if im.getexif():
                        problems.append(f"{os.path.relpath(path, site)} has EXIF (Pillow)")
    if count < 12:
        problems.append(f"only {count} images were published; expected the logo's, the photo's and the cards'")
    return problems


if __name__ == "__main__":
    sys.exit(main())
