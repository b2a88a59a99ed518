"""Printed QR codes: each scans back to its short link; a reader's languages pick the page; posters print on one page."""

from __future__ import annotations

import os
import re
import subprocess
import time
import urllib.parse

import visitorlib

from . import check
from .site import qr_sheet_rows



def printed_link(site: str, code: str) -> str:
    """HTTPS://HOST/Q/CODE for the host of the site's canonical links."""
    with open(os.path.join(site, "Q", code, "index.html"), encoding="utf-8") as f:
        text = f.read()
    m = re.search(r'<link rel="canonical" href="(https?)://([^/"]+)', text)
    if not m:
        with open(os.path.join(site, "index.html"), encoding="utf-8") as f:
            m = re.search(r'href="(https?)://([^/"]+)', f.read())
    return f"{m.group(1).upper()}://{m.group(2).upper()}/Q/{code}" if m else ""


def qr_image_checks(res, site: str, tmp: str) -> None:
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


def qr_browser_checks(res, site: str, origin: str, tmp: str) -> None:
    """A reader's languages pick the page a short link opens; a poster prints on one page of A4,
    A5 or Letter paper, and its code scans from each."""
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
        # One poster page prints on the paper the print dialog has: A4 and A5 are asked for here
        # (inches, as the protocol wants them); the page's CSS keeps portrait and no margins.
        url = f"/fr/qr/{code}.html"
        driver.get(origin + url)
        visitorlib.wait_loaded(driver)
        for paper, size in (("A4", (595, 842)), ("A5", (420, 595)), ("Letter", (612, 792))):
            pdf = driver.execute_cdp_cmd("Page.printToPDF", {
                "preferCSSPageSize": True, "printBackground": True,
                "paperWidth": size[0] / 72, "paperHeight": size[1] / 72})
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


@check("qr: codes scan", concern="qr", group="browser", needs="nginx")
def qr_codes_scan(ctx) -> list[str]:
    qr_image_checks(ctx.res, ctx.site, ctx.tmp)
    return []


@check("qr: headless Chromium runs", concern="qr", group="browser", needs="nginx")
def qr_in_browser(ctx) -> list[str]:
    qr_browser_checks(ctx.res, ctx.site, ctx.origin, ctx.tmp)
    return []
