"""Stage 7, quality: named signals computed once over the cleaned text, and one score in [0, 1].

The score is a product of soft penalties, each a rule in ``rules/quality.toml`` with its threshold and
weight, so a user can see, reproduce and change why a document scored as it did. ``reasons`` lists every
signal that lowered the score, not only the first.
"""

from __future__ import annotations

from typing import Any

from ..document import Document
from ..ruleset import Example, RuleKind, register
from .base import Stage


def compute_signals(doc: Document) -> dict[str, float]:
    """Signals of the cleaned text; later stages' work (language, flags, removed share) is read, not redone."""
    text = doc.text
    words = text.split()
    removed = doc.notes.get("boilerplate_removed_chars", 0)
    original = len(text) + removed
    return {
        "chars": float(len(text)),
        "word_count": float(len(words)),
        "boilerplate_share": removed / original if original else 0.0,
        "flag_count": float(len(doc.flags)),
        "lang_prob": doc.lang_prob,
    }


@register
class Penalty(RuleKind):
    """Lower the score when a signal is beyond a threshold: by ``weight`` at most, linearly up to ``full_at``."""

    stage = "quality"
    kind = "penalty"
    fields = {
        "signal": (str, True),
        "above": ((int, float), False),
        "below": ((int, float), False),
        "full_at": ((int, float), True),
        "weight": ((int, float), True),
    }

    def compile(self, params: dict[str, Any]) -> None:
        if ("above" in params) == ("below" in params):
            raise self.error("above", "give exactly one of 'above' or 'below'")
        self.signal = params["signal"]
        self.above = params.get("above")
        self.below = params.get("below")
        self.full_at = float(params["full_at"])
        self.weight = float(params["weight"])
        if not 0 < self.weight <= 1:
            raise self.error("weight", "must be in (0, 1]")

    def penalty(self, signals: dict[str, float]) -> float:
        value = signals.get(self.signal)
        if value is None:
            return 0.0
        if self.above is not None:
            if value <= self.above:
                return 0.0
            span = self.full_at - self.above
        else:
            if value >= self.below:
                return 0.0
            span = self.below - self.full_at
        depth = abs(value - (self.above if self.above is not None else self.below))
        return self.weight * (min(1.0, depth / span) if span > 0 else 1.0)

    def fires(self, example: Example) -> list[str]:
        doc = Document(example.text, lang=example.lang or "en", lang_prob=1.0)
        return [self.signal] if self.penalty(compute_signals(doc)) > 0 else []


class QualityStage(Stage):
    name = "quality"

    def run(self, doc: Document) -> None:
        signals = compute_signals(doc)
        score = 1.0
        reasons = []
        for kind in self.rules:
            if not kind.rule.applies_to(doc.lang):
                continue
            cut = kind.penalty(signals)
            if cut > 0:
                score *= 1.0 - cut
                threshold = kind.above if kind.above is not None else kind.below
                reasons.append(
                    {
                        "rule": kind.rule.id,
                        "signal": kind.signal,
                        "value": round(signals[kind.signal], 4),
                        "threshold": threshold,
                        "penalty": round(cut, 4),
                        "why": kind.rule.name,
                    }
                )
        doc.quality = {
            "score": round(score, 4),
            "signals": {k: round(v, 4) for k, v in signals.items()},
            "reasons": reasons,
        }
        doc.keep = score >= self.config.min_score
