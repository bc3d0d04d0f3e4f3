"""Boilerplate removal on trafilatura's evaluation set (990 pages), against trafilatura and the raw text.

Prints precision, recall and F1 (trafilatura's passage scoring, ``corpus.score_passages``) overall and per
language for:

* ``html2txt``: the page's whole visible text, nothing removed (the input of the plain-text path);
* ``trafilatura``: ``trafilatura.extract`` with its default settings;
* ``ours, plain text``: ``Cleaner().clean(html2txt)``: no HTML, only our text rules;
* ``lines (raw)`` / ``ours, lines``: the same visible text with a line break after every block element,
  the way WET files and html2text keep it, before and after ``Cleaner().clean``;
* ``ours, HTML``: ``Cleaner().clean_html(html, url)``: trafilatura as configured in ``rules/extract.toml``,
  then our text rules;
* ``ours, main text``: ``Cleaner().clean(main)``: trafilatura's extracted article text cleaned again as
  plain text. The article is (nearly) all content, so this measures what the rules wrongly remove: the
  mean share of characters removed, the pages losing more than 10% and 50% of their characters, and the
  ``with`` passages present in ``main`` but gone after cleaning;

and the speed of the boilerplate stage alone on the plain text (CPU time of one process, after a warm-up
on the first pages and one page of each language; documents already decoded, repaired and language-tagged; the
best of three passes, with the median).

    python benchmarks/boilerplate.py [--limit N]
"""

from __future__ import annotations

import argparse
import copy
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import boilerplate_input, load_corpus, score_passages  # noqa: E402

from cleaner import Cleaner  # noqa: E402

LANGS = ("de", "en", "es", "fr", "pl")


BLOCK_TAGS = frozenset(
    "address article aside blockquote br dd div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 "
    "header hr li main nav ol p pre section table td th tr ul option button label".split()
)


def visible_lines(html: str) -> str:
    """The page's visible text with one line per block element, like a crawler's WET record: what
    ``trafilatura.html2txt`` sees (same cleaning), with line breaks where it puts spaces."""
    from trafilatura.baseline import basic_cleaning
    from trafilatura.utils import load_html

    tree = load_html(html)
    body = tree.find(".//body") if tree is not None else None
    if body is None:
        return ""
    body = basic_cleaning(body)
    for element in body.iter():
        if isinstance(element.tag, str) and element.tag in BLOCK_TAGS:
            element.text = "\n" + (element.text or "")
            element.tail = "\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in body.text_content().split("\n"))
    return "\n".join(line for line in lines if line)


def table(name: str, texts: list[str], rows: list[dict]) -> None:
    parts = [("all", rows, texts)]
    for lang in LANGS:
        picked = [(r, t) for r, t in zip(rows, texts) if r["lang"] == lang]
        parts.append((lang, [r for r, _ in picked], [t for _, t in picked]))
    cells = []
    for label, rs, ts in parts:
        s = score_passages(ts, rs)
        cells.append(f"{label} {s['precision']:.3f}/{s['recall']:.3f}/{s['f1']:.3f}")
    print(f"{name:<22} " + "  ".join(cells))


def stage_speed(cleaner: Cleaner, texts: list[str], repeats: int = 3) -> tuple[float, float, float]:
    """Docs/s and MB/s of the boilerplate stage alone, on documents prepared by the stages before it: the best
    of ``repeats`` passes (the least disturbed, as ``timeit`` reports), and the median docs/s. On a shared
    machine the same pass moves by a fifth or more between runs; the best is the stage's own cost."""
    stage = cleaner.boilerplate
    prepared = [boilerplate_input(cleaner, text) for text in texts]
    # per-language rule tables and stop-word lists are built once, when a language is first seen: warm up on
    # the first pages and on one page of every language, as a long crawl would have
    firsts = {doc.lang: doc for doc in reversed(prepared)}
    for doc in copy.deepcopy(prepared[:50] + list(firsts.values())):
        stage.run(doc)
    size = sum(len(d.text.encode("utf-8")) for d in prepared)
    took = []
    for _ in range(repeats):
        docs = [copy.deepcopy(d) for d in prepared]
        started = time.process_time()
        for doc in docs:
            stage.run(doc)
        took.append(time.process_time() - started)
    best, median = min(took), sorted(took)[len(took) // 2]
    return len(prepared) / best, size / best / 1e6, len(prepared) / median


def main_text_losses(cleaned: list[str], rows: list[dict]) -> str:
    """What cleaning removes from text that is (nearly) all article: characters and `with` passages."""
    shares = []
    lost = lost_pages = 0
    for text, row in zip(cleaned, rows):
        source = row["main"].strip()
        shares.append(max(0, len(source) - len(text.strip())) / len(source) if source else 0.0)
        gone = sum(1 for passage in row["with"] if passage in row["main"] and passage not in text)
        lost += gone
        lost_pages += bool(gone)
    present = sum(1 for row in rows for passage in row["with"] if passage in row["main"])
    return (
        f"main text: {100 * sum(shares) / len(shares):.2f}% of characters removed on average; "
        f"{sum(s > 0.1 for s in shares)} pages lose > 10%, {sum(s > 0.5 for s in shares)} lose > 50%; "
        f"{lost} of {present} `with` passages present in main lost, on {lost_pages} pages"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args()
    rows = load_corpus(limit=args.limit)
    print(f"{len(rows)} pages; languages of the main text: {Counter(r['lang'] for r in rows).most_common(8)}")
    print("precision/recall/F1, overall and per language")
    cleaner = Cleaner()
    table("html2txt (raw)", [r["html2txt"] for r in rows], rows)
    table("trafilatura default", [r["main"] for r in rows], rows)
    started = time.perf_counter()
    plain = [cleaner.clean(r["html2txt"]).text for r in rows]
    plain_s = time.perf_counter() - started
    table("ours, plain text", plain, rows)
    started = time.perf_counter()
    lines = [visible_lines(r["html"]) for r in rows]
    table("lines (raw)", lines, rows)
    table("ours, lines", [cleaner.clean(t).text for t in lines], rows)
    html = [cleaner.clean_html(r["html"], r["url"]).text for r in rows]
    html_s = time.perf_counter() - started
    table("ours, HTML", html, rows)
    main_text = [cleaner.clean(r["main"]).text for r in rows]
    table("ours, main text", main_text, rows)
    print(main_text_losses(main_text, rows))
    print(f"whole pipeline: plain text {len(rows) / plain_s:.1f} docs/s, HTML {len(rows) / html_s:.1f} docs/s")
    docs_s, mb_s, median = stage_speed(cleaner, [r["html2txt"] for r in rows])
    print(f"boilerplate stage alone on the plain text: {docs_s:.0f} docs/s ({mb_s:.2f} MB/s), one core; best of 3 passes, median {median:.0f}")


if __name__ == "__main__":
    main()
