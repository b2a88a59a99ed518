"""Focus rings: every focusable element shows one with 3:1 against what is around it."""

from __future__ import annotations

import visitorlib

from . import check
from .browser import _contrast, _hex, _key, _over, _tab



# The focused element, its focus ring colours (outline, and box-shadows that spread outside it) and the
# effective background colours just outside the ring on each side (what is painted there: the element
# found at that point and its ancestors' background colours, composited; an SVG shape's fill counts).
FOCUS_JS = r"""
const el = document.activeElement;
if (!el || el === document.body || el === document.documentElement) return {done: true};
window.__vcSeen = window.__vcSeen || new WeakSet();
if (window.__vcSeen.has(el)) return {done: true};
window.__vcSeen.add(el);
function parse(c) {
  const m = /rgba?\(([^)]+)\)/.exec(c || '');
  if (!m) return null;
  const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number);
  return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
}
function over(top, bottom) { const a = top[3]; return [0, 1, 2].map(i => top[i] * a + bottom[i] * (1 - a)).concat([1]); }
function ownBg(e) {
  const cs = getComputedStyle(e);
  if (e instanceof SVGElement) {
    if (!['rect', 'circle', 'ellipse', 'path', 'polygon'].includes(e.localName) || cs.fill === 'none') return null;
    const f = parse(cs.fill);
    return f && f[3] > 0 ? f : null;
  }
  if (cs.backgroundImage && cs.backgroundImage !== 'none') return null;  // not measurable here
  const b = parse(cs.backgroundColor);
  return b && b[3] > 0 ? b : null;
}
function bgOf(e) {
  const layers = [];
  for (; e; e = e.parentElement) { const b = ownBg(e); if (b) { layers.push(b); if (b[3] >= 1) break; } }
  let c = [255, 255, 255, 1];
  for (let i = layers.length - 1; i >= 0; i--) c = over(layers[i], c);
  return c;
}
const cs = getComputedStyle(el);
const rings = [];
const ow = parseFloat(cs.outlineWidth) || 0;
if (cs.outlineStyle !== 'none' && ow > 0) rings.push(parse(cs.outlineColor));
let extent = 0;
// SVG draws no box-shadow; a focused SVG link may show its focus by its shape's stroke instead.
const svg = el instanceof SVGElement;
const shape = svg ? el.querySelector('rect, circle, ellipse, path, polygon') : null;
if (shape) {
  const ss = getComputedStyle(shape), ctm = shape.getScreenCTM();
  const width = (parseFloat(ss.strokeWidth) || 0) * (ctm ? Math.hypot(ctm.a, ctm.b) : 1);
  const stroke = ss.stroke !== 'none' ? parse(ss.stroke) : null;
  if (stroke && width >= 2) { rings.push(stroke); extent = Math.max(extent, width / 2); }
}
if (!svg && cs.boxShadow && cs.boxShadow !== 'none') {
  for (const part of cs.boxShadow.split(/,(?![^(]*\))/)) {
    const color = parse(part);
    const lengths = (part.replace(/rgba?\([^)]*\)/, '').match(/-?[\d.]+px/g) || []).map(parseFloat);
    const spread = lengths[3] || 0;
    if (color && color[3] > 0 && spread > 0 && !/inset/.test(part)) { rings.push(color); extent = Math.max(extent, spread); }
  }
}
const r = el.getBoundingClientRect();
const outlined = cs.outlineStyle !== 'none' && ow > 0;
const off = Math.max(outlined ? ow + (parseFloat(cs.outlineOffset) || 0) : 0, extent) + 1;  // 1 px outside the ring
const cx = (r.left + r.right) / 2, cy = (r.top + r.bottom) / 2;
const bgs = [];
for (const [x, y] of [[r.left - off, cy], [r.right + off, cy], [cx, r.top - off], [cx, r.bottom + off]]) {
  if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) continue;
  const behind = document.elementsFromPoint(x, y).find(e => e !== el && !el.contains(e));
  if (behind) bgs.push(bgOf(behind));
}
if (!bgs.length) bgs.push(bgOf(el.parentElement || el));
const label = (el.getAttribute('aria-label') || el.textContent || el.getAttribute('href') || el.id || '').trim().replace(/\s+/g, ' ').slice(0, 40);
return {done: false, what: el.localName + (el.id ? '#' + el.id : '') + ' "' + label + '"',
        visible: el.matches(':focus-visible'), rings: rings, bgs: bgs, w: r.width, h: r.height,
        closedToggle: el.localName === 'summary' && !el.parentElement.open};
"""


def focus_ring_problems(driver, origin: str, url: str, open_menus: bool) -> list[str]:
    """Tabs through every focusable element of the page as a keyboard user does; each must match
    :focus-visible and have a focus ring with 3:1 contrast against the background around it."""
    from selenium.webdriver.common.keys import Keys
    driver.get(origin + url)
    visitorlib.wait_loaded(driver)
    driver.execute_script("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)")
    failures: dict[str, list[str]] = {}
    count = 0
    for _ in range(400):
        _tab(driver)
        r = driver.execute_script(FOCUS_JS)
        if r.get("done"):
            break
        count += 1
        if open_menus and r.get("closedToggle"):
            _key(driver, Keys.ENTER)  # open the narrow header's menus, so the links in them are measured too
        if r["w"] == 0 and r["h"] == 0:
            continue  # focus moved to something not drawn (browser quirk); nothing to see
        if not r["visible"]:
            failures.setdefault("focused without :focus-visible", []).append(r["what"])
            continue
        rings = [c for c in r["rings"] if c]
        if not rings:
            failures.setdefault("no focus ring (outline or box-shadow)", []).append(r["what"])
            continue
        worst, worst_bg = 99.0, None
        for bg in r["bgs"]:
            best = max(_contrast(_over(c, bg), bg) for c in rings)
            if best < worst:
                worst, worst_bg = best, bg
        if worst < 3:
            key = (f"focus ring {'+'.join(_hex(c) for c in rings)} has {worst:.2f}:1 against "
                   f"{_hex(worst_bg)} (needs 3:1)")
            failures.setdefault(key, []).append(r["what"])
    problems = [f"{k}: {len(v)} element(s), e.g. {', '.join(v[:3])}" for k, v in failures.items()]
    if count == 0:
        problems.append("Tab reached no element")
    return problems


@check("focus ring: 3:1 on every focusable element", concern="focus", group="browser", needs="server")
def focus_rings(ctx) -> None:
    """Each representative page (not the root, short links, QR sheets, translation status) at both viewports."""
    pages = [u for _, u in ctx.browser_pages() if u != "/" and not u.startswith(("/Q/", "/translation-status"))
             and "/qr/" not in u]
    driver = ctx.driver()
    for vp_name, w, h, mobile in visitorlib.VIEWPORTS:
        visitorlib.set_viewport(driver, w, h, mobile)
        for url in pages:
            ctx.run(f"focus ring: 3:1 on every focusable element of {url} ({vp_name} {w}x{h})",
                    focus_ring_problems, driver, ctx.origin, url, mobile)
