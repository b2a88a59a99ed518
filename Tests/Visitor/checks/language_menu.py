"""The header's language menu: inside the viewport at every width and zoom, with and without JavaScript; Esc, Tab and clicks close it."""

from __future__ import annotations

import time

import visitorlib

from . import check
from .browser import _key, _tab



MENU_BOX_JS = r"""
const d = document.querySelector('.languages details');
if (!d || !d.getClientRects().length) return {missing: true};
const list = d.querySelector('ul');
if (!d.open || !list.getClientRects().length) return {closed: true};
list.scrollIntoView({block: 'nearest', inline: 'nearest'});
const r = list.getBoundingClientRect();
return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, vw: document.documentElement.clientWidth,
        vh: window.innerHeight};
"""


def language_menu_box_problems(driver, origin: str, url: str, size: tuple[int, int, bool],
                               scripts: bool = True) -> list[str]:
    from selenium.webdriver.common.by import By
    w, h, mobile = size
    visitorlib.set_viewport(driver, w, h, mobile)
    driver.get(origin + url)
    visitorlib.wait_loaded(driver)
    summary = driver.find_elements(By.CSS_SELECTOR, ".languages details > summary")
    if not summary or not summary[0].is_displayed():
        return [f"no language menu (.languages details > summary) shown at {w}x{h}"]
    summary[0].click()
    time.sleep(0.2)
    box = driver.execute_script(MENU_BOX_JS)
    if box.get("missing") or box.get("closed"):
        return [f"a click on the language menu's toggle did not open it ({box})"]
    problems = []
    if box["left"] < 0 or box["right"] > box["vw"] + 0.5:
        problems.append(f"the open list spans x = {box['left']:.0f}..{box['right']:.0f} px, "
                        f"the viewport 0..{box['vw']} px{'' if scripts else ' (JavaScript off)'}")
    if box["top"] < 0 or box["bottom"] > box["vh"] + 0.5:
        problems.append(f"scrolled into view, the open list spans y = {box['top']:.0f}..{box['bottom']:.0f} px, "
                        f"the viewport 0..{box['vh']} px{'' if scripts else ' (JavaScript off)'}")
    return problems


def language_menu_keyboard_problems(driver, origin: str, url: str) -> list[str]:
    """Esc closes the open menu and puts focus back on its toggle; Tab out of it or a click
    elsewhere closes it."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    visitorlib.set_viewport(driver, 390, 844, True)
    driver.get(origin + url)
    visitorlib.wait_loaded(driver)
    state = ("const d = document.querySelector('.languages details');"
             "return {open: d.open, onSummary: document.activeElement === d.querySelector('summary'),"
             " inside: d.contains(document.activeElement), links: d.querySelectorAll('a').length,"
             " active: document.activeElement.outerHTML.slice(0, 60)};")
    problems = []
    driver.execute_script("document.querySelector('.languages details > summary').focus()")
    _key(driver, Keys.ENTER)
    time.sleep(0.1)
    if not driver.execute_script(state)["open"]:
        return ["Enter on the focused toggle did not open the menu"]
    _tab(driver)
    s = driver.execute_script(state)
    if not s["inside"]:
        problems.append(f"Tab from the open toggle left the menu (focus on {s['active']})")
    _key(driver, Keys.ESCAPE)
    time.sleep(0.1)
    s = driver.execute_script(state)
    if s["open"]:
        problems.append("Esc inside the open menu did not close it")
    if not s["onSummary"]:
        problems.append(f"after Esc, focus is on {s['active']}, not the menu's toggle")
    # Tab through every language and out of the menu.
    driver.execute_script("document.querySelector('.languages details > summary').focus()")
    _key(driver, Keys.ENTER)
    time.sleep(0.1)
    for _ in range(s["links"] + 1):
        _tab(driver)
    time.sleep(0.1)
    s = driver.execute_script(state)
    if s["inside"]:
        problems.append(f"{s['links'] + 1} Tabs did not leave the menu")
    elif s["open"]:
        problems.append(f"the menu stays open after focus left it (focus on {s['active']})")
    # Shift+Tab back out of the top.
    driver.execute_script("document.querySelector('.languages details > summary').focus()")
    _key(driver, Keys.ENTER)
    time.sleep(0.1)
    _tab(driver, shift=True)
    time.sleep(0.1)
    if driver.execute_script(state)["open"]:
        problems.append("the menu stays open after Shift+Tab moved focus before it")
    # A click elsewhere.
    driver.execute_script("document.querySelector('.languages details > summary').focus()")
    _key(driver, Keys.ENTER)
    time.sleep(0.1)
    driver.find_element(By.CSS_SELECTOR, "main h1").click()
    time.sleep(0.1)
    if driver.execute_script(state)["open"]:
        problems.append("the menu stays open after a click elsewhere on the page")
    return problems


def nojs_menu_problems(driver, origin: str) -> list[str]:
    """Without JavaScript the language menu is a plain <details>: it opens, inside the viewport."""
    driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    try:
        return language_menu_box_problems(driver, origin, "/en/", (320, 640, True), scripts=False)
    finally:
        driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})


@check("language menu: opens inside the viewport", concern="language menu", group="browser", needs="server")
def menu_inside_viewport(ctx) -> None:
    """At 320 and 390 px, 200 % and 400 % zoom, on /en/ and /el/."""
    greek = "el" in ctx.languages
    for label, size in (("320 px", (320, 640, True)), ("390 px", (390, 844, True)),
                        ("200 % zoom", (640, 450, False)), ("400 % zoom", (320, 225, False))):
        for url in ["/en/"] + (["/el/"] if greek else []):
            ctx.run(f"language menu: opens inside the viewport at {label} ({size[0]}x{size[1]}) on {url}",
                    language_menu_box_problems, ctx.driver(), ctx.origin, url, size)


@check("language menu: without JavaScript it opens inside the viewport at 320 px", concern="language menu",
       group="browser", needs="server")
def menu_without_javascript(ctx) -> list[str]:
    return nojs_menu_problems(ctx.driver(), ctx.origin)


@check("language menu: Esc closes it and returns focus to its toggle; Tab out or a click elsewhere closes it",
       concern="language menu", group="browser", needs="server")
def menu_keyboard(ctx) -> list[str]:
    return language_menu_keyboard_problems(ctx.driver(), ctx.origin, "/en/")
