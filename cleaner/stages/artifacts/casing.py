"""``lowercase_proper_noun``: a weekday, month or country left in lower case (``on tuesday``).

English capitalises these without exception, so lower case means case was lost in translation or in a
case-folding step. Words that are also common nouns (``may``, ``march``, ``china``, ``turkey``) are not
listed. A text that starts many sentences in lower case is written that way on purpose (a chat log, a
stylised post) and is left alone.
"""

from __future__ import annotations

import re
from typing import Any

from ...document import Flag
from ...ruleset import register
from .base import ArtifactKind, Scan

_SENTENCE_START = re.compile(r"(?:^|[.!?][ \t]+|\n)[“\"‘(]?([A-Za-z])", re.MULTILINE)


@register
class LowercaseProperNoun(ArtifactKind):
    kind = "lowercase_proper_noun"
    fields = {"words": (list, True), "confidence": (float, True), "max_lowercase_sentences": (float, True)}

    def compile(self, params: dict[str, Any]) -> None:
        words = [w.lower() for w in params["words"]]
        self.words = frozenset(words)
        alternatives = "|".join(sorted(map(re.escape, words), key=lambda w: (-len(w), w)))
        self.pattern = re.compile(rf"(?<![\w@#/.\-'’])({alternatives})(?![\w/@\-]|\.\w)")
        self.max_lower = params["max_lowercase_sentences"]

    def detect(self, scan: Scan) -> list[Flag]:
        if not any(w in scan.vocab and w in scan.text for w in self.words):
            return []
        hits = [m for m in self.pattern.finditer(scan.text) if self.usable(scan, m.start(), m.end())]
        if not hits or self.lowercase_style(scan.text):
            return []
        return [
            self.flag(scan, "lowercase_proper_noun", m.start(), m.end(), self.confidence, f"'{m.group()}' is always capitalised in English", m.group().capitalize())
            for m in hits
        ]

    def lowercase_style(self, text: str) -> bool:
        starts = [m.group(1) for m in _SENTENCE_START.finditer(text)]
        return bool(starts) and sum(c.islower() for c in starts) / len(starts) > self.max_lower
