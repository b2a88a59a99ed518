"""Tests .github/workflows/content.yml: what it installs, checks out and uploads, and, with the
real generator, its shell steps run on a copy of the site (a pull request that adds a page and a
translation, one with a content error, one whose base branch does not build).

The run needs the generator: INTERACT_SITE names the binary (`make workflow-test` builds it and
sets it). Without INTERACT_SITE those tests are skipped; with it, a missing binary fails.
"""
import json
import os
import re
import shutil
import subprocess
import tempfile
import unittest

import workflow_runner

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
WORKFLOW = os.path.join(ROOT, ".github", "workflows", "content.yml")
BINARY = os.environ.get("INTERACT_SITE")
# What a source folder of the site holds (the rest of the repository is not needed to build it).
SITE_PARTS = ["config.yaml", "content", "schemas", "themes", "i18n", "static", "layouts"]


def makefile_variable(name):
    with open(os.path.join(ROOT, "Makefile"), encoding="utf-8") as handle:
        # A value may go on over lines ending in a backslash.
        text = handle.read().replace("\\\n", " ")
    for line in text.splitlines():
        match = re.match(rf"^{name}\s*:?=\s*(.*)$", line)
        if match:
            return match.group(1).split()
    raise AssertionError(f"{name} is not in the Makefile")


def copy_site(destination, binary=None):
    """Copies the site's sources; with `binary`, builds them once so that content/_qr.yaml has a
    code for every page, as when the ledger is committed (the tests then do not depend on whether
    the repository's ledger is up to date)."""
    os.makedirs(destination, exist_ok=True)
    for part in SITE_PARTS:
        source = os.path.join(ROOT, part)
        if os.path.isdir(source):
            shutil.copytree(source, os.path.join(destination, part))
        elif os.path.isfile(source):
            shutil.copy2(source, os.path.join(destination, part))
    if binary:
        with tempfile.TemporaryDirectory() as output:
            subprocess.run([binary, "build", "--source", destination, "--output", os.path.join(output, "site"), "--quiet"],
                           check=True, capture_output=True)


def translation_status(binary, source):
    result = subprocess.run([binary, "translations", "--source", source, "--format", "json"],
                            check=True, capture_output=True, text=True)
    return json.loads(result.stdout)


def write(root, relative, text):
    path = os.path.join(root, relative)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)


class ContentWorkflowShapeTests(unittest.TestCase):
    def setUp(self):
        self.workflow = workflow_runner.load(WORKFLOW)
        self.steps = self.workflow["jobs"]["check"]["steps"]

    def uses(self, action):
        return [step for step in self.steps if str(step.get("uses", "")).startswith(action + "@")]

    def test_runs_on_pull_requests_that_touch_the_site(self):
        paths = self.workflow["on"]["pull_request"]["paths"]
        for path in ["content/**", "themes/**", "config.yaml", "scripts/pr-summary.py"]:
            self.assertIn(path, paths)

    def test_installs_every_package_the_makefile_names(self):
        [install] = [step for step in self.steps if step.get("id") == "deps"]
        installed = set(re.findall(r"[\w.+-]+", install["run"].split("apt-get install", 1)[1]))
        for package in makefile_variable("APT_PACKAGES") + ["python3"]:
            self.assertIn(package, installed)

    def test_checks_out_the_pull_request_and_the_base_branch(self):
        checkouts = self.uses("actions/checkout")
        self.assertEqual(sorted(step["with"]["path"] for step in checkouts), ["base", "head"])
        [base] = [step for step in checkouts if step["with"]["path"] == "base"]
        self.assertEqual(base["with"]["ref"], "${{ github.event.pull_request.base.sha }}")

    def test_uploads_the_pull_requests_site(self):
        [upload] = self.uses("actions/upload-artifact")
        self.assertEqual(upload["with"]["path"], "out/site-head")
        self.assertEqual(upload["with"]["name"], "site")
        self.assertEqual(upload["with"].get("if-no-files-found"), "error")

    def test_summary_goes_to_the_job_summary(self):
        summary = [step for step in self.steps if "pr-summary.py" in step.get("run", "")]
        self.assertEqual(len(summary), 1)
        self.assertIn('>> "$GITHUB_STEP_SUMMARY"', summary[0]["run"])


@unittest.skipUnless(BINARY, "INTERACT_SITE (the generator binary) is not set: make workflow-test sets it")
class ContentWorkflowRunTests(unittest.TestCase):
    """The workflow's own scripts, run on copies of the site with the real generator."""

    @classmethod
    def setUpClass(cls):
        if not os.access(BINARY, os.X_OK):
            raise AssertionError(f"INTERACT_SITE={BINARY} is not an executable")
        cls.workflow = workflow_runner.load(WORKFLOW)

    def setUp(self):
        self.temp = tempfile.TemporaryDirectory()
        self.workspace = os.path.join(self.temp.name, "workspace")
        self.base = os.path.join(self.workspace, "base")
        self.head = os.path.join(self.workspace, "head")
        copy_site(self.base, BINARY)
        copy_site(self.head)
        shutil.copy2(os.path.join(self.base, "content", "_qr.yaml"), os.path.join(self.head, "content", "_qr.yaml"))
        # The head is the whole pull request: it carries the summary script and the generator
        # where the skipped `swift build` step puts it.
        os.makedirs(os.path.join(self.head, "scripts"))
        shutil.copy2(os.path.join(ROOT, "scripts", "pr-summary.py"), os.path.join(self.head, "scripts"))
        release = os.path.join(self.head, ".build", "release")
        os.makedirs(release)
        os.symlink(os.path.abspath(BINARY), os.path.join(release, "interact-site"))

    def tearDown(self):
        self.temp.cleanup()

    def run_workflow(self):
        return workflow_runner.run_job(
            self.workflow, "check", self.workspace, skip=("deps", "generator"),
            expressions={"github.event.pull_request.base.sha": "0" * 40},
        )

    def test_a_new_page_and_a_new_translation(self):
        before = translation_status(BINARY, self.base)
        # A news item, translated into the first language after the default one.
        language = before["languages"][0]
        news = '---\ntitle: "A test news item"\ndescription: "For the summary test."\ndate: 2024-06-01\n---\n\nText.\n'
        write(self.head, "content/news/summary-test.md", news)
        translation = f"content/news/summary-test.{language['code']}.md"
        write(self.head, translation, news.replace("A test news item", "Translated"))
        with open(os.path.join(self.head, "content", "_qr.yaml"), encoding="utf-8") as handle:
            committed_ledger = handle.read()

        run = self.run_workflow()

        self.assertEqual([step.step.get("name") for step in run.failed()], [], run_output(run))
        self.assertTrue(all(step.ran or "uses" in step.step or step.step.get("id") in ("deps", "generator")
                            for step in run.steps), run_output(run))
        # The artifact's path holds the pull request's site.
        self.assertTrue(os.path.isfile(os.path.join(self.workspace, "out", "site-head", "en", "index.html")))
        self.assertTrue(os.path.isfile(os.path.join(self.workspace, "out", "site-base", "en", "index.html")))
        summary = run.summary
        self.assertIn("## What this pull request changes on the site", summary)
        self.assertIn("as the artifact `site`", summary)
        # Pages: the news item in English and in its translation's language; the rest of the
        # site only changes where it lists or links them.
        code, name = language["code"], language["name"]
        self.assertRegex(summary, r"\| en \| [1-9]\d* \| \d+ \| 0 \|")
        self.assertRegex(summary, rf"\| {code} \({re.escape(name)}\) \| [1-9]\d* \| \d+ \| 0 \|")
        self.assertRegex(summary, r"- `/en/[^`]*/summary-test/`")
        self.assertRegex(summary, rf"- `/{code}/[^`]*/summary-test/`")
        self.assertNotIn("Removed:", summary)
        # Translations: the news item is translated in that language, missing in the others.
        translated = len(language["translated"])
        self.assertRegex(summary, rf"\| {code} \({re.escape(name)}\) \| {translated} → {translated + 1} \(\+1\) \| ")
        self.assertIn(f"Now translated:\n\n- `{translation}`", summary)
        self.assertIn(f"Now not verified:\n\n- `{translation}`", summary)
        self.assertEqual(summary.count("Now missing:\n\n- `content/news/summary-test.md`"), len(before["languages"]) - 1)
        self.assertIn(f"Pages in the default language (en): {before['total']} → {before['total'] + 1}", summary)
        # QR codes: one new code, for the news item, that the build wrote to the ledger.
        self.assertIn("**Commit `content/_qr.yaml`**", summary)
        self.assertIn("The build gave 1 new page a QR code", summary)
        self.assertRegex(summary, r"\| `[0-9A-Z]{3}` \| page: news/summary-test.md \| `/Q/[0-9A-Z]{3}/` \|")
        with open(os.path.join(self.head, "content", "_qr.yaml"), encoding="utf-8") as handle:
            self.assertNotEqual(handle.read(), committed_ledger)

    def test_an_unchanged_site_changes_nothing(self):
        run = self.run_workflow()
        self.assertEqual(run.failed(), [], run_output(run))
        self.assertIn("No HTML page was added, changed or removed.", run.summary)
        self.assertIn("No change in any language.", run.summary)
        self.assertIn("None: every page already has its code", run.summary)

    def test_a_content_error_is_an_annotation_and_stops_the_job(self):
        write(self.head, "content/news/broken.md",
              '---\ntitle: "Broken"\ndate: 2024-06-01\n---\n\nSee [nothing](../nothing.md).\n')
        run = self.run_workflow()
        check = run.by_name("Check the content")
        self.assertEqual(check.outcome, "failure")
        # A path from the repository's root, as GitHub places annotations (not head/content/...).
        self.assertRegex(check.stdout, r"(?m)^::error file=content/news/broken\.md,line=\d+,col=\d+")
        self.assertEqual(run.by_id("head-site").outcome, "skipped")
        self.assertEqual(run.by_name("Summarise the changes").outcome, "skipped")
        self.assertEqual(run.summary, "")

    def test_a_base_branch_that_does_not_build_still_gets_a_summary(self):
        with open(os.path.join(self.base, "config.yaml"), "a", encoding="utf-8") as handle:
            handle.write("notAKey: 1\n")
        run = self.run_workflow()
        self.assertEqual(run.by_id("base-site").outcome, "failure")
        self.assertEqual([step.step.get("name") for step in run.failed()], ["Build the base branch's site"])
        self.assertIn("The base branch's site could not be built", run.summary)
        self.assertIn("The base branch's translation status could not be read", run.summary)


def run_output(run):
    return "\n".join(
        f"--- {step.step.get('name')}: {step.outcome}\n{step.stdout}{step.stderr}" for step in run.steps if step.ran
    )


if __name__ == "__main__":
    unittest.main()
