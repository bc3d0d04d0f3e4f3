"""Detectors that are one regular expression: spacing and punctuation damage, foreign word order.

The match (or its group ``flag``) is the span. ``unless_before`` / ``unless_after`` look at the text just
around it, for the exceptions a fixed-width look-behind cannot say (a relative clause before a word-order
candidate). ``requires`` lists strings of which one must occur for the rule to run at all (a word is
looked up among the document's lower-cased words, anything else searched for in the text): that costs
almost nothing, a regular expression pass over every document does not. For the same
reason patterns start with a literal character where they can and look behind after it; ``widen``
then grows the span to the words around that character. ``min_word_zipf`` keeps only spans whose words
are all at least that common (identifiers in code and product names are not). ``style_marker``: a text that uses this
string more than ``style_max`` times writes that way on purpose (``wait…what`` in a chatty comment
thread), so the rule leaves it alone.
"""

from __future__ import annotations

import re
from typing import Any

from ...document import Flag
from ...ruleset import register
from . import lexicon
from .base import ArtifactKind, Scan

CONTEXT_CHARS = 60
_WORDS = re.compile(r"[^\W\d_]+")


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
        "min_word_zipf": (float, False),
        "style_marker": (str, False),
        "style_max": (int, False),
    }

    def compile(self, params: dict[str, Any]) -> None:
        self.type = self.check_type(params)
        self.pattern = self.compile_regex(params, "pattern")
        self.unless_before = self.compile_regex(params, "unless_before")
        self.unless_after = self.compile_regex(params, "unless_after")
        self.requires = tuple(params.get("requires", ()))
        self.widen = params.get("widen", False)
        self.min_word_freq = lexicon.frequency_of_zipf(params["min_word_zipf"]) if "min_word_zipf" in params else None
        self.style_marker = params.get("style_marker")
        self.style_max = params.get("style_max", 0)
        if self.style_marker is not None and "style_max" not in params:
            raise self.error("style_max", "is needed with style_marker")
        self.lang = self.rule.langs[0] if "*" not in self.rule.langs else "en"
        self.group = "flag" if "flag" in self.pattern.groupindex else 0
        self.suggestion = params.get("suggestion")

    def detect(self, scan: Scan) -> list[Flag]:
        text = scan.text
        if self.requires and not any(r in scan.vocab if r.isalpha() else r in text for r in self.requires):
            return []
        if self.style_marker is not None and text.count(self.style_marker) > self.style_max:
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
            if self.min_word_freq is not None and not self.all_known(text[start:end]):
                continue
            if not self.usable(scan, start, end):
                continue
            suggestion = m.expand(self.suggestion) if self.suggestion else None
            out.append(self.flag(scan, self.type, start, end, self.confidence, m.expand(self.evidence), suggestion))
        return out

    def all_known(self, span: str) -> bool:
        """Every word of the span is a common word: ``stuff.Stuffinator`` is code, ``Xamarin.Android`` a name."""
        freq = lexicon.frequencies(self.lang)
        return all(freq.get(w.lower(), 0.0) >= self.min_word_freq for w in _WORDS.findall(span))


def _widen(text: str, start: int, end: int) -> tuple[int, int]:
    """The span grown to the whole words it touches, so a flag names ``Charter…sovereignty``, not ``r…s``."""
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    while end < len(text) and text[end].isalpha():
        end += 1
    return start, end
