#!/usr/bin/env python3
"""Relevance of the site's search on its real content: the judged queries of queries.json run
through the theme's search script (in Node, engine.js) against a built site folder.

usage: check_relevance.py SITE_DIR [--min-success 0.9]

Prints success@3 (the share of queries with an expected page among the first three results) and
MRR (mean reciprocal rank of the first expected page in the first ten), overall and by kind, and
the queries that miss. Exits 1 when success@3 is below the minimum.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def load_queries() -> list[dict]:
    with open(os.path.join(HERE, "queries.json"), encoding="utf-8") as f:
        return json.load(f)["queries"]


def run_ours(site: str, queries: list[dict]) -> list[dict]:
    """The theme's search.js in Node: one answer per query, each as a first query on a cold cache."""
    node = shutil.which("node") or shutil.which("nodejs")
    if node is None:
        sys.exit("check_relevance: Node.js is needed (apt-get install -y nodejs)")
    lines = "".join(json.dumps({"lang": q["lang"], "query": q["query"]}) + "\n" for q in queries)
    done = subprocess.run([node, os.path.join(HERE, "engine.js"), site], input=lines, capture_output=True,
                          text=True, check=True)
    return [json.loads(line) for line in done.stdout.splitlines()]


def path_of(url: str) -> str:
    url = url.split("#", 1)[0]
    if "://" in url:
        url = "/" + url.split("://", 1)[1].split("/", 1)[1]
    return url if url.endswith("/") or "." in url.rsplit("/", 1)[-1] else url + "/"


def score(queries: list[dict], answers: list[list[str]]) -> dict:
    """success@3, MRR@10 and the misses."""
    hits3, reciprocal, misses = 0, 0.0, []
    by_kind: dict[str, list[int]] = {}
    for query, urls in zip(queries, answers):
        paths = [path_of(u) for u in urls[:10]]
        rank = next((i + 1 for i, p in enumerate(paths) if p in query["expect"]), None)
        found = rank is not None and rank <= 3
        hits3 += found
        reciprocal += 1 / rank if rank else 0
        by_kind.setdefault(query["kind"], []).append(found)
        if not found:
            misses.append((query, paths[:3], rank))
    n = max(1, len(queries))
    return {"success3": hits3 / n, "mrr": reciprocal / n, "misses": misses,
            "kinds": {k: sum(v) / len(v) for k, v in sorted(by_kind.items())}, "count": len(queries)}


def report(name: str, result: dict) -> None:
    print(f"{name}: success@3 {result['success3']:.3f}, MRR {result['mrr']:.3f} over {result['count']} queries")
    print("  by kind: " + ", ".join(f"{k} {v:.2f}" for k, v in result["kinds"].items()))
    for query, top, rank in result["misses"]:
        print(f"  miss [{query['lang']}] {query['query']!r}: expected {query['expect']}, "
              f"rank {rank or '>10'}, top 3 {top}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("site")
    parser.add_argument("--min-success", type=float, default=0.9)
    args = parser.parse_args()
    queries = load_queries()
    # The scorer itself can fail: no answers score zero, the expected pages score one.
    assert score(queries, [[] for _ in queries])["success3"] == 0
    assert score(queries, [q["expect"] for q in queries])["success3"] == 1
    # Words that are also names of Object's own properties must not break the script.
    run_ours(os.path.abspath(args.site), [{"lang": "en", "query": q} for q in
                                          ("constructor", "constructorx", "__proto__ hasownproperty", "tostring")])
    answers = run_ours(os.path.abspath(args.site), queries)
    result = score(queries, [a["urls"] for a in answers])
    report("interact-site search", result)
    typos = [a for q, a in zip(queries, answers) if q["kind"] == "typo"]
    corrected = sum(1 for a in typos if a["corrected"])
    print(f"  typo queries corrected: {corrected} of {len(typos)}")
    if result["success3"] < args.min_success:
        print(f"FAIL: success@3 {result['success3']:.3f} is below {args.min_success}")
        sys.exit(1)
    print("ok")


if __name__ == "__main__":
    main()
