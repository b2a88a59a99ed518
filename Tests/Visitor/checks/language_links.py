"""Links to a page in another language say so (hreflang and a visible badge)."""

from __future__ import annotations

import visitorlib

from . import check



CROSS_LANGUAGE_LINKS_JS = r"""
const here = document.documentElement.lang;
const out = [];
for (const a of document.querySelectorAll('a[href]')) {
  if (a.closest('.languages')) continue;  // the language switcher names languages itself
  const u = new URL(a.href, location.href);
  if (u.origin !== location.origin) continue;
  const inText = !!a.closest('.content');
  const textLang = here;  // what matters is the reader's language, also in a page shown untranslated
  const m = /^\/([a-z]{2,3}(?:-[a-z]+)?)\//.exec(u.pathname);
  const pathLang = m ? m[1] : null, hl = a.getAttribute('hreflang');
  const other = pathLang && pathLang !== textLang ? pathLang : (hl && hl !== textLang ? hl : null);
  if (!other) continue;
  let badge = null, badgeShown = false;
  if (inText) {
    // The theme's badge after the link text (`a[data-language]::after`).
    const after = getComputedStyle(a, '::after');
    badge = after.content && after.content !== 'none' ? after.content.replace(/^"|"$/g, '') : null;
    badgeShown = !!badge && after.display !== 'none' && after.visibility !== 'hidden';
  } else {
    const item = a.closest('li, p, dd, td') || a.parentElement;
    const element = item.querySelector('.lang-badge');
    badge = element ? element.textContent.trim() : null;
    badgeShown = !!element && element.getClientRects().length > 0 && getComputedStyle(element).visibility !== 'hidden';
  }
  out.push({href: u.pathname, text: a.textContent.trim(), hreflang: hl, pathLang: pathLang, here: textLang,
            inFooter: !!a.closest('footer'), inText: inText, shown: a.getClientRects().length > 0,
            badge: badge, badgeShown: badgeShown});
}
return out;
"""


def cross_language_link_problems(driver, origin: str, url: str, expect_footer: int) -> list[str]:
    """A link to a page in another language (not the language switcher) says so: hreflang and a
    visible language badge beside it, as listings show for untranslated pages."""
    driver.get(origin + url)
    visitorlib.wait_loaded(driver)
    links = driver.execute_script(CROSS_LANGUAGE_LINKS_JS)
    problems = []
    for link in links:
        if link["pathLang"] != link["here"] and link["hreflang"] != link["pathLang"]:
            problems.append(f"link {link['text']!r} to {link['href']} has hreflang={link['hreflang']!r}, "
                            f"expected {link['pathLang']!r}")
        if not link["badge"]:
            problems.append(f"link {link['text']!r} to {link['href']} has no language badge")
        elif link["shown"] and not link["badgeShown"]:
            problems.append(f"link {link['text']!r} to {link['href']}: its language badge is not visible")
    footer = sum(1 for link in links if link["inFooter"])
    if url.startswith("/el/") and url.count("/") == 2 and not any(link["inText"] for link in links):
        problems.append("the Greek home page's text links to an English-only page (funding), "
                        "but no link in the text was found to check (the site changed: update the check)")
    if footer < expect_footer:
        problems.append(f"only {footer} footer link(s) lead to another language, expected {expect_footer} "
                        "(the site changed: update the check)")
    return problems


@check("links to another language are marked (hreflang + badge)", concern="language links", group="browser",
       needs="server")
def links_to_other_languages(ctx) -> None:
    if "el" not in ctx.languages:
        ctx.note("no /el/: links to another language not checked on a Greek page")
        return
    driver = ctx.driver()
    for vp_name, w, h, mobile in visitorlib.VIEWPORTS:
        visitorlib.set_viewport(driver, w, h, mobile)
        ctx.run(f"links to another language are marked (hreflang + badge) on /el/ ({vp_name})",
                cross_language_link_problems, driver, ctx.origin, "/el/", 4)
