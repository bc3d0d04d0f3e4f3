"""Words as a person counts them: whitespace-delimited, punctuation not counted, unspaced scripts estimated.

datatrove splits English with spaCy, which makes every comma and dash a "word"; on good articles that
alone fails Gopher's 80%-alphabetic rule for one document in six. Here a word is a whitespace token with
its edge punctuation stripped that still holds a letter or digit; a token made only of symbols ("—", "|",
"•") is kept apart, because the share of such tokens is itself a signal of menus and separators.

Chinese, Japanese, Thai, Lao, Khmer and Myanmar do not put spaces between words. Without a dictionary,
each Han or kana character counts as one word (the convention of word processors' CJK word counts), and
a run of Thai-family characters counts as one word per ``SEA_CHARS_PER_WORD`` of its letters, a
deliberate estimate. For n-grams and repetition such runs are cut into single characters, which is what
character-level repetition signals use for these scripts anyway.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass
from itertools import accumulate, compress, repeat

# Han, kana and CJK punctuation-free ranges: one character, one word.
_CJK = "\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"
# Thai, Lao, Myanmar, Khmer: letters and their combining marks, words not delimited.
_SEA = "\u0e00-\u0e7f\u0e80-\u0eff\u1000-\u109f\u1780-\u17ff"
UNSPACED_RE = re.compile(f"[{_CJK}{_SEA}]")
_CJK_CHAR_RE = re.compile(f"[{_CJK}]")
_SEA_RUN_RE = re.compile(f"[{_SEA}]+")
_SEA_LETTER_RE = re.compile(r"[^\W\d_]")
_PIECES_RE = re.compile(f"([{_CJK}]|[{_SEA}]+)")
_EDGE_RE = re.compile(r"^[\W_]+|[\W_]+$")
SEA_CHARS_PER_WORD = 3.5


# What a character is, as bits, memoised: bounded by the alphabet, and the same in every process.
NOT_ALNUM, NOT_LETTER, CASE_ODD, UNSPACED = 1, 2, 4, 8
_KINDS: dict[str, int] = {}


@dataclass(slots=True)
class Words:
    """The words of a text. ``tokens`` is for n-grams and vocabulary; ``count`` is the word count."""

    tokens: list[str]  # words, lower-cased, edge punctuation stripped; unspaced runs cut into characters
    spaced: list[str]  # the words of spaced scripts only, as written (for length and case)
    count: float  # words a person would count (unspaced scripts estimated)
    raw_tokens: int  # whitespace-delimited tokens, symbols included
    symbol_tokens: int  # whitespace tokens with no letter or digit
    alpha_tokens: int  # whitespace tokens holding at least one letter
    letter_spans: list[str]  # each whitespace token from its first to its last letter ("" if it has none)
    vocabulary: set[str]  # the distinct tokens
    cased_letters: bool  # every letter of the text has case and nothing else has (Latin, Greek, Cyrillic…)


def core(token: str) -> str:
    """The token without leading and trailing punctuation or symbols."""
    if token[0].isalnum() and token[-1].isalnum():
        return token
    return _EDGE_RE.sub("", token)


def char_kind(c: str) -> int:
    """``NOT_ALNUM``, ``NOT_LETTER``, ``UNSPACED`` and ``CASE_ODD`` bits of a character.

    ``CASE_ODD`` marks a letter without case (Han, Arabic, "ª"), a non-letter with case or a case
    property ("Ⓐ", "Ⅻ", "🄰"), and a case mapping whose upper and lower forms start alike. A text
    without such characters is cased plainly: a word has case (``upper() != lower()``) exactly when it
    has a letter, and its letters alone decide ``isupper()``.
    """
    kind = _KINDS.get(c)
    if kind is None:
        upper, lower = c.upper(), c.lower()
        cased = upper != lower
        if c.isalpha():
            odd = not cased or upper[0] == lower[0]
        else:
            odd = cased or c.islower() or c.isupper() or c.istitle()
        kind = (
            (0 if c.isalnum() else NOT_ALNUM)
            | (0 if c.isalpha() else NOT_LETTER)
            | (CASE_ODD if odd else 0)
            | (UNSPACED if UNSPACED_RE.match(c) else 0)
        )
        _KINDS[c] = kind
    return kind


def split_words(text: str, raw_tokens: list[str] | None = None) -> Words:
    """C-level passes over the tokens (``map`` of ``str`` methods), one per property, not a loop per token.

    Stripping a token of every character of the text that is not a letter or digit (``str.strip`` with
    the text's own punctuation as the set) is ``core``; stripping it of every non-letter leaves its letter
    span, empty exactly when it holds no letter. Only words holding an unspaced script need a loop.
    ``raw_tokens`` is ``text.split()`` when the caller already has it.
    """
    if raw_tokens is None:
        raw_tokens = text.split()
    not_alnum: list[str] = []
    not_letter: list[str] = []
    seen = 0
    for c in set(text):
        kind = char_kind(c)
        seen |= kind
        if kind & NOT_ALNUM:
            not_alnum.append(c)
        if kind & NOT_LETTER:
            not_letter.append(c)
    cores = list(map(str.strip, raw_tokens, repeat("".join(not_alnum))))
    letter_spans = list(map(str.strip, raw_tokens, repeat("".join(not_letter))))
    words = list(filter(None, cores))
    if seen & UNSPACED:
        tokens, spaced, count = _split_mixed(words)
    else:
        tokens, spaced, count = list(map(str.lower, words)), words, float(len(words))
    return Words(
        tokens,
        spaced,
        count,
        len(raw_tokens),
        len(cores) - len(words),
        len(raw_tokens) - letter_spans.count(""),
        letter_spans,
        set(tokens),
        not seen & (CASE_ODD | UNSPACED),
    )


def _split_mixed(words: list[str]) -> tuple[list[str], list[str], float]:
    """Tokens, spaced words and word count of a text with unspaced scripts, in word order.

    Only the words holding an unspaced script are cut one by one; the count adds each word's share in
    order (``accumulate``), as a loop over the words would, so that it is the same to the last bit.
    """
    lowered = list(map(str.lower, words))
    shares = [1.0] * len(words)
    tokens: list[str] = []
    spaced: list[str] = []
    done = 0
    for at in compress(range(len(words)), map(UNSPACED_RE.search, words)):
        tokens += lowered[done:at]
        spaced += words[done:at]
        shares[at] = _split_unspaced(words[at], tokens, spaced)
        done = at + 1
    tokens += lowered[done:]
    spaced += words[done:]
    return tokens, spaced, deque(accumulate(shares, initial=0.0), maxlen=1)[0]


def _split_unspaced(word: str, tokens: list[str], spaced: list[str]) -> float:
    """Cut a token mixing scripts into spaced words and unspaced characters, in order; return its count."""
    count = 0.0
    for piece in _PIECES_RE.split(word):
        if not piece:
            continue
        if _CJK_CHAR_RE.fullmatch(piece):
            tokens.append(piece)
            count += 1
        elif _SEA_RUN_RE.fullmatch(piece):
            tokens.extend(piece)
            count += max(1.0, len(_SEA_LETTER_RE.findall(piece)) / SEA_CHARS_PER_WORD)
        else:
            piece = core(piece)
            if piece:
                tokens.append(piece.lower())
                spaced.append(piece)
                count += 1
    return count
