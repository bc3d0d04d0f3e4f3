"""Stage 6, artifacts: flag machine-translation and extraction damage without changing the text.

Each detector is a rule kind; every flag carries its rule id, exact span into the cleaned text, a
confidence and the evidence behind it. Precision first: a flag on correct text costs more than a miss.
"""

from __future__ import annotations

import re
from typing import Any

from ..document import Document, Flag
from ..ruleset import Example, RuleKind, register
from .base import Stage

FLAG_TYPES = (
    "glued_words",
    "doubled_word",
    "capitalized_anchor",
    "inconsistent_transliteration",
    "spacing_artifact",
    "orphan_punctuation",
    "foreign_agency_credit",
    "literal_rendering",
    "tortured_phrase",
    "source_word_order",
    "lowercase_proper_noun",
    "mojibake",
)


class ArtifactKind(RuleKind):
    stage = "artifacts"

    def flags(self, doc: Document) -> list[Flag]:
        raise NotImplementedError

    def fires(self, example: Example) -> list[str]:
        doc = Document(example.text, lang=example.lang or (self.rule.langs[0] if "*" not in self.rule.langs else "en"))
        return [f.text for f in self.flags(doc)]


@register
class PatternFlag(ArtifactKind):
    """A regular expression whose match (or its group ``flag``) is the flagged span."""

    kind = "pattern"
    fields = {"type": (str, True), "pattern": (str, True), "confidence": (float, True), "suggestion": (str, False)}

    def compile(self, params: dict[str, Any]) -> None:
        if params["type"] not in FLAG_TYPES:
            raise self.error("type", f"{params['type']!r} is not a flag type ({', '.join(FLAG_TYPES)})")
        try:
            self.pattern = re.compile(params["pattern"])
        except re.error as exc:
            raise self.error("pattern", f"not a valid regular expression: {exc}") from None
        self.type = params["type"]
        self.confidence = params["confidence"]
        self.suggestion = params.get("suggestion")

    def flags(self, doc: Document) -> list[Flag]:
        out = []
        for m in self.pattern.finditer(doc.text):
            group = "flag" if "flag" in self.pattern.groupindex else 0
            start, end = m.span(group)
            if start < end:
                suggestion = m.expand(self.suggestion) if self.suggestion else None
                out.append(Flag(self.type, self.rule.id, start, end, doc.text[start:end], self.confidence, "", suggestion))
        return out


class ArtifactsStage(Stage):
    name = "artifacts"

    def run(self, doc: Document) -> None:
        if not doc.text:
            return
        for kind in self.rules:
            if kind.rule.applies_to(doc.lang):
                for flag in kind.flags(doc):
                    doc.add_flag(flag)
