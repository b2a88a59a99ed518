"""Layout on small screens: the header's height, no sideways scrolling."""

from __future__ import annotations

import visitorlib

from . import check
from .site import german_long_word_page



def header_height_problems(driver, origin: str, url: str, w: int, h: int, mobile: bool, share: float) -> list[str]:
    visitorlib.set_viewport(driver, w, h, mobile)
    driver.get(origin + url)
    visitorlib.wait_loaded(driver)
    height = driver.execute_script("return document.querySelector('.site-header').getBoundingClientRect().height")
    limit = h * share
    return [] if height <= limit else [f"the header is {height:.0f} px tall at {w}x{h}; at most {limit:.0f} px "
                                       f"({share:.0%} of the screen)"]


def overflow_problems(driver, origin: str, url: str) -> list[str]:
    driver.get(origin + url)
    visitorlib.wait_loaded(driver)
    r = driver.execute_script(
        "var d = document.documentElement, wide = [];"
        "document.querySelectorAll('body *').forEach(function (e) { var b = e.getBoundingClientRect();"
        "  if (b.width && b.right > d.clientWidth + 1 && !e.closest('.table-scroll, .visually-hidden, .skip-link')) wide.push(e.localName + (e.getAttribute('class') ? '.' + e.getAttribute('class') : '') + ' \"' + (e.textContent || '').trim().slice(0, 30) + '\"'); });"
        "return {sw: d.scrollWidth, cw: d.clientWidth, wide: wide.slice(-3)}")
    if r["sw"] <= r["cw"]:
        return []
    return [f"scrolls sideways: the page is {r['sw']} px wide in a {r['cw']} px viewport; widest: {r['wide']}"]


@check("header: leaves room for the page", concern="layout", group="browser", needs="server")
def header_height(ctx) -> None:
    """On every language's home: at most 25 % of a 320x640 screen, half of a 320x225 one (400 % zoom)."""
    for lang in ctx.languages:
        ctx.run(f"header: at most 25 % of a 320x640 screen on /{lang}/", header_height_problems,
                ctx.driver(), ctx.origin, f"/{lang}/", 320, 640, True, 0.25)
        ctx.run(f"header: at most half the screen at 400 % zoom (320x225) on /{lang}/", header_height_problems,
                ctx.driver(), ctx.origin, f"/{lang}/", 320, 225, False, 0.5)


@check("overflow: no sideways scrolling at 320 px", concern="layout", group="browser", needs="server")
def no_sideways_scrolling(ctx) -> None:
    """Every representative page, every language's home, and the German page with the longest word."""
    driver = ctx.driver()
    visitorlib.set_viewport(driver, 320, 640, True)
    pages = [u for _, u in ctx.browser_pages() if u != "/"]
    german = german_long_word_page(ctx.site)
    if german:
        pages.append(german)
    else:
        ctx.record("overflow: a German page whose heading has a long compound word exists",
                   ["no /de/ page has a word of 18 or more letters in its <h1>"])
    pages += [f"/{lang}/" for lang in ctx.languages if f"/{lang}/" not in pages]
    for url in pages:
        ctx.run(f"overflow: no sideways scrolling at 320 px on {url}", overflow_problems, driver, ctx.origin, url)
