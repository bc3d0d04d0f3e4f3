"""``doubled_word``: a word, or two alternatives of one slot, left side by side (``a a``, ``would could``).

Three modes, one per rule: ``same`` (a listed word written twice), ``pair`` (two different members of a
closed class adjacent: modals, articles) and ``any`` (any word twice, low confidence). A word three
times in a row is emphasis, in every mode. Grammatical doubles (``had had``, ``that that``) are allowed by list; a pair whose second
word is capitalised is a name (``Pago Pago``) or a title starting (``went to To the Lighthouse``),
never a slip.
"""

from __future__ import annotations

import re
from typing import Any

from ...document import Flag
from ...ruleset import register
from .base import ArtifactKind, Scan

MODES = ("same", "pair", "any")
_BEFORE_WORD = re.compile(r"([A-Za-z]+)[ \t]*$")


def _sentence_start(text: str, start: int) -> bool:
    """A capitalised first word mid-sentence is a name or a letter (``Vitamin A a day``), not a slip."""
    before = text[max(0, start - 4) : start].rstrip(" \t“\"‘(")
    return not before or before[-1] in ".!?:\n"


def _tripled(text: str, m: re.Match[str]) -> bool:
    """A word said three times in a row is emphasis or an idiom (``love love love``, ``oder oder oder``)."""
    word = re.escape(m.group(1))
    return bool(re.match(rf"[ \t,]+{word}\b", text[m.end() : m.end() + 40], re.IGNORECASE)) or bool(
        re.search(rf"\b{word}[ \t,]+$", text[max(0, m.start() - 40) : m.start()], re.IGNORECASE)
    )


def _same_word_pattern(words: set[str]) -> re.Pattern[str]:
    alternatives = "|".join(sorted(map(re.escape, words)))
    return re.compile(rf"(?<![\w.])({alternatives})[ \t]+(\1)\b", re.IGNORECASE)


@register
class DoubledWord(ArtifactKind):
    kind = "doubled_word"
    fields = {
        "mode": (str, True),
        "words": (list, False),
        "min_length": (int, False),
        "allow": (list, False),
        "not_after": (list, False),
        "not_before": (list, False),
        "confidence": (float, True),
    }

    def compile(self, params: dict[str, Any]) -> None:
        if self.mode not in MODES:
            raise self.error("mode", f"must be one of {', '.join(MODES)}")
        words = [w.lower() for w in params.get("words", [])]
        if self.mode != "any" and not words:
            raise self.error("words", f"mode {self.mode!r} needs a list of words")
        self.words = frozenset(words)
        self.allow = frozenset(" ".join(p.lower().split()) for p in params.get("allow", []))
        self.not_after = frozenset(w.lower() for w in params.get("not_after", []))
        self.not_before = frozenset(w.lower() for w in params.get("not_before", []))
        self.min_length = params.get("min_length", 1)
        alternatives = "|".join(sorted(map(re.escape, self.words), key=lambda w: (-len(w), w)))
        self.pattern = re.compile(rf"(?<![\w.])({alternatives})[ \t]+({alternatives})\b")

    def candidates(self, scan: Scan) -> set[str]:
        """Words this rule could flag, from one pass over the token list instead of a regex pass."""
        tokens = scan.tokens
        if self.mode == "pair":
            words = self.words
            if len(words & scan.vocab) < 2:
                return set()
            return {a for a, b in zip(tokens, tokens[1:]) if a in words and b in words and a != b}
        same = scan.memo.get("same_pairs")
        if same is None:
            same = scan.memo["same_pairs"] = {a for a, b in zip(tokens, tokens[1:]) if a == b}
        if self.mode == "same":
            return same & self.words
        return {w for w in same if len(w) >= self.min_length and w.isalpha() and w not in self.words and f"{w} {w}" not in self.allow}

    def detect(self, scan: Scan) -> list[Flag]:
        found = self.candidates(scan)
        if not found:
            return []
        out = []
        text = scan.text
        pattern = self.pattern if self.mode == "pair" else _same_word_pattern(found)
        for m in pattern.finditer(text):
            first, second = m.group(1), m.group(2)
            if not second[0].islower() or (first[0].isupper() and not _sentence_start(text, m.start())):
                continue
            if self.mode == "pair" and first.lower() == second.lower():
                continue
            phrase = f"{first.lower()} {second.lower()}"
            if phrase in self.allow:
                continue
            if self.not_after:
                before = _BEFORE_WORD.search(text, max(0, m.start() - 30), m.start())
                if before and before.group(1).lower() in self.not_after:
                    continue
            if self.not_before:
                after = re.match(r"[ \t]+([A-Za-z]+)", text[m.end() : m.end() + 30])
                if after and after.group(1).lower() in self.not_before:
                    continue
            if _tripled(text, m):
                continue
            if not self.usable(scan, m.start(), m.end()):
                continue
            if self.mode == "pair":
                evidence, suggestion = f"'{first}' and '{second}' fill the same slot; one is a left-over alternative", None
            else:
                evidence, suggestion = f"'{first}' written twice", first
            out.append(self.flag(scan, "doubled_word", m.start(), m.end(), self.confidence, evidence, suggestion))
        return out
