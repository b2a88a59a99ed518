#!/usr/bin/env python3
"""`make bench-images`: the Images pipeline (image-bench) against Hugo 0.111's image processing.

  run.py IMAGE_BENCH [--size N] [--runs 3] [--quality 75]

The sources (bench/images/corpus.py): N 12-megapixel JPEG photos and N/2 PNG logos (N = 200 by
default: the issue's 200 photos and 100 logos). Both tools make the same widths of every source
(320, 640, 960, 1280, 1920 up to the source's width, plus the source's width when narrower than
1920) as WebP at the same quality, and write them to an output folder. Each is run cold (no
cache, empty output) and warm (its own cache kept from the cold run: Hugo's resources/_gen, our
.cache folder), alternating, RUNS times; wall time and peak memory come from /usr/bin/time -v
around the one process. Medians are printed as a Markdown table for bench/README.md.
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
WIDTHS = [320, 640, 960, 1280, 1920]

HUGO_TEMPLATE = """{{- $widths := slice %(widths)s -}}
{{- range resources.Match "src/*" -}}
{{- $img := . -}}
{{- $ws := $widths -}}
{{- if lt $img.Width %(largest)d }}{{ $ws = $ws | append $img.Width }}{{ end -}}
{{- range $ws -}}{{- if le . $img.Width -}}
{{- with $img.Resize (printf "%%dx webp q%(quality)d" .) }}<img src="{{ .RelPermalink }}" width="{{ .Width }}">
{{ end -}}
{{- end -}}{{- end -}}
{{- end -}}
"""


def timed(command, cwd=None, env=None):
    """Runs command under /usr/bin/time -v; returns (wall seconds, peak RSS in MB, stdout)."""
    result = subprocess.run(
        ["/usr/bin/time", "-v", *command], cwd=cwd, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"failed: {' '.join(command)}")
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)", result.stderr)
    hours, minutes, seconds = int(wall.group(1) or 0), int(wall.group(2)), float(wall.group(3))
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr).group(1))
    return hours * 3600 + minutes * 60 + seconds, rss / 1024, result.stdout


def webp_files(folder):
    sizes = []
    for directory, _, files in os.walk(folder):
        sizes += [os.path.getsize(os.path.join(directory, f)) for f in files if f.endswith(".webp")]
    return sizes


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("image_bench")
    parser.add_argument("--size", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--quality", type=int, default=75)
    parser.add_argument("--jobs", type=int, default=os.cpu_count())
    arguments = parser.parse_args()
    photos, logos = arguments.size, arguments.size // 2

    corpus = os.path.join(ROOT, ".cache", "bench-images")
    subprocess.run([sys.executable, os.path.join(HERE, "corpus.py"), corpus, "200" if photos <= 200 else str(photos),
                    str(max(100, logos))], check=True)
    work = os.path.join(ROOT, ".cache", f"bench-images-{photos}")
    shutil.rmtree(work, ignore_errors=True)
    source = os.path.join(work, "src")
    os.makedirs(source)
    chosen = [f"photo-{i:03d}.jpg" for i in range(photos)] + [f"logo-{i:03d}.png" for i in range(logos)]
    for name in chosen:
        os.link(os.path.join(corpus, "src", name), os.path.join(source, name))

    # Hugo: the sources as assets, one template resizing each.
    hugo = os.path.join(work, "hugo")
    os.makedirs(os.path.join(hugo, "layouts"))
    os.makedirs(os.path.join(hugo, "assets"))
    os.symlink(source, os.path.join(hugo, "assets", "src"))
    with open(os.path.join(hugo, "hugo.toml"), "w") as handle:
        handle.write('baseURL = "https://example.org/"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap", "404"]\n'
                     f"[imaging]\n  quality = {arguments.quality}\n")
    with open(os.path.join(hugo, "layouts", "index.html"), "w") as handle:
        handle.write(HUGO_TEMPLATE % {"widths": " ".join(map(str, WIDTHS)), "largest": max(WIDTHS),
                                       "quality": arguments.quality})
    ours_out = os.path.join(work, "ours-out")
    ours_cache = os.path.join(work, "ours-cache")
    ours = [arguments.image_bench, source, ours_out, "--cache", ours_cache, "--formats", "webp",
            "--quality", str(arguments.quality), "--widths", ",".join(map(str, WIDTHS)), "--jobs", str(arguments.jobs)]
    hugo_command = ["hugo", "--quiet", "-s", hugo]

    version = subprocess.run(["hugo", "version"], capture_output=True, text=True).stdout.strip()
    print(f"sources: {photos} photos (4000 x 3000 JPEG), {logos} logos (1600 x 480 PNG); {version}", flush=True)
    results = {key: [] for key in ["hugo cold", "ours cold", "hugo warm", "ours warm"]}
    sizes = {}
    for run in range(arguments.runs):
        shutil.rmtree(os.path.join(hugo, "resources"), ignore_errors=True)
        shutil.rmtree(os.path.join(hugo, "public"), ignore_errors=True)
        results["hugo cold"].append(timed(hugo_command)[:2])
        sizes["hugo"] = webp_files(os.path.join(hugo, "public"))
        shutil.rmtree(ours_cache, ignore_errors=True)
        shutil.rmtree(ours_out, ignore_errors=True)
        wall, rss, out = timed(ours)
        results["ours cold"].append((wall, rss))
        sizes["ours"] = webp_files(ours_out)
        shutil.rmtree(os.path.join(hugo, "public"), ignore_errors=True)
        results["hugo warm"].append(timed(hugo_command)[:2])
        shutil.rmtree(ours_out, ignore_errors=True)
        wall, rss, out = timed(ours)
        results["ours warm"].append((wall, rss))
        assert f"cache hits {photos + logos}" in out, out
        line = ", ".join(f"{k} {v[-1][0]:.2f} s {v[-1][1]:.0f} MB" for k, v in results.items())
        print(f"run {run + 1}: {line}", flush=True)

    def median(key, index):
        return statistics.median(value[index] for value in results[key])

    print()
    print("| | Hugo 0.111 | interact-site Images | ratio | target |")
    print("|---|---|---|---|---|")
    cold = median("ours cold", 0) / median("hugo cold", 0)
    warm = median("ours warm", 0) / median("hugo warm", 0)
    print(f"| cold, wall time | {median('hugo cold', 0):.2f} s | {median('ours cold', 0):.2f} s | {cold:.2f}× | ≤ 0.5× |")
    print(f"| warm (cache), wall time | {median('hugo warm', 0):.2f} s | {median('ours warm', 0):.2f} s | {warm:.3f}× | ≤ 0.05× |")
    peak_hugo = max(median("hugo cold", 1), median("hugo warm", 1))
    peak_ours = max(median("ours cold", 1), median("ours warm", 1))
    print(f"| peak memory (cold) | {median('hugo cold', 1):.0f} MB | {median('ours cold', 1):.0f} MB | "
          f"{median('ours cold', 1) / median('hugo cold', 1):.2f}× | ≤ 0.5× |")
    print(f"| peak memory (warm) | {median('hugo warm', 1):.0f} MB | {median('ours warm', 1):.0f} MB | "
          f"{median('ours warm', 1) / median('hugo warm', 1):.2f}× | |")
    hugo_mean = statistics.mean(sizes["hugo"])
    ours_mean = statistics.mean(sizes["ours"])
    print(f"| WebP files | {len(sizes['hugo'])} | {len(sizes['ours'])} | | same |")
    print(f"| bytes per variant (mean) | {hugo_mean:,.0f} | {ours_mean:,.0f} | {ours_mean / hugo_mean:.2f}× | ≤ 1× |")
    print(f"\nruns: {arguments.runs}, medians; peak over both: Hugo {peak_hugo:.0f} MB, ours {peak_ours:.0f} MB")


if __name__ == "__main__":
    main()
