#!/usr/bin/env python3
"""Writes a deterministic multilingual site that both interact-site and Hugo build.

usage: corpus.py OUT_DIR PAGES_PER_LANGUAGE

Five languages (en fr de pl el). Each page (~640 words) has front matter (title, description,
weight, date), headings, a bulleted and a numbered list, a table, emphasis, links to three other
pages (Markdown file links that interact-site checks and Hugo leaves alone) and an outside link;
words come from the project's own content (diacritics, Greek) with a fixed seed. Pages sit in 20
sections of a `docs/` tree, so listings have a realistic size.

interact-site reads config.yaml and themes/interact; Hugo reads hugo.yaml and layouts/_default
(a minimal equivalent: base, single, list, with the language switcher and translations).
"""
import importlib.util
import os
import random
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
# The search benchmark's word lists, drawn from the site's own content.
_spec = importlib.util.spec_from_file_location("search_corpus", os.path.join(ROOT, "bench", "search", "corpus.py"))
search_corpus = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(search_corpus)
LANGS = {"en": "English", "fr": "Français", "de": "Deutsch", "pl": "Polski", "el": "Ελληνικά"}
SECTIONS = 20
FALLBACK = {
    "pl": "rak leczenie pacjent lekarz szpital onkologia szkolenie program europejski centrum zespół opieka "
          "pielęgniarka badanie wiedza kompetencja kurs nauka zdrowie współpraca partner projekt rozwój łódź",
    "el": "καρκίνος θεραπεία ασθενής γιατρός νοσοκομείο ογκολογία εκπαίδευση πρόγραμμα ευρωπαϊκό κέντρο "
          "ομάδα φροντίδα νοσηλευτής έρευνα γνώση ικανότητα μάθημα υγεία συνεργασία εταίρος έργο ανάπτυξη",
}

HUGO_BASEOF = """<!DOCTYPE html>
<html lang="{{ .Language.Lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ .Site.Title }}</title>
{{ with .Description }}<meta name="description" content="{{ . }}">{{ end }}
<link rel="canonical" href="{{ .Permalink }}">
{{ range .Translations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .Permalink }}">
{{ end }}</head>
<body>
<header><a href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a>
<nav><ul>{{ range .AllTranslations }}<li><a href="{{ .RelPermalink }}" hreflang="{{ .Language.Lang }}">{{ .Language.LanguageName }}</a></li>{{ end }}</ul></nav>
<nav><ul>{{ range .Site.Home.Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></nav>
</header>
<main>{{ block "main" . }}{{ end }}</main>
<footer><p>Co-funded by the European Union</p></footer>
</body>
</html>
"""
HUGO_SINGLE = """{{ define "main" }}<article><h1>{{ .Title }}</h1>
{{ with .Date }}<p><time datetime="{{ .Format "2006-01-02" }}">{{ .Format "2 January 2006" }}</time></p>{{ end }}
<nav>{{ .TableOfContents }}</nav>
{{ .Content }}</article>{{ end }}
"""
HUGO_LIST = """{{ define "main" }}<h1>{{ .Title }}</h1>
{{ .Content }}
<ul>{{ range .Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
<ul>{{ range .RegularPages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ with .Description }} {{ . }}{{ end }}</li>{{ end }}</ul>
{{ end }}
"""


def main() -> None:
    out, per_language = sys.argv[1], int(sys.argv[2])
    rng = random.Random(20261129)
    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(os.path.join(out, "content", "docs"))
    shutil.copytree(os.path.join(ROOT, "themes", "interact"), os.path.join(out, "themes", "interact"))
    with open(os.path.join(out, "config.yaml"), "w", encoding="utf-8") as f:
        f.write("title: Bench\nbaseURL: https://bench.example.org/\ndefaultLanguage: en\ntheme: interact\n"
                "languages:\n")
        for code, name in LANGS.items():
            f.write(f"  {code}:\n    name: {name}\n")
    with open(os.path.join(out, "hugo.yaml"), "w", encoding="utf-8") as f:
        f.write("title: Bench\nbaseURL: https://bench.example.org/\ndefaultContentLanguage: en\n"
                "defaultContentLanguageInSubdir: true\ndisableKinds: [taxonomy, term, RSS]\n"
                "enableRobotsTXT: false\nlanguages:\n")
        for weight, (code, name) in enumerate(LANGS.items(), start=1):
            f.write(f"  {code}:\n    languageName: {name}\n    weight: {weight}\n")
    layouts = os.path.join(out, "layouts", "_default")
    os.makedirs(layouts)
    for name, text in (("baseof.html", HUGO_BASEOF), ("single.html", HUGO_SINGLE), ("list.html", HUGO_LIST)):
        with open(os.path.join(layouts, name), "w", encoding="utf-8") as f:
            f.write(text)

    def words(vocab, n):
        return " ".join(rng.choice(vocab) for _ in range(n))

    for lang in LANGS:
        vocab = search_corpus.vocabulary(lang, FALLBACK)
        suffix = "" if lang == "en" else f".{lang}"
        with open(os.path.join(out, "content", f"_index{suffix}.md"), "w", encoding="utf-8") as f:
            f.write(f"---\ntitle: Bench {LANGS[lang]}\n---\nHome.\n")
        with open(os.path.join(out, "content", "docs", f"_index{suffix}.md"), "w", encoding="utf-8") as f:
            f.write(f"---\ntitle: Docs {LANGS[lang]}\n---\nAll documents.\n")
        for section in range(SECTIONS):
            folder = os.path.join(out, "content", "docs", f"s{section:02d}")
            os.makedirs(folder, exist_ok=True)
            with open(os.path.join(folder, f"_index{suffix}.md"), "w", encoding="utf-8") as f:
                f.write(f"---\ntitle: \"{words(vocab, 2).capitalize()}\"\nweight: {section + 1}\n---\n"
                        f"{words(vocab, 30).capitalize()}.\n")
        for page in range(per_language):
            section = page % SECTIONS
            title = words(vocab, rng.randint(3, 5)).capitalize()
            description = words(vocab, 12).capitalize() + "."
            body = [f"{words(vocab, 40).capitalize()}, *{words(vocab, 2)}* and **{words(vocab, 2)}**."]
            for part in range(4):
                body.append(f"## {words(vocab, rng.randint(2, 4)).capitalize()}")
                body.append(words(vocab, 100).capitalize() + ".")
                if part == 0:
                    body.append("\n".join(f"- {words(vocab, 6)}" for _ in range(5)))
                if part == 1:
                    body.append("\n".join(f"{i}. {words(vocab, 8)}" for i in range(1, 5)))
                if part == 2:
                    rows = ["| " + " | ".join(words(vocab, 1).capitalize() for _ in range(3)) + " |",
                            "|---|---|---|"]
                    rows += ["| " + " | ".join(words(vocab, 2) for _ in range(3)) + " |" for _ in range(4)]
                    body.append("\n".join(rows))
                if part == 3:
                    links = []
                    for _ in range(3):
                        other = rng.randrange(per_language)
                        links.append(f"[{words(vocab, 2)}](../s{other % SECTIONS:02d}/p{other:05d}.md)")
                    body.append(f"{words(vocab, 20).capitalize()}: {', '.join(links)}; "
                                f"[EU4Health](https://health.ec.europa.eu/).")
            front = (f"---\ntitle: \"{title}\"\ndescription: \"{description}\"\nweight: {page + 1}\n"
                     f"date: 2025-{1 + page % 12:02d}-{1 + page % 28:02d}\n---\n")
            path = os.path.join(out, "content", "docs", f"s{section:02d}", f"p{page:05d}{suffix}.md")
            with open(path, "w", encoding="utf-8") as f:
                f.write(front + "\n\n".join(body) + "\n")


if __name__ == "__main__":
    main()
