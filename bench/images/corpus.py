#!/usr/bin/env python3
"""Writes the image benchmark's sources, deterministically, with the `vips` command (libvips-tools).

  corpus.py FOLDER PHOTOS LOGOS

FOLDER/src/photo-NNN.jpg: 4000 x 3000 (12 megapixels) JPEGs at quality 88 with no metadata: cloud-like
colour fields (Perlin noise) with sensor-like grain, each cut from another place of a larger base and
given other colour gains, so that no two are alike. FOLDER/src/logo-NNN.png: 1600 x 480 RGBA PNGs, a
partner-like name in Noto Sans Bold on a transparent background in one of eight colours. A folder
already holding at least these counts is reused (FOLDER/.done records them).
"""
import os
import shutil
import subprocess
import sys
import tempfile


def vips(*arguments):
    subprocess.run(["vips", *map(str, arguments)], check=True, stdout=subprocess.DEVNULL)


def main():
    folder, photos, logos = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    done = os.path.join(folder, ".done")
    stamp = f"photos {photos} logos {logos} v1\n"
    if os.path.exists(done):
        had = open(done).read().split()
        if len(had) == 5 and had[4] == "v1" and int(had[1]) >= photos and int(had[3]) >= logos:
            return
    source = os.path.join(folder, "src")
    shutil.rmtree(source, ignore_errors=True)
    os.makedirs(source)
    scratch = "/dev/shm" if os.path.isdir("/dev/shm") else None
    with tempfile.TemporaryDirectory(dir=scratch) as work:
        w = lambda name: os.path.join(work, name)
        # The base: 6000 x 4500, three Perlin fields of different cell sizes plus Gaussian grain.
        for band, (cell, seed) in enumerate([(420, 11), (310, 22), (530, 33)]):
            vips("perlin", w(f"p{band}.v"), 6000, 4500, "--cell-size", cell, "--uchar", "--seed", seed)
        vips("bandjoin", f"{w('p0.v')} {w('p1.v')} {w('p2.v')}", w("rgb.v"))
        vips("gaussnoise", w("noise.v"), 6000, 4500, "--sigma", 10, "--mean", 0, "--seed", 44)
        vips("add", w("rgb.v"), w("noise.v"), w("sum.v"))
        vips("cast", w("sum.v"), w("base.v"), "uchar")
        for name in ["p0.v", "p1.v", "p2.v", "rgb.v", "noise.v", "sum.v"]:
            os.remove(w(name))
        for index in range(photos):
            x, y = (index * 389) % 2000, (index * 263) % 1500
            vips("crop", w("base.v"), w("crop.v"), x, y, 4000, 3000)
            gains = " ".join(f"{0.7 + ((index * k) % 60) / 100:.2f}" for k in (7, 11, 13))
            offsets = " ".join(str((index * k) % 30) for k in (3, 5, 9))
            target = os.path.join(source, f"photo-{index:03d}.jpg")
            vips("linear", w("crop.v"), f"{target}[Q=88,strip]", gains, offsets, "--uchar")
        colours = ["0 51 153", "204 0 51", "0 120 80", "230 130 0", "90 40 140", "20 20 20", "0 130 170", "150 100 40"]
        for index in range(logos):
            vips("text", w("t.v"), f"<b>Partner {index:03d} Oncology</b>", "--font", "Noto Sans Bold 72",
                 "--fontfile", "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf", "--dpi", 72)
            vips("gravity", w("t.v"), w("mask.v"), "centre", 1600, 480)
            vips("linear", w("mask.v"), w("colour.v"), "0 0 0", colours[index % 8], "--uchar")
            vips("bandjoin", f"{w('colour.v')} {w('mask.v')}", os.path.join(source, f"logo-{index:03d}.png[strip]"))
    with open(done, "w") as handle:
        handle.write(stamp)


if __name__ == "__main__":
    main()
