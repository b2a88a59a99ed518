"""The search page and the header's suggestions, used as a visitor would."""

from __future__ import annotations

import os
import re
import time
import urllib.parse

import visitorlib

from . import check
from .browser import _wait_for



def search_checks(res, site: str, origin: str) -> None:
    """The search page used as a visitor would: typing, stems, folding, filters, keyboard, fallbacks."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    if not os.path.isfile(os.path.join(site, "fr", "search", "index.html")):
        res.record("search: /fr/search/ exists", ["no search page was built"])
        return
    driver = visitorlib.chromium()
    try:
        def query(lang: str, text: str, country: str = "") -> list[dict]:
            driver.get(f"{origin}/{lang}/search/")
            visitorlib.wait_loaded(driver)
            if country:
                time.sleep(0.3)
                driver.execute_script(
                    "var s=document.getElementById('search-country'); s.value=arguments[0];", country)
            box = driver.find_element(By.ID, "search-input")
            box.send_keys(text)
            time.sleep(0.9)
            return driver.execute_script("""
                return Array.from(document.querySelectorAll('#search-results li')).map(function (li) {
                  var a = li.querySelector('a');
                  return {url: new URL(a.href).pathname, lang: a.lang, meta: li.querySelector('.result-meta').textContent,
                          marks: Array.from(li.querySelectorAll('mark')).map(function (m) { return m.textContent; })};
                });""")

        def expect(name, results, predicate, what):
            problems = [] if results and predicate(results) else [f"{what}; got {results[:3]}"]
            res.record(f"search: {name}", problems)

        french = query("fr", "partenaire")
        expect("French query finds French pages with highlights", french,
               lambda r: r[0]["url"].startswith("/fr/") and r[0]["marks"], "first result in /fr/ with <mark>")
        plural = query("fr", "partenaires")
        expect("a stem variant finds the same pages", plural,
               lambda r: {x["url"] for x in r} & {x["url"] for x in french}, "overlap with 'partenaire'")
        folded = query("fr", "cancerologie")
        expect("a query without diacritics matches accented words", folded,
               lambda r: any("é" in m for x in r for m in x["marks"]), "a highlighted 'cancérologie'")
        fallback = query("es", "urology")
        expect("an untranslated page is found from another language and labelled in the reader's language",
               fallback,
               lambda r: any(x["url"].startswith("/en/") and x["lang"] == "en" and "inglés" in x["meta"] for x in r),
               "an /en/ result with lang=en and an 'inglés' label")
        unfiltered = query("fr", "european")
        filtered = query("fr", "european", country="BE")
        expect("the country filter keeps only that country's pages", filtered,
               lambda r: len(r) < len(unfiltered) and any(x["url"].endswith("/eco/") for x in r)
               and not any(x["url"].endswith(("/eanm/", "/upv/", "/turku-uas/")) for x in r),
               "fewer results, ECO (BE) kept, EANM (AT), UPV and Turku UAS left out")
        if os.path.isdir(os.path.join(site, "el")):
            greek = query("el", "ευρωπαικ")
            expect("a Greek query without accents finds Greek pages", greek,
                   lambda r: r[0]["url"].startswith("/el/"), "a result under /el/")
        driver.get(f"{origin}/fr/search/")
        visitorlib.wait_loaded(driver)
        box = driver.find_element(By.ID, "search-input")
        box.send_keys("partenaire")
        time.sleep(0.9)
        focused = []
        for _ in range(6):
            driver.switch_to.active_element.send_keys(Keys.TAB)
            focused.append(driver.switch_to.active_element.tag_name)
        res.record("search: keyboard reaches the filters and the results",
                   [] if "select" in focused and "a" in focused else [f"tab order was {focused}"])
        driver.get(f"{origin}/fr/")
        visitorlib.wait_loaded(driver)
        header_box = driver.find_element(By.ID, "site-search-input")
        header_box.send_keys("partenaire")
        time.sleep(1.0)
        expanded = header_box.get_attribute("aria-expanded")
        options = driver.find_elements(By.CSS_SELECTOR, "#site-search-options [role=option]")
        header_box.send_keys(Keys.ARROW_DOWN)
        active = header_box.get_attribute("aria-activedescendant")
        header_box.send_keys(Keys.ENTER)
        time.sleep(0.8)
        landed = urllib.parse.urlsplit(driver.current_url).path
        problems = []
        if expanded != "true" or not options:
            problems.append(f"the header combobox did not open (aria-expanded={expanded}, {len(options)} options)")
        if not active:
            problems.append("ArrowDown set no aria-activedescendant")
        if not landed.startswith("/fr/") or landed == "/fr/":
            problems.append(f"Enter on the first suggestion landed on {landed}")
        res.record("search: the header combobox suggests pages and is keyboard operable", problems)
        driver.get(f"{origin}/fr/search/")
        visitorlib.wait_loaded(driver)
        driver.find_element(By.ID, "search-input").send_keys("partenaire")
        time.sleep(0.9)
        status = driver.find_element(By.ID, "search-status")
        res.record("search: the result count is announced",
                   [] if status.get_attribute("role") == "status" and status.text else ["no status text"])
    finally:
        driver.quit()


def search_more_problems(driver, origin: str, lang: str, query: str) -> list[str]:
    """Every result can be reached ("Show more"), and the address keeps the query and how many are
    shown, so reload and Back (after opening a result) bring back the same list."""
    from selenium.webdriver.common.by import By
    count_js = "return document.querySelectorAll('#search-results > li').length"
    visitorlib.set_viewport(driver, 1280, 900, False)
    driver.get(f"{origin}/{lang}/search/?q={urllib.parse.quote(query)}")
    visitorlib.wait_loaded(driver)
    status = _wait_for(driver, "return document.getElementById('search-status').textContent")
    total = int(re.search(r"\d+", status or "0").group(0)) if re.search(r"\d+", status or "") else 0
    shown = _wait_for(driver, count_js)
    if total <= shown:
        return [f"'{query}' gives {total} results and shows {shown}: pick a query with more results than a page"]
    problems = []
    for _ in range(20):
        more = [b for b in driver.find_elements(By.CSS_SELECTOR, "#search-page button") if b.is_displayed()]
        if not more:
            break
        before = driver.execute_script(count_js)
        more[0].click()
        if not _wait_for(driver, f"return document.querySelectorAll('#search-results > li').length > {before}"):
            problems.append(f"'{more[0].text}' added no result")
            break
        focused = driver.execute_script(
            "var a = document.activeElement; var li = a && a.closest('#search-results > li');"
            "return li ? Array.prototype.indexOf.call(li.parentNode.children, li) : -1")
        if focused != before:
            problems.append(f"after '{more[0].text}', focus is not on the first new result "
                            f"(result {focused + 1}, expected {before + 1})")
    shown = driver.execute_script(count_js)
    if shown != total:
        problems.append(f"the status says {total} results, the list can show {shown}")
        return problems
    address = driver.current_url
    params = urllib.parse.parse_qs(urllib.parse.urlsplit(address).query)
    if params.get("q") != [query] or len(params) < 2:
        problems.append(f"the address {address} does not keep the query and how many results are shown")
    driver.refresh()
    visitorlib.wait_loaded(driver)
    _wait_for(driver, f"return document.querySelectorAll('#search-results > li').length >= {total}")
    after = driver.execute_script(count_js)
    if after != total:
        problems.append(f"after reload, {after} of {total} results are shown")
    last = driver.find_elements(By.CSS_SELECTOR, "#search-results > li a")[-1]
    driver.execute_script("arguments[0].scrollIntoView()", last)
    last.click()
    time.sleep(0.5)
    visitorlib.wait_loaded(driver)
    driver.back()
    visitorlib.wait_loaded(driver)
    _wait_for(driver, f"return document.querySelectorAll('#search-results > li').length >= {total}")
    after = driver.execute_script(count_js)
    value = driver.execute_script("return document.getElementById('search-input').value")
    if after != total or value != query:
        problems.append(f"Back from a result shows {after} of {total} results for {value!r}")
    # A fresh visit to the address (a bookmark) shows as many.
    driver.get(address)
    visitorlib.wait_loaded(driver)
    _wait_for(driver, f"return document.querySelectorAll('#search-results > li').length >= {total}")
    after = driver.execute_script(count_js)
    if after != total:
        problems.append(f"opening {address} afresh shows {after} of {total} results")
    return problems


def noscript_problems(driver, origin: str, url: str) -> list[str]:
    """The "needs JavaScript" message exists only when scripts are off: inside <noscript>, so a
    browser running scripts never parses it into the page, not even before search.js runs."""
    from selenium.webdriver.common.by import By
    problems = []
    driver.get(origin + url)
    probe = ("var n = document.getElementById('search-nojs');"
             "return n ? (n.closest('noscript') ? 'in noscript' : n.outerHTML.slice(0, 100)) : ''")
    found = driver.execute_script(probe)  # straight after the load, before any timer
    if found and found != "in noscript":
        problems.append(f"with JavaScript on, the page holds the no-JavaScript message: {found}")
    driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    try:
        driver.get(origin + url)
        visitorlib.wait_loaded(driver)
        shown = [e for e in driver.find_elements(By.ID, "search-nojs") if e.is_displayed()]
        if not shown:
            problems.append("with JavaScript off, the no-JavaScript message and section links are not shown")
    finally:
        driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})
    return problems


def bfcache_problems(driver, origin: str) -> list[str]:
    """After a suggestion was opened and the visitor comes Back, the suggestion list is closed."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    visitorlib.set_viewport(driver, 1280, 900, False)
    driver.get(f"{origin}/fr/")
    visitorlib.wait_loaded(driver)
    box = driver.find_element(By.ID, "site-search-input")
    box.send_keys("partenaire")
    if not _wait_for(driver, "return document.getElementById('site-search-input').getAttribute('aria-expanded') === 'true'"):
        return ["the header suggestions did not open"]
    box.send_keys(Keys.ARROW_DOWN)
    driver.execute_script("window.__visitorMarker = 1")
    box.send_keys(Keys.ENTER)
    deadline = time.monotonic() + 10
    while urllib.parse.urlsplit(driver.current_url).path == "/fr/" and time.monotonic() < deadline:
        time.sleep(0.1)
    visitorlib.wait_loaded(driver)
    driver.back()
    visitorlib.wait_loaded(driver)
    time.sleep(0.3)
    state_js = ("var b = document.getElementById('site-search-input'), o = document.getElementById('site-search-options');"
                "return {marker: window.__visitorMarker === 1, expanded: b.getAttribute('aria-expanded'),"
                " shown: !o.hidden && o.getClientRects().length > 0, selected: o.querySelectorAll('[aria-selected=true]').length,"
                " active: b.getAttribute('aria-activedescendant')}")
    s = driver.execute_script(state_js)
    problems = []
    if not s["marker"]:
        # The browser did not keep the page in its back/forward cache: replay what it does on a restore.
        driver.execute_script(
            "document.getElementById('site-search-input').focus();"
            "document.getElementById('site-search-input').dispatchEvent(new Event('input'));")
        _wait_for(driver, "return document.getElementById('site-search-input').getAttribute('aria-expanded') === 'true'")
        driver.find_element(By.ID, "site-search-input").send_keys(Keys.ARROW_DOWN)
        driver.execute_script("window.dispatchEvent(new PageTransitionEvent('pageshow', {persisted: true}))")
        time.sleep(0.2)
        s = driver.execute_script(state_js)
        problems_prefix = "(simulated back/forward-cache restore) "
    else:
        problems_prefix = ""
    if s["expanded"] != "false" or s["shown"] or s["selected"] or s["active"]:
        problems.append(f"{problems_prefix}back on /fr/, the suggestions are open: aria-expanded={s['expanded']}, "
                        f"list shown={s['shown']}, {s['selected']} highlighted, activedescendant={s['active']}")
    return problems


def suggestion_prefix_problems(driver, origin: str, lang: str, prefix: str, want: str) -> list[str]:
    """Typing the first letters of a word in the header's search field suggests the page named by
    that word: "curric" lists the Curriculum page, not only pages that mention a rarer longer word
    ("curricula") once."""
    from selenium.webdriver.common.by import By
    visitorlib.set_viewport(driver, 390, 844, True)
    driver.get(f"{origin}/{lang}/")
    visitorlib.wait_loaded(driver)
    box = driver.find_element(By.ID, "site-search-input")
    box.click()
    box.send_keys(prefix)
    if not _wait_for(driver, "return document.getElementById('site-search-input').getAttribute('aria-expanded') === 'true'"):
        return [f"typing {prefix!r} opened no suggestions"]
    time.sleep(0.3)
    shown = driver.execute_script(
        "return Array.from(document.querySelectorAll('#site-search-options [role=option]'))"
        ".map(function (o) { return [o.textContent, new URL(o.getAttribute('data-url'), location.href).pathname]; })")
    if want in [url for _, url in shown]:
        return []
    return [f"typing {prefix!r} on /{lang}/ suggests {[t for t, _ in shown]}, not {want}"]


TYPO_STATE = """
var note = document.getElementById('search-corrected');
var link = note && note.querySelector('a');
return {shown: !!note && !note.hidden, text: note ? note.textContent : '',
        href: link ? link.getAttribute('href') : null,
        status: document.getElementById('search-status').textContent,
        results: Array.from(document.querySelectorAll('#search-results > li a')).map(function (a) {
          return new URL(a.href).pathname; })};
"""

# Misspelt words two edits away from a word of the site (issue 19): only a word of 8 letters or
# more is corrected that far. (query language, misspelt word, the word it should show results for,
# pages of which one should be in the first three.)
TWO_EDIT_TYPOS = [
    ("en", "curiculm", "curriculum", ("/en/curriculum/", "/en/blueprint/curriculum/")),  # two letters missing
    ("en", "sustainebiliti", "sustainability", ("/en/blueprint/governance-and-sustainability/",)),  # two changed
    ("en", "sustianabilty", "sustainability", ("/en/blueprint/governance-and-sustainability/",)),  # swap, missing
    ("en", "radioterapi", "radiotherapy", ("/en/partners/estro/",)),  # one missing, one changed
    ("fr", "finencemant", "financement", ("/fr/financement/",)),  # two changed
]


def _typo_search(driver, origin: str, lang: str, query: str, extra: str = "") -> dict:
    driver.get(f"{origin}/{lang}/search/?q={urllib.parse.quote(query)}{extra}")
    visitorlib.wait_loaded(driver)
    _wait_for(driver, "return document.getElementById('search-status').textContent", 8)
    time.sleep(0.3)
    return driver.execute_script(TYPO_STATE)


def typo_problems(driver, origin: str) -> list[str]:
    """Typo tolerance as a visitor meets it (issue 19):

    - a misspelt word ("curriculm") shows the corrected word's results, "Showing results for …" in
      the page's language, and a link back to the words as typed;
    - that link shows the literal query: no correction, the "no results" message;
    - a word spelt right shows no correction; a typo in the first letter is not corrected;
    - words of 8 letters or more two edits away (TWO_EDIT_TYPOS) are corrected too;
    - the French page says it in French; the no-JavaScript message is still there with scripts off.
    """
    from selenium.webdriver.common.by import By
    found = []
    visitorlib.set_viewport(driver, 1280, 900, False)
    typo = _typo_search(driver, origin, "en", "curriculm")
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
        _wait_for(driver, "return document.getElementById('search-status').textContent", 8)
        time.sleep(0.3)
        literal = driver.execute_script(TYPO_STATE)
        value = driver.execute_script("return document.getElementById('search-input').value")
        if literal["shown"] or literal["results"] or value != "curriculm" or "curriculm" not in literal["status"]:
            found.append(f"the literal-query link did not show 'curriculm' uncorrected: value {value!r}, "
                         f"note {literal['text']!r}, status {literal['status']!r}, {len(literal['results'])} results")
    plain = _typo_search(driver, origin, "en", "curriculum")
    if plain["shown"] or not plain["results"]:
        found.append(f"en 'curriculum' (spelt right) shows a correction or no results: {plain['text']!r}")
    french = _typo_search(driver, origin, "fr", "financemnt")
    if not french["shown"] or "Résultats pour" not in french["text"] or "/fr/financement/" not in french["results"][:3]:
        found.append(f"fr 'financemnt': no French correction note or no /fr/financement/: "
                     f"{french['text']!r} {french['results'][:3]}")
    if french["href"] and "Rechercher plutôt" not in french["text"]:
        found.append(f"fr 'financemnt': the literal link is not in French: {french['text']!r}")
    for lang, query, word, pages in TWO_EDIT_TYPOS:
        state = _typo_search(driver, origin, lang, query)
        if not state["shown"] or word not in state["text"] or not state["href"] or "exact=1" not in state["href"]:
            found.append(f"{lang} {query!r} (two edits from {word!r}): no correction note naming {word!r} with a "
                         f"link to the words as typed: {state['text']!r}")
        if not any(p in pages for p in state["results"][:3]):
            found.append(f"{lang} {query!r} (two edits from {word!r}): none of {list(pages)} in the first three: "
                         f"{state['results'][:3]}")
    # A typo in the first letter is not corrected (README): no note, nothing wrong shown.
    first = _typo_search(driver, origin, "en", "xurriculum")
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
    return found


@check("search: headless Chromium runs", concern="search", group="browser", needs="server")
def search_page(ctx) -> list[str]:
    """Typing, stems, folding, filters, the keyboard, the header's combobox, the announced count."""
    search_checks(ctx.res, ctx.site, ctx.origin)
    return []


@check("search: 'Show more' reaches every result; reload, Back and the address keep them", concern="search",
       group="browser", needs="server")
def search_show_more(ctx) -> list[str] | None:
    if not ctx.has("en", "search", "index.html"):
        return None
    return search_more_problems(ctx.driver(), ctx.origin, "en", "curriculum")


@check("search: the 'needs JavaScript' message exists only without JavaScript", concern="search",
       group="browser", needs="server")
def search_noscript(ctx) -> None:
    for lang in ("en", "fr"):
        if ctx.has(lang, "search", "index.html"):
            visitorlib.set_viewport(ctx.driver(), 1280, 900, False)
            ctx.run(f"search: the 'needs JavaScript' message of /{lang}/search/ exists only without JavaScript",
                    noscript_problems, ctx.driver(), ctx.origin, f"/{lang}/search/")


@check("search: back/forward-cache restore closes the header suggestions", concern="search", group="browser",
       needs="server")
def search_bfcache(ctx) -> list[str]:
    return bfcache_problems(ctx.driver(), ctx.origin)


@check("search: the first letters of a word suggest the page of that name", concern="search", group="browser",
       needs="server")
def search_prefix_suggestions(ctx) -> None:
    # A visitor trial: "curric" listed five partner pages that say "curricula" once, not the Curriculum page.
    for lang, prefix, want in (("en", "curric", "/en/curriculum/"), ("fr", "curric", "/fr/curriculum/"),
                               ("de", "curric", "/de/curriculum/")):
        if ctx.has(want.strip("/"), "index.html"):
            ctx.run(f"search: typing {prefix!r} on /{lang}/ suggests {want}", suggestion_prefix_problems,
                    ctx.driver(), ctx.origin, lang, prefix, want)


@check("search: a misspelt word shows the corrected word's results and a link to the words as typed",
       concern="search", group="browser", needs="server")
def search_typos(ctx) -> list[str] | None:
    if not (ctx.has("en", "search", "index.html") and ctx.has("fr", "search", "index.html")):
        return None
    return typo_problems(ctx.driver(), ctx.origin)
