"""Does the quality score separate article text from what is not, in every language we have data for?

On trafilatura's evaluation pages (benchmarks/corpus.py), the positives are the main text of each page
(trafilatura's default extraction). The negatives are built from the same pages:

* ``html2txt``: the page's whole visible text (menus, footers, teasers and the article);
* ``boilerplate``: that text with the main text's lines taken out, i.e. what an extractor should drop;
* ``shuffled``: the main text with the words of each line in random order (a seeded shuffle);
* ``line_dup``: the main text with every line written twice;
* ``cut20``: the main text cut after its 20th word.

Every text goes through ``Cleaner().clean(text)``, the pipeline a user runs on plain text, and the score
is read from the result. Printed: ROC AUC of positives against each negative kind (target >= 0.95), the
share of positives below the default threshold per language with at least 20 pages (target <= 2%), and,
as a baseline on the same (uncleaned) texts, the decisions of datatrove's Gopher quality, Gopher
repetition, C4 (FineWeb's setting) and FineWeb filters with their defaults.

Run from the repository root: ``python benchmarks/quality.py`` (``--limit N`` for a quick look,
``--workers N``, ``--no-baseline``). Per-document scores and signals go to
``benchmarks/out/quality_scores.jsonl.gz``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from corpus import load_corpus  # noqa: E402

NEGATIVES = ("html2txt", "boilerplate", "shuffled", "line_dup", "cut20")
MIN_PAGES = 20
OUT = HERE / "out" / "quality_scores.jsonl.gz"


def _norm(text: str) -> str:
    return " ".join(text.split())


def boilerplate_only(main: str, whole: str) -> str:
    """The page's visible text with each line of the main text cut out of it (html2txt is one flat line,
    whitespace collapsed; each main line is found in it as written, once)."""
    rest = _norm(whole)
    for line in sorted({_norm(line) for line in main.split("\n")}, key=len, reverse=True):
        if line:
            rest = rest.replace(line, " ", 1)
    return _norm(rest)


def shuffle_words(text: str, rng: random.Random) -> str:
    out = []
    for line in text.split("\n"):
        words = line.split()
        rng.shuffle(words)
        out.append(" ".join(words))
    return "\n".join(out)


def duplicate_lines(text: str) -> str:
    return "\n".join(line for line in text.split("\n") for _ in range(2))


def cut_words(text: str, n: int = 20) -> str:
    """The text up to the end of its n-th whitespace word, layout kept."""
    count = 0
    inside = False
    for i, ch in enumerate(text):
        if ch.isspace():
            if inside:
                count += 1
                if count == n:
                    return text[:i]
            inside = False
        else:
            inside = True
    return text


def build_items(rows: list[dict]) -> list[dict]:
    items = []
    for i, row in enumerate(rows):
        main = row["main"]
        if not main.strip():
            continue
        rng = random.Random(i)
        texts = {
            "main": main,
            "html2txt": row["html2txt"],
            "boilerplate": boilerplate_only(main, row["html2txt"]),
            "shuffled": shuffle_words(main, rng),
            "line_dup": duplicate_lines(main),
            "cut20": cut_words(main),
        }
        for kind, text in texts.items():
            items.append({"page": i, "kind": kind, "lang": row["lang"], "url": row["url"], "text": text})
        items[-len(texts)]["holds"] = holds_article(main, row["with"])
    return items


def holds_article(main: str, passages: list[str]) -> float | None:
    """Share of the page's `with` passages (the article, as the evaluation set marks it) that the main text
    holds. A main text holding less than half of them is an extraction that missed the article (a caption,
    a cookie banner, PHP warnings): a low score is right there, so the benchmark reports those apart."""
    passages = [_norm(p) for p in passages if p.strip()]
    if not passages:
        return None
    flat = _norm(main)
    return sum(p in flat for p in passages) / len(passages)


def roc_auc(pos: list[float], neg: list[float]) -> float:
    """P(score of a random positive > score of a random negative), ties counted half (Mann-Whitney)."""
    ranked = sorted([(s, 1) for s in pos] + [(s, 0) for s in neg])
    rank_sum = 0.0
    i = 0
    while i < len(ranked):
        j = i
        while j < len(ranked) and ranked[j][0] == ranked[i][0]:
            j += 1
        mid = (i + j + 1) / 2  # 1-based mean rank of the tie block
        rank_sum += mid * sum(label for _, label in ranked[i:j])
        i = j
    n_pos, n_neg = len(pos), len(neg)
    return (rank_sum - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)


def _is_article(item: dict) -> bool:
    return item["holds"] is not None and item["holds"] >= 0.5


def run_ours(items: list[dict], workers: int) -> None:
    from cleaner import Cleaner

    cleaner = Cleaner()
    for item, doc in zip(items, cleaner.clean_many((it["text"] for it in items), workers=workers)):
        item["score"] = doc.quality["score"]
        item["doc_lang"] = doc.lang
        item["signals"] = doc.quality["signals"]
        item["reasons"] = [r["signal"] for r in doc.quality["reasons"]]


def _baseline_filters() -> dict:
    from datatrove.pipeline.filters import C4QualityFilter, FineWebQualityFilter, GopherQualityFilter, GopherRepetitionFilter

    return {
        "gopher_quality": GopherQualityFilter(),
        "gopher_repetition": GopherRepetitionFilter(),
        "c4": C4QualityFilter(filter_no_terminal_punct=False),
        "fineweb": FineWebQualityFilter(),
    }


_FILTERS: dict = {}


def _baseline_one(text: str) -> dict[str, str]:
    """Each filter's decision: "keep" or the reason of its first failing check."""
    from datatrove.data import Document as DtDocument

    if not _FILTERS:
        _FILTERS.update(_baseline_filters())
    out = {}
    for name, flt in _FILTERS.items():
        result = flt.filter(DtDocument(text=text, id="x")) if text.strip() else (False, "empty")
        out[name] = "keep" if result is True else (result[1] if isinstance(result, tuple) else "drop")
    return out


def run_baseline(items: list[dict], workers: int) -> None:
    import multiprocessing as mp

    texts = [it["text"] for it in items]
    if workers > 1:
        with mp.get_context("fork").Pool(workers) as pool:
            results = pool.map(_baseline_one, texts, chunksize=16)
    else:
        results = [_baseline_one(t) for t in texts]
    for item, result in zip(items, results):
        item["baseline"] = result


def report(items: list[dict], threshold: float) -> None:
    by_kind: dict[str, list[dict]] = defaultdict(list)
    for it in items:
        by_kind[it["kind"]].append(it)
    pos = [it["score"] for it in by_kind["main"]]
    print(f"\npages with a main text: {len(pos)}; default threshold {threshold}")
    print("\nROC AUC, positives (main text) against each negative kind (target >= 0.95)")
    print(f"{'negatives':<12} {'n':>5} {'AUC':>7} {'neg. below thr.':>16} {'median score':>13}")
    for kind in NEGATIVES:
        neg = [it["score"] for it in by_kind[kind]]
        below = sum(s < threshold for s in neg) / len(neg)
        print(f"{kind:<12} {len(neg):>5} {roc_auc(pos, neg):>7.4f} {below:>15.1%} {sorted(neg)[len(neg) // 2]:>13.3f}")
    print("\nPositives below the default threshold, per language with >= 20 pages (target <= 2%)")
    langs = Counter(it["lang"] for it in by_kind["main"])
    print("(article: main texts holding at least half of the page's `with` passages, i.e. the extraction found the article)")
    print(f"{'lang':<6} {'pages':>5} {'below':>6} {'share':>7} {'articles':>9} {'below':>6} {'share':>7}   main reasons of those below")
    for lang, n in langs.most_common():
        if n < MIN_PAGES:
            continue
        group = [it for it in by_kind["main"] if it["lang"] == lang]
        low = [it for it in group if it["score"] < threshold]
        articles = [it for it in group if _is_article(it)]
        low_articles = [it for it in articles if it["score"] < threshold]
        reasons = Counter(r for it in low for r in it["reasons"]).most_common(3)
        print(
            f"{lang:<6} {n:>5} {len(low):>6} {len(low) / n:>7.1%} {len(articles):>9} {len(low_articles):>6} "
            f"{len(low_articles) / len(articles):>7.1%}   {', '.join(f'{r} ({c})' for r, c in reasons)}"
        )
    print("\nEach positive below the threshold in those languages, to judge by eye")
    for it in sorted(by_kind["main"], key=lambda it: (it["lang"], it["score"])):
        if it["score"] < threshold and langs[it["lang"]] >= MIN_PAGES:
            holds = "n/a" if it["holds"] is None else f"{it['holds']:.0%}"
            print(
                f"- page {it['page']} {it['lang']} score {it['score']:.3f}, {it['signals'].get('word_count', 0):.0f} words, "
                f"holds {holds} of the article passages; reasons: {', '.join(it['reasons'])} ({it['url']})"
            )
    if "baseline" not in by_kind["main"][0]:
        return
    print("\nBaseline: datatrove filters with their defaults, share of texts each one drops")
    names = list(by_kind["main"][0]["baseline"])
    header = "".join(f"{n:>19}" for n in names + ["any"])
    print(f"{'texts':<16}{header}")
    groups = [(f"main {lang}", [it for it in by_kind["main"] if it["lang"] == lang]) for lang, n in langs.most_common() if n >= MIN_PAGES]
    groups = [("main (all)", by_kind["main"])] + groups + [(kind, by_kind[kind]) for kind in NEGATIVES]
    for label, group in groups:
        cells = [sum(it["baseline"][n] != "keep" for it in group) / len(group) for n in names]
        anyone = sum(any(it["baseline"][n] != "keep" for n in names) for it in group) / len(group)
        ours = sum(it["score"] < threshold for it in group) / len(group)
        print(f"{label:<16}" + "".join(f"{c:>19.1%}" for c in cells + [anyone]) + f"   (ours below {threshold}: {ours:.1%})")
    print("\nBaseline reasons on positives (main), top 6 per filter")
    for n in names:
        reasons = Counter(it["baseline"][n] for it in by_kind["main"] if it["baseline"][n] != "keep").most_common(6)
        print(f"  {n}: {', '.join(f'{r} {c}' for r, c in reasons)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--no-baseline", action="store_true", help="skip the datatrove baseline")
    args = parser.parse_args()
    from cleaner import Config

    rows = load_corpus(limit=args.limit)
    items = build_items(rows)
    start = time.perf_counter()
    run_ours(items, args.workers)
    took = time.perf_counter() - start
    print(f"cleaned and scored {len(items)} texts in {took:.1f} s ({len(items) / took:.1f} texts/s, {args.workers} workers)")
    if not args.no_baseline:
        start = time.perf_counter()
        run_baseline(items, args.workers)
        print(f"baseline: {time.perf_counter() - start:.1f} s")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(OUT, "wt", encoding="utf-8") as handle:
        for it in items:
            handle.write(json.dumps({k: v for k, v in it.items() if k != "text"}, ensure_ascii=False) + "\n")
    report(items, Config().min_score)


if __name__ == "__main__":
    main()
