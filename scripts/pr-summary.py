#!/usr/bin/env python3
"""Writes the Markdown job summary of a pull request (see .github/workflows/content.yml).

Compares two built sites, the base branch's and the pull request's, and says:
- which HTML pages were added, changed or removed, per language (a page's language is the first
  segment of its address, /fr/...; other pages, such as /, /404.html and the /Q/ short links, are
  listed under "no language");
- how the translation status changed (the JSON of `interact-site translations --format json`);
- which QR codes the pull request's build added to content/_qr.yaml (the file as committed, then
  as the build left it), with the reminder that the file must be committed.

The build is deterministic (the same input gives byte-identical output), so pages are compared
byte for byte. Python 3 standard library only.

usage: scripts/pr-summary.py --base-site DIR --head-site DIR
           [--base-translations FILE] [--head-translations FILE]
           [--qr-before FILE] [--qr-after FILE] [--artifact NAME] [--limit N]
The summary goes to standard output (the workflow appends it to $GITHUB_STEP_SUMMARY). A missing
input (a base branch whose site did not build, say) is reported in the summary, not an error.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys

# Files, relative to the site's root, whose bytes change on every build whatever the input: none
# at present (the build is deterministic). Kept as the one place to list such a file if one
# appears, so that it never shows as "changed".
IGNORED_PAGES: frozenset[str] = frozenset()

NO_LANGUAGE = ""
# When the translation status is not available: a language code as the site uses them.
LANGUAGE_SEGMENT = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


# --- pages -----------------------------------------------------------------------------------


def html_pages(site: str) -> dict[str, str]:
    """Address → SHA-256 of the bytes, for every HTML page under `site`."""
    pages: dict[str, str] = {}
    for directory, subdirectories, files in os.walk(site):
        subdirectories.sort()
        for name in sorted(files):
            if not name.endswith(".html"):
                continue
            path = os.path.join(directory, name)
            relative = os.path.relpath(path, site).replace(os.sep, "/")
            if relative in IGNORED_PAGES:
                continue
            with open(path, "rb") as handle:
                pages[page_address(relative)] = hashlib.sha256(handle.read()).hexdigest()
    return pages


def page_address(relative: str) -> str:
    """The address a file is served at: `en/partners/index.html` is `/en/partners/`."""
    if relative == "index.html":
        return "/"
    if relative.endswith("/index.html"):
        return "/" + relative[: -len("index.html")]
    return "/" + relative


def language_of(address: str, languages: set[str] | None) -> str:
    """The first segment of the address when it is one of `languages` (or, when these are not
    known, looks like a language code); NO_LANGUAGE otherwise."""
    parts = address.strip("/").split("/")
    if len(parts) < 2 and not address.endswith("/"):
        return NO_LANGUAGE  # a file at the root, e.g. /404.html
    first = parts[0]
    if languages is not None:
        return first if first in languages else NO_LANGUAGE
    return first if LANGUAGE_SEGMENT.match(first) else NO_LANGUAGE


def compare_pages(
    base: dict[str, str], head: dict[str, str], languages: set[str] | None = None
) -> dict[str, dict[str, list[str]]]:
    """Language → {"added", "changed", "removed"} → sorted addresses; languages with no change
    are left out."""
    result: dict[str, dict[str, list[str]]] = {}

    def note(kind: str, address: str) -> None:
        language = language_of(address, languages)
        entry = result.setdefault(language, {"added": [], "changed": [], "removed": []})
        entry[kind].append(address)

    for address in sorted(head):
        if address not in base:
            note("added", address)
        elif base[address] != head[address]:
            note("changed", address)
    for address in sorted(base):
        if address not in head:
            note("removed", address)
    return result


# --- translation status ----------------------------------------------------------------------

STATUS_LISTS = [
    ("translated", "Translated"),
    ("missing", "Missing"),
    ("stale", "Stale"),
    ("unstamped", "Not verified"),
    ("missingStrings", "UI strings missing"),
]


def load_translations(path: str | None) -> tuple[dict | None, str | None]:
    """The parsed status and None, or None and why it could not be read."""
    if not path:
        return None, "not given"
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except FileNotFoundError:
        return None, "no such file"
    except ValueError:
        return None, "not valid JSON"
    except OSError as error:
        return None, error.strerror or error.__class__.__name__
    if not isinstance(data, dict) or not isinstance(data.get("languages"), list):
        return None, "not the JSON of `interact-site translations --format json`"
    return data, None


def languages_in(status: dict | None) -> set[str]:
    if not status:
        return set()
    codes = {language.get("code") for language in status["languages"] if isinstance(language, dict)}
    if isinstance(status.get("defaultLanguage"), str):
        codes.add(status["defaultLanguage"])
    return {code for code in codes if isinstance(code, str)}


def compare_translations(base: dict, head: dict) -> list[dict]:
    """One entry per language whose status changed (or that was added or removed): its code,
    name, the counts before and after per list, and what entered and left each list."""
    def by_code(status: dict) -> dict[str, dict]:
        return {
            language["code"]: language
            for language in status["languages"]
            if isinstance(language, dict) and isinstance(language.get("code"), str)
        }

    before, after = by_code(base), by_code(head)
    changes = []
    for code in sorted(set(before) | set(after)):
        old, new = before.get(code), after.get(code)
        entry = {
            "code": code,
            "name": (new or old).get("name", ""),
            "state": "added" if old is None else "removed" if new is None else "kept",
            "lists": {},
        }
        changed = entry["state"] != "kept"
        for key, _ in STATUS_LISTS:
            old_items = set((old or {}).get(key) or [])
            new_items = set((new or {}).get(key) or [])
            entry["lists"][key] = {
                "before": len(old_items),
                "after": len(new_items),
                "entered": sorted(new_items - old_items),
                "left": sorted(old_items - new_items),
            }
            changed = changed or old_items != new_items
        if changed:
            changes.append(entry)
    return changes


# --- QR codes ----------------------------------------------------------------------------------


def _strip_comment(line: str) -> str:
    # A # that starts the line or follows a space starts a comment (codes and paths hold none).
    return re.sub(r"(^|\s)#.*$", "", line).rstrip()


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value


def parse_qr_ledger(text: str) -> list[dict[str, str]]:
    """The entries of content/_qr.yaml, in order, as written by the build (`- code: X` followed by
    indented `page:`, `key:`, `url:`, `redirect:` lines) or by hand in flow style
    (`- {code: X, page: a.md}`). Entries without a code are left out."""
    entries: list[dict[str, str]] = []
    current: dict[str, str] | None = None
    for raw in text.splitlines():
        line = _strip_comment(raw)
        if not line.strip():
            continue
        item = re.match(r"^\s*-\s+(.*)$", line)
        if item:
            current = {}
            entries.append(current)
            rest = item.group(1).strip()
            if rest.startswith("{") and rest.endswith("}"):
                for part in rest[1:-1].split(","):
                    key, _, value = part.partition(":")
                    if key.strip():
                        current[key.strip()] = _unquote(value)
                continue
            line = rest
        elif not raw[:1].isspace():
            current = None  # a key at the top level, such as `codes:`
            continue
        field = re.match(r"^\s*([A-Za-z]+):\s*(.*)$", line)
        if field and current is not None:
            current[field.group(1)] = _unquote(field.group(2))
    return [entry for entry in entries if entry.get("code")]


def read_text(path: str | None) -> str | None:
    if not path:
        return None
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except FileNotFoundError:
        return None


def new_qr_codes(before: str | None, after: str | None) -> list[dict[str, str]]:
    """Entries in `after` whose code is not in `before` (a missing file has no codes)."""
    known = {entry["code"] for entry in parse_qr_ledger(before or "")}
    return [entry for entry in parse_qr_ledger(after or "") if entry["code"] not in known]


# --- Markdown ----------------------------------------------------------------------------------


def cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def code(text: str) -> str:
    """Inline code that survives backticks in the text."""
    fence = "``" if "`" in text else "`"
    pad = " " if "`" in text else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def bullet_list(items: list[str], limit: int) -> list[str]:
    lines = [f"- {code(item)}" for item in items[:limit]]
    if len(items) > limit:
        lines.append(f"- … and {len(items) - limit} more")
    return lines


def language_label(language: str, names: dict[str, str]) -> str:
    if language == NO_LANGUAGE:
        return "no language (/, /Q/, root files)"
    name = names.get(language)
    return f"{language} ({name})" if name else language


def pages_section(
    base_site: str, head_site: str, status: dict | None, names: dict[str, str], limit: int
) -> list[str]:
    lines = ["### Pages", ""]
    if not os.path.isdir(head_site):
        return lines + ["The pull request's site was not built, so pages cannot be compared.", ""]
    if not os.path.isdir(base_site):
        return lines + ["The base branch's site could not be built, so pages cannot be compared.", ""]
    languages = status and languages_in(status) or None
    changes = compare_pages(html_pages(base_site), html_pages(head_site), languages)
    if not changes:
        return lines + ["No HTML page was added, changed or removed.", ""]
    order = sorted(changes, key=lambda language: (language == NO_LANGUAGE, language))
    lines += ["| Language | Added | Changed | Removed |", "| --- | ---: | ---: | ---: |"]
    for language in order:
        entry = changes[language]
        lines.append(
            f"| {cell(language_label(language, names))} | {len(entry['added'])} | "
            f"{len(entry['changed'])} | {len(entry['removed'])} |"
        )
    lines.append("")
    for language in order:
        entry = changes[language]
        counts = ", ".join(f"{len(entry[kind])} {kind}" for kind in ("added", "changed", "removed") if entry[kind])
        lines += ["<details>", f"<summary>{html_escape(language_label(language, names))}: {counts}</summary>", ""]
        for kind in ("added", "changed", "removed"):
            if entry[kind]:
                lines += [f"{kind.capitalize()}:", ""] + bullet_list(entry[kind], limit) + [""]
        lines += ["</details>", ""]
    return lines


def html_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def translations_section(
    base: dict | None, base_problem: str | None, head: dict | None, head_problem: str | None, limit: int
) -> list[str]:
    lines = ["### Translation status", ""]
    if head is None or base is None:
        which = "pull request's" if head is None else "base branch's"
        problem = head_problem if head is None else base_problem
        return lines + [f"The {which} translation status could not be read ({problem}), so it cannot be compared.", ""]
    changes = compare_translations(base, head)
    total_before, total_after = base.get("total"), head.get("total")
    if total_before != total_after:
        lines += [f"Pages in the default language ({head.get('defaultLanguage', '?')}): {total_before} → {total_after}", ""]
    if not changes:
        return lines + ["No change in any language.", ""]
    header = "| Language | " + " | ".join(title for _, title in STATUS_LISTS) + " |"
    lines += [header, "| --- |" + " ---: |" * len(STATUS_LISTS)]
    for entry in changes:
        label = language_label(entry["code"], {entry["code"]: entry["name"]})
        if entry["state"] != "kept":
            label += f" ({entry['state']})"
        cells = []
        for key, _ in STATUS_LISTS:
            counts = entry["lists"][key]
            before, after = counts["before"], counts["after"]
            cells.append(str(after) if before == after else f"{before} → {after} ({after - before:+d})")
        lines.append(f"| {cell(label)} | " + " | ".join(cells) + " |")
    lines.append("")
    for entry in changes:
        details = []
        for key, title in STATUS_LISTS:
            counts = entry["lists"][key]
            if counts["entered"]:
                details += [f"Now {title.lower()}:", ""] + bullet_list(counts["entered"], limit) + [""]
            if counts["left"]:
                details += [f"No longer {title.lower()}:", ""] + bullet_list(counts["left"], limit) + [""]
        if details:
            label = language_label(entry["code"], {entry["code"]: entry["name"]})
            lines += ["<details>", f"<summary>{html_escape(label)}</summary>", ""] + details + ["</details>", ""]
    return lines


def qr_section(before: str | None, after: str | None, limit: int) -> list[str]:
    lines = ["### New QR codes", ""]
    if after is None:
        return lines + ["`content/_qr.yaml` was not found after the build.", ""]
    added = new_qr_codes(before, after)
    if not added:
        return lines + ["None: every page already has its code in `content/_qr.yaml`.", ""]
    lines += [
        f"The build gave {len(added)} new page{'s' if len(added) != 1 else ''} a QR code and added "
        f"{'them' if len(added) != 1 else 'it'} to `content/_qr.yaml`.",
        "",
        "**Commit `content/_qr.yaml`**: run `interact-site build` (or `make site`) and commit the file it "
        "updates, or add the entries below to it. A code is final once printed; an uncommitted code "
        "may be given to another page later.",
        "",
        "| Code | Leads to | Short link |",
        "| --- | --- | --- |",
    ]
    for entry in added[:limit]:
        target = next((f"{key}: {entry[key]}" for key in ("page", "key", "url", "redirect") if entry.get(key)), "")
        lines.append(f"| {code(entry['code'])} | {cell(target)} | {code('/Q/' + entry['code'] + '/')} |")
    if len(added) > limit:
        lines.append(f"| … | and {len(added) - limit} more | |")
    lines += ["", "```yaml"]
    for entry in added:
        lines.append(f"  - code: {entry['code']}")
        for key in ("page", "key", "url", "redirect"):
            if entry.get(key):
                lines.append(f"    {key}: {entry[key]}")
    return lines + ["```", ""]


def summary(args: argparse.Namespace) -> str:
    base_status, base_problem = load_translations(args.base_translations)
    head_status, head_problem = load_translations(args.head_translations)
    names: dict[str, str] = {}
    for status in (base_status, head_status):
        for language in (status or {}).get("languages", []):
            if isinstance(language, dict) and language.get("code"):
                names[language["code"]] = language.get("name", "")
    status = None
    if base_status or head_status:
        status = {
            "defaultLanguage": (head_status or base_status).get("defaultLanguage"),
            "languages": (base_status or {}).get("languages", []) + (head_status or {}).get("languages", []),
        }
    lines = ["## What this pull request changes on the site", ""]
    if args.artifact:
        lines += [f"The site built from this pull request is attached to this run as the artifact {code(args.artifact)}.", ""]
    lines += pages_section(args.base_site, args.head_site, status, names, args.limit)
    lines += translations_section(base_status, base_problem, head_status, head_problem, args.limit)
    lines += qr_section(read_text(args.qr_before), read_text(args.qr_after), args.limit)
    return "\n".join(lines).rstrip("\n") + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-site", required=True, help="the base branch's built site")
    parser.add_argument("--head-site", required=True, help="the pull request's built site")
    parser.add_argument("--base-translations", help="`interact-site translations --format json` of the base")
    parser.add_argument("--head-translations", help="the same for the pull request")
    parser.add_argument("--qr-before", help="content/_qr.yaml as committed in the pull request")
    parser.add_argument("--qr-after", help="content/_qr.yaml after the pull request's build")
    parser.add_argument("--artifact", help="the name of the uploaded site artifact")
    parser.add_argument("--limit", type=int, default=100, help="longest list shown (default 100)")
    args = parser.parse_args(argv)
    sys.stdout.write(summary(args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
