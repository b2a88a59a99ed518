"""`nginx -t` on deploy/nginx.conf as shipped, with only its TLS certificate paths (placeholders
marked SET ME) replaced by a self-signed certificate made here, in a temporary folder beside an
unchanged copy of deploy/site.conf. Run by `make nginx-check` (part of `make test`), which
installs nginx and openssl when missing.
"""
import os
import re
import shutil
import subprocess
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEPLOY = os.path.join(ROOT, "deploy")
CERTIFICATE_LINE = re.compile(r"^(\s*)(ssl_certificate|ssl_certificate_key)(\s+)(\S+);(.*)$")


def nginx():
    for candidate in (shutil.which("nginx"), "/usr/sbin/nginx"):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    raise AssertionError("nginx is not installed: `make nginx-check` installs it")


def with_certificates(text, certificate, key):
    """The configuration with every certificate path replaced, and how many were."""
    lines, replaced = [], 0
    for line in text.split("\n"):
        match = CERTIFICATE_LINE.match(line)
        if match:
            indent, directive, space, _, rest = match.groups()
            path = certificate if directive == "ssl_certificate" else key
            line = f"{indent}{directive}{space}{path};{rest}"
            replaced += 1
        lines.append(line)
    return "\n".join(lines), replaced


class NginxExampleTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.temp = tempfile.TemporaryDirectory()
        cls.certificate = os.path.join(cls.temp.name, "fullchain.pem")
        cls.key = os.path.join(cls.temp.name, "privkey.pem")
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=interact-europe.org",
             "-keyout", cls.key, "-out", cls.certificate],
            check=True, capture_output=True,
        )
        with open(os.path.join(DEPLOY, "nginx.conf"), encoding="utf-8") as handle:
            cls.shipped = handle.read()

    @classmethod
    def tearDownClass(cls):
        cls.temp.cleanup()

    def configuration_folder(self, site_conf=True):
        """A folder holding nginx.conf (certificates replaced) and, unless told not to, site.conf."""
        folder = tempfile.mkdtemp(dir=self.temp.name)
        text, _ = with_certificates(self.shipped, self.certificate, self.key)
        with open(os.path.join(folder, "nginx.conf"), "w", encoding="utf-8") as handle:
            handle.write(text)
        if site_conf:
            shutil.copy2(os.path.join(DEPLOY, "site.conf"), folder)
        return os.path.join(folder, "nginx.conf")

    def nginx(self, *arguments):
        return subprocess.run([nginx(), *arguments], capture_output=True, text=True)

    def test_only_the_certificate_placeholders_change(self):
        text, replaced = with_certificates(self.shipped, self.certificate, self.key)
        self.assertEqual(replaced, 4)  # the www redirect's and the site's certificate and key
        changed = [(a, b) for a, b in zip(self.shipped.split("\n"), text.split("\n")) if a != b]
        self.assertEqual(len(changed), 4)
        for original, _ in changed:
            self.assertIn("# SET ME", original)

    def test_nginx_accepts_the_example(self):
        result = self.nginx("-t", "-c", self.configuration_folder())
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("test is successful", result.stderr)

    def test_the_example_includes_the_shipped_site_conf(self):
        # nginx -T prints every file it read: site.conf beside nginx.conf, byte for byte.
        configuration = self.configuration_folder()
        result = self.nginx("-T", "-c", configuration)
        self.assertEqual(result.returncode, 0, result.stderr)
        site_conf = os.path.join(os.path.dirname(configuration), "site.conf")
        self.assertIn(f"# configuration file {site_conf}:\n", result.stdout)
        with open(os.path.join(DEPLOY, "site.conf"), encoding="utf-8") as handle:
            self.assertIn(handle.read(), result.stdout)

    def test_without_site_conf_beside_it_nginx_refuses(self):
        # The test can fail: the include is really read (and relative to the configuration's folder).
        result = self.nginx("-t", "-c", self.configuration_folder(site_conf=False))
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("site.conf", result.stderr)

    def test_every_placeholder_is_marked_and_documented(self):
        for directive in ("server_name", "root", "ssl_certificate", "ssl_certificate_key"):
            for line in self.shipped.split("\n"):
                if re.match(rf"^\s*{directive}\s", line):
                    self.assertIn("# SET ME", line)
        header = self.shipped.split("user ", 1)[0]
        for words in ("server_name", "root", "ssl_certificate", "make nginx-check", "include site.conf"):
            self.assertIn(words, header)
        with open(os.path.join(DEPLOY, "README.md"), encoding="utf-8") as handle:
            readme = handle.read()
        self.assertIn("make nginx-check", readme)
        self.assertNotIn("snippets/interact-site.conf", readme + self.shipped)


if __name__ == "__main__":
    unittest.main()


class ContactEndpointTests(unittest.TestCase):
    """config.yaml's `contact.formAction` (issue 17): the stakeholder page's form posts there, which
    the Content-Security-Policy of deploy/site.conf refuses unless `form-action` names its origin."""

    def test_form_action_lists_the_contact_endpoint(self):
        with open(os.path.join(ROOT, "config.yaml"), encoding="utf-8") as f:
            config = f.read()
        with open(os.path.join(DEPLOY, "site.conf"), encoding="utf-8") as f:
            site_conf = f.read()
        policy = re.search(r"form-action ([^;\"]+)", site_conf)
        self.assertIsNotNone(policy, "deploy/site.conf's CSP has no form-action")
        allowed = policy.group(1).split()
        self.assertIn("'self'", allowed)
        # Only the `contact:` block's formAction (a line `formAction: https://…` under it).
        block = re.search(r"^contact:\s*\n((?:[ \t]+.*\n?)*)", config, re.M)
        action = re.search(r"^\s+formAction:\s*[\"']?(https://[^\s\"'#]+)", block.group(1), re.M) if block else None
        if action is None:
            return  # no endpoint: the form composes an e-mail or is not shown; 'self' is enough
        origin = re.match(r"https://[^/]+", action.group(1)).group(0)
        self.assertIn(origin, allowed,
                      f"config.yaml's contact.formAction posts to {origin}: add it to form-action in deploy/site.conf")
