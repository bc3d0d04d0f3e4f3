"""Word knowledge the detectors share, loaded once per process from data the packages ship.

Word frequencies come from wordfreq (its lists are installed with it; nothing is downloaded). The table is
read as a plain dict, because ``zipf_frequency`` re-tokenises every call and the detectors ask often.
Paragraph language is told by stop-word counts from jusText's lists: good enough to keep an English
detector off a German quotation, and far cheaper than a language model per paragraph.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

_WORD = re.compile(r"[^\W\d_]+")

# jusText stop-list names for the languages whose paragraphs most often sit inside other-language pages.
_STOPLIST_NAMES = {
    "en": "English",
    "de": "German",
    "fr": "French",
    "es": "Spanish",
    "it": "Italian",
    "nl": "Dutch",
    "pt": "Portuguese",
    "pl": "Polish",
    "sv": "Swedish",
    "hr": "Croatian",
    "ro": "Romanian",
    "id": "Indonesian",
    "tr": "Turkish",
}
MIN_WORDS_FOR_GUESS = 5


@lru_cache(maxsize=None)
def frequencies(lang: str) -> dict[str, float]:
    import wordfreq

    return wordfreq.get_frequency_dict(lang, wordlist="best")


def zipf(word: str, lang: str = "en") -> float:
    """wordfreq's Zipf value (0 for an unknown word); ``’`` is read as ``'`` as wordfreq does."""
    freq = frequencies(lang).get(word.lower().replace("’", "'"))
    return math.log10(freq) + 9.0 if freq else 0.0


def frequency_of_zipf(value: float) -> float:
    """The word frequency a Zipf value stands for, so hot loops compare frequencies and skip the log."""
    return 10.0 ** (value - 9.0)


@lru_cache(maxsize=None)
def stopwords() -> dict[str, frozenset[str]]:
    import justext

    return {code: frozenset(w for w in justext.get_stoplist(name) if w.isalpha()) for code, name in _STOPLIST_NAMES.items()}


def guess_language(paragraph: str, prior: str | None) -> str | None:
    """The paragraph's language: ``prior`` (the document's) unless another language's stop words clearly win.

    Stop-word lists overlap (``si``, ``to``, ``car``), so one more hit proves nothing; another language
    must have more than twice as many hits as the prior, and at least three, and a fifth of the words.
    """
    words = _WORD.findall(paragraph.lower())
    if len(words) < MIN_WORDS_FOR_GUESS:
        return prior
    lists = stopwords()
    prior_hits = sum(1 for w in words if w in lists[prior]) if prior in lists else 0
    best, best_hits = prior, prior_hits
    for code, stops in lists.items():
        if code != prior:
            hits = sum(1 for w in words if w in stops)
            if hits > best_hits:
                best, best_hits = code, hits
    if best != prior and (best_hits < 3 or best_hits <= 2 * prior_hits or best_hits * 5 < len(words)):
        return prior
    return best
