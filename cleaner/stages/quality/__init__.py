"""Stage 7, quality: named signals computed once over the cleaned text, and one score in [0, 1].

The score is a product of soft penalties, each a rule in ``rules/quality/`` with its threshold and weight,
so a user can see, reproduce and change why a document scored as it did. ``reasons`` lists every signal
that lowered the score, not only the first. The modules: ``words`` (what counts as a word in each
script), ``signals`` (the definitions), ``score`` (the rule kinds and their combination).
"""

from __future__ import annotations

from ...config import Config
from ...document import Document
from ...ruleset import RuleSet
from ..base import Stage
from .score import Penalty, StopWordPenalty, combine
from .signals import compute_signals

__all__ = ["QualityStage", "compute_signals"]


class QualityStage(Stage):
    name = "quality"

    def __init__(self, ruleset: RuleSet, config: Config):
        super().__init__(ruleset, config)
        self.penalties = [k for k in self.rules if isinstance(k, Penalty)]
        self.stopwords = next((k for k in self.penalties if isinstance(k, StopWordPenalty)), None)

    def run(self, doc: Document) -> None:
        stoplist = self.stopwords.stoplist(doc.lang) if self.stopwords else frozenset()
        signals = compute_signals(doc, stoplist)
        score, reasons = combine(signals, doc.lang, self.penalties)
        if doc.error:
            score = 0.0
            reasons.append({"rule": None, "signal": "error", "value": doc.error, "why": "the record could not be cleaned"})
        doc.quality = {
            "score": round(score, 4),
            "signals": {k: round(v, 4) for k, v in signals.items()},
            "reasons": reasons,
        }
        doc.keep = score >= self.config.min_score
