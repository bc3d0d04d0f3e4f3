"""Stage 6, artifacts: flag machine-translation and extraction damage without changing the text.

Each detector is a rule kind in its own module, with its data in ``rules/artifacts/``; every flag carries
its rule id, exact span into the cleaned text, a confidence and the evidence behind it. Precision first:
a flag on correct text costs more than a miss. The flags are then summed up per document
(:mod:`.verdict`) for the quality stage.
"""

from __future__ import annotations

from ...config import Config
from ...document import Document, Flag
from ...ruleset import RuleSet
from ..base import Stage
from . import anchors, casing, credits, doubled, glued, names, patterns, phrases  # noqa: F401  (registers the kinds)
from .base import FLAG_TYPES, ArtifactKind, Scan
from .verdict import judge

__all__ = ["ArtifactsStage", "ArtifactKind", "FLAG_TYPES", "Scan"]


class ArtifactsStage(Stage):
    name = "artifacts"

    def __init__(self, ruleset: RuleSet, config: Config):
        super().__init__(ruleset, config)
        self.evidence_weights = {kind.rule.id: kind.evidence_weight for kind in self.rules}

    def run(self, doc: Document) -> None:
        if doc.text:
            scan = Scan(doc)
            found: list[Flag] = []
            for kind in self.rules:
                if kind.rule.applies_to(doc.lang):
                    found.extend(kind.detect(scan))
            for flag in _strongest(found):
                doc.add_flag(flag)
        judge(doc, self.evidence_weights)


def _strongest(flags: list[Flag]) -> list[Flag]:
    """One flag per stretch of text and type: where two rules see the same thing, the surer one speaks."""
    kept: list[Flag] = []
    for flag in sorted(flags, key=lambda f: (-f.confidence, f.start, f.end, f.rule)):
        if not any(k.type == flag.type and k.start < flag.end and flag.start < k.end for k in kept):
            kept.append(flag)
    return sorted(kept, key=lambda f: (f.start, f.end, f.type, f.rule))
