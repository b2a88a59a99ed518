#!/usr/bin/env python3
"""Typo tolerance on the search page, as a visitor meets it (issue 19), in headless Chromium
against a built site served by nginx with deploy/site.conf.

usage: check_search_typos.py SITE_DIR

- a misspelt word ("curriculm") shows the corrected word's results, "Showing results for …" in
  the page's language, and a link back to the words as typed;
- that link shows the literal query: no correction, the "no results" message;
- a word spelt right shows no correction; a typo in the first letter is not corrected;
- words of 8 letters or more two edits away are corrected too (checks/search.py, TWO_EDIT_TYPOS);
- the French page says it in French; the no-JavaScript message is still there with scripts off.
Exits 1 on any problem. The same check runs in `make visitor-check` (checks/search.py).
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import visitorlib  # noqa: E402
from checks.search import typo_problems  # noqa: E402


def problems(site: str) -> list[str]:
    found = []
    with visitorlib.serve(site) as server:
        driver = visitorlib.chromium()
        try:
            found = typo_problems(driver, server.origin)
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
