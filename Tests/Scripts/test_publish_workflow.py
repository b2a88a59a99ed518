"""Tests .github/workflows/publish.yml: the choice between GitHub Pages and rsync, the Pages jobs'
actions and permissions, and its shell steps run here (the choice, the Pages base-path guard,
the QR ledger warning with the real generator, the secrets check, and rsync over a stand-in ssh
that runs rsync's remote side on this machine); and that README.md's "Publishing" section names
every secret the workflow reads.

The build step needs the generator: INTERACT_SITE names the binary (`make workflow-test` sets
it); without it that test is skipped.
"""
import json
import os
import re
import stat
import sys
import tempfile
import textwrap
import unittest

import workflow_runner
from test_content_workflow import copy_site, write

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
WORKFLOW = os.path.join(ROOT, ".github", "workflows", "publish.yml")
BINARY = os.environ.get("INTERACT_SITE")
SECRETS = {
    "DEPLOY_HOST": "deploy.example.org",
    "DEPLOY_USER": "publisher",
    "DEPLOY_SSH_KEY": "-----BEGIN OPENSSH PRIVATE KEY-----\nnot a real key\n-----END OPENSSH PRIVATE KEY-----",
    "DEPLOY_KNOWN_HOSTS": "deploy.example.org ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFakeHostKeyForTheTest",
    "DEPLOY_PORT": "",
}

# Stands in for ssh: records how it was called and what the key and known_hosts files held, then
# runs the remote command (rsync's server side) here, as sshd would on the server.
FAKE_SSH = textwrap.dedent(
    """\
    #!PYTHON
    import json, os, subprocess, sys
    args = sys.argv[1:]
    options, index = [], 0
    while index < len(args) and args[index].startswith("-"):
        if args[index] in ("-i", "-p", "-o", "-l", "-F", "-J", "-E"):
            options.append([args[index], args[index + 1]])
            index += 2
        else:
            options.append([args[index]])
            index += 1
    host, command = args[index], args[index + 1:]
    files = {}
    for option in options:
        if option[0] == "-i":
            files["key"] = open(option[1]).read()
            files["key_mode"] = oct(os.stat(option[1]).st_mode & 0o777)
        if option[0] == "-o" and option[1].startswith("UserKnownHostsFile="):
            files["known_hosts"] = open(option[1].split("=", 1)[1]).read()
    with open(os.environ["FAKE_SSH_LOG"], "a") as log:
        log.write(json.dumps({"options": options, "host": host, "files": files}) + "\\n")
    sys.exit(subprocess.call(["sh", "-c", " ".join(command)]))
    """
).replace("PYTHON", sys.executable)


def uses(job, action):
    return [step for step in job["steps"] if str(step.get("uses", "")).startswith(action + "@")]


class PublishWorkflowShapeTests(unittest.TestCase):
    def setUp(self):
        self.workflow = workflow_runner.load(WORKFLOW)
        self.jobs = self.workflow["jobs"]

    def test_runs_on_pushes_to_main_and_on_demand(self):
        self.assertEqual(self.workflow["on"]["push"]["branches"], ["main"])
        self.assertIn("workflow_dispatch", self.workflow["on"])
        self.assertEqual(self.workflow["permissions"], {"contents": "read"})

    def test_builds_with_make_site(self):
        [step] = [step for step in self.jobs["build"]["steps"] if step.get("id") == "site"]
        self.assertRegex(step["run"], r"(?m)^\s*make site$")

    def test_github_pages_path_uses_the_official_actions(self):
        build = self.jobs["build"]
        pages_only = "steps.method.outputs.method == 'pages'"
        [configure] = uses(build, "actions/configure-pages")
        [upload] = uses(build, "actions/upload-pages-artifact")
        self.assertEqual((configure["if"], upload["if"]), (pages_only, pages_only))
        self.assertEqual(upload["with"]["path"], "site")
        deploy = self.jobs["deploy-pages"]
        self.assertEqual(deploy["needs"], "build")
        self.assertEqual(deploy["if"], "needs.build.outputs.method == 'pages'")
        self.assertEqual(deploy["permissions"], {"pages": "write", "id-token": "write"})
        self.assertEqual(deploy["environment"]["name"], "github-pages")
        [action] = uses(deploy, "actions/deploy-pages")
        self.assertEqual(deploy["environment"]["url"], "${{ steps.%s.outputs.page_url }}" % action["id"])
        self.assertEqual(build["outputs"]["method"], "${{ steps.method.outputs.method }}")

    def test_rsync_path_gets_the_site_from_the_build(self):
        build, deploy = self.jobs["build"], self.jobs["deploy-rsync"]
        [upload] = uses(build, "actions/upload-artifact")
        self.assertEqual(upload["if"], "steps.method.outputs.method == 'rsync'")
        [download] = uses(deploy, "actions/download-artifact")
        self.assertEqual((download["with"]["name"], download["with"]["path"]), (upload["with"]["name"], "site"))
        self.assertEqual(deploy["if"], "needs.build.outputs.method == 'rsync'")
        self.assertNotIn("permissions", deploy)  # only contents: read, from the workflow

    def test_readme_documents_every_secret(self):
        with open(WORKFLOW, encoding="utf-8") as handle:
            secrets = set(re.findall(r"secrets\.(\w+)", handle.read()))
        self.assertEqual(secrets, set(SECRETS) | {"DEPLOY_PATH"})
        with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as handle:
            readme = handle.read()
        publishing = readme.split("## Publishing", 1)[1].split("\n## ", 1)[0]
        for secret in secrets:
            self.assertIn(f"`{secret}`", publishing, secret)
        for words in [".github/workflows/publish.yml", "GitHub Pages", "rsync", "custom domain"]:
            self.assertIn(words, publishing)


class PublishWorkflowRunTests(unittest.TestCase):
    def setUp(self):
        self.workflow = workflow_runner.load(WORKFLOW)
        self.temp = tempfile.TemporaryDirectory()
        self.workspace = os.path.join(self.temp.name, "workspace")
        os.makedirs(self.workspace)

    def tearDown(self):
        self.temp.cleanup()

    def expressions(self, secrets=None, base_path=""):
        values = {f"secrets.{name}": value for name, value in (secrets or {}).items()}
        for name in list(SECRETS) + ["DEPLOY_PATH"]:
            values.setdefault(f"secrets.{name}", "")
        values["steps.pages.outputs.base_path"] = base_path
        values["steps.pages.outputs.base_url"] = "https://example.github.io" + base_path
        return values

    def build(self, secrets=None, base_path=""):
        return workflow_runner.run_job(
            self.workflow, "build", self.workspace, self.expressions(secrets, base_path), skip=("make", "site")
        )

    def test_without_deploy_host_it_publishes_to_github_pages(self):
        run = self.build()
        self.assertEqual(run.failed(), [])
        self.assertEqual(run.by_id("method").outputs, {"method": "pages"})
        self.assertEqual(run.by_name("Check that Pages serves the site at the root of its host").outcome, "success")
        self.assertEqual(run.by_name("Upload the site for rsync").outcome, "skipped")

    def test_with_deploy_host_it_publishes_with_rsync(self):
        run = self.build({"DEPLOY_HOST": "deploy.example.org"})
        self.assertEqual(run.by_id("method").outputs, {"method": "rsync"})
        self.assertEqual(run.by_id("pages").outcome, "skipped")
        self.assertEqual(run.by_name("Upload the site for GitHub Pages").outcome, "skipped")
        self.assertEqual(run.by_name("Upload the site for rsync").outcome, "success")

    def test_pages_under_a_path_stops_the_build(self):
        run = self.build(base_path="/interact-site")
        guard = run.by_name("Check that Pages serves the site at the root of its host")
        self.assertEqual(guard.outcome, "failure")
        self.assertIn("::error::GitHub Pages would serve the site under a path (https://example.github.io/interact-site)",
                      guard.stdout)
        self.assertEqual(run.by_id("site").outcome, "skipped")

    @unittest.skipUnless(BINARY, "INTERACT_SITE (the generator binary) is not set: make workflow-test sets it")
    def test_build_warns_when_the_qr_ledger_on_main_is_not_up_to_date(self):
        copy_site(self.workspace, BINARY)
        bin_dir = os.path.join(self.temp.name, "bin")
        # `make site` stands for the Makefile's recipe: the generator, into site/.
        write(bin_dir, "make", f'#!/bin/sh\n[ "$1" = site ] && exec "{os.path.abspath(BINARY)}" build --source . --output site --quiet\nexit 2\n')
        os.chmod(os.path.join(bin_dir, "make"), 0o755)
        path = {"PATH": bin_dir + os.pathsep + os.environ["PATH"]}
        run = workflow_runner.run_job(self.workflow, "build", self.workspace, self.expressions(), skip=("make",), extra_env=path)
        self.assertEqual(run.failed(), [])
        self.assertTrue(os.path.isfile(os.path.join(self.workspace, "site", "en", "index.html")))
        self.assertNotIn("::warning", run.by_id("site").stdout)

        write(self.workspace, "content/news/unlisted.md", '---\ntitle: "New"\ndescription: "d"\ndate: 2024-06-01\n---\n\nText.\n')
        run = workflow_runner.run_job(self.workflow, "build", self.workspace, self.expressions(), skip=("make",), extra_env=path)
        self.assertEqual(run.failed(), [])
        self.assertIn("::warning file=content/_qr.yaml::", run.by_id("site").stdout)

    def deploy(self, secrets):
        site = os.path.join(self.workspace, "site")
        write(site, "index.html", "home")
        write(site, "en/index.html", "en")
        write(site, "css/site.0123abcd.css", "body{}")
        bin_dir = os.path.join(self.temp.name, "bin")
        write(bin_dir, "ssh", FAKE_SSH)
        os.chmod(os.path.join(bin_dir, "ssh"), 0o755)
        log = os.path.join(self.temp.name, "ssh.log")
        env = {"PATH": bin_dir + os.pathsep + os.environ["PATH"], "FAKE_SSH_LOG": log}
        run = workflow_runner.run_job(self.workflow, "deploy-rsync", self.workspace, self.expressions(secrets), extra_env=env)
        calls = []
        if os.path.exists(log):
            with open(log) as handle:
                calls = [json.loads(line) for line in handle]
        return run, calls

    def test_rsync_copies_the_site_over_ssh_and_removes_what_is_gone(self):
        server = os.path.join(self.temp.name, "server", "www")
        write(server, "old/index.html", "a page the site no longer has")
        write(server, "en/index.html", "stale")
        secrets = dict(SECRETS, DEPLOY_PATH=server + "/", DEPLOY_PORT="2222")
        run, calls = self.deploy(secrets)
        self.assertEqual(run.failed(), [], "\n".join(step.stderr for step in run.steps))
        with open(os.path.join(server, "en", "index.html")) as handle:
            self.assertEqual(handle.read(), "en")
        self.assertTrue(os.path.isfile(os.path.join(server, "css", "site.0123abcd.css")))
        self.assertFalse(os.path.exists(os.path.join(server, "old")))
        self.assertEqual(stat.S_IMODE(os.stat(os.path.join(server, "index.html")).st_mode), 0o644)
        self.assertEqual(stat.S_IMODE(os.stat(os.path.join(server, "en")).st_mode), 0o755)
        [call] = calls
        options = [" ".join(option) for option in call["options"]]
        self.assertIn(call["host"], ("deploy.example.org", "publisher@deploy.example.org"))
        if call["host"] == "deploy.example.org":
            self.assertIn("-l publisher", options)
        for option in ["-p 2222", "-o BatchMode=yes", "-o StrictHostKeyChecking=yes", "-o IdentitiesOnly=yes"]:
            self.assertIn(option, options)
        self.assertEqual(call["files"]["key"], SECRETS["DEPLOY_SSH_KEY"] + "\n")
        self.assertEqual(call["files"]["key_mode"], "0o600")
        self.assertEqual(call["files"]["known_hosts"], SECRETS["DEPLOY_KNOWN_HOSTS"] + "\n")
        # The key does not outlive the step.
        key_file = next(option[1] for option in call["options"] if option[0] == "-i")
        self.assertFalse(os.path.exists(key_file))

    def test_the_default_port_is_22(self):
        secrets = dict(SECRETS, DEPLOY_PATH=os.path.join(self.temp.name, "server"))
        run, [call] = self.deploy(secrets)
        self.assertEqual(run.failed(), [])
        self.assertIn(["-p", "22"], call["options"])

    def test_a_missing_secret_stops_before_rsync(self):
        secrets = dict(SECRETS, DEPLOY_PATH="/srv/site", DEPLOY_KNOWN_HOSTS="", DEPLOY_USER="")
        run, calls = self.deploy(secrets)
        check = run.by_id("secrets")
        self.assertEqual(check.outcome, "failure")
        self.assertIn("also needs these secrets: DEPLOY_USER DEPLOY_KNOWN_HOSTS", check.stdout)
        self.assertEqual(run.by_id("rsync").outcome, "skipped")
        self.assertEqual(calls, [])


if __name__ == "__main__":
    unittest.main()
