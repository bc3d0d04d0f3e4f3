"""trafilatura's evaluation set, prepared once and cached for every benchmark.

990 real pages (mostly German, also English, Polish, French, Spanish…) with passages that must survive
(``with``) and boilerplate that must be gone (``without``). For each page this caches the HTML, the page's
whole visible text (``trafilatura.html2txt``), trafilatura's default main-text extraction and the language
of that main text, in ``benchmarks/out/corpus.jsonl.gz``.

The data is read from ``../shared/data/trafilatura-eval`` beside the checkout, or from ``$CLEANER_EVAL_DIR``.
"""

from __future__ import annotations

import gzip
import json
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
EVAL_DIR = Path(os.environ.get("CLEANER_EVAL_DIR", ROOT.parent / "shared" / "data" / "trafilatura-eval"))
CACHE = HERE / "out" / "corpus.jsonl.gz"


def load_pages() -> list[dict]:
    """The raw pages: url, file, html (str), with, without. In the order of evaldata.json."""
    if not (EVAL_DIR / "evaldata.json").is_file():
        sys.exit(f"benchmarks: {EVAL_DIR / 'evaldata.json'} not found: put trafilatura's evaluation set at ../shared/data/trafilatura-eval beside the checkout, or set CLEANER_EVAL_DIR")
    meta = json.loads((EVAL_DIR / "evaldata.json").read_text(encoding="utf-8"))
    pages = []
    for url, entry in meta.items():
        path = EVAL_DIR / "html" / (entry["file"] + ".gz")
        if not path.exists():
            path = EVAL_DIR / "html" / entry["file"]
        if not path.exists():
            continue
        data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
        pages.append({"url": url, "file": entry["file"], "html_bytes": data, "with": entry.get("with", []), "without": entry.get("without", [])})
    return pages


def load_corpus(refresh: bool = False, limit: int = 0) -> list[dict]:
    """Pages with ``html``, ``html2txt``, ``main`` (trafilatura default) and ``lang`` (of ``main``); the
    first ``limit`` of them when it is set (the benchmarks' ``--limit``)."""
    rows = _load_corpus(refresh)
    return rows[:limit] if limit else rows


def _load_corpus(refresh: bool) -> list[dict]:
    if CACHE.exists() and not refresh:
        with gzip.open(CACHE, "rt", encoding="utf-8") as handle:
            return [json.loads(line) for line in handle]
    import trafilatura
    from trafilatura.utils import decode_file

    from cleaner.ruleset import load_rules

    rules = load_rules()
    detect = rules.compiled(rules.get("LG001")).detect
    rows = []
    pages = load_pages()
    for i, page in enumerate(pages):
        html = decode_file(page["html_bytes"])
        main = trafilatura.extract(html, url=page["url"]) or ""
        whole = trafilatura.html2txt(html) or ""
        found = detect(main or whole)
        rows.append(
            {
                "url": page["url"],
                "file": page["file"],
                "html": html,
                "html2txt": whole,
                "main": main,
                "lang": found[0][0] if found else None,
                "with": page["with"],
                "without": page["without"],
            }
        )
        if i % 100 == 0:
            print(f"prepared {i}/{len(pages)} pages", file=sys.stderr)
    CACHE.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(CACHE, "wt", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    return rows


def boilerplate_input(cleaner, text: str):
    """``text`` as the boilerplate stage receives it: decoded, repaired and language-tagged by the stages
    before it."""
    from cleaner.document import Document

    doc = Document(text)
    for stage in cleaner.stages[: cleaner.stages.index(cleaner.boilerplate)]:
        stage.run(doc)
    return doc


def score_passages(texts: list[str], rows: list[dict]) -> dict[str, float]:
    """trafilatura's evaluation: a `with` passage present is a true positive (absent: false negative), a
    `without` passage present is a false positive. Returns precision, recall, F1 and the counts."""
    tp = fn = fp = tn = 0
    for text, row in zip(texts, rows):
        for passage in row["with"]:
            if passage in text:
                tp += 1
            else:
                fn += 1
        for passage in row["without"]:
            if passage in text:
                fp += 1
            else:
                tn += 1
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "tp": tp, "fn": fn, "fp": fp, "tn": tn}


if __name__ == "__main__":
    rows = load_corpus(refresh="--refresh" in sys.argv)
    from collections import Counter

    print(len(rows), "pages;", Counter(r["lang"] for r in rows).most_common(8))
    print("trafilatura default:", score_passages([r["main"] for r in rows], rows))
    print("html2txt:", score_passages([r["html2txt"] for r in rows], rows))
