#!/usr/bin/env python3
"""Typo tolerance on the search page, as a visitor meets it (issue 19), in headless Chromium
against a built site served by nginx with deploy/site.conf.

usage: check_search_typos.py SITE_DIR

- a misspelt word ("curriculm") shows the corrected word's results, "Showing results for …" in
  the page's language, and a link back to the words as typed;
- that link shows the literal query: no correction, the "no results" message;
- a word spelt right shows no correction;
- the French page says it in French; the no-JavaScript message is still there with scripts off.
Exits 1 on any problem.
"""
import os
import sys
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import visitorlib  # noqa: E402


def wait_for(driver, script: str, timeout: float = 8):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = driver.execute_script(script)
        if value:
            return value
        time.sleep(0.1)
    return None


STATE = """
var note = document.getElementById('search-corrected');
var link = note && note.querySelector('a');
return {shown: !!note && !note.hidden, text: note ? note.textContent : '',
        href: link ? link.getAttribute('href') : null,
        status: document.getElementById('search-status').textContent,
        results: Array.from(document.querySelectorAll('#search-results > li a')).map(function (a) {
          return new URL(a.href).pathname; })};
"""


def search(driver, origin: str, lang: str, query: str, extra: str = "") -> dict:
    driver.get(f"{origin}/{lang}/search/?q={urllib.parse.quote(query)}{extra}")
    visitorlib.wait_loaded(driver)
    wait_for(driver, "return document.getElementById('search-status').textContent")
    time.sleep(0.3)
    return driver.execute_script(STATE)


def problems(site: str) -> list[str]:
    from selenium.webdriver.common.by import By
    found = []
    with visitorlib.serve(site) as server:
        driver = visitorlib.chromium()
        try:
            origin = server.origin
            typo = search(driver, origin, "en", "curriculm")
            if not typo["shown"] or "Showing results for" not in typo["text"] or "curriculum" not in typo["text"]:
                found.append(f"en 'curriculm': no 'Showing results for … curriculum' note: {typo['text']!r}")
            if not any(p in ("/en/curriculum/", "/en/blueprint/curriculum/") for p in typo["results"][:3]):
                found.append(f"en 'curriculm': the curriculum pages are not in the first three: {typo['results'][:3]}")
            if not typo["href"] or "exact=1" not in typo["href"] or "curriculm" not in typo["href"]:
                found.append(f"en 'curriculm': no link back to the words as typed: {typo['href']!r}")
            else:
                # The link, followed as a visitor would: the literal query, uncorrected.
                driver.find_element(By.CSS_SELECTOR, "#search-corrected a").click()
                visitorlib.wait_loaded(driver)
                wait_for(driver, "return document.getElementById('search-status').textContent")
                time.sleep(0.3)
                literal = driver.execute_script(STATE)
                value = driver.execute_script("return document.getElementById('search-input').value")
                if literal["shown"] or literal["results"] or value != "curriculm" or "curriculm" not in literal["status"]:
                    found.append(f"the literal-query link did not show 'curriculm' uncorrected: value {value!r}, "
                                 f"note {literal['text']!r}, status {literal['status']!r}, {len(literal['results'])} results")
            plain = search(driver, origin, "en", "curriculum")
            if plain["shown"] or not plain["results"]:
                found.append(f"en 'curriculum' (spelt right) shows a correction or no results: {plain['text']!r}")
            french = search(driver, origin, "fr", "financemnt")
            if not french["shown"] or "Résultats pour" not in french["text"] or "/fr/financement/" not in french["results"][:3]:
                found.append(f"fr 'financemnt': no French correction note or no /fr/financement/: "
                             f"{french['text']!r} {french['results'][:3]}")
            if french["href"] and "Rechercher plutôt" not in french["text"]:
                found.append(f"fr 'financemnt': the literal link is not in French: {french['text']!r}")
            # A typo in the first letter is not corrected (README): no note, nothing wrong shown.
            first = search(driver, origin, "en", "xurriculum")
            if first["shown"]:
                found.append(f"en 'xurriculum': a first-letter typo was 'corrected': {first['text']!r}")
            # The no-JavaScript message is kept.
            driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
            try:
                driver.get(f"{origin}/en/search/")
                visitorlib.wait_loaded(driver)
                if not [e for e in driver.find_elements(By.ID, "search-nojs") if e.is_displayed()]:
                    found.append("with JavaScript off, the no-JavaScript message is not shown")
            finally:
                driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})
        finally:
            driver.quit()
    return found


def main() -> None:
    site = sys.argv[1] if len(sys.argv) > 1 else "site"
    found = problems(site)
    for problem in found:
        print(f"FAIL search typos: {problem}")
    print("search typos: ok" if not found else f"search typos: {len(found)} problem(s)")
    sys.exit(1 if found else 0)


if __name__ == "__main__":
    main()
