"""The check's streaming parts: duplicates, shared passages, the worst-N heap, and cleaning only what needs it."""

from __future__ import annotations

import json

from conftest import FIXTURES

from cleaner.check import CheckSettings, aggregate_documents, build_report, is_cleaned, new_aggregate
from cleaner.check.aggregate import Aggregate
from cleaner.check.dedup import Duplicates, SharedPassages, passages
from cleaner.io import read_documents

CHECK = FIXTURES / "check"


def record(i: int, text: str, score: float) -> dict:
    return {"id": f"d{i}", "text": text, "lang": "en", "quality": {"score": score, "signals": {}, "reasons": []}, "flags": []}


def test_seeds_report_the_passage_shared_by_000_and_001(cleaner):
    seeds = sorted(str(p) for p in (FIXTURES / "seeds").glob("*.txt"))
    agg = aggregate_documents(read_documents(seeds), new_aggregate(CheckSettings(), 0.5), mode="auto", make_cleaner=lambda: cleaner)
    report = build_report(agg, CheckSettings(), inputs=seeds)
    annotation = json.loads((FIXTURES / "seeds" / "annotations.json").read_text(encoding="utf-8"))["_corpus"]["near_duplicate_passages"]
    found = {}
    for passage in report["passages"]["top"]:
        for seen in passage["seen_in"]:
            found.setdefault(seen["text"], set()).add(seen["doc"].rsplit("/", 1)[-1])
    for name, text in annotation:
        assert name in found.get(text, set()), f"{name}: {text[:60]}"
    assert report["duplicates"]["exact"] == report["duplicates"]["near"] == 0  # the documents differ as a whole


def test_raw_files_are_cleaned_and_near_duplicates_found(cleaner):
    files = sorted(str(p) for p in (CHECK / "raw").glob("*.txt"))
    agg = aggregate_documents(read_documents(files), new_aggregate(CheckSettings(), 0.5), mode="auto", make_cleaner=lambda: cleaner)
    report = build_report(agg, CheckSettings(), inputs=files)
    assert report["documents"]["cleaned_here"] == 3
    assert report["duplicates"]["near"] == 1
    assert report["duplicates"]["examples"][0]["doc"].endswith("b.txt")
    assert report["duplicates"]["examples"][0]["duplicate_of"].endswith("a.txt")


def test_auto_mode_cleans_only_what_is_not_a_record(cleaner):
    built = []

    def make():
        built.append(1)
        return cleaner

    inputs = [str(CHECK / "good.jsonl"), str(CHECK / "raw" / "c.txt")]
    agg = aggregate_documents(read_documents(inputs), new_aggregate(CheckSettings(), 0.5), mode="auto", make_cleaner=make)
    assert (agg.from_records, agg.cleaned_here, len(built)) == (6, 1, 1)
    agg = aggregate_documents(read_documents(inputs[:1]), new_aggregate(CheckSettings(), 0.5), mode="auto", make_cleaner=make)
    assert len(built) == 1  # records only: the pipeline is never built


def test_is_cleaned():
    assert is_cleaned({"text": "x", "quality": {}, "flags": []})
    assert not is_cleaned({"text": "x"}) and not is_cleaned({"text": "x", "quality": {"score": 1}}) and not is_cleaned([1])


def test_worst_keeps_the_lowest_scores_in_order():
    agg = Aggregate(min_score=0.5, worst=3)
    scores = [0.9, 0.2, 0.7, 0.1, 0.95, 0.2, 0.6]
    for i, score in enumerate(scores):
        agg.add(record(i, f"document number {i} " * 3, score), f"b.jsonl:{i + 1}", cleaned_here=False)
    worst = agg.summary()["worst"]
    assert [(w["doc"], w["score"]) for w in worst] == [("d3", 0.1), ("d1", 0.2), ("d5", 0.2)]
    assert agg.summary()["scores"]["below_min"] == 3


def test_exact_duplicates_ignore_case_and_punctuation():
    dups = Duplicates()
    words = lambda t: [w for p in passages(t) for w in p.words]  # noqa: E731
    assert dups.add("a", words("Hello, world. This is a test of the system!")) is None
    assert dups.add("b", words("hello world -- this is a TEST of the system")) == "exact"
    assert dups.add("c", words("Something else entirely, with other words.")) is None
    assert (dups.exact, dups.near) == (1, 0)


def test_shared_passage_counts_stay_exact_when_sampled():
    shared = SharedPassages(min_words=3, capacity=40)
    common = "this sentence appears in every single document."
    for i in range(30):
        text = f"{common} Unique words for document {i} here. Another line number {i} of filler text."
        shared.add(f"d{i}", f"f:{i}", list(passages(text)))
    summary = shared.summary(30)
    assert summary["sample_rate"] < 1  # 61 distinct passages did not fit in 40
    assert all(p["docs"] == 30 for p in summary["top"])  # a passage followed at all is followed everywhere
    assert len(shared.table) <= 40
