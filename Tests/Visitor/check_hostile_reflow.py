#!/usr/bin/env python3
"""Hostile content does not widen the page at 320 px: check_hostile_reflow.py BINARY

Copies the site's sources to a temporary folder, adds a partner and a plain page whose title is
12 Greek words, whose text holds a long word (see TEXT_WORD) and a 200-character address, and
whose facts hold that address and a 300-character word as name and short name; builds it, and opens at 320 px, light and
dark, the partner page, the plain page, the partners list and the home page (whose partner strip
shows the card): nothing may scroll sideways or pass the right edge (see checks/reflow.py).
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
from checks.reflow import reflow_problems  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
WORD = "Donaudampfschifffahrtsgesellschaft" * 9  # 306 letters, no break
WORD = WORD[:300]
URL = "https://example.org/" + "a-very-long-path-segment-" * 7 + "x" * (200 - 20 - 25 * 7)
GREEK = ("Ευρωπαϊκός Οργανισμός Διεπιστημονικής Εκπαίδευσης Επαγγελματιών Υγείας στην Ογκολογία "
         "και Φροντίδα Ασθενών Καρκίνου")  # 12 words
assert len(WORD) == 300 and len(URL) == 200 and len(GREEK.split()) == 12


# The search index names a shard file after a word: a word of more than 127 bytes makes a name
# longer than the file system takes (reported to the search work). Until then the 300-character
# word goes in the facts, which are not indexed, and the text gets the longest word the index takes.
TEXT_WORD = WORD[:120]


def page(kind_fields: str) -> str:
    return (f"---\ntitle: \"{GREEK}\"\ndescription: \"{TEXT_WORD}\"\n{kind_fields}---\n\n"
            f"{TEXT_WORD}\n\nSee <{URL}> and [{URL}]({URL}).\n\n| {TEXT_WORD} | {URL} |\n|---|---|\n"
            f"| {GREEK} | {TEXT_WORD} |\n")


def main() -> int:
    binary = os.path.abspath(sys.argv[1])
    work = tempfile.mkdtemp(prefix="hostile-reflow-")
    try:
        for name in ("config.yaml", "content", "themes", "schemas", "data", "glossary", "i18n", "layouts", "static"):
            source = os.path.join(ROOT, name)
            if os.path.isdir(source):
                shutil.copytree(source, os.path.join(work, name))
            elif os.path.isfile(source):
                shutil.copy(source, work)
        with open(os.path.join(work, "content", "partners", "zz-hostile.md"), "w", encoding="utf-8") as f:
            f.write(page(f"name: \"{GREEK} {WORD}\"\nshortName: \"{WORD}\"\ncountry: GR\ntype: other\n"
                         f"website: {URL}\n"))
        with open(os.path.join(work, "content", "zz-hostile-page.md"), "w", encoding="utf-8") as f:
            f.write(page(""))
        out = os.path.join(work, "site")
        build = subprocess.run([binary, "build", "--source", work, "--output", out, "--now", "2026-12-01", "--quiet"],
                               capture_output=True, text=True)
        if build.returncode != 0:
            print(f"FAIL hostile reflow: the build failed:\n{build.stdout}{build.stderr}")
            return 1
        urls = ["/en/partners/zz-hostile/", "/en/zz-hostile-page/", "/en/partners/", "/en/"]
        failed = 0
        with visitorlib.serve(out) as server:
            driver = visitorlib.chromium()
            try:
                for scheme in ("light", "dark"):
                    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {
                        "features": [{"name": "prefers-color-scheme", "value": scheme}]})
                    visitorlib.set_viewport(driver, 320, 640, True)
                    for url in urls:
                        for problem in reflow_problems(driver, server.origin, url):
                            failed += 1
                            print(f"FAIL hostile reflow {url} (320 px, {scheme}): {problem}", flush=True)
            finally:
                driver.quit()
        print(f"hostile reflow: {2 * len(urls) - failed} passed, {failed} failed")
        return 1 if failed else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
