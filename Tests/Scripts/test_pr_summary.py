"""Unit tests of scripts/pr-summary.py on small sites, translation statuses and QR ledgers made in
temporary folders. Run: python3 -m unittest discover -s Tests/Scripts (part of `make test`)."""
import contextlib
import importlib.util
import io
import json
import os
import subprocess
import sys
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCRIPT = os.path.join(ROOT, "scripts", "pr-summary.py")


def load_script():
    spec = importlib.util.spec_from_file_location("pr_summary", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


pr = load_script()


def write(root, relative, text):
    path = os.path.join(root, relative)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
    return path


def language(code, name, translated=(), missing=(), stale=(), unstamped=(), strings=()):
    """One language as `interact-site translations --format json` writes it."""
    return {
        "code": code,
        "missing": list(missing),
        "missingStrings": list(strings),
        "name": name,
        "stale": list(stale),
        "translated": list(translated),
        "unstamped": list(unstamped),
    }


def status(total, *languages, default="en"):
    return {"defaultLanguage": default, "languages": list(languages), "total": total}


# The ledger as the build writes it (ShortLinkLedger.text).
LEDGER = """# Printed QR codes: each code leads to one page, in the reader's language, forever.
# The build adds a code for every new page. Never change or reuse a code; when a page is
# removed, add `redirect: other-page.md` to its entry so printed copies keep working.
codes:
  - code: DFQ
    page: accessibility.md
  - code: PPM
    key: curriculum
  - code: U44
    page: old.md
    redirect: about/_index.md
"""


class PageAddressTests(unittest.TestCase):
    def test_index_files_are_folders(self):
        self.assertEqual(pr.page_address("index.html"), "/")
        self.assertEqual(pr.page_address("en/index.html"), "/en/")
        self.assertEqual(pr.page_address("fr/partners/eco/index.html"), "/fr/partners/eco/")

    def test_other_files_keep_their_name(self):
        self.assertEqual(pr.page_address("404.html"), "/404.html")
        self.assertEqual(pr.page_address("en/qr/YRU-a5.html"), "/en/qr/YRU-a5.html")

    def test_language_is_the_first_segment_when_it_is_a_language(self):
        languages = {"en", "fr"}
        self.assertEqual(pr.language_of("/fr/partners/", languages), "fr")
        self.assertEqual(pr.language_of("/en/", languages), "en")
        self.assertEqual(pr.language_of("/en/404.html", languages), "en")
        for address in ["/", "/404.html", "/Q/ABC/", "/translation-status/", "/de/x/", "/en.html"]:
            self.assertEqual(pr.language_of(address, languages), pr.NO_LANGUAGE, address)

    def test_without_known_languages_a_code_like_segment_is_a_language(self):
        self.assertEqual(pr.language_of("/de/x/", None), "de")
        self.assertEqual(pr.language_of("/pt-BR/x/", None), "pt-BR")
        self.assertEqual(pr.language_of("/Q/ABC/", None), pr.NO_LANGUAGE)
        self.assertEqual(pr.language_of("/translation-status/", None), pr.NO_LANGUAGE)


class ComparePagesTests(unittest.TestCase):
    def setUp(self):
        self.temp = tempfile.TemporaryDirectory()
        self.base = os.path.join(self.temp.name, "base")
        self.head = os.path.join(self.temp.name, "head")
        for site in (self.base, self.head):
            write(site, "index.html", "<p>languages</p>")
            write(site, "404.html", "<p>not found</p>")
            write(site, "en/index.html", "<p>home</p>")
            write(site, "en/partners/index.html", "<p>partners</p>")
            write(site, "fr/index.html", "<p>accueil</p>")
            write(site, "Q/ABC/index.html", "<p>redirect</p>")
        # head: a page added (en), one changed (fr), one removed (fr), one added outside languages
        write(self.head, "en/partners/eco/index.html", "<p>ECO</p>")
        write(self.head, "fr/index.html", "<p>accueil modifié</p>")
        write(self.base, "fr/old/index.html", "<p>ancien</p>")
        write(self.head, "Q/XYZ/index.html", "<p>redirect</p>")
        # files that are not HTML pages are not pages
        write(self.base, "en/search/index.json", "[1]")
        write(self.head, "en/search/index.json", "[2]")
        write(self.head, "css/site.0123abcd.css", "body{}")

    def tearDown(self):
        self.temp.cleanup()

    def test_added_changed_removed_per_language(self):
        changes = pr.compare_pages(pr.html_pages(self.base), pr.html_pages(self.head), {"en", "fr"})
        self.assertEqual(
            changes,
            {
                "en": {"added": ["/en/partners/eco/"], "changed": [], "removed": []},
                "fr": {"added": [], "changed": ["/fr/"], "removed": ["/fr/old/"]},
                pr.NO_LANGUAGE: {"added": ["/Q/XYZ/"], "changed": [], "removed": []},
            },
        )

    def test_identical_sites_have_no_change(self):
        pages = pr.html_pages(self.base)
        self.assertEqual(pr.compare_pages(pages, dict(pages), {"en", "fr"}), {})

    def test_ignored_pages_never_count(self):
        original = pr.IGNORED_PAGES
        pr.IGNORED_PAGES = frozenset({"fr/index.html"})
        try:
            changes = pr.compare_pages(pr.html_pages(self.base), pr.html_pages(self.head), {"en", "fr"})
        finally:
            pr.IGNORED_PAGES = original
        self.assertEqual(changes["fr"]["changed"], [])

    def test_summary_tables_and_lists(self):
        head_json = write(self.temp.name, "head.json", json.dumps(status(3, language("fr", "Français"))))
        base_json = write(self.temp.name, "base.json", json.dumps(status(3, language("fr", "Français"))))
        text = run_main(
            "--base-site", self.base, "--head-site", self.head,
            "--base-translations", base_json, "--head-translations", head_json,
        )
        self.assertIn("| en | 1 | 0 | 0 |", text)  # the default language's name is not in the status
        self.assertIn("| fr (Français) | 0 | 1 | 1 |", text)
        self.assertIn("| no language (/, /Q/, root files) | 1 | 0 | 0 |", text)
        self.assertIn("- `/en/partners/eco/`", text)
        self.assertIn("- `/fr/old/`", text)
        self.assertNotIn("search", text)
        self.assertIn("No change in any language.", text)
        # languages, then pages outside any language last
        self.assertLess(text.index("| fr (Français)"), text.index("| no language"))

    def test_long_lists_are_cut(self):
        for number in range(5):
            write(self.head, f"en/news/{number}/index.html", "<p>news</p>")
        text = run_main("--base-site", self.base, "--head-site", self.head, "--limit", "2")
        self.assertIn("- … and 4 more", text)  # 6 added in en, 2 shown

    def test_a_base_that_did_not_build_is_said(self):
        text = run_main("--base-site", os.path.join(self.temp.name, "nothing"), "--head-site", self.head)
        self.assertIn("The base branch's site could not be built", text)


class TranslationTests(unittest.TestCase):
    def test_a_new_translation_moves_a_page_from_missing_to_translated(self):
        base = status(2, language("fr", "Français", translated=["a.fr.md"], missing=["b.md"]))
        head = status(2, language("fr", "Français", translated=["a.fr.md", "b.fr.md"], unstamped=["b.fr.md"]))
        [change] = pr.compare_translations(base, head)
        self.assertEqual(change["code"], "fr")
        self.assertEqual(change["lists"]["translated"]["entered"], ["b.fr.md"])
        self.assertEqual((change["lists"]["translated"]["before"], change["lists"]["translated"]["after"]), (1, 2))
        self.assertEqual(change["lists"]["missing"]["left"], ["b.md"])
        self.assertEqual(change["lists"]["unstamped"]["entered"], ["b.fr.md"])

    def test_unchanged_languages_are_left_out_and_new_ones_noted(self):
        fr = language("fr", "Français", translated=["a.fr.md"])
        base = status(1, fr)
        head = status(1, fr, language("de", "Deutsch", missing=["a.md"], strings=["menu.home"]))
        [change] = pr.compare_translations(base, head)
        self.assertEqual((change["code"], change["state"]), ("de", "added"))
        self.assertEqual(change["lists"]["missingStrings"]["entered"], ["menu.home"])

    def test_summary_shows_counts_and_what_changed(self):
        with tempfile.TemporaryDirectory() as temp:
            base = write(temp, "base.json", json.dumps(status(2, language("fr", "Français", translated=["a.fr.md"], missing=["b.md"]))))
            head = write(temp, "head.json", json.dumps(status(3, language("fr", "Français", translated=["a.fr.md"], missing=["b.md", "c.md"], stale=["a.fr.md"]))))
            text = run_main("--base-site", temp, "--head-site", temp, "--base-translations", base, "--head-translations", head)
        self.assertIn("Pages in the default language (en): 2 → 3", text)
        self.assertIn("| fr (Français) | 1 | 1 → 2 (+1) | 0 → 1 (+1) | 0 | 0 |", text)
        self.assertIn("Now stale:", text)
        self.assertIn("- `a.fr.md`", text)
        self.assertIn("Now missing:", text)
        self.assertIn("- `c.md`", text)

    def test_missing_or_broken_status_is_said(self):
        with tempfile.TemporaryDirectory() as temp:
            good = write(temp, "good.json", json.dumps(status(1)))
            broken = write(temp, "broken.json", "{not json")
            text = run_main("--base-site", temp, "--head-site", temp, "--base-translations", broken, "--head-translations", good)
            self.assertIn("The base branch's translation status could not be read (not valid JSON)", text)
            text = run_main("--base-site", temp, "--head-site", temp, "--base-translations", good,
                            "--head-translations", os.path.join(temp, "none.json"))
            self.assertIn("The pull request's translation status could not be read (no such file)", text)


class QRCodeTests(unittest.TestCase):
    def test_the_ledger_as_the_build_writes_it(self):
        self.assertEqual(
            pr.parse_qr_ledger(LEDGER),
            [
                {"code": "DFQ", "page": "accessibility.md"},
                {"code": "PPM", "key": "curriculum"},
                {"code": "U44", "page": "old.md", "redirect": "about/_index.md"},
            ],
        )

    def test_flow_style_quotes_and_comments(self):
        text = 'codes:\n- {code: AAA, page: "a.md"}   # by hand\n- code: \'BBB\'\n  url: https://example.org/#form\n'
        self.assertEqual(
            pr.parse_qr_ledger(text),
            [{"code": "AAA", "page": "a.md"}, {"code": "BBB", "url": "https://example.org/#form"}],
        )

    def test_new_codes_are_those_the_build_added(self):
        after = LEDGER + "  - code: XYZ\n    page: partners/eco.md\n"
        self.assertEqual(pr.new_qr_codes(LEDGER, after), [{"code": "XYZ", "page": "partners/eco.md"}])
        self.assertEqual(pr.new_qr_codes(LEDGER, LEDGER), [])
        self.assertEqual(len(pr.new_qr_codes(None, LEDGER)), 3)  # no ledger committed yet

    def test_summary_reminds_to_commit_the_ledger(self):
        with tempfile.TemporaryDirectory() as temp:
            before = write(temp, "before.yaml", LEDGER)
            after = write(temp, "after.yaml", LEDGER + "  - code: XYZ\n    page: partners/eco.md\n")
            text = run_main("--base-site", temp, "--head-site", temp, "--qr-before", before, "--qr-after", after)
            self.assertIn("| `XYZ` | page: partners/eco.md | `/Q/XYZ/` |", text)
            self.assertIn("**Commit `content/_qr.yaml`**", text)
            self.assertIn("```yaml\n  - code: XYZ\n    page: partners/eco.md\n```", text)
            text = run_main("--base-site", temp, "--head-site", temp, "--qr-before", before, "--qr-after", before)
            self.assertIn("None: every page already has its code", text)
            self.assertNotIn("Commit", text)


class CommandLineTests(unittest.TestCase):
    def test_runs_as_a_program(self):
        with tempfile.TemporaryDirectory() as temp:
            write(temp, "base/en/index.html", "a")
            write(temp, "head/en/index.html", "b")
            result = subprocess.run(
                [sys.executable, SCRIPT, "--base-site", f"{temp}/base", "--head-site", f"{temp}/head", "--artifact", "site"],
                capture_output=True, text=True, check=True,
            )
        self.assertTrue(result.stdout.startswith("## What this pull request changes on the site\n"))
        self.assertIn("as the artifact `site`", result.stdout)
        self.assertIn("| en | 0 | 1 | 0 |", result.stdout)

    def test_markdown_table_cells_are_escaped(self):
        self.assertEqual(pr.cell("a|b"), "a\\|b")
        self.assertEqual(pr.code("a`b"), "`` a`b ``")


def run_main(*argv):
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        pr.main(list(argv))
    return output.getvalue()


if __name__ == "__main__":
    unittest.main()
