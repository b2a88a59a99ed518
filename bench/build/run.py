#!/usr/bin/env python3
"""`make bench`: interact-site's full build against Hugo, Hugo + Pagefind, and the cmark-gfm floor.

usage: run.py INTERACT_SITE_BINARY [--sizes small,medium] [--runs 3]

Sizes (pages per language × 5 languages): small 200 (1,000 pages), medium 2,000 (10,000: the size of
the issue's reference numbers), large 10,000 (50,000; slow, opt in with --sizes small,medium,large).
For each size: writes the corpus (bench/build/corpus.py), then runs, alternating, `--runs` times each:
  - interact-site build, cold: no previous site, no spare, no .cache/ (as CI on a fresh checkout),
  - interact-site build again over its previous site, without the build cache (.cache/build/ removed),
  - with the build cache warm (a build just made it), after editing one page's body, one page's
    title (the lists that show it change), one template; and with nothing edited,
  - hugo (Debian's 0.111) into an emptied public/ (cold), and again over its previous public/,
  - pagefind (pagefind-bin 1.5.2) over Hugo's output,
  - the floor: the cmark-gfm command converting every Markdown file, two workers (both cores).
Each run's wall time, CPU time (user + system) and peak resident memory come from wait4() on the
process (for the floor, summed CPU and the largest RSS of its processes). Medians go to
bench/results.md with the machine and the ratios against issue 21's targets (cold ≤ 1.0× Hugo's cold
build, previous site ≤ 0.75×, memory ≤ 0.25×, 50,000 pages ≤ 5.5× the 10,000-page time) and issue 8's.
Each edit is new in each run (it carries the run's number), so no build finds it in the cache.
"""
from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SIZES = {"small": 200, "medium": 2000, "large": 10000}
# Measured in this order in each run; "cold" starts from an emptied output folder.
TOOLS = ("interact-site cold", "interact-site", "cache, body edited", "cache, title edited", "cache, template edited",
         "cache, nothing edited", "hugo cold", "hugo", "pagefind", "cmark-gfm")
# What the warm-cache rows edit: a page in the middle of the corpus, and the template of such pages.
EDITED_PAGE = "content/docs/s10/p00010.md"
EDITED_TEMPLATE = "themes/interact/layouts/page.mustache"


def edit(work: str, path: str, change) -> None:
    """Rewrites `path` (relative to `work`) with `change(text)`."""
    full = os.path.join(work, path)
    with open(full, encoding="utf-8") as f:
        text = f.read()
    with open(full, "w", encoding="utf-8") as f:
        f.write(change(text))


def measure(command: list[str], cwd: str) -> dict:
    """Wall, CPU (user+sys of the process and its children) and peak RSS (MB) of one run."""
    # Earlier runs' writes and deletions are flushed first, so a run does not pay for them.
    os.sync()
    started = time.monotonic()
    proc = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.monotonic() - started
    stderr = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({code}): {stderr[-2000:]}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss": usage.ru_maxrss / 1024}


def measure_floor(files: list[str], cwd: str) -> dict:
    """cmark-gfm on every file, one process per file, in two workers (like `xargs -P2`)."""
    script = ("import subprocess, sys\n"
              "for f in sys.argv[1:]:\n"
              "    subprocess.run(['cmark-gfm', '-e', 'table', '-e', 'strikethrough', '-e', 'autolink',\n"
              "                    '-e', 'tasklist', f], stdout=subprocess.DEVNULL, check=True)\n")
    halves = [files[0::2], files[1::2]]
    started = time.monotonic()
    procs = [subprocess.Popen([sys.executable, "-c", script] + half, cwd=cwd) for half in halves]
    cpu = rss = 0.0
    for proc in procs:
        # A worker's usage includes the cmark-gfm processes it waited for.
        _, status, usage = os.wait4(proc.pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            raise RuntimeError("cmark-gfm failed")
        cpu += usage.ru_utime + usage.ru_stime
        rss = max(rss, usage.ru_maxrss / 1024)
    wall = time.monotonic() - started
    return {"wall": wall, "cpu": cpu, "rss": rss}


def machine() -> str:
    model = platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            model = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    memory = ""
    try:
        with open("/proc/meminfo") as f:
            kb = int(next(line.split()[1] for line in f if line.startswith("MemTotal")))
            memory = f", {kb / 1024 / 1024:.0f} GiB"
    except (OSError, StopIteration):
        pass
    return f"{os.cpu_count()} cores ({model}){memory}, {platform.system()} {platform.release()}"


def count_files(folder: str, leaving_out: str = "") -> str:
    """How many files a build left in its output folder (without the subfolder `leaving_out`), as 12,345."""
    skip = os.path.join(folder, leaving_out) if leaving_out else None
    count = sum(len(files) for root, _, files in os.walk(folder)
                if not (skip and (root == skip or root.startswith(skip + os.sep))))
    return f"{count:,}"


def version(command: list[str]) -> str:
    try:
        return subprocess.run(command, capture_output=True, text=True).stdout.strip().splitlines()[0]
    except (OSError, IndexError):
        return "?"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("--sizes", default="small,medium")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    binary = os.path.abspath(args.binary)
    try:
        import pagefind_bin  # pip install pagefind-bin==1.5.2

        pagefind = os.path.join(os.path.dirname(pagefind_bin.__file__), "pagefind")
    except ImportError:
        pagefind = shutil.which("pagefind")
    # What the runs clear is moved here and deleted at the end (see clear()); a trash left by a
    # killed run is deleted first.
    trash = "/tmp/interact-bench-build.trash"
    shutil.rmtree(trash, ignore_errors=True)

    def move_to_trash(path: str) -> None:
        if os.path.lexists(path):
            os.makedirs(trash, exist_ok=True)
            os.rename(path, os.path.join(trash, f"{len(os.listdir(trash))}"))

    results: dict[str, dict[str, list[dict]]] = {}
    outputs: dict[str, dict[str, str]] = {}
    counts: dict[str, int] = {}
    for size in args.sizes.split(","):
        per_language = SIZES[size]
        work = f"/tmp/interact-bench-build-{size}"
        move_to_trash(work)
        subprocess.run([sys.executable, os.path.join(HERE, "corpus.py"), work, str(per_language)], check=True)
        markdown = sorted(os.path.relpath(os.path.join(r, n), work)
                          for r, _, fs in os.walk(os.path.join(work, "content")) for n in fs if n.endswith(".md"))
        counts[size] = len(markdown)
        runs: dict[str, list[dict]] = {name: [] for name in TOOLS}

        def clear(*names: str) -> None:
            # Moved aside, deleted after the last run: this machine's ext4 has no journal, and
            # without one ext4 passes over every inode deleted in the last minutes before it hands
            # out a new one, so a build started right after deleting 80,000 files spent 25-50 s of
            # system time creating its own (3 s otherwise). A fresh checkout has no such deletions.
            for name in names:
                move_to_trash(os.path.join(work, name))

        ours = [binary, "build", "--source", ".", "--output", "site", "--quiet"]
        hugo = ["hugo", "--quiet", "--destination", "public"]
        for run in range(args.runs):
            for name in runs:
                if name == "interact-site cold":
                    clear("site", ".site.spare", ".cache")
                    r = measure(ours, work)
                elif name == "interact-site":
                    # As `make site` run again: over the previous site and the spare the build
                    # before it left (the first rebuild after a cold one has no spare yet), with
                    # the build cache removed.
                    measure(ours, work)
                    clear(".cache/build")
                    r = measure(ours, work)
                elif name.startswith("cache, "):
                    # The cache is warm: the build before this one wrote it, over the same site.
                    measure(ours, work)
                    if name == "cache, body edited":
                        edit(work, EDITED_PAGE, lambda t: t + f"\nA paragraph added in run {run + 1}.\n")
                    elif name == "cache, title edited":
                        edit(work, EDITED_PAGE, lambda t: t.replace('title: "', f'title: "Run {run + 1}, ', 1))
                    elif name == "cache, template edited":
                        edit(work, EDITED_TEMPLATE, lambda t: t + f"<!-- run {run + 1} -->\n")
                    r = measure(ours, work)
                elif name == "hugo cold":
                    clear("public", "resources")
                    r = measure(hugo, work)
                elif name == "hugo":
                    r = measure(hugo, work)
                elif name == "pagefind":
                    if not pagefind:
                        continue
                    if not os.path.isdir(os.path.join(work, "public")):
                        measure(hugo, work)
                    clear(os.path.join("public", "pagefind"))
                    r = measure([pagefind, "--site", "public", "--quiet"], work)
                else:
                    r = measure_floor(markdown, work)
                runs[name].append(r)
                print(f"{size} run {run + 1} {name}: {r['wall']:.2f} s wall, {r['cpu']:.2f} s CPU, "
                      f"{r['rss']:.0f} MB", flush=True)
        results[size] = runs
        outputs[size] = {"interact-site": count_files(os.path.join(work, "site")),
                         "hugo": count_files(os.path.join(work, "public"), leaving_out="pagefind")}
        for name in ("interact-site cold", "cache, body edited", "cache, title edited", "cache, template edited",
                     "cache, nothing edited"):
            outputs[size][name] = outputs[size]["interact-site"]
        outputs[size]["hugo cold"] = outputs[size]["hugo"]

    def med(size: str, name: str, key: str) -> float:
        values = [r[key] for r in results[size].get(name, [])]
        return statistics.median(values) if values else float("nan")

    lines = [
        "# Build benchmark",
        "",
        f"Run of {time.strftime('%Y-%m-%d')} with `make bench` on {machine()}. interact-site release build;"
        f" {version(['hugo', 'version'])}; Pagefind {version([pagefind, '--version']) if pagefind else 'missing'};"
        f" {version(['cmark-gfm', '--version'])}. Medians of {args.runs} alternating runs.",
        "Peak memory is the process's maximum resident set (for the floor, the largest of its processes,"
        " the Python workers that start cmark-gfm included; its CPU includes theirs)."
        " \"cold\" starts from an emptied output folder (and for interact-site no spare and no .cache/),"
        " as CI on a fresh checkout; the other rows build over their previous output, as a rebuild does;"
        " \"cache\" rows over the previous site and the build cache it left, after the edit named.",
        "",
        "| corpus | tool | wall | CPU | peak memory | files in the output |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for size in results:
        for name in TOOLS:
            if results[size].get(name):
                lines.append(f"| {size} ({counts[size]:,} pages) | {name} | {med(size, name, 'wall'):.2f} s |"
                             f" {med(size, name, 'cpu'):.2f} s | {med(size, name, 'rss'):.0f} MB |"
                             f" {outputs[size].get(name, '')} |")
    target_size = "medium" if "medium" in results else next(iter(results))
    hugo_cold = med(target_size, "hugo cold", "wall")
    cold = med(target_size, "interact-site cold", "wall") / hugo_cold
    rebuild = med(target_size, "interact-site", "wall") / hugo_cold
    rebuild_both = med(target_size, "interact-site", "wall") / med(target_size, "hugo", "wall")
    pipeline = hugo_cold + med(target_size, "pagefind", "wall")
    floor = med(target_size, "cmark-gfm", "wall")
    memory = med(target_size, "interact-site cold", "rss") / med(target_size, "hugo cold", "rss")
    body = med(target_size, "cache, body edited", "wall") / hugo_cold
    title = med(target_size, "cache, title edited", "wall") / hugo_cold
    template = med(target_size, "cache, template edited", "wall") / med(target_size, "interact-site cold", "wall")

    def verdict(value: float, limit: float) -> str:
        return "✔" if value <= limit else "✘"

    lines += [
        "",
        f"Issue 21's targets on the {target_size} corpus (ratios to Hugo's cold build in the same run):",
        "",
        "| target | measured | |",
        "|---|---:|---|",
        f"| cold build ≤ 1.0× Hugo | {cold:.2f}× | {verdict(cold, 1.0)} |",
        f"| build over the previous site (no build cache) ≤ 0.75× Hugo | {rebuild:.2f}× | {verdict(rebuild, 0.75)} |",
        f"| (the same against Hugo over its previous public/) | {rebuild_both:.2f}× | {verdict(rebuild_both, 0.75)} |",
        f"| warm build cache, one page's body edited ≤ 0.05× Hugo | {body:.2f}× | {verdict(body, 0.05)} |",
        f"| warm build cache, one page's title edited ≤ 0.2× Hugo | {title:.2f}× | {verdict(title, 0.2)} |",
        f"| warm build cache, a template edited ≤ 1.0× the cold build | {template:.2f}× | {verdict(template, 1.0)} |",
        f"| peak memory ≤ 0.25× Hugo's | {memory:.2f}× | {verdict(memory, 0.25)} |",
    ]
    if "large" in results and "medium" in results:
        growth = med("large", "interact-site cold", "wall") / med("medium", "interact-site cold", "wall")
        lines.append(f"| 50,000 pages ≤ 5.5× the 10,000-page time (cold) | {growth:.1f}× | {verdict(growth, 5.5)} |")
    lines += [
        "",
        "Issue 8's targets (same run):",
        "",
        "| target | measured | |",
        "|---|---:|---|",
        f"| build ≤ 0.05× (Hugo + Pagefind), cold | {med(target_size, 'interact-site cold', 'wall') / pipeline:.3f}× |"
        f" {verdict(med(target_size, 'interact-site cold', 'wall') / pipeline, 0.05)} |",
        f"| build ≤ 2× the cmark-gfm floor (wall), cold | {med(target_size, 'interact-site cold', 'wall') / floor:.2f}× |"
        f" {verdict(med(target_size, 'interact-site cold', 'wall') / floor, 2)} |",
    ]
    if "small" in results and "medium" in results:
        growth = med("medium", "interact-site cold", "wall") / med("small", "interact-site cold", "wall")
        lines.append(f"| 10× the pages ≤ 11× the time (small → medium, cold) | {growth:.1f}× | {verdict(growth, 11)} |")
    report = "\n".join(lines) + "\n"
    shutil.rmtree(trash, ignore_errors=True)
    with open(os.path.join(ROOT, "bench", "results.md"), "w", encoding="utf-8") as f:
        f.write(report)
    print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
