"""The facts at the top of a page (the partner's name, country, work packages, …) read as a visitor reads them."""

from __future__ import annotations

import os
import re

from . import check
from .site import url_of

DD = re.compile(r"<dl class=\"facts\">(.*?)</dl>", re.S)
ITEM = re.compile(r"<dt>([^<]*)</dt><dd>(.*?)</dd>", re.S)
TAG = re.compile(r"<[^>]+>")


@check("facts: a fact with several values separates them", concern="facts", group="links")
def fact_lists_are_separated(ctx) -> list[str]:
    """A partner in work packages 1, 3 and 6 showed "Work packages 1 3 6" (a visitor trial): values of one
    fact are separated by commas, not by spaces alone."""
    problems, checked = [], 0
    for f in ctx.files:
        if os.path.basename(f) != "index.html":
            continue
        with open(f, encoding="utf-8") as fh:
            text = fh.read()
        for facts in DD.findall(text):
            for label, value in ITEM.findall(facts):
                if value.count("<span") < 2:
                    continue
                checked += 1
                shown = " ".join(TAG.sub("", value).split())
                if re.search(r"\w\s+\w", shown) and "," not in shown:
                    problems.append(f"{url_of(ctx.site, f)}: {label.strip()} reads {shown!r}")
    if not checked:
        problems.append("no fact with several values found: nothing was checked (the site changed: update the check)")
    return problems[:8] + ([f"… and {len(problems) - 8} more"] if len(problems) > 8 else [])
