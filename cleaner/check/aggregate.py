"""Streaming counters over cleaned records: what a batch looks like, in memory that does not grow with it.

Only counters, a fixed histogram, signatures (in :mod:`.dedup`) and the ``worst`` lowest-scoring documents
(a heap) are kept. Every field of a record is read defensively: a record written by an older or newer
version of the pipeline, or by hand, is counted for what it has, and missing signals are counted too.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from typing import Any

from .dedup import Duplicates, SharedPassages, passages

BINS = 1000  # score resolution of the histogram: quantiles are exact to 0.001
SIGNALS = ("boilerplate_share", "mojibake_repaired", "mojibake_left", "mt_suspected", "extraction_damage", "word_count")
MAX_KEYS = 500  # languages, flag types and rules beyond this many distinct values are counted as "(other)"
OTHER = "(other)"
STAGE_OF_PREFIX = {"DC": "decode", "EX": "extract", "RP": "repair", "LG": "language", "BP": "boilerplate", "MT": "artifacts", "QS": "quality"}


def number(value: Any) -> float | None:
    """A finite number from a JSON value (booleans count as 0/1); anything else is missing."""
    if isinstance(value, bool):
        return float(value)
    if isinstance(value, (int, float)) and math.isfinite(value):
        return float(value)
    return None


def _bump(counter: Counter, key: str, by: int = 1) -> None:
    if key not in counter and len(counter) >= MAX_KEYS:
        key = OTHER
    counter[key] += by


class Aggregate:
    def __init__(self, *, min_score: float, worst: int = 10, duplicates: Duplicates | None = None, shared: SharedPassages | None = None):
        self.min_score = min_score
        self.worst_n = worst
        self.duplicates = duplicates or Duplicates()
        self.shared = shared or SharedPassages()
        self.documents = 0
        self.from_records = 0
        self.cleaned_here = 0
        self.bad = 0
        self.bad_examples: list[dict[str, str]] = []
        self.scored = 0
        self.score_sum = 0.0
        self.low = 0
        self.hist = [0] * (BINS + 1)
        self.langs: Counter = Counter()
        self.missing: Counter = Counter()
        self.boilerplate_sum = 0.0
        self.boilerplate_docs = 0
        self.mojibake_repaired_docs = 0
        self.mojibake_repaired = 0.0
        self.mojibake_left_docs = 0
        self.mojibake_left = 0.0
        self.mt_docs = 0
        self.damage_docs = 0
        self.words = 0.0
        self.flag_count: Counter = Counter()
        self.flag_docs: Counter = Counter()
        self.docs_with_flags = 0
        self.rule_count: Counter = Counter()
        self.rule_docs: Counter = Counter()
        self.rule_stage: dict[str, tuple[str, str]] = {}
        self.rule_name: dict[str, str] = {}
        self.reason_docs: Counter = Counter()
        self._worst: list[tuple[float, int, dict]] = []

    # -- input -------------------------------------------------------------------------------------

    def add_bad(self, where: str, error: str) -> None:
        """A record that could not be read or cleaned: counted and named, never skipped silently."""
        self.bad += 1
        if len(self.bad_examples) < 20:
            self.bad_examples.append({"where": where, "error": error})

    def add(self, record: dict[str, Any], where: str, *, cleaned_here: bool) -> None:
        """One cleaned record (``Document.to_record()`` or a line ``cleaner clean`` wrote). A score outside
        [0, 1] or not a number means the record was not written by the pipeline: it is named as bad rather
        than clamped or counted as missing, which would let a corrupted batch through."""
        given = record.get("quality", {}).get("score") if isinstance(record.get("quality"), dict) else None
        if given is not None and (isinstance(given, bool) or number(given) is None or not 0 <= given <= 1):
            self.add_bad(where, f"quality.score is {given!r}, not a number from 0 to 1")
            return
        ordinal = self.documents
        self.documents += 1
        if cleaned_here:
            self.cleaned_here += 1
        else:
            self.from_records += 1
        name = str(record["id"]) if record.get("id") is not None else where
        text = record.get("text") if isinstance(record.get("text"), str) else ""
        lang = record.get("lang") if isinstance(record.get("lang"), str) and record.get("lang") else "unknown"
        _bump(self.langs, lang)
        quality = record.get("quality") if isinstance(record.get("quality"), dict) else {}
        signals = quality.get("signals") if isinstance(quality.get("signals"), dict) else {}
        reasons = [r for r in quality.get("reasons") or () if isinstance(r, dict)]
        flags = [f for f in record.get("flags") or () if isinstance(f, dict)]
        self._signals(signals)
        self._flags_and_rules(flags, record.get("edits") or (), reasons)
        score = number(quality.get("score"))
        if score is None:
            self.missing["score"] += 1
        else:
            self.scored += 1
            self.score_sum += score
            self.hist[round(score * BINS)] += 1
            if score < self.min_score:
                self.low += 1
            self._consider_worst(score, ordinal, name, where, lang, text, reasons, flags, signals)
        items = list(passages(text))
        if self.duplicates.add(name, [w for p in items for w in p.words]) is None:  # a copy's passages are not news
            self.shared.add(name, where, items)

    def _signals(self, signals: dict[str, Any]) -> None:
        values = {}
        for key in SIGNALS:
            value = number(signals.get(key))
            if value is None:
                self.missing[key] += 1
            values[key] = value or 0.0
        self.boilerplate_sum += values["boilerplate_share"]
        self.boilerplate_docs += values["boilerplate_share"] > 0
        self.mojibake_repaired += values["mojibake_repaired"]
        self.mojibake_repaired_docs += values["mojibake_repaired"] > 0
        self.mojibake_left += values["mojibake_left"]
        self.mojibake_left_docs += values["mojibake_left"] > 0
        self.mt_docs += values["mt_suspected"] >= 0.5
        self.damage_docs += values["extraction_damage"] > 0
        self.words += values["word_count"]

    def _flags_and_rules(self, flags: list[dict], edits: Any, reasons: list[dict]) -> None:
        types: set[str] = set()
        fired: set[str] = set()
        for flag in flags:
            kind = str(flag.get("type") or "unknown")
            _bump(self.flag_count, kind)
            types.add(kind)
            self._fired(flag.get("rule"), "", "flag", fired)
        for kind in types:
            _bump(self.flag_docs, kind)
        self.docs_with_flags += bool(flags)
        for edit in edits if isinstance(edits, list) else ():
            if isinstance(edit, dict) and edit.get("step") != 0:  # step 0 is provenance (how text was obtained)
                self._fired(edit.get("rule"), str(edit.get("stage") or ""), "edit", fired)
        for reason in reasons:
            self._fired(reason.get("rule"), "quality", "penalty", fired)
            if isinstance(reason.get("rule"), str) and isinstance(reason.get("why"), str):
                self.rule_name.setdefault(reason["rule"], reason["why"])
            if isinstance(reason.get("signal"), str):
                _bump(self.reason_docs, reason["signal"])
        for rule in fired:
            _bump(self.rule_docs, rule)

    def _fired(self, rule: Any, stage: str, how: str, fired: set[str]) -> None:
        """Count a rule that changed, flagged or penalised the document; its stage from the record or its id."""
        if not isinstance(rule, str) or not rule:
            return
        _bump(self.rule_count, rule)
        fired.add(rule)
        if rule not in self.rule_stage and len(self.rule_stage) < MAX_KEYS:
            self.rule_stage[rule] = (stage or STAGE_OF_PREFIX.get(rule[:2], ""), how)

    def _consider_worst(self, score, ordinal, name, where, lang, text, reasons, flags, signals) -> None:
        key = (-score, -ordinal)
        if len(self._worst) >= self.worst_n and (not self._worst or key <= self._worst[0][:2]):
            return
        entry = {
            "doc": name,
            "where": where,
            "score": round(score, 4),
            "lang": lang,
            "words": int(number(signals.get("word_count")) or len(text.split())),
            "reasons": [
                {k: r[k] for k in ("rule", "signal", "value", "threshold", "penalty", "why") if k in r} for r in reasons[:8]
            ],
            "flags": [
                {k: f[k] for k in ("type", "rule", "text", "evidence") if k in f} for f in flags[:5]
            ],
            "flag_total": len(flags),
            "excerpt": text[:280],
        }
        item = (key[0], key[1], entry)
        if len(self._worst) < self.worst_n:
            heapq.heappush(self._worst, item)
        else:
            heapq.heapreplace(self._worst, item)

    # -- output ------------------------------------------------------------------------------------

    def quantile(self, q: float) -> float | None:
        if not self.scored:
            return None
        need = q * self.scored
        seen = 0
        for i, count in enumerate(self.hist):
            seen += count
            if seen >= need and count:
                return i / BINS
        return 1.0

    def summary(self) -> dict[str, Any]:
        n = self.documents
        share = (lambda k: k / n if n else 0.0)
        chart_bins = 20
        chart = [0] * chart_bins
        for i, count in enumerate(self.hist):
            chart[min(i * chart_bins // BINS, chart_bins - 1)] += count
        rules = {}
        for rule, count in sorted(self.rule_count.items(), key=lambda kv: (-kv[1], kv[0])):
            stage, how = self.rule_stage.get(rule, ("", ""))
            rules[rule] = {"count": count, "docs": self.rule_docs.get(rule, 0), "stage": stage, "how": how}
            if rule in self.rule_name:
                rules[rule]["name"] = self.rule_name[rule]
        return {
            "documents": {
                "total": n + self.bad,
                "checked": n,
                "from_records": self.from_records,
                "cleaned_here": self.cleaned_here,
                "bad": self.bad,
                "bad_examples": self.bad_examples,
                "words": int(self.words),
            },
            "scores": {
                "scored": self.scored,
                "mean": self.score_sum / self.scored if self.scored else None,
                "min": self.quantile(0.0),
                "p10": self.quantile(0.1),
                "median": self.quantile(0.5),
                "p90": self.quantile(0.9),
                "min_score": self.min_score,
                "below_min": self.low,
                "below_min_share": self.low / self.scored if self.scored else 0.0,
                "histogram": {"bin_width": 1 / chart_bins, "counts": chart},
            },
            "languages": dict(sorted(self.langs.items(), key=lambda kv: (-kv[1], kv[0]))),
            "boilerplate": {"mean_share": share(self.boilerplate_sum), "docs_with_removal": self.boilerplate_docs},
            "mojibake": {
                "docs_repaired": self.mojibake_repaired_docs,
                "repaired": int(self.mojibake_repaired),
                "docs_left": self.mojibake_left_docs,
                "left": int(self.mojibake_left),
                "left_share": share(self.mojibake_left_docs),
            },
            "mt": {"suspected": self.mt_docs, "share": share(self.mt_docs)},
            "extraction_damage": {"docs": self.damage_docs, "share": share(self.damage_docs)},
            "flags": {
                "docs_with_flags": self.docs_with_flags,
                "by_type": {
                    kind: {"count": count, "docs": self.flag_docs.get(kind, 0)}
                    for kind, count in sorted(self.flag_count.items(), key=lambda kv: (-kv[1], kv[0]))
                },
            },
            "rules": rules,
            "reasons": dict(sorted(self.reason_docs.items(), key=lambda kv: (-kv[1], kv[0]))),
            "missing_signals": {k: self.missing[k] for k in ("score", *SIGNALS) if self.missing[k]},
            "duplicates": self.duplicates.summary(n),
            "passages": self.shared.summary(n),
            "worst": [item[2] for item in sorted(self._worst, key=lambda t: (-t[0], -t[1]))],
        }
