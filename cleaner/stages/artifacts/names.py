"""``inconsistent_transliteration``: one name spelt two ways in one document (``Xi`` ×8, ``Si`` ×1).

Capitalised words are reduced to a skeleton that forgets what transliterations disagree on (diacritics,
``kh``/``h``, ``y``/``i``, doubled letters); a rare spelling sharing the skeleton of a frequent one is
flagged. Pinyin's ``X`` comes out as ``S``, ``Sh``, ``J``, ``Ch``… in other languages' romanisations, so an
initial of that family is merged only when the frequent form starts with ``X``. Two rules use the
kind: ``variants = "pinyin"`` finds those (what translation through another language does) and
``variants = "spelling"`` the rest, which are as often a writer's inconsistency. A variant followed or preceded by
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
VARIANTS = ("pinyin", "spelling")


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
        "variants": (str, True),
        "confidence": (float, True),
        "min_dominant": (int, True),
        "min_length": (int, True),
        "common_word_zipf": (float, True),
        "honorifics": (list, True),
    }

    def compile(self, params: dict[str, Any]) -> None:
        if self.variants not in VARIANTS:
            raise self.error("variants", f"must be one of {', '.join(VARIANTS)}")
        self.common = params["common_word_zipf"]
        self.honorifics = frozenset(params["honorifics"])

    def detect(self, scan: Scan) -> list[Flag]:
        counts, groups = _name_groups(scan)
        seen = set()
        out = []
        for members in groups.values():
            for word in members if len(members) > 1 else ():
                if word in seen:
                    continue
                seen.add(word)
                dominant = self.pinyin_dominant(word, counts, groups) if self.variants == "pinyin" else self.spelling_dominant(word, counts, groups)
                if dominant is not None:
                    out.extend(self.occurrences(scan, word, dominant, counts))
        return sorted(out, key=lambda f: f.start)

    def occurrences(self, scan: Scan, word: str, dominant: str, counts: Counter) -> list[Flag]:
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
            out.append(self.flag(scan, "inconsistent_transliteration", start, end, self.confidence, evidence, dominant))
        return out

    def pinyin_dominant(self, word: str, counts: Counter, groups: dict[str, list[str]]) -> str | None:
        """The frequent X-initial spelling that ``word`` renders in another romanisation (``Xi`` for ``Si``)."""
        rest = _pinyin_rest(skeleton(word))
        for other in groups.get("\0" + rest, ()) if rest is not None else ():
            if other != word and other[0] == "X" and counts[other] >= self.min_dominant and counts[other] > counts[word]:
                return other
        return None

    def spelling_dominant(self, word: str, counts: Counter, groups: dict[str, list[str]]) -> str | None:
        """The frequent spelling of the same skeleton (``Zelensky`` for ``Zelenskiy``), when no pinyin one is."""
        skel = skeleton(word)
        if len(skel) < self.min_length or lexicon.zipf(word) >= self.common or self.pinyin_dominant(word, counts, groups):
            return None
        for other in groups[skel]:
            if other != word and counts[other] >= self.min_dominant and counts[other] > counts[word] and _plain(other) != _plain(word):
                return other
        return None

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
        if not word[0].isupper():
            return False
        if self.variants == "spelling":
            # After a given name it is a surname, which shares skeletons with given names (Robert Neill, Neil).
            return not _sentence_initial(text, start - len(prev.group()))
        return lexicon.zipf(word) < self.common


def _name_groups(scan: Scan) -> tuple[Counter, dict[str, list[str]]]:
    """The document's capitalised words and their skeleton groups, built once for both variant rules."""
    found = scan.memo.get("name_groups")
    if found is None:
        counts = Counter(_NAME.findall(scan.text))
        groups: dict[str, list[str]] = {}
        for word in counts if len(counts) > 1 else ():
            skel = skeleton(word)
            groups.setdefault(skel, []).append(word)
            rest = _pinyin_rest(skel)
            if rest is not None:
                groups.setdefault("\0" + rest, []).append(word)
        found = scan.memo["name_groups"] = (counts, groups)
    return found


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
