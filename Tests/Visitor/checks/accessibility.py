"""Representative pages in headless Chromium: axe-core, third-party requests, console errors, landmarks, the CSP."""

from __future__ import annotations

import json
import os
import time
import urllib.parse

import visitorlib

from . import check



AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


AXE_RUN = """
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})
  .then(r => done({violations: r.violations.map(v => ({
      id: v.id, impact: v.impact, help: v.help, count: v.nodes.length,
      html: v.nodes.length ? v.nodes[0].html : '',
      target: v.nodes.length ? JSON.stringify(v.nodes[0].target) : '',
      summary: v.nodes.length ? (v.nodes[0].failureSummary || '') : ''}))}))
  .catch(e => done({error: String(e && e.stack || e)}));
"""


def browser_checks(res, site: str, pages: list[tuple[str, str]], origin: str) -> None:
    with open(visitorlib.AXE_JS, encoding="utf-8") as f:
        axe_source = f.read()
    driver = visitorlib.chromium(performance_log=True)
    try:
        driver.execute_cdp_cmd("Network.enable", {})
        driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})
        for vp_name, w, h, mobile in visitorlib.VIEWPORTS:
            visitorlib.set_viewport(driver, w, h, mobile)
            vp = f"{vp_name} {w}x{h}"
            for label, url in pages:
                driver.get_log("performance")  # drain
                driver.get_log("browser")
                driver.delete_all_cookies()
                driver.get(origin + url)
                visitorlib.wait_loaded(driver)
                time.sleep(0.2)
                perf = driver.get_log("performance")
                console = driver.get_log("browser")
                landed = urllib.parse.urlsplit(driver.current_url).path
                if landed != urllib.parse.urlsplit(url).path:
                    # A script sent the visitor on (/ → /en/). Check the page itself as seen
                    # without JavaScript; the requests of both loads count.
                    if vp_name == visitorlib.VIEWPORTS[0][0]:
                        res.note(f"{url} redirects to {landed} by script; checking {url} "
                                 "with its scripts blocked")
                    driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": ["*.js", "*.mjs"]})
                    try:
                        driver.get(origin + url)
                        visitorlib.wait_loaded(driver)
                        time.sleep(0.2)
                        perf += driver.get_log("performance")
                        console += [e for e in driver.get_log("browser")
                                    if "ERR_BLOCKED_BY_CLIENT" not in e.get("message", "")]
                    finally:
                        driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": []})
                    landed = urllib.parse.urlsplit(driver.current_url).path
                    if landed != urllib.parse.urlsplit(url).path:
                        res.record(f"a11y {url} ({label}, {vp})", [f"cannot stay on {url}: lands on {landed}"])
                        continue
                cookie = driver.execute_script("return document.cookie")
                res.run(f"third-party {url} ({label}, {vp})", third_party_problems, perf, origin, cookie)
                res.run(f"console {url} ({label}, {vp})", console_problems, console, url)
                res.run(f"a11y {url} ({label}, {vp})", axe_problems, driver, axe_source)
                res.run(f"landmarks {url} ({label}, {vp}): no two of one role share a name", landmark_problems,
                        driver)
    finally:
        driver.quit()


def csp_control_problems(site: str, origin: str) -> list[str]:
    """The console check must be able to see a CSP violation, or its silence proves nothing: a
    page with an inline script and style, served by the same nginx, must be refused by the CSP."""
    name = f"csp-control-{os.getpid()}.html"
    path = os.path.join(site, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write('<!DOCTYPE html><html lang="en"><title>CSP control</title>'
                '<script>document.title = "inline script ran"</script>'
                '<p style="color: red">inline style</p></html>')
    driver = visitorlib.chromium()
    try:
        driver.get_log("browser")
        driver.get(f"{origin}/{name}")
        visitorlib.wait_loaded(driver)
        time.sleep(0.2)
        console = " ".join(e.get("message", "") for e in driver.get_log("browser"))
        problems = []
        if driver.title == "inline script ran":
            problems.append("an inline script ran: the Content-Security-Policy does not forbid it")
        if "Content Security Policy" not in console:
            problems.append("no CSP violation in the console for an inline script and style: "
                            "the console check could not see one either")
        return problems
    finally:
        driver.quit()
        os.remove(path)


def third_party_problems(perf: list[dict], origin: str, cookie: str) -> list[str]:
    problems, seen = [], set()
    for entry in perf:
        try:
            msg = json.loads(entry["message"])["message"]
        except (KeyError, ValueError):
            continue
        if msg.get("method") != "Network.requestWillBeSent":
            continue
        u = msg["params"]["request"]["url"]
        if u.startswith(("data:", "blob:", "about:")):
            continue
        p = urllib.parse.urlsplit(u)
        if f"{p.scheme}://{p.netloc}" != origin and u not in seen:
            seen.add(u)
            problems.append(f"request to another origin: {u} (type {msg['params'].get('type', '?')})")
    if cookie:
        problems.append(f"document.cookie is not empty: {cookie!r}")
    return problems


def console_problems(console: list[dict], url: str) -> list[str]:
    return [f"console {e.get('level')}: {e.get('message', '')[:400]}"
            for e in console if e.get("level") == "SEVERE"]


def axe_problems(driver, axe_source: str) -> list[str]:
    driver.execute_script(axe_source)
    r = driver.execute_async_script(AXE_RUN, AXE_TAGS)
    if r is None or "error" in r:
        raise RuntimeError(f"axe.run failed: {r and r.get('error')}")
    return [f"{v['id']} ({v['impact']}): {v['help']}; {v['count']} node(s); first: {v['html'][:300]} "
            f"target {v['target']}" for v in r["violations"]]


LANDMARKS_JS = r"""
function name(e) {
  const by = e.getAttribute('aria-labelledby');
  if (by) return by.split(/\s+/).map(id => { const t = document.getElementById(id); return t ? t.textContent : ''; })
                 .join(' ').trim().replace(/\s+/g, ' ');
  return (e.getAttribute('aria-label') || e.getAttribute('title') || '').trim();
}
const out = [];
for (const e of document.querySelectorAll('header, footer, nav, main, aside, form, section, [role]')) {
  if (!e.getClientRects().length || e.closest('[aria-hidden=true]')) continue;  // not rendered
  let role = e.getAttribute('role');
  const n = name(e);
  if (!role) {
    const scoped = e.parentElement && e.parentElement.closest('article, aside, main, nav, section');
    role = {header: scoped ? null : 'banner', footer: scoped ? null : 'contentinfo', nav: 'navigation',
            main: 'main', aside: 'complementary', form: n ? 'form' : null, section: n ? 'region' : null}[e.localName];
  }
  if (['banner', 'complementary', 'contentinfo', 'form', 'main', 'navigation', 'region', 'search'].includes(role))
    out.push([role, n, e.outerHTML.slice(0, 80)]);
}
return out;
"""


def landmark_problems(driver) -> list[str]:
    """No two landmarks of the same role with the same accessible name (both unnamed counts)."""
    seen: dict[tuple[str, str], str] = {}
    problems = []
    for role, name, html in driver.execute_script(LANDMARKS_JS):
        key = (role, name.casefold())
        if key in seen:
            problems.append(f"two {role} landmarks named {name!r}: {seen[key]} and {html}")
        else:
            seen[key] = html
    return problems


@check("representative pages exist", concern="pages", group="browser", needs="server")
def representative_pages(ctx) -> list[str]:
    """One page per layout for the browser checks (the root, a language home, a section, a partner, …)."""
    ctx.browser_pages()
    for n in ctx.state["page notes"]:
        ctx.note(n)
    ctx.note("browser pages: " + ", ".join(ctx.state["picked pages"]))
    return ctx.state["missing pages"]


@check("browser: headless Chromium runs", concern="pages", group="browser", needs="server")
def pages_in_browser(ctx) -> list[str]:
    """`a11y`, `third-party`, `console` and `landmarks` for each representative page at both viewports."""
    browser_checks(ctx.res, ctx.site, ctx.browser_pages(), ctx.origin)
    return []


@check("csp: an inline script and style are refused and reported", concern="pages", group="browser",
       needs="nginx")
def csp_refuses_inline(ctx) -> list[str]:
    return csp_control_problems(ctx.site, ctx.origin)


@check("visitor reports: headless Chromium runs", concern="pages", group="browser", needs="server")
def shared_browser(ctx) -> list[str]:
    """Starts the Chromium the checks of visitors' reports share (language menu, focus, layout, …)."""
    ctx.driver()
    return []
