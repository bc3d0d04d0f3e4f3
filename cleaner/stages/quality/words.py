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
from dataclasses import dataclass

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


@dataclass(slots=True)
class Words:
    """The words of a text. ``tokens`` is for n-grams and vocabulary; ``count`` is the word count."""

    tokens: list[str]  # words, lower-cased, edge punctuation stripped; unspaced runs cut into characters
    spaced: list[str]  # the words of spaced scripts only, as written (for length and case)
    count: float  # words a person would count (unspaced scripts estimated)
    raw_tokens: int  # whitespace-delimited tokens, symbols included
    symbol_tokens: int  # whitespace tokens with no letter or digit
    alpha_tokens: int  # whitespace tokens holding at least one letter


def core(token: str) -> str:
    """The token without leading and trailing punctuation or symbols."""
    if token[0].isalnum() and token[-1].isalnum():
        return token
    return _EDGE_RE.sub("", token)


def split_words(text: str) -> Words:
    unspaced = UNSPACED_RE.search(text) is not None
    tokens: list[str] = []
    spaced: list[str] = []
    count = 0.0
    symbols = alpha = 0
    raw_tokens = text.split()
    for raw in raw_tokens:
        word = core(raw)
        if not word:
            symbols += 1
            continue
        if any(c.isalpha() for c in word):
            alpha += 1
        if unspaced and UNSPACED_RE.search(word):
            count += _split_unspaced(word, tokens, spaced)
            continue
        tokens.append(word.lower())
        spaced.append(word)
        count += 1
    return Words(tokens, spaced, count, len(raw_tokens), symbols, alpha)


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
