"""Languages named in the reader's language (fallback notices, language badges)."""

from __future__ import annotations

import html
import os
import re

from . import check
from .site import root_language_names, url_of



# The language a fallback notice or badge names, as a reader of the page's language says it.
LANGUAGE_NAMES = {("es", "en"): "inglés", ("fr", "en"): "anglais", ("de", "en"): "Englisch",
                  ("it", "en"): "inglese", ("pl", "en"): "angielski", ("el", "en"): "Αγγλικά"}


def language_name_problems(site: str, files: list[str], config_names: dict[str, str]) -> list[str]:
    """Fallback notices and language badges name the language in the reader's language ("inglés"
    on a Spanish page), not in its own ("English")."""
    problems = []
    checked = 0
    for f in files:
        if os.path.basename(f) != "index.html":
            continue
        with open(f, encoding="utf-8") as fh:
            text = fh.read()
        m = re.search(r'<html lang="([^"]+)"', text)
        if not m:
            continue
        reader = m.group(1)
        items = []
        for notice, content_lang in re.findall(
                r'<p class="fallback-notice"[^>]*>(.*?)</p>\s*<div class="content" lang="([^"]+)"', text, re.S):
            items.append(("fallback notice", notice, content_lang))
        for link_lang, badge in re.findall(r'hreflang="([^"]+)"[^>]*>[^<]*</a>\s*<span class="lang-badge">([^<]*)</span>',
                                           text):
            items.append(("language badge", badge, link_lang))
        for what, shown, lang in items:
            if lang == reader:
                continue
            checked += 1
            want = LANGUAGE_NAMES.get((reader, lang))
            endonym = config_names.get(lang)
            if want and want.casefold() not in html.unescape(shown).casefold():
                problems.append(f"{url_of(site, f)}: {what} {shown.strip()[:90]!r} does not say {want!r}")
            elif not want and endonym and endonym in shown and config_names.get(reader) != endonym:
                problems.append(f"{url_of(site, f)}: {what} {shown.strip()[:90]!r} names {lang} as {endonym!r}, "
                                "its own name, not the reader's")
    if not checked:
        problems.append("no fallback notice or language badge found: nothing was checked")
    return problems[:12] + ([f"… and {len(problems) - 12} more"] if len(problems) > 12 else [])


@check("language names: fallback notices and badges name languages in the reader's language",
       concern="language names", group="links")
def language_names(ctx) -> list[str]:
    return language_name_problems(ctx.site, ctx.files, root_language_names(ctx.site))
