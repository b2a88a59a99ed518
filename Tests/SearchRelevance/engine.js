// Runs the theme's search script (themes/interact/static/js/search.js) in Node against a built
// site folder, with just enough of a browser around it: `fetch` reads the site's files and counts
// their bytes. The script's own `window.interactSearch` answers the queries.
//
// usage: node engine.js SITE_DIR < queries.jsonl > answers.jsonl
//   each input line: {"lang": "en", "query": "…", "exact": false}
//   each output line: {"urls": [top 10 result URLs], "corrected": "…" | null, "bytes": …, "files": …, "ms": …}
"use strict";
const fs = require("fs");
const path = require("path");
const readline = require("readline");

const site = path.resolve(process.argv[2] || "site");
const script = fs.readFileSync(path.join(__dirname, "../../themes/interact/static/js/search.js"), "utf8");

function engine(lang) {
  const stats = { bytes: 0, files: 0 };
  const element = () => ({
    getAttribute: (name) => (name === "data-index" ? `/${lang}/search/` : null),
    querySelector: () => element(),
    addEventListener: () => {},
    setAttribute: () => {},
    removeAttribute: () => {},
  });
  const header = element();
  const context = {
    document: {
      documentElement: { lang },
      getElementById: () => null,
      querySelector: (selector) => (selector === "form.site-search" ? header : null),
    },
    fetch: async (url) => {
      const file = path.join(site, decodeURIComponent(url.split("?")[0]));
      if (!file.startsWith(site) || !fs.existsSync(file)) return { ok: false, json: async () => null };
      const data = fs.readFileSync(file);
      stats.bytes += data.length;
      stats.files += 1;
      return { ok: true, json: async () => JSON.parse(data.toString("utf8")) };
    },
    addEventListener: () => {},
  };
  context.window = context;
  new Function("window", "document", "fetch", script)(context, context.document, context.fetch);
  return { search: context.interactSearch, stats };
}

async function main() {
  const engines = {};
  const lines = readline.createInterface({ input: process.stdin });
  for await (const line of lines) {
    if (!line.trim()) continue;
    const request = JSON.parse(line);
    // A fresh engine per query: each query is measured as the first on a cold cache.
    const { search, stats } = engine(request.lang);
    const started = process.hrtime.bigint();
    const outcome = await search(request.query, 10, { exact: !!request.exact });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    process.stdout.write(JSON.stringify({
      urls: outcome.results.map((r) => r.u), corrected: outcome.corrected || null,
      bytes: stats.bytes, files: stats.files, ms,
    }) + "\n");
    engines[request.lang] = true;
  }
}
main().catch((error) => { console.error(error); process.exit(1); });
