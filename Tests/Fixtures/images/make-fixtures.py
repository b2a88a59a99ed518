#!/usr/bin/env python3
"""Makes the image fixtures of ImagesTests (checked in; run again only to change them).

Needs the `vips` command (Debian libvips-tools) and PyPI piexif 1.1.3. Every fixture is drawn here:
no photo or logo comes from elsewhere.

- photo-gps.jpg: 1600 x 1200 stored, EXIF orientation 6 (shown 1200 x 1600), a GPS position,
  camera make and model, an XMP packet, and a user comment: what a phone's photo carries.
- logo.png: 480 x 160, transparent background (a drawn placeholder mark, no real logo).
- bomb.png: a valid-looking PNG declaring 50,000 x 50,000 pixels in a few hundred bytes.
- truncated.jpg: the first half of a 1024 x 768 JPEG.
- not-an-image.jpg: text with a .jpg name.
- photo-p3.jpg (made by hand, not by this script): a 4000 x 3000 photo drawn like bench/images/corpus.py's,
  shrunk to 400 x 300 and converted to Display P3 with its profile embedded: `vips thumbnail photo.jpg s.v 400`, then
  `vips icc_transform s.v p3.v p3 --embedded` and `vips jpegsave p3.v photo-p3.jpg`.
"""
import math
import os
import struct
import subprocess
import tempfile
import zlib

import piexif

HERE = os.path.dirname(os.path.abspath(__file__))


def ppm(path, width, height, pixel):
    with open(path, "wb") as out:
        out.write(b"P6 %d %d 255\n" % (width, height))
        row = bytearray()
        for y in range(height):
            row.clear()
            for x in range(width):
                row += bytes(pixel(x, y))
            out.write(row)


def photo_pixel(x, y):
    # A sky gradient, a "sun", and hills: smooth areas and edges, as in a photo.
    r = 90 + y * 120 // 1200
    g = 140 + y * 80 // 1200
    b = 230 - y * 60 // 1200
    if (x - 1200) ** 2 + (y - 300) ** 2 < 150 ** 2:
        r, g, b = 250, 220, 120
    if y > 800 + 120 * math.sin(x / 180):
        r, g, b = 60 + (x * 7 + y * 3) % 40, 130 + (x + y) % 30, 60
    return (r, g, b)


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def main():
    with tempfile.TemporaryDirectory() as work:
        source = os.path.join(work, "photo.ppm")
        ppm(source, 1600, 1200, photo_pixel)
        plain = os.path.join(work, "photo.jpg")
        subprocess.run(["vips", "copy", source, plain + "[Q=80,strip]"], check=True)
        exif = {
            "0th": {
                piexif.ImageIFD.Orientation: 6,
                piexif.ImageIFD.Make: b"FixtureCam",
                piexif.ImageIFD.Model: b"Phone 1",
            },
            "Exif": {piexif.ExifIFD.UserComment: b"ASCII\0\0\0taken at the secret place"},
            "GPS": {
                piexif.GPSIFD.GPSLatitudeRef: b"N",
                piexif.GPSIFD.GPSLatitude: ((50, 1), (50, 1), (3000, 100)),
                piexif.GPSIFD.GPSLongitudeRef: b"E",
                piexif.GPSIFD.GPSLongitude: ((4, 1), (21, 1), (1000, 100)),
            },
        }
        tagged = os.path.join(HERE, "photo-gps.jpg")
        piexif.insert(piexif.dump(exif), plain, tagged)
        # An XMP packet (APP1 with the Adobe namespace) after the EXIF segment.
        xmp = (
            b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
            b'<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="50,50.3N"/>'
            b"</rdf:RDF></x:xmpmeta>"
        )
        payload = b"http://ns.adobe.com/xap/1.0/\0" + xmp
        with open(tagged, "rb") as handle:
            data = handle.read()
        segment = b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload
        exif_end = 2 + 2 + struct.unpack(">H", data[4:6])[0]
        with open(tagged, "wb") as handle:
            handle.write(data[:exif_end] + segment + data[exif_end:])

        # A transparent logo: a rounded blue mark and a bar, anti-aliased edges.
        logo_source = os.path.join(work, "logo.v")
        def logo_pixel(x, y):
            d = math.hypot(x - 80, y - 80)
            a = max(0.0, min(1.0, 60.5 - d))
            if 150 <= x <= 460 and 60 <= y <= 100:
                a = 1.0
            return (0, 51, 153, int(a * 255))
        raw = os.path.join(work, "logo.raw")
        with open(raw, "wb") as out:
            for y in range(160):
                for x in range(480):
                    out.write(bytes(logo_pixel(x, y)))
        subprocess.run(["vips", "rawload", raw, logo_source, "480", "160", "4"], check=True)
        subprocess.run(["vips", "copy", logo_source, os.path.join(HERE, "logo.png") + "[strip]"], check=True)

        big = os.path.join(work, "big.ppm")
        ppm(big, 1024, 768, lambda x, y: (x // 4, y // 3, (x + y) // 8))
        whole = os.path.join(work, "whole.jpg")
        subprocess.run(["vips", "copy", big, whole + "[Q=90,strip]"], check=True)
        with open(whole, "rb") as handle:
            data = handle.read()
        with open(os.path.join(HERE, "truncated.jpg"), "wb") as handle:
            handle.write(data[: len(data) // 2])

    # 50,000 x 50,000 greyscale: IHDR says so; the IDAT holds a few rows of zeros.
    ihdr = struct.pack(">IIBBBBB", 50_000, 50_000, 8, 0, 0, 0, 0)
    rows = zlib.compress(b"\0" * (50_001 * 4), 9)
    with open(os.path.join(HERE, "bomb.png"), "wb") as handle:
        handle.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", rows) + chunk(b"IEND", b""))

    with open(os.path.join(HERE, "not-an-image.jpg"), "w") as handle:
        handle.write("This is a text file that was given a .jpg name.\n")


if __name__ == "__main__":
    main()
