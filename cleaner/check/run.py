"""Stream documents into an :class:`Aggregate`, cleaning those that need it, and turn the result into the report.

Input records that ``cleaner clean`` already wrote (a JSON object with a ``quality`` object and a ``flags``
list) are taken as they are in ``auto`` mode; everything else goes through the pipeline. Consecutive
documents of one kind are handled together, so input order, and with it which of two duplicates counts as
the original, does not depend on the number of workers.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any, Callable, Iterable

from .. import __version__
from ..document import Document
from .aggregate import Aggregate
from .baseline import SCHEMA, compare
from .dedup import Duplicates, SharedPassages
from .thresholds import CheckSettings, evaluate

INPUT_MODES = ("auto", "raw", "cleaned")
EXIT_PASS, EXIT_FAIL, EXIT_ERROR = 0, 1, 2


def is_cleaned(record: Any) -> bool:
    """A record ``cleaner clean --format jsonl`` wrote: it carries its own score and flags."""
    return isinstance(record, dict) and isinstance(record.get("quality"), dict) and isinstance(record.get("flags"), list)


def where(doc: Document) -> str:
    return doc.notes.get("where") or doc.id or "?"


def new_aggregate(settings: CheckSettings, min_score: float) -> Aggregate:
    return Aggregate(
        min_score=min_score,
        worst=settings.worst,
        duplicates=Duplicates(settings.near_duplicate_threshold, settings.num_perm, settings.shingle_words, settings.index_limit),
        shared=SharedPassages(min_words=settings.passage_min_words),
    )


def aggregate_documents(
    docs: Iterable[Document], agg: Aggregate, *, mode: str, make_cleaner: Callable[[], Any], workers: int = 1
) -> Aggregate:
    """Feed every document to ``agg``; ``make_cleaner`` is called once, only if some document needs cleaning."""
    if mode not in INPUT_MODES:
        raise ValueError(f"input mode must be one of {', '.join(INPUT_MODES)}")
    cleaner = None

    def needs_cleaning(doc: Document) -> bool:
        return not doc.error and mode != "cleaned" and not (mode == "auto" and is_cleaned(doc.source))

    for raw, group in itertools.groupby(docs, key=needs_cleaning):
        if raw:
            cleaner = cleaner or make_cleaner()
            for doc in cleaner.clean_many(group, workers=workers):
                if doc.error:
                    agg.add_bad(where(doc), doc.error)
                else:
                    agg.add(doc.to_record(), where(doc), cleaned_here=True)
            continue
        for doc in group:
            record = doc.source
            if doc.error:
                agg.add_bad(where(doc), doc.error)
            elif not is_cleaned(record):
                agg.add_bad(where(doc), f"{where(doc)}: not a record written by 'cleaner clean' (no 'quality' object and 'flags' list); drop --input cleaned to clean it")
            elif isinstance(record.get("error"), str) and record["error"]:
                agg.add_bad(where(doc), f"{where(doc)}: {record['error']}")
            else:
                agg.add(record, where(doc), cleaned_here=False)
    return agg


def build_report(
    agg: Aggregate,
    settings: CheckSettings,
    *,
    inputs: list[str],
    rule_names: dict[str, str] | None = None,
    baseline: dict[str, Any] | None = None,
    baseline_path: str | None = None,
) -> dict[str, Any]:
    """The whole report (schema ``cleaner-check/1``, documented in docs/check.md); every writer reads only this."""
    body = agg.summary()
    for rule, entry in body["rules"].items():
        if "name" not in entry and rule_names and rule in rule_names:
            entry["name"] = rule_names[rule]
    checks = evaluate(body, settings)
    if baseline is not None:
        checks += compare(body, baseline, settings.tolerance)
    failed = [c for c in checks if not c["passed"]]
    exit_code = EXIT_ERROR if agg.bad else EXIT_FAIL if failed else EXIT_PASS
    return {
        "schema": SCHEMA,
        "tool": {"name": "scrape-cleaner", "version": __version__},
        "created": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
        "inputs": inputs,
        "status": ("pass", "fail", "error")[exit_code],
        "exit_code": exit_code,
        "settings": {
            "min_score": agg.min_score,
            "limits": settings.limits(),
            "tolerance": settings.tolerance,
            "baseline": baseline_path,
            "worst": settings.worst,
        },
        "checks": checks,
        **body,
    }
