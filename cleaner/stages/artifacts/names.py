"""``inconsistent_transliteration``: one name spelt two ways in one document (``Xi`` ×8, ``Si`` ×1).

Capitalised words are reduced to a skeleton that forgets what transliterations disagree on (diacritics,
``kh``/``h``, ``y``/``i``, doubled letters); a rare spelling sharing the skeleton of a frequent one is
flagged. Pinyin's ``X`` comes out as ``S``, ``Sh``, ``J``, ``Ch``… in other languages' romanisations, so an
initial of that family is merged only when the frequent form starts with ``X``, and gets the higher
confidence: it is what translation through another language does. A variant followed or preceded by
another capitalised name, or after an honorific, is a different person (``Ji Chaozhu``, ``Mr Shi``).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache
from typing import Any

from ...document import Flag
from ...ruleset import register
from . import lexicon
from .base import ArtifactKind, Scan

# A capitalised word, found from its capital (fast) and then checked not to continue another word.
_NAME = re.compile(r"[A-ZÀ-ÖØ-ÞŠŽČĆŞŁĐŚŹŻŃŘŤĎŇŐŰ](?<![\w’'-].)[^\W\d_A-Z]+(?=(?:['’]s)?(?![\w-]))")
_FOLD = str.maketrans({"ş": "sh", "š": "sh", "ž": "zh", "č": "ch", "ć": "ch", "đ": "dj", "ł": "l", "ß": "ss", "ø": "o", "æ": "ae"})
_PINYIN_INITIAL = re.compile(r"^(?:x|sh|zh|ch|hs|j|s|q)")
_DOUBLE = re.compile(r"(.)\1+")


@lru_cache(maxsize=65536)
def skeleton(word: str) -> str:
    """What two romanisations of one name keep in common."""
    low = word.lower()
    if not low.isascii():
        low = "".join(c for c in unicodedata.normalize("NFKD", low.translate(_FOLD)) if not unicodedata.combining(c))
    low = low.replace("gh", "g").replace("kh", "h").replace("y", "i").replace("w", "v")
    return _DOUBLE.sub(r"\1", low)


@register
class InconsistentTransliteration(ArtifactKind):
    kind = "inconsistent_transliteration"
    fields = {
        "min_dominant": (int, True),
        "pinyin_confidence": (float, True),
        "variant_confidence": (float, True),
        "min_length": (int, True),
        "common_word_zipf": (float, True),
        "honorifics": (list, True),
    }

    def compile(self, params: dict[str, Any]) -> None:
        self.min_dominant = params["min_dominant"]
        self.pinyin_conf = params["pinyin_confidence"]
        self.variant_conf = params["variant_confidence"]
        self.min_length = params["min_length"]
        self.common = params["common_word_zipf"]
        self.honorifics = frozenset(params["honorifics"])

    def detect(self, scan: Scan) -> list[Flag]:
        text = scan.text
        counts = Counter(_NAME.findall(text))
        if len(counts) < 2:
            return []
        groups: dict[str, list[str]] = {}
        for word in counts:
            skel = skeleton(word)
            groups.setdefault(skel, []).append(word)
            rest = _pinyin_rest(skel)
            if rest is not None:
                groups.setdefault("\0" + rest, []).append(word)
        variants = {}
        for members in groups.values():
            if len(members) > 1:
                for word in members:
                    if word not in variants:
                        variants[word] = self.dominant(word, counts, groups)
        out = []
        for word, (dominant, conf) in sorted(variants.items()):
            if dominant is not None:
                out.extend(self.occurrences(scan, word, dominant, conf, counts))
        return out

    def occurrences(self, scan: Scan, word: str, dominant: str, conf: float, counts: Counter) -> list[Flag]:
        text = scan.text
        common = lexicon.zipf(word) >= self.common
        out = []
        for m in re.finditer(rf"(?<![\w’'-]){re.escape(word)}(?:['’]s)?(?![\w-])", text):
            start, end = m.start(), m.start() + len(word)
            if common and _sentence_initial(text, start):
                continue
            if self.other_person(text, start, m.end()) or not self.usable(scan, start, end):
                continue
            evidence = f"'{word}' ×{counts[word]} and '{dominant}' ×{counts[dominant]} in one text share the spelling skeleton '{skeleton(dominant)}'"
            out.append(self.flag(scan, "inconsistent_transliteration", start, end, conf, evidence, dominant))
        return out

    def dominant(self, word: str, counts: Counter, groups: dict[str, list[str]]) -> tuple[str | None, float]:
        """The frequent spelling ``word`` is a variant of, and how sure that is."""
        count = counts[word]
        skel = skeleton(word)
        rest = _pinyin_rest(skel)
        for other in groups.get("\0" + rest, ()) if rest is not None else ():
            if other != word and other[0] == "X" and counts[other] >= self.min_dominant and counts[other] > count:
                return other, self.pinyin_conf
        if len(skel) < self.min_length or lexicon.zipf(word) >= self.common:
            return None, 0.0
        for other in groups[skel]:
            if other != word and counts[other] >= self.min_dominant and counts[other] > count and _plain(other) != _plain(word):
                return other, self.variant_conf
        return None, 0.0

    def other_person(self, text: str, start: int, end: int) -> bool:
        """A full name or a title around the variant: someone else (``Ji Chaozhu``, ``Mr Shi``)."""
        after = text[end : end + 30]
        if re.match(r"[ \t]+[A-Z]", after):
            return True
        before = text[max(0, start - 30) : start]
        prev = re.search(r"([A-Za-z]+)\.?[ \t]+$", before)
        if prev is None:
            return False
        word = prev.group(1)
        if word in self.honorifics:
            return True
        return word[0].isupper() and lexicon.zipf(word) < self.common


def _pinyin_rest(skel: str) -> str | None:
    """The skeleton without a pinyin-confusable initial (``xi``, ``si``, ``ji`` → ``i``), if it has one."""
    m = _PINYIN_INITIAL.match(skel)
    return skel[m.end() :] if m else None


def _plain(word: str) -> str:
    """The word without diacritics: ``José``/``Jose`` differ in typing, not in transliteration."""
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def _sentence_initial(text: str, start: int) -> bool:
    before = text[max(0, start - 3) : start].rstrip(" \t“\"‘(")
    return not before or before[-1] in ".!?:\n"
