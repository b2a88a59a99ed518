#!/usr/bin/env python3
"""Writes a deterministic multilingual test site for the search benchmark.

usage: corpus.py OUT_DIR PAGES_PER_LANGUAGE

Five languages (en fr de pl el), each page ~600 words in sections, drawn with a fixed seed from
word lists taken from the project's own content (so stemming and folding meet real words), plus
a few planted words so every benchmark query has known matches.
"""
import os
import random
import re
import shutil
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LANGS = {"en": "English", "fr": "Français", "de": "Deutsch", "pl": "Polski", "el": "Ελληνικά"}
# Words every language gets, so that queries hit: (word, share of pages that contain it).
PLANTED = {
    "en": [("training", 0.6), ("oncology", 0.25), ("ljubljana", 0.01)],
    "fr": [("formation", 0.6), ("cancérologie", 0.25), ("ljubljana", 0.01)],
    "de": [("weiterbildung", 0.6), ("onkologie", 0.25), ("ljubljana", 0.01)],
    "pl": [("szkolenie", 0.6), ("onkologia", 0.25), ("łódź", 0.01)],
    "el": [("εκπαίδευση", 0.6), ("ογκολογία", 0.25), ("λιουμπλιάνα", 0.01)],
}
FALLBACK = {
    "pl": "rak leczenie pacjent lekarz szpital onkologia szkolenie program europejski centrum zespół opieka "
          "pielęgniarka badanie wiedza kompetencja kurs nauka zdrowie współpraca partner projekt rozwój",
    "el": "καρκίνος θεραπεία ασθενής γιατρός νοσοκομείο ογκολογία εκπαίδευση πρόγραμμα ευρωπαϊκό κέντρο "
          "ομάδα φροντίδα νοσηλευτής έρευνα γνώση ικανότητα μάθημα υγεία συνεργασία εταίρος έργο ανάπτυξη",
}


def vocabulary(lang: str, fallback: dict[str, str] | None = None) -> list[str]:
    """Words of the site's own `lang` pages, plus `fallback` (default FALLBACK) for languages
    with few pages."""
    words = set()
    for folder, _, files in os.walk(os.path.join(ROOT, "content")):
        for name in files:
            suffix = ".md" if lang == "en" else f".{lang}.md"
            if not name.endswith(suffix) or (lang == "en" and re.search(r"\.[a-z]{2}\.md$", name)):
                continue
            text = open(os.path.join(folder, name), encoding="utf-8").read().split("---", 2)[-1]
            words.update(w.lower() for w in re.findall(r"[^\W\d_]{3,}", text))
    words.update((FALLBACK if fallback is None else fallback).get(lang, "").split())
    return sorted(words)


def main() -> None:
    out, per_language = sys.argv[1], int(sys.argv[2])
    rng = random.Random(20261129)
    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(os.path.join(out, "content", "docs"))
    shutil.copytree(os.path.join(ROOT, "themes", "interact"), os.path.join(out, "themes", "interact"))
    with open(os.path.join(out, "config.yaml"), "w", encoding="utf-8") as f:
        f.write("title: Bench\nbaseURL: https://bench.example.org/\ndefaultLanguage: en\ntheme: interact\nlanguages:\n")
        for code, name in LANGS.items():
            f.write(f"  {code}:\n    name: {name}\n")
    for lang in LANGS:
        words = vocabulary(lang)
        suffix = "" if lang == "en" else f".{lang}"
        for index in ([""] + ["docs/"]):
            pass
        with open(os.path.join(out, "content", f"_index{suffix}.md"), "w", encoding="utf-8") as f:
            f.write(f"---\ntitle: Bench {lang}\n---\nHome.\n")
        with open(os.path.join(out, "content", "docs", f"_index{suffix}.md"), "w", encoding="utf-8") as f:
            f.write(f"---\ntitle: Docs {lang}\n---\nDocs.\n")
        for page in range(per_language):
            title = " ".join(rng.choice(words) for _ in range(rng.randint(3, 5))).capitalize()
            body = []
            for section in range(5):
                body.append("## " + " ".join(rng.choice(words) for _ in range(rng.randint(2, 4))).capitalize())
                sentence_words = [rng.choice(words) for _ in range(115)]
                for word, share in PLANTED[lang]:
                    if rng.random() < share / 2:
                        sentence_words[rng.randrange(len(sentence_words))] = word
                body.append(" ".join(sentence_words).capitalize() + ".")
            with open(os.path.join(out, "content", "docs", f"p{page:05d}{suffix}.md"), "w", encoding="utf-8") as f:
                f.write(f"---\ntitle: \"{title}\"\n---\n" + "\n\n".join(body) + "\n")


if __name__ == "__main__":
    main()
