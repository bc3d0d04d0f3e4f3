"""Artifacts stage: span precision and recall per flag type, false flags on human text, and speed.

1. The labelled set ``fixtures/artifacts/labelled.json``: a flag is right when it overlaps an annotated
   span of its type; recall counts the annotated spans some flag of the right type overlaps.
2. Human text: the main text (trafilatura's extraction) of the English and German pages of the
   trafilatura evaluation set. Every flag of confidence >= 0.5 is printed so a person can judge it;
   ``fixtures/artifacts/corpus_judgements.json`` records such judgements (a real error in the page, or
   a false flag), and the share of documents with a false flag is reported beside the raw share.
3. Speed of the stage alone, in documents per second of CPU time on one core (the text is prepared
   beforehand, so decoding, extraction and language detection are not counted).

Run from the repository root: ``python benchmarks/artifacts.py``.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from cleaner import Cleaner  # noqa: E402
from cleaner.document import Document  # noqa: E402

FIXTURES = HERE.parent / "fixtures" / "artifacts"
REPORT_AT = 0.5


def artifacts_stage(cleaner: Cleaner):
    return next(stage for stage in cleaner.stages if stage.name == "artifacts")


def locate(text: str, span: dict) -> tuple[int, int]:
    """The annotated span's offsets: its first occurrence, or the one inside ``context``."""
    context = span.get("context", span["text"])
    at = text.index(context) + context.index(span["text"])
    return at, at + len(span["text"])


def score_labelled(cleaner: Cleaner, min_confidence: float = 0.0) -> dict[str, dict[str, int]]:
    """Per flag type: tp/fp flags and found/total annotated spans on the labelled set."""
    stage = artifacts_stage(cleaner)
    items = json.loads((FIXTURES / "labelled.json").read_text(encoding="utf-8"))["items"]
    counts: dict[str, Counter] = {}
    for item in items:
        doc = Document(item["text"], lang=item.get("lang", "en"))
        stage.run(doc)
        gold = [(s["type"], *locate(item["text"], s)) for s in item["spans"]]
        flags = [f for f in doc.flags if f.confidence >= min_confidence]
        for flag in flags:
            right = any(t == flag.type and s < flag.end and flag.start < e for t, s, e in gold)
            counts.setdefault(flag.type, Counter())["tp" if right else "fp"] += 1
        for t, s, e in gold:
            c = counts.setdefault(t, Counter())
            c["total"] += 1
            c["found"] += any(f.type == t and f.start < e and s < f.end for f in flags)
    return {t: dict(c) for t, c in counts.items()}


def print_labelled(scores: dict[str, dict[str, int]]) -> None:
    print("| type | flags | precision | spans | recall |")
    print("|---|---|---|---|---|")
    totals = Counter()
    for t in sorted(scores):
        c = Counter(scores[t])
        totals.update(c)
        flags = c["tp"] + c["fp"]
        prec = f"{c['tp'] / flags:.2f}" if flags else "-"
        rec = f"{c['found'] / c['total']:.2f}" if c["total"] else "-"
        print(f"| {t} | {flags} | {prec} | {c['total']} | {rec} |")
    flags = totals["tp"] + totals["fp"]
    print(f"| all | {flags} | {totals['tp'] / max(flags, 1):.2f} | {totals['total']} | {totals['found'] / max(totals['total'], 1):.2f} |")


def human_text(cleaner: Cleaner, langs: tuple[str, ...]) -> None:
    from corpus import load_corpus

    stage = artifacts_stage(cleaner)
    rows = [r for r in load_corpus() if r["lang"] in langs and r["main"]]
    docs = [Document(r["main"], lang=r["lang"]) for r in rows]
    stage.run(Document("A warm-up text, on tuesday.", lang="en"))
    speed = {}
    for lang in langs:
        batch = [d for d in docs if d.lang == lang]
        cpu, wall = time.process_time(), time.perf_counter()
        for doc in batch:
            stage.run(doc)
        speed[lang] = (len(batch), sum(len(d.text) for d in batch), time.process_time() - cpu, time.perf_counter() - wall)

    judged_path = FIXTURES / "corpus_judgements.json"
    judged = json.loads(judged_path.read_text(encoding="utf-8"))["judgements"] if judged_path.exists() else []
    verdicts = {(j["url"], j["rule"], j["text"]): j["verdict"] for j in judged}
    print(f"\n## Flags of confidence >= {REPORT_AT} on human text ({', '.join(langs)})\n")
    flagged, false_docs, unjudged = Counter(), Counter(), 0
    for row, doc in zip(rows, docs):
        strong = [f for f in doc.flags if f.confidence >= REPORT_AT]
        if not strong:
            continue
        flagged[row["lang"]] += 1
        verdict_of = [verdicts.get((row["url"], f.rule, f.text), "unjudged") for f in strong]
        if "false" in verdict_of:
            false_docs[row["lang"]] += 1
        unjudged += verdict_of.count("unjudged")
        for flag, verdict in zip(strong, verdict_of):
            around = doc.text[max(0, flag.start - 45) : flag.end + 45].replace("\n", " / ")
            print(f"- [{verdict}] {flag.rule} {flag.type} {flag.confidence:.2f} {flag.text!r} in …{around}… ({row['url']})")
    print("\n| language | documents | with a flag >= 0.5 | share | with a false flag >= 0.5 | share |")
    print("|---|---|---|---|---|---|")
    by_lang = Counter(r["lang"] for r in rows)
    for lang in langs:
        n = by_lang[lang]
        print(f"| {lang} | {n} | {flagged[lang]} | {flagged[lang] / max(n, 1):.1%} | {false_docs[lang]} | {false_docs[lang] / max(n, 1):.1%} |")
    if unjudged:
        print(f"\n{unjudged} flag(s) not yet judged in {judged_path.name}.")
    mt = sum(d.notes.get("mt_suspected", 0) >= 0.5 for d in docs)
    print(f"\nDocuments with mt_suspected >= 0.5: {mt} of {len(docs)}.")
    print("\n## Speed of the stage, one core\n")
    print("| language | documents | characters on average | docs/s (CPU time) | docs/s (wall clock) |")
    print("|---|---|---|---|---|")
    for lang, (n, chars, cpu, wall) in speed.items():
        print(f"| {lang} | {n} | {chars / max(n, 1):,.0f} | {n / cpu:,.0f} | {n / wall:,.0f} |")


def main() -> None:
    cleaner = Cleaner()
    print("## Labelled set (fixtures/artifacts/labelled.json), all flags\n")
    print_labelled(score_labelled(cleaner))
    print(f"\n## Labelled set, flags of confidence >= {REPORT_AT}\n")
    print_labelled(score_labelled(cleaner, REPORT_AT))
    human_text(cleaner, ("en", "de"))


if __name__ == "__main__":
    main()
