"""Artifacts stage: span precision and recall per flag type, flags and MT verdicts on human text, speed.

1. The labelled set ``fixtures/artifacts/labelled.json``: a flag is right when it overlaps an annotated
   span of its type; recall counts the annotated spans some flag of the right type overlaps.
2. Human text: the main text (trafilatura's extraction) of the English and German pages of the
   trafilatura evaluation set, through the artifacts stage alone. Every flag of confidence >= 0.5 is
   listed so a person can judge it; ``fixtures/artifacts/corpus_judgements.json`` records judgements of
   every flag at any confidence ('real': the page has the error the type names; 'false': the flagged
   text is correct). From them: the share of documents with a false flag beside the raw share, the
   documents with a flag >= 0.5 per type, and calibration (the share of real flags per confidence band
   and per rule).
3. ``mt_suspected`` on the same main texts through the whole pipeline (``Cleaner().clean``, as the
   quality benchmark runs it): its distribution, and every document at >= 0.5 with its evidence.
4. Speed of the stage alone, in documents per second of CPU time on one core (the text is prepared
   beforehand, so decoding, extraction and language detection are not counted).

Run from the repository root: ``python benchmarks/artifacts.py``.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from cleaner import Cleaner  # noqa: E402
from cleaner.document import Document  # noqa: E402

FIXTURES = HERE.parent / "fixtures" / "artifacts"
REPORT_AT = 0.5
LANGS = ("en", "de")
BANDS = (0.0, 0.3, 0.5, 0.7, 0.85, 1.01)
MT_BANDS = (0.0, 0.001, 0.1, 0.2, 0.3, 0.5, 0.7, 1.01)
# Human pages (indices in load_corpus() order) that the quality benchmark once saw scored as machine
# translation; their verdict is printed in full.
WATCH_PAGES = (395, 827)


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


def band_of(value: float, bands: tuple[float, ...]) -> str:
    if value == 0.0 and bands[1] < 0.01:
        return "0"
    for low, high in zip(bands, bands[1:]):
        if low <= value < high:
            return f"[{low:g}, {min(high, 1.0):g}{']' if high > 1 else ')'}"
    return "?"


def load_judgements() -> dict[tuple[str, str, str], str]:
    path = FIXTURES / "corpus_judgements.json"
    judged = json.loads(path.read_text(encoding="utf-8"))["judgements"] if path.exists() else []
    return {(j["url"], j["rule"], j["text"]): j["verdict"] for j in judged}


def human_flags(cleaner: Cleaner, rows: list[dict]) -> list[Document]:
    """Run the stage alone on every main text; print the flags >= REPORT_AT, the shares and calibration."""
    stage = artifacts_stage(cleaner)
    docs = [Document(r["main"], lang=r["lang"]) for r in rows]
    stage.run(Document("A warm-up text, on tuesday.", lang="en"))
    speed = {}
    for lang in LANGS:
        batch = [d for d in docs if d.lang == lang]
        cpu, wall = time.process_time(), time.perf_counter()
        for doc in batch:
            stage.run(doc)
        speed[lang] = (len(batch), sum(len(d.text) for d in batch), time.process_time() - cpu, time.perf_counter() - wall)

    verdicts = load_judgements()
    print(f"\n## Flags of confidence >= {REPORT_AT} on human text ({', '.join(LANGS)}), the stage alone on the main text\n")
    flagged, false_docs, unjudged = Counter(), Counter(), []
    per_type: dict[str, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    bands: dict[str, Counter] = defaultdict(Counter)
    rules: dict[str, Counter] = defaultdict(Counter)
    for i, (row, doc) in enumerate(zip(rows, docs)):
        for flag in doc.flags:
            verdict = verdicts.get((row["url"], flag.rule, flag.text), "unjudged")
            bands[band_of(flag.confidence, BANDS)][verdict] += 1
            rules[f"{flag.rule} {flag.type} {flag.confidence:.2f}"][verdict] += 1
            if verdict == "unjudged":
                unjudged.append((row, doc, flag))
        strong = [f for f in doc.flags if f.confidence >= REPORT_AT]
        if not strong:
            continue
        flagged[row["lang"]] += 1
        verdict_of = [verdicts.get((row["url"], f.rule, f.text), "unjudged") for f in strong]
        if "false" in verdict_of:
            false_docs[row["lang"]] += 1
        for flag, verdict in zip(strong, verdict_of):
            per_type[flag.type][row["lang"]].add(i)
            print(f"- [{verdict}] {flag.rule} {flag.type} {flag.confidence:.2f} {flag.text!r} in …{context(doc, flag)}… ({row['url']})")
    print("\n| language | documents | with a flag >= 0.5 | share | with a false flag >= 0.5 | share |")
    print("|---|---|---|---|---|---|")
    by_lang = Counter(r["lang"] for r in rows)
    for lang in LANGS:
        n = by_lang[lang]
        print(f"| {lang} | {n} | {flagged[lang]} | {flagged[lang] / max(n, 1):.1%} | {false_docs[lang]} | {false_docs[lang] / max(n, 1):.1%} |")

    print(f"\n### Documents with a flag >= {REPORT_AT}, per type\n")
    print("| type | " + " | ".join(LANGS) + " |")
    print("|---|" + "---|" * len(LANGS))
    for t in sorted(per_type):
        print(f"| {t} | " + " | ".join(f"{len(per_type[t][lang])} ({len(per_type[t][lang]) / max(by_lang[lang], 1):.1%})" for lang in LANGS) + " |")

    print("\n### Calibration: judged flags at every confidence (real = the error the type names)\n")
    print_calibration("confidence", bands)
    print()
    print_calibration("rule, type, confidence", rules)
    if unjudged:
        print(f"\n{len(unjudged)} flag(s) not yet judged in corpus_judgements.json:")
        for row, doc, flag in unjudged:
            print(f"- {flag.rule} {flag.type} {flag.confidence:.2f} {flag.text!r} in …{context(doc, flag)}… ({row['url']})")

    print("\n## Speed of the stage, one core\n")
    print("| language | documents | characters on average | docs/s (CPU time) | docs/s (wall clock) |")
    print("|---|---|---|---|---|")
    for lang, (n, chars, cpu, wall) in speed.items():
        print(f"| {lang} | {n} | {chars / max(n, 1):,.0f} | {n / cpu:,.0f} | {n / wall:,.0f} |")
    return docs


def print_calibration(label: str, counts: dict[str, Counter]) -> None:
    print(f"| {label} | flags | real | false | unjudged | share real of judged |")
    print("|---|---|---|---|---|---|")
    for key in sorted(counts):
        c = counts[key]
        judged = c["real"] + c["false"]
        share = f"{c['real'] / judged:.2f}" if judged else "-"
        print(f"| {key} | {sum(c.values())} | {c['real']} | {c['false']} | {c['unjudged']} | {share} |")


def context(doc: Document, flag, width: int = 45) -> str:
    return doc.text[max(0, flag.start - width) : flag.end + width].replace("\n", " / ")


def mt_verdicts(cleaner: Cleaner, rows: list[dict], indices: list[int]) -> None:
    """``mt_suspected`` through the whole pipeline, as the quality stage sees it."""
    docs = list(cleaner.clean_many((r["main"] for r in rows), workers=2))
    print("\n## mt_suspected on human main texts, whole pipeline (Cleaner().clean)\n")
    print("| mt_suspected | " + " | ".join(LANGS) + " |")
    print("|---|" + "---|" * len(LANGS))
    hist: dict[str, Counter] = defaultdict(Counter)
    for row, doc in zip(rows, docs):
        hist[band_of(doc.notes.get("mt_suspected", 0.0), MT_BANDS)][row["lang"]] += 1
    for key in sorted(hist):
        print(f"| {key} | " + " | ".join(str(hist[key][lang]) for lang in LANGS) + " |")
    high = [(i, row, doc) for i, row, doc in zip(indices, rows, docs) if doc.notes.get("mt_suspected", 0.0) >= REPORT_AT]
    by_lang = Counter(row["lang"] for row in rows)
    counts = ", ".join(f"{lang} {sum(r['lang'] == lang for _, r, _ in high)} of {by_lang[lang]}" for lang in LANGS)
    print(f"\nDocuments with mt_suspected >= {REPORT_AT}: {counts}.")
    for i, row, doc in high:
        print(f"- page {i} {row['lang']} {doc.notes['mt_suspected']:.2f} {row['url']}: {'; '.join(doc.notes['mt_evidence'])}")
    print("\nPages once scored as machine translation:")
    for i, row, doc in zip(indices, rows, docs):
        if i in WATCH_PAGES:
            words = len(doc.text.split())
            print(f"- page {i} ({row['url']}, {words} words): mt_suspected {doc.notes.get('mt_suspected', 0.0):.3f}, evidence {doc.notes.get('mt_evidence', [])}")


def main() -> None:
    from corpus import load_corpus

    cleaner = Cleaner()
    print("## Labelled set (fixtures/artifacts/labelled.json), all flags\n")
    print_labelled(score_labelled(cleaner))
    print(f"\n## Labelled set, flags of confidence >= {REPORT_AT}\n")
    print_labelled(score_labelled(cleaner, REPORT_AT))
    indexed = [(i, r) for i, r in enumerate(load_corpus()) if r["lang"] in LANGS and r["main"]]
    rows = [r for _, r in indexed]
    human_flags(cleaner, rows)
    mt_verdicts(cleaner, rows, [i for i, _ in indexed])


if __name__ == "__main__":
    main()
