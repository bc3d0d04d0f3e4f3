"""Words of the document's languages, to choose between decodes that are equally plausible letter by letter.

Two code pages often place the same letters at different bytes, so one damaged pair decodes to two letters
that are both ordinary: ``Ăą`` is ñ through iso-8859-2 and ù through windows-1250, ``Ăź`` ü or ß. No measure
of glued symbols or mixed scripts can tell them apart; the words they make can (``niño``, not ``niùo``;
``Nordstraße``, not ``Nordstraüe``). The languages are told by stop words (jusText's lists), which survive
any damage because they are mostly ASCII; the words are looked up, lower-cased as wordfreq stores them (ß as
ss), in wordfreq's lists for those languages. Both ship with installed packages, and a list is loaded only when
a document needs it.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

# wordfreq code -> jusText stop list, for the languages written in a Latin script with letters that code pages
# confuse (other scripts are told apart by the plausibility cost already).
STOPLISTS = {
    "en": "English", "de": "German", "fr": "French", "es": "Spanish", "pt": "Portuguese", "it": "Italian",
    "ca": "Catalan", "nl": "Dutch", "sv": "Swedish", "da": "Danish", "nb": "Norwegian_Bokmal", "fi": "Finnish",
    "pl": "Polish", "cs": "Czech", "sk": "Slovak", "sl": "Slovenian", "hu": "Hungarian", "ro": "Romanian",
    "tr": "Turkish", "lv": "Latvian", "lt": "Lithuanian", "vi": "Vietnamese",
}
WORD = re.compile(r"[^\W\d_]+")
TRAILING = re.compile(r"[^\W\d_]*\Z")
LEADING = re.compile(r"[^\W\d_]*")
TOKEN_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")  # a word, with apostrophes inside (it’s)
EDGES = "\"'.,;:!?¿¡()[]{}«»‹›„“”‚‘’-–—…"
MIN_HITS = 3  # stop words before a language is considered
CONTENDERS = 3  # languages whose words count: stop lists overlap (Spanish and Catalan share el, la, de, sobre)
CLOSE = 0.75  # a language with this share of the best one's stop words is still a contender
SAMPLE_WORDS = 3000  # words of a document counted for its language


@lru_cache(maxsize=None)
def _stopwords() -> dict[str, tuple[int, ...]]:
    """Stop word -> the languages (indexes into STOPLISTS) that list it: one lookup per word of a text."""
    import justext

    index: dict[str, list[int]] = {}
    for i, name in enumerate(STOPLISTS.values()):
        for word in {w.lower() for w in justext.get_stoplist(name) if len(w) > 1}:  # a, i, y: in too many lists
            index.setdefault(word, []).append(i)
    return {w: tuple(langs) for w, langs in index.items()}


def _frequencies(lang: str) -> dict[str, float]:
    """wordfreq's small table (words of Zipf 3 and up; cached by wordfreq). The full ("best") tables cost
    25-95 MB a language against 3-7 MB, and a crawl in many languages would load one for each; measured
    on the generated damage set, the small ones restore at least 99.4% on every code page (the full ones
    99.7%), because the words a damaged pair makes are mostly common ones."""
    import wordfreq

    return wordfreq.get_frequency_dict(lang, wordlist="small")


def languages(text: str) -> tuple[str, ...]:
    """The languages whose stop words the text uses most (at least MIN_HITS, and CLOSE to the best)."""
    counts = [0] * len(STOPLISTS)
    index = _stopwords()
    for i, m in enumerate(WORD.finditer(text.lower())):
        if i >= SAMPLE_WORDS:
            break
        for lang in index.get(m.group(), ()):
            counts[lang] += 1
    ranked = sorted(zip(STOPLISTS, counts), key=lambda kv: -kv[1])
    floor = max(MIN_HITS, CLOSE * ranked[0][1])
    return tuple(code for code, hits in ranked[:CONTENDERS] if hits >= floor)


class Lexicon:
    """Scores the words a decode makes with its surroundings, for one document (languages found lazily)."""

    def __init__(self, text: str):
        self.text = text
        self._langs: tuple[str, ...] | None = None
        self._scores: dict[str, float] = {}

    @property
    def langs(self) -> tuple[str, ...]:
        if self._langs is None:
            self._langs = languages(self.text)
        return self._langs

    def score(self, left: str, decoded: str, right: str) -> float:
        """How common the words of ``left + decoded + right`` that touch ``decoded`` are: the sum of their Zipf
        values in whichever of the languages knows them best (0 for a word none of them knows, or one with a
        sign inside)."""
        if not self.langs:
            return 0.0
        piece = TRAILING.search(left).group() + decoded + LEADING.match(right).group()
        total = self._scores.get(piece)
        if total is None:
            tables = [_frequencies(lang) for lang in self.langs]
            total = 0.0
            for token in piece.split():
                word = token.strip(EDGES)
                if not TOKEN_WORD.fullmatch(word):
                    continue  # Fr├╝chten is no word, though Fr and chten are
                # As wordfreq stores words: ß as ss, ’ as '; not casefold(), which reads ſ as s (aſa as asa).
                key = word.lower().replace("ß", "ss").replace("’", "'")
                freq = max(t.get(key, 0.0) for t in tables)
                if freq:  # the small lists hold no rare entries, where typos (itís, estå) sit
                    total += math.log10(freq) + 9.0
            self._scores[piece] = total
        return total
