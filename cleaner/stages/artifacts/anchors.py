"""``capitalized_anchor``: a word capitalised mid-sentence, where a link's text was spliced in.

Only words that English never capitalises inside a sentence count: function words (``conflict It has``,
``ice cream On his``), and, at lower confidence, adverbs in -ly and verbs in -ing of common stems.
Both neighbours must be lower case, because a capitalised neighbour means a name or a title
(``The Hague``, ``White House``); a capitalised word after only function words means a title that
continues (``On the Road``, ``To Kill a Mockingbird``); a cue word before (``the film``, ``click``) means
one too.
"""

from __future__ import annotations

import re
from typing import Any

from ...document import Flag
from ...ruleset import register
from . import lexicon
from .base import ArtifactKind, Scan

# Anchored on the capital (the regex engine skips to capitals fast), checked to sit between lower case.
_CANDIDATE = re.compile(r"[A-Z](?<=[a-z’'] [A-Z])[a-z]*(?=[ \t]+[a-z])")
_PREVIOUS = re.compile(r"(?<![\w’'.-])([a-z][a-z’'-]*) $")
_TITLE_BEFORE = re.compile(r"(?<![.!?:] )\b([A-Z][\w’'-]*)[ \t]+([a-z]+)[ \t]+$")
_NEXT_WORDS = re.compile(r"[ \t]+([^\s.,;:!?()\[\]“”\"]+)")


@register
class CapitalizedAnchor(ArtifactKind):
    kind = "capitalized_anchor"
    fields = {
        "function_words": (list, True),
        "function_confidence": (float, True),
        "suffix_confidence": (float, True),
        "ly_stem_zipf": (float, True),
        "ing_stem_zipf": (float, True),
        "title_cues": (list, True),
        "lookahead": (int, True),
        "allow": (list, False),
    }

    def compile(self, params: dict[str, Any]) -> None:
        self.function_words = frozenset(w.lower() for w in params["function_words"])
        self.function_conf = params["function_confidence"]
        self.suffix_conf = params["suffix_confidence"]
        self.ly_zipf = params["ly_stem_zipf"]
        self.ing_zipf = params["ing_stem_zipf"]
        self.title_cues = frozenset(w.lower() for w in params["title_cues"])
        self.allow = frozenset(params.get("allow", []))

    def detect(self, scan: Scan) -> list[Flag]:
        out = []
        text = scan.text
        for m in _CANDIDATE.finditer(text):
            word = m.group()
            if word in self.allow:
                continue
            why = self.why_odd(word)
            if why is None:
                continue
            before = _PREVIOUS.search(text, max(0, m.start() - 40), m.start())
            if before is None or before.group(1).rstrip("’'") in self.title_cues:
                continue
            prev = before.group(1)
            if self.title_follows(text, m.end()) or self.title_precedes(text, m.start()) or not self.usable(scan, m.start(), m.end()):
                continue
            conf = self.function_conf if why == "function word" else self.suffix_conf
            evidence = f"'{word}' ({why}) is capitalised mid-sentence between '{prev}' and lower-case text: a link's text or another line was spliced in here"
            out.append(self.flag(scan, "capitalized_anchor", m.start(), m.end(), conf, evidence, word.lower()))
        return out

    def why_odd(self, word: str) -> str | None:
        low = word.lower()
        if low in self.function_words:
            return "function word"
        if len(low) >= 6 and low.endswith("ly") and lexicon.zipf(low[:-2]) >= self.ly_zipf:
            return "adverb"
        if len(low) >= 6 and low.endswith("ing"):
            stem = low[:-3]
            stems = (stem, stem + "e", stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else stem)
            if max(lexicon.zipf(s) for s in stems) >= self.ing_zipf and len(stem) >= 3:
                return "verb form"
        return None

    def title_precedes(self, text: str, start: int) -> bool:
        """A capitalised word just before a lower-case function word: a name runs on (``College of Engineering``)."""
        m = _TITLE_BEFORE.search(text, max(0, start - 40), start)
        return m is not None and m.group(2) in self.function_words

    def title_follows(self, text: str, end: int) -> bool:
        """A capitalised word after nothing but function words: a title or a name goes on (``On the Road``)."""
        pos = end
        for _ in range(self.lookahead):
            m = _NEXT_WORDS.match(text, pos)
            if not m:
                return False
            token = m.group(1)
            if token[0].isupper() and token != "I":
                return True
            if token not in self.function_words and token not in ("a", "of"):
                return False
            pos = m.end()
        return False
