"""Stage 4, language: which language the text is in, so later stages pick their per-language rules.

The detector is langdetect (its profiles, algorithm and arithmetic; see :mod:`.detector`), made
deterministic with a fixed seed and bounded in cost: it reads at most ``sample_chars`` characters, in
windows spread over the text's longer lines (menus, buttons and link lists are short lines with little
language signal, and the top of a page is mostly navigation). The sample size and the number of random trials were chosen by measurement on
real pages (``benchmarks/language_sample.py``).

A second language above ``mixed_threshold`` is left in ``doc.notes["mixed_languages"]`` for later stages.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from ...document import Document
from ...langcodes import language_code
from ...ruleset import Example, RuleKind, register
from ..base import Stage
from .detector import profiles

_LETTER = re.compile(r"[^\W\d_]")
_WINDOW = 200
_SHORT_LINE = 40


def sample_text(text: str, limit: int) -> str:
    """At most ``limit`` characters that speak for the whole text, chosen deterministically.

    Lines shorter than ``_SHORT_LINE`` (menus, buttons, bylines) are left out when the longer lines make
    at least one window, and the sample is taken in windows spread evenly over what is left, so that the
    navigation at the top of a page (often all of a prefix) cannot make up the sample. On the evaluation
    pages this agrees with whole-text detection more often than a prefix or the longest lines do.
    """
    if len(text) <= limit:
        return text
    prose = "\n".join(line for line in text.split("\n") if len(line) >= _SHORT_LINE)
    return spread(prose if len(prose) >= min(_WINDOW, limit) else text, limit)


def spread(text: str, limit: int, window: int = _WINDOW) -> str:
    """Up to ``limit`` characters in windows of about ``window`` characters, evenly spaced over the text
    and cut at spaces so that no window starts or ends inside a word."""
    if len(text) <= limit:
        return text
    count = max(1, -(-limit // window))
    size = (limit - count + 1) // count  # room for the newlines that join the windows
    step = (len(text) - size) / max(1, count - 1)
    pieces = []
    for k in range(count):
        start = round(k * step)
        end = start + size
        if start:
            cut = text.find(" ", start, end)
            start = cut + 1 if cut >= 0 else start
        if end < len(text):
            cut = text.rfind(" ", start, end)
            end = cut if cut > start else end
        pieces.append(text[start:end])
    return "\n".join(pieces)


@register
class LangDetect(RuleKind):
    stage = "language"
    kind = "langdetect"
    fields = {
        "sample_chars": (int, True),
        "trials": (int, True),
        "min_letters": (int, True),
        "mixed_threshold": (float, True),
    }

    def compile(self, params: dict[str, Any]) -> None:
        for name in ("sample_chars", "trials", "min_letters"):
            if params[name] < 1:
                raise self.error(name, "must be at least 1")
        self.profiles = profiles()

    def detect(self, text: str) -> list[tuple[str, float]]:
        """Languages above langdetect's 0.1 threshold, most probable first; empty when there is too
        little text to tell."""
        sample = sample_text(text, self.sample_chars)
        if len(_LETTER.findall(sample)) < self.min_letters:
            return []
        grams = self.profiles.ngrams(sample)
        if not grams:
            return []
        return self.profiles.probabilities(grams, self.trials)

    def fires(self, example: Example) -> list[str]:
        found = self.detect(example.text)
        want = example.lang
        if not found:
            return []
        return [found[0][0]] if want is None or found[0][0] == want else []


class LanguageStage(Stage):
    name = "language"

    @functools.cached_property
    def _known(self) -> frozenset[str]:
        """The languages a given code may name: the detector's, those with a stop-word list, and every
        language a rule (a user's too) declares."""
        from ..boilerplate.text import JUSTEXT_NAMES

        declared = {lang for rule in self.ruleset.rules for lang in rule.langs if lang != "*"}
        return frozenset(profiles().langs) | frozenset(JUSTEXT_NAMES) | declared

    def run(self, doc: Document) -> None:
        if doc.lang:  # a language given with the record is taken, in the stages' own code
            code = language_code(doc.lang)
            if code != doc.lang:
                doc.meta["lang_given"] = doc.lang
            # a code nothing knows (no detector profile, stop-word list or rule names it) would switch every
            # per-language rule off, so the text is detected instead, when detection is on
            if not self.rules or code in self._known:
                doc.lang, doc.lang_prob = code, doc.lang_prob or 1.0
                return
            doc.meta["lang_given"], doc.lang = doc.lang, None
        if not self.rules:
            return
        kind = self.rules[0]
        found = kind.detect(doc.text)
        if not found:
            doc.lang, doc.lang_prob = None, 0.0
            return
        doc.lang, doc.lang_prob = found[0]
        others = [(lang, p) for lang, p in found[1:] if p >= kind.mixed_threshold]
        if others:
            doc.notes["mixed_languages"] = others
