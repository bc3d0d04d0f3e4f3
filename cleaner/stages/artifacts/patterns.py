"""Detectors that are one regular expression: spacing and punctuation damage, foreign word order.

The match (or its group ``flag``) is the span. ``unless_before`` / ``unless_after`` look at the text just
around it, for the exceptions a fixed-width look-behind cannot say (a relative clause before a word-order
candidate). ``requires`` lists strings of which one must occur for the rule to run at all (a word is
looked up among the document's lower-cased words, anything else searched for in the text): that costs
almost nothing, a regular expression pass over every document does not. For the same
reason patterns start with a literal character where they can and look behind after it; ``widen``
then grows the span to the words around that character.
"""

from __future__ import annotations

from typing import Any

from ...document import Flag
from ...ruleset import register
from .base import ArtifactKind, Scan

CONTEXT_CHARS = 60


@register
class PatternFlag(ArtifactKind):
    kind = "pattern"
    fields = {
        "type": (str, True),
        "pattern": (str, True),
        "confidence": (float, True),
        "evidence": (str, True),
        "suggestion": (str, False),
        "unless_before": (str, False),
        "unless_after": (str, False),
        "requires": (list, False),
        "widen": (bool, False),
    }

    def compile(self, params: dict[str, Any]) -> None:
        self.type = self.check_type(params)
        self.pattern = self.compile_regex(params, "pattern")
        self.unless_before = self.compile_regex(params, "unless_before")
        self.unless_after = self.compile_regex(params, "unless_after")
        self.requires = tuple(params.get("requires", ()))
        self.widen = params.get("widen", False)
        self.group = "flag" if "flag" in self.pattern.groupindex else 0
        self.confidence = params["confidence"]
        self.evidence = params["evidence"]
        self.suggestion = params.get("suggestion")

    def detect(self, scan: Scan) -> list[Flag]:
        text = scan.text
        if self.requires and not any(r in scan.vocab if r.isalpha() else r in text for r in self.requires):
            return []
        out = []
        for m in self.pattern.finditer(text):
            start, end = m.span(self.group)
            if start >= end:
                continue
            if self.unless_before and self.unless_before.search(text[max(0, m.start() - CONTEXT_CHARS) : m.start()]):
                continue
            if self.unless_after and self.unless_after.match(text[m.end() : m.end() + CONTEXT_CHARS]):
                continue
            if self.widen:
                start, end = _widen(text, start, end)
            if not self.usable(scan, start, end):
                continue
            suggestion = m.expand(self.suggestion) if self.suggestion else None
            out.append(self.flag(scan, self.type, start, end, self.confidence, m.expand(self.evidence), suggestion))
        return out


def _widen(text: str, start: int, end: int) -> tuple[int, int]:
    """The span grown to the whole words it touches, so a flag names ``Charter…sovereignty``, not ``r…s``."""
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    while end < len(text) and text[end].isalpha():
        end += 1
    return start, end
