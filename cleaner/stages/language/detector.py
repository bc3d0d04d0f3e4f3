"""langdetect's algorithm, run without its per-character Python overhead, with the same answers.

langdetect spends its time in loops written for clarity rather than speed: it builds the n-gram list
one character at a time through ``NGram.add_char``, and multiplies 55 probabilities one by one for every
n-gram its random trials draw. This module keeps langdetect's profiles, normalisation tables, random sequence and
arithmetic, and only changes how the loops are written:

* characters are normalised with ``str.translate`` through a memo of ``NGram.normalize``;
* n-grams are produced per word (a word's n-grams never depend on its neighbours), memoised per word;
* the probability update multiplies whole vectors with ``map`` instead of indexing element by element,
  in the same order, so every floating-point operation is the one langdetect makes.

The result is the exact probability list ``Detector.get_probabilities()`` returns for the same text and
seed (a test checks this against langdetect itself). Profiles are loaded in sorted file order, so the
language order, and with it every sum, is the same on every machine.
"""

from __future__ import annotations

import os
import random
import re
from functools import lru_cache
from itertools import repeat
from operator import add, mul

SEED = 0
_ALPHA = 0.5
_ALPHA_WIDTH = 0.05
_ITERATION_LIMIT = 1000
_PROB_THRESHOLD = 0.1
_CONV_THRESHOLD = 0.99999
_BASE_FREQ = 10000

_LATIN = re.compile("[A-z]")
_NON_LATIN = re.compile("[\u0300-\u1dff\u1f00-\U0010ffff]")  # from U+0300, minus Latin Extended Additional
_SPACES = re.compile(" {2,}")


class _Normalizer(dict):
    """``str.translate`` table that asks langdetect's ``NGram.normalize`` once per distinct character."""

    def __init__(self, normalize):
        super().__init__()
        self.normalize = normalize

    def __missing__(self, code: int) -> str:
        value = self[code] = self.normalize(chr(code))
        return value


class Profiles:
    """langdetect's 55 language profiles as one n-gram → per-language probability table."""

    def __init__(self) -> None:
        from langdetect.detector import Detector
        from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
        from langdetect.utils.ngram import NGram

        names = sorted(n for n in os.listdir(PROFILES_DIRECTORY) if not n.startswith("."))
        factory = DetectorFactory()
        profiles = []
        for name in names:
            with open(os.path.join(PROFILES_DIRECTORY, name), encoding="utf-8") as handle:
                profiles.append(handle.read())
        factory.load_json_profile(profiles)
        self.langs: tuple[str, ...] = tuple(factory.langlist)
        self.table: dict[str, list[float]] = factory.word_lang_prob_map
        self.url_re, self.mail_re = Detector.URL_RE, Detector.MAIL_RE
        self.normalize_vi = NGram.normalize_vi
        self.normalizer = _Normalizer(NGram.normalize)
        self.word_grams = lru_cache(maxsize=1 << 16)(self._word_grams)

    # -- text → n-grams (Detector.append, cleaning_text, _extract_ngrams) --------------------------

    def ngrams(self, text: str, max_length: int = 10000) -> list[str]:
        if "http" in text:  # both patterns need these characters; scanning for them costs more
            text = self.url_re.sub(" ", text)
        if "@" in text:
            text = self.mail_re.sub(" ", text)
        text = _SPACES.sub(" ", self.normalize_vi(text)[:max_length])
        if len(_LATIN.findall(text)) * 2 < len(_NON_LATIN.findall(text)):
            text = _LATIN.sub("", text)
        words = text.translate(self.normalizer).split(" ")
        grams: list[str] = []
        last = len(words) - 1
        word_grams = self.word_grams
        for i, word in enumerate(words):
            if word:
                grams.extend(word_grams(word, i < last))
        return grams

    def _word_grams(self, word: str, spaced: bool) -> tuple[str, ...]:
        """The n-grams ``NGram`` yields for one normalised word, in langdetect's order.

        After a space the buffer restarts at " ", so a word's n-grams are those of " word" (plus the
        trailing space when one follows): at each character its 1-, 2- and 3-gram, except where this and
        the previous character are both upper case (inside an acronym), which yields nothing.
        """
        padded = " " + word + (" " if spaced else "")
        grams = [padded[1], padded[:2]]
        if word[1:].islower():  # no upper case after the first letter: no acronym to skip
            for a, b, c in zip(padded, padded[1:], padded[2:]):
                grams += (c, b + c, a + b + c)
        else:
            for a, b, c in zip(padded, padded[1:], padded[2:]):
                if not (c.isupper() and b.isupper()):
                    grams += (c, b + c, a + b + c)
        return tuple(filter(self.table.__contains__, grams))  # " " alone is not in the table

    # -- n-grams → probabilities (Detector._detect_block) ------------------------------------------

    def probabilities(self, grams: list[str], trials: int = 7, seed: int = SEED) -> list[tuple[str, float]]:
        """Languages above langdetect's 0.1 threshold, most probable first: ``get_probabilities()``.

        ``grams`` must not be empty (langdetect raises "No features in text" there; callers check first).
        """
        n_langs = len(self.langs)
        total = [0.0] * n_langs
        rnd = random.Random()
        rnd.seed(seed)
        choice, table = rnd.choice, self.table
        for _ in range(trials):
            prob = [1.0 / n_langs] * n_langs
            alpha = _ALPHA + rnd.gauss(0.0, 1.0) * _ALPHA_WIDTH
            weight = alpha / _BASE_FREQ
            # langdetect multiplies in one n-gram per iteration, ``prob[i] *= weight + table[gram][i]``,
            # and normalises after iterations 0, 5, 10, ...; chaining a round's five products through
            # ``map`` makes the same operations in the same order without a Python loop over languages.
            prob = list(map(mul, prob, map(add, table[choice(grams)], repeat(weight))))
            i = 0
            while True:
                norm = sum(prob)
                top = max(prob) / norm  # dividing by a positive number keeps the maximum where it is
                prob = [p / norm for p in prob]
                if top > _CONV_THRESHOLD or i >= _ITERATION_LIMIT:
                    break
                for _ in range(5):
                    prob = map(mul, prob, map(add, table[choice(grams)], repeat(weight)))
                prob = list(prob)
                i += 5
            for j in range(n_langs):
                total[j] += prob[j] / trials
        found = [(lang, p) for lang, p in zip(self.langs, total) if p > _PROB_THRESHOLD]
        found.sort(key=lambda item: item[1], reverse=True)
        return found


_PROFILES: Profiles | None = None


def profiles() -> Profiles:
    """Loaded on first use (about half a second), then shared by every Cleaner in the process."""
    global _PROFILES
    if _PROFILES is None:
        _PROFILES = Profiles()
    return _PROFILES
