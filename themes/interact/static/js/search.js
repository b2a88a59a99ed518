// Site search: reads the static index the build writes under /<lang>/search/ and ranks pages with
// BM25 weights computed at build time. No third-party code; downloads only the shards a query needs.
(function () {
  "use strict";
  var page = document.getElementById("search-page");
  var headerForm = document.querySelector("form.site-search");
  var base = page ? page.getAttribute("data-index") : headerForm && headerForm.getAttribute("data-index");
  if (!base) return;
  var strings = JSON.parse((page && page.getAttribute("data-strings")) || "{}");
  var form = document.getElementById("search-form");
  var input = document.getElementById("search-input");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var sectionFilter = document.getElementById("search-section");
  var countryFilter = document.getElementById("search-country");
  var moreButton = document.getElementById("search-more");
  var correctedNote = document.getElementById("search-corrected");
  // Set by the "Search instead for …" link (`&exact=1`): the words as typed, no typo correction.
  var literal = false;
  var cache = {};
  // Results shown per page: "Show more" adds as many; the address says how many pages are shown.
  var PAGE = 10;

  // Same folding as the build (TextAnalyzer.fold): lower case, no diacritics, special letters.
  var table = { "ł": "l", "đ": "d", "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "ı": "i", "þ": "th", "ð": "d",
    "ħ": "h", "ŧ": "t", "ŀ": "l", "ς": "σ" };
  function fold(text) {
    var lowered = text.toLowerCase(), out = "";
    for (var i = 0; i < lowered.length; i++) {
      var c = lowered[i];
      out += table[c] !== undefined ? table[c] : c.normalize("NFKD").replace(/\p{Mn}/gu, "");
    }
    return out;
  }
  function words(text) { return (text.match(/[\p{L}\p{N}\p{M}]+/gu) || []).map(fold); }
  function hex(prefix) {
    return Array.from(new TextEncoder().encode(prefix)).map(function (b) {
      return b.toString(16).padStart(2, "0");
    }).join("");
  }
  function get(path) {
    if (!cache[path]) {
      cache[path] = fetch(base + path).then(function (r) { return r.ok ? r.json() : null; });
    }
    return cache[path];
  }
  function format(template, values) {
    return String(template || "").replace(/\{(\w+)\}/g, function (m, k) { return values[k] !== undefined ? values[k] : m; });
  }
  function plural(count) {
    var forms = strings.results || {};
    var category = new Intl.PluralRules(document.documentElement.lang).select(count);
    return format(forms[category] || forms.other || "{count}", { count: count });
  }

  // Separators and forms are compared by code points, as the build sorts them (by UTF-8 bytes).
  function before(a, b) {
    var x = Array.from(a), y = Array.from(b);
    for (var i = 0; i < x.length && i < y.length; i++) {
      if (x[i] !== y[i]) return x[i].codePointAt(0) < y[i].codePointAt(0);
    }
    return x.length < y.length;
  }
  // Shards cover ranges of sorted keys; `separators[i]` starts shard i ("" for the first).
  // The shard that holds `key`, and with `prefix` every further shard that can hold keys starting
  // with it, at most `most` in all.
  function shardNames(separators, key, prefix, most) {
    var low = 0, high = separators.length - 1;
    while (low < high) {
      var middle = (low + high + 1) >> 1;
      if (before(key, separators[middle])) high = middle - 1; else low = middle;
    }
    var names = [], i = low;
    do { names.push(shardName(separators[i], i)); i++; }
    while (prefix && i < separators.length && separators[i].startsWith(key) && !(names.length >= most));
    return names;
  }
  // As RangeShards.fileName: hex of the separator's UTF-8, or n<index> past 48 bytes.
  function shardName(separator, index) {
    if (separator === "") return "_";
    var h = hex(separator);
    return h.length > 96 ? "n" + index : h;
  }
  // A key of a parsed JSON object, never one of Object's own ("constructor" is a word too).
  function own(object, key) {
    return object && Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined;
  }
  // A term's postings as [page, weight, …]: its parts (a frequent term's rest is in files of
  // its own) joined, page gaps added up.
  async function termPostings(shard, term) {
    var lists = [own(shard.p, term) || []];
    if (own(shard.x, term)) {
      lists = lists.concat(await Promise.all(own(shard.x, term).map(function (n) { return get("t/" + n + ".json"); })));
    }
    var out = [];
    lists.forEach(function (list) {
      for (var i = 0, page = 0; list && i < list.length; i += 2) { page += list[i]; out.push(page, list[i + 1]); }
    });
    return out;
  }
  function pagesOf(gaps) {
    var page = 0;
    return gaps.map(function (gap) { return (page += gap); });
  }
  async function loadManifest() {
    var manifest = await get("index.json");
    if (manifest && !manifest.decoded) {
      ["section", "country"].forEach(function (name) {
        (manifest.filters[name] || []).forEach(function (f) { f.pages = pagesOf(f.pages); });
      });
      manifest.decoded = true;
    }
    return manifest;
  }
  // A word of 2 letters is a prefix of words spread over many shards (about 14 for "de" at 10,000
  // pages): its forms are looked up in the first few only, where the word itself is.
  var SHORT_PREFIX_SHARDS = 3;
  // The index's forms that start with `token` (or equal it, with `exact`), each with its terms' postings.
  async function lookup(manifest, token, exact) {
    var most = Array.from(token).length < 3 ? SHORT_PREFIX_SHARDS : Infinity;
    var shards = await Promise.all(shardNames(manifest.t, token, !exact, most).map(function (n) { return get("t/" + n + ".json"); }));
    var found = [];
    shards.forEach(function (shard) {
      if (!shard) return;
      (exact ? (own(shard.f, token) ? [token] : []) : Object.keys(shard.f).filter(function (f) { return f.startsWith(token); }))
        .forEach(function (form) { own(shard.f, form).forEach(function (term) { found.push({ form: form, term: term, shard: shard }); }); });
    });
    await Promise.all(found.map(async function (hit) { hit.postings = await termPostings(hit.shard, hit.term); }));
    return found;
  }
  function addScores(manifest, hits, factorOf, best) {
    // The token is one term, "words that start with it": its rarity is that of the pages holding any
    // of its words, so a rarer longer word ("curricula", on a few pages) does not outrank the pages
    // about the common one ("curriculum") while the visitor is still typing.
    var weights = {};
    hits.forEach(function (hit) {
      var postings = hit.postings, factor = factorOf(hit);
      for (var p = 0; p < postings.length; p += 2) {
        var weight = postings[p + 1] / 100 * factor;
        if (!weights[postings[p]] || weights[postings[p]] < weight) weights[postings[p]] = weight;
      }
    });
    var df = Object.keys(weights).length;
    var idf = Math.log(1 + (manifest.n - df + 0.5) / (df + 0.5));
    for (var d in weights) best[d] = idf * weights[d];
  }

  // Typo tolerance: a word of 5+ letters that matches no form is looked up in the typo index
  // (the build's TypoIndex: forms under their one-letter deletions after the first letter) through
  // its own deletions, and takes the forms one edit away. A word of 8+ letters that finds none
  // takes the forms two edits away (two letters changed or missing, one of each; a swap of two
  // neighbours counts as one edit): long forms are also listed under their first 8 letters with up
  // to two deletions, and the word's first 8 letters with up to two deletions are looked up. A
  // typo in the first letter is not corrected.
  var TYPO_PREFIX = 8; // TypoIndex.prefixLength
  function deletions(word) {
    var letters = Array.from(word), out = [];
    for (var i = 1; i < letters.length; i++) out.push(letters.slice(0, i).concat(letters.slice(i + 1)).join(""));
    return out;
  }
  // Edit distance with swaps of neighbours (optimal string alignment), by code points.
  function distance(a, b) {
    a = Array.from(a); b = Array.from(b);
    var d = [];
    for (var i = 0; i <= a.length; i++) { d.push([i]); }
    for (var j = 1; j <= b.length; j++) d[0][j] = j;
    for (i = 1; i <= a.length; i++) {
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
    return d[a.length][b.length];
  }
  async function typoForms(manifest, token, keys, limit) {
    var names = Array.from(new Set(keys.map(function (k) { return shardNames(manifest.k, k, false)[0]; })));
    var shards = await Promise.all(names.map(function (n) { return get("k/" + n + ".json"); }));
    var candidates = new Set();
    shards.forEach(function (shard) {
      // A shard lists its forms once (`f`) and each key with the numbers of its forms (`k`).
      if (shard) keys.forEach(function (k) { (own(shard.k, k) || []).forEach(function (n) { candidates.add(shard.f[n]); }); });
    });
    var best = [], bestDistance = limit + 1;
    candidates.forEach(function (form) {
      var d = distance(token, form);
      if (d < bestDistance) { best = []; bestDistance = d; }
      if (d === bestDistance) best.push(form);
    });
    return best.sort();
  }
  async function corrections(manifest, token) {
    var length = Array.from(token).length;
    if (!manifest.k || length < 5) return [];
    var first = deletions(token);
    var found = await typoForms(manifest, token, [token].concat(first), 1);
    if (found.length === 0 && length >= 8) {
      var prefix = Array.from(token).slice(0, TYPO_PREFIX).join("");
      var second = new Set([prefix]);
      deletions(prefix).forEach(function (d) {
        second.add(d);
        deletions(d).forEach(function (k) { second.add(k); });
      });
      found = await typoForms(manifest, token, Array.from(second), 2);
    }
    return found;
  }

  // `limit`: how many results get their metadata fetched (the page shows PAGE at a time).
  // `options.exact`: no typo correction (the visitor asked for the words as typed).
  async function search(query, limit, options) {
    var manifest = await loadManifest();
    var phrase = (query.match(/"([^"]+)"/) || [])[1];
    var tokens = words(query).filter(function (t) { return t.length >= 2; });
    // (An index without separators is of an older build: no results rather than an error.)
    if (!manifest || !manifest.t || tokens.length === 0) return { results: [], tokens: tokens, matches: null, manifest: manifest };
    var scores = {}, matched = {}, forms = [];
    var exact = options && options.exact, corrected = null;
    var hitLists = await Promise.all(tokens.map(async function (token, i) {
      var hits = await lookup(manifest, token, false);
      if (hits.length || exact || phrase) return hits;
      // No form starts with the word: the forms it was probably meant to be, the most frequent
      // named in "Showing results for …".
      var guesses = await corrections(manifest, token);
      var typoHits = [].concat.apply([], await Promise.all(guesses.map(function (form) { return lookup(manifest, form, true); })));
      if (!typoHits.length) return typoHits;
      // Of the forms as close, the one on most pages (ties: the first in order) is the correction shown,
      // and the only one searched.
      var pages = new Map();
      typoHits.forEach(function (hit) { pages.set(hit.form, Math.max(pages.get(hit.form) || 0, hit.postings.length)); });
      var chosen = guesses.reduce(function (a, b) { return (pages.get(b) || 0) > (pages.get(a) || 0) ? b : a; });
      corrected = corrected || tokens.slice();
      corrected[i] = chosen;
      typoHits = typoHits.filter(function (hit) { return hit.form === chosen; });
      typoHits.forEach(function (hit) { hit.typo = true; });
      return typoHits;
    }));
    for (var i = 0; i < tokens.length; i++) {
      var token = tokens[i], best = {}, hits = hitLists[i];
      hits.forEach(function (hit) { forms.push(hit.form); });
      // Whole words count fully; prefixes (search as you type) a little less; corrected typos
      // less again, so that pages with the words as typed come first.
      addScores(manifest, hits, function (hit) { return hit.typo ? 0.5 : hit.form === token ? 1 : 0.7; }, best);
      for (var doc in best) {
        scores[doc] = (scores[doc] || 0) + best[doc];
        matched[doc] = (matched[doc] || 0) + 1;
      }
    }
    var allowed = filterSet(manifest);
    var matches = Object.keys(scores).map(Number);
    var ranked = matches.filter(function (d) { return !allowed || allowed.has(d); });
    // Pages with every word first, then by score.
    ranked.sort(function (a, b) { return (matched[b] - matched[a]) || (scores[b] - scores[a]) || (a - b); });
    var shown = ranked.slice(0, limit || PAGE);
    var results = await Promise.all(shown.map(async function (d) {
      var chunk = await get("d/" + Math.floor(d / manifest.chunk) + ".json");
      return chunk ? chunk[d % manifest.chunk] : null;
    }));
    results = results.filter(Boolean);
    if (phrase) {
      var needle = fold(phrase);
      results = results.filter(function (r) {
        return fold([r.t, r.d].concat(r.g.map(function (g) { return g[1] + " " + g[2]; })).join(" ")).indexOf(needle) >= 0;
      });
    }
    return { results: results, total: phrase ? results.length : ranked.length, more: ranked.length > shown.length,
      forms: forms, matches: matches, manifest: manifest, corrected: corrected ? corrected.join(" ") : null };
  }

  function filterSet(manifest) {
    var sets = [];
    [["section", sectionFilter], ["country", countryFilter]].forEach(function (pair) {
      var select = pair[1];
      if (!select || !select.value) return;
      var entry = (manifest.filters[pair[0]] || []).find(function (f) { return f.value === select.value; });
      sets.push(new Set(entry ? entry.pages : []));
    });
    if (sets.length === 0) return null;
    return new Set(Array.from(sets[0]).filter(function (d) { return sets.every(function (s) { return s.has(d); }); }));
  }

  // The segment with the most matching words gives the excerpt and the heading to link to.
  function excerpt(result, forms) {
    var best = null, bestHits = -1;
    result.g.forEach(function (segment) {
      var hits = words(segment[2]).filter(function (w) { return forms.some(function (f) { return w === f || w.startsWith(f); }); }).length;
      if (hits > bestHits) { best = segment; bestHits = hits; }
    });
    var text = best && bestHits > 0 ? best[2] : (result.d || (best ? best[2] : ""));
    var pieces = text.split(/(\s+)/);
    function isHit(piece) {
      var key = fold(piece.replace(/[^\p{L}\p{N}\p{M}]/gu, ""));
      return key.length > 1 && forms.some(function (f) { return key === f || key.startsWith(f); });
    }
    var first = pieces.findIndex(isHit);
    var from = Math.max(0, (first < 0 ? 0 : first) - 16);
    var out = document.createDocumentFragment();
    if (from > 0) out.appendChild(document.createTextNode("… "));
    var to = Math.min(pieces.length, from + 60);
    for (var i = from; i < to; i++) {
      if (isHit(pieces[i])) { var mark = document.createElement("mark"); mark.textContent = pieces[i]; out.appendChild(mark); }
      else out.appendChild(document.createTextNode(pieces[i]));
    }
    if (to < pieces.length) out.appendChild(document.createTextNode(" …"));
    return { fragment: out, anchor: best && best[0] && bestHits > 0 ? "#" + best[0] : "" };
  }

  // For the benchmark and tests: run a query without the page's input.
  window.interactSearch = search;

  // Shows the first `pages` pages of results for the query. The address keeps the query and the
  // number of pages (`?q=…&page=3`), so reload, Back from a result and a bookmark show the same list.
  // `append`: "Show more" was pressed; the new results are added and the first of them gets focus.
  var latest = 0, pagesShown = 1;
  async function run(pages, append) {
    var query = input.value.trim();
    var ticket = ++latest;
    pages = Math.max(1, pages || 1);
    var url = new URL(location.href);
    if (query) url.searchParams.set("q", query); else url.searchParams.delete("q");
    if (query && pages > 1) url.searchParams.set("page", String(pages)); else url.searchParams.delete("page");
    if (query && literal) url.searchParams.set("exact", "1"); else url.searchParams.delete("exact");
    history.replaceState(null, "", url);
    if (!append) list.textContent = "";
    moreButton.hidden = true;
    if (!query) { status.textContent = ""; showCorrection(null, ""); updateCounts(await loadManifest(), null); return; }
    var outcome = await search(query, pages * PAGE, { exact: literal });
    if (ticket !== latest) return;
    showCorrection(outcome.corrected, query);
    pagesShown = pages;
    updateCounts(outcome.manifest, outcome.matches);
    // Unchanged after "Show more": not set again, so it is not announced again.
    var said = outcome.results.length ? plural(outcome.total) : format(strings.none, { query: query });
    if (status.textContent !== said) status.textContent = said;
    var from = append ? list.children.length : 0;
    outcome.results.slice(from).forEach(function (result) {
      var item = document.createElement("li");
      var ex = excerpt(result, outcome.forms || []);
      var link = document.createElement("a");
      link.href = result.u + ex.anchor;
      link.textContent = result.t;
      if (result.l) { link.lang = result.l; link.hreflang = result.l; }
      var heading = document.createElement("h2");
      heading.appendChild(link);
      item.appendChild(heading);
      var meta = document.createElement("p");
      meta.className = "result-meta";
      meta.textContent = result.s + (result.l ? " · " + result.ln : "");
      item.appendChild(meta);
      var text = document.createElement("p");
      if (result.l) text.lang = result.l;
      text.appendChild(ex.fragment);
      item.appendChild(text);
      list.appendChild(item);
    });
    moreButton.hidden = !outcome.more;
    var first = append && list.children[from];
    if (first) first.querySelector("a").focus();
  }

  // "Showing results for “oncology”. Search instead for “oncolgy”": the second a link to the
  // words as typed.
  function showCorrection(corrected, query) {
    if (!correctedNote) return;
    correctedNote.textContent = "";
    correctedNote.hidden = !corrected;
    if (!corrected) return;
    correctedNote.appendChild(document.createTextNode(format(correctedNote.getAttribute("data-showing"), { query: corrected }) + " "));
    var link = document.createElement("a");
    var url = new URL(location.href);
    url.searchParams.set("q", query);
    url.searchParams.delete("page");
    url.searchParams.set("exact", "1");
    link.href = url.pathname + url.search;
    link.textContent = format(correctedNote.getAttribute("data-instead"), { query: query });
    correctedNote.appendChild(link);
  }

  // Each filter option shows how many of the query's matches it keeps (all pages when no query).
  function updateCounts(manifest, matches) {
    if (!manifest) return;
    var matched = matches ? new Set(matches) : null;
    [["section", sectionFilter], ["country", countryFilter]].forEach(function (pair) {
      var select = pair[1];
      if (!select) return;
      (manifest.filters[pair[0]] || []).forEach(function (f, i) {
        var count = matched ? f.pages.filter(function (d) { return matched.has(d); }).length : f.pages.length;
        var option = select.options[i + 1];
        if (option) option.textContent = f.label + " (" + count + ")";
      });
    });
  }

  // The header's search field as an ARIA 1.2 combobox: up to 5 pages suggested as you type;
  // arrow keys move through them, Enter opens one (or the search page), Escape closes the list.
  function combobox(formElement) {
    var box = formElement.querySelector("input");
    var options = document.getElementById(box.getAttribute("aria-controls"));
    var active = -1, ticket = 0, timer = null;
    function close() {
      options.hidden = true;
      options.textContent = "";
      box.setAttribute("aria-expanded", "false");
      box.removeAttribute("aria-activedescendant");
      active = -1;
    }
    function highlight(index) {
      var items = options.querySelectorAll("[role=option]");
      if (items.length === 0) return;
      active = (index + items.length) % items.length;
      items.forEach(function (item, i) { item.setAttribute("aria-selected", i === active ? "true" : "false"); });
      box.setAttribute("aria-activedescendant", items[active].id);
    }
    async function suggest() {
      var query = box.value.trim(), mine = ++ticket;
      if (query.length < 2) { close(); return; }
      var outcome = await search(query);
      if (mine !== ticket) return;
      options.textContent = "";
      outcome.results.slice(0, 5).forEach(function (result, i) {
        var item = document.createElement("li");
        item.id = "site-search-option-" + i;
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", "false");
        item.setAttribute("data-url", result.u);
        item.textContent = result.t;
        if (result.l) item.lang = result.l;
        item.addEventListener("mousedown", function (event) { event.preventDefault(); location.href = result.u; });
        options.appendChild(item);
      });
      var open = outcome.results.length > 0;
      options.hidden = !open;
      box.setAttribute("aria-expanded", open ? "true" : "false");
      active = -1;
      box.removeAttribute("aria-activedescendant");
    }
    box.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(suggest, 150); });
    box.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (options.hidden) return;
        event.preventDefault();
        highlight(active + (event.key === "ArrowDown" ? 1 : -1));
      } else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        location.href = options.querySelectorAll("[role=option]")[active].getAttribute("data-url");
      } else if (event.key === "Escape") {
        close();
      }
    });
    box.addEventListener("blur", function () { setTimeout(close, 100); });
    // Back to this page from the back/forward cache: the suggestions it left open are stale.
    window.addEventListener("pageshow", function (event) { if (event.persisted) { ticket++; close(); } });
  }

  async function fillFilters() {
    var manifest = await loadManifest();
    if (!manifest) return;
    [["section", sectionFilter], ["country", countryFilter]].forEach(function (pair) {
      var select = pair[1];
      if (!select) return;
      (manifest.filters[pair[0]] || []).forEach(function (f) {
        var option = document.createElement("option");
        option.value = f.value;
        option.textContent = f.label + " (" + f.pages.length + ")";
        select.appendChild(option);
      });
      select.closest(".search-filter").hidden = (manifest.filters[pair[0]] || []).length === 0;
    });
  }

  if (headerForm) combobox(headerForm);
  if (!page) return;

  var timer = null;
  function runFromStart() { run(1); }
  input.addEventListener("input", function () { literal = false; clearTimeout(timer); timer = setTimeout(runFromStart, 120); });
  form.addEventListener("submit", function (event) { event.preventDefault(); run(1); });
  [sectionFilter, countryFilter].forEach(function (select) { if (select) select.addEventListener("change", runFromStart); });
  moreButton.addEventListener("click", function () { run(pagesShown + 1, true); });
  form.hidden = false;
  var address = new URL(location.href).searchParams;
  input.value = address.get("q") || "";
  literal = address.get("exact") === "1";
  fillFilters().then(function () { if (input.value) run(parseInt(address.get("page"), 10) || 1); });
})();
