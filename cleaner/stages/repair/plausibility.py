"""How implausible a piece of text looks, so a repair is kept only when it makes the text more plausible.

Mojibake has a recognisable shape whatever the code page: symbols and C1 controls glued to letters
(``cafÃ©``), box-drawing characters inside words (``п÷я─п╦``), letters of two scripts in one word
(``โ€``), case flipping inside a word (``РџСЂРёРІРµС‚``), letters from rarely written scripts (a wrong
decode of correct text lands in Samaritan or Syriac). Correct text in any script has none of these, so
the cost is near zero for it and high for the damage; a decode is accepted when it lowers the cost.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# Scripts a web page is written in; a letter from any other script costs extra.
COMMON_SCRIPTS = frozenset(
    "LATIN CYRILLIC GREEK ARABIC HEBREW THAI CJK HANGUL DEVANAGARI BENGALI TAMIL TELUGU KANNADA MALAYALAM "
    "GUJARATI GURMUKHI ORIYA SINHALA ARMENIAN GEORGIAN ETHIOPIC KHMER LAO MYANMAR TIBETAN".split()
)
# (ー, the KATAKANA-HIRAGANA prolonged sound mark, is in almost every Japanese sentence.)
CJK_PARTS = frozenset({"CJK", "HIRAGANA", "KATAKANA", "KATAKANA-HIRAGANA", "IDEOGRAPHIC", "HALFWIDTH", "FULLWIDTH", "BOPOMOFO"})
# Letters that exist in Unicode but are rarely written (Latin Extended-B and IPA outside the letters of
# Vietnamese, Romanian and pinyin; historic Cyrillic; Coptic in the Greek block): a decode landing there
# is more likely wrong than right.
RARE_LETTERS = frozenset(
    [c for c in range(0x0180, 0x0250) if c not in (0x01A0, 0x01A1, 0x01AF, 0x01B0) and not 0x01CD <= c <= 0x01DC
     and not 0x0218 <= c <= 0x021B]
    + [0x017F] + list(range(0x0250, 0x02B0)) + list(range(0x0500, 0x0530)) + list(range(0x0460, 0x048A)) + list(range(0x03E2, 0x03F0))
)
# Punctuation that is normal between two letters: apostrophes, hyphens, dashes (Thai and CJK write no spaces),
# guillemets glued to words (»Wort«, لـ«الصباح»).
JOINERS = frozenset("'’ʼ‘-‐‑–—·.,:;/&_«»‹›")
APOSTROPHE_SIGNS = frozenset("´`")  # typed for an apostrophe (geht´s): a sign, but not a glued symbol

# Character kinds
LETTER, MARK, DIGIT, SPACE, PUNCT, SYMBOL, CONTROL, UNASSIGNED, BOX, OTHER = range(10)


def _word_mark(ch: str) -> bool:
    """Signs written right after a word (FELIX®, Windows™, Euro😉): emoji and trademark signs."""
    return ch in "®™©℠" or "\U0001f000" <= ch <= "\U0001faff" or "\u2600" <= ch <= "\u27bf"


def _pointer(ch: str) -> bool:
    """Arrows written right before a word (→Kommentaren, ►Video): a sign, but not one glued by accident."""
    return "\u2190" <= ch <= "\u21ff" or "\u27a1" <= ch <= "\u27bf" or ch in "►▶"


def _ideographic(ch: str) -> bool:
    """CJK punctuation (，。「」): written between letters, since these scripts use no spaces."""
    return "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uff65"


@lru_cache(maxsize=65536)
def describe(ch: str) -> tuple[int, str, int]:
    """(kind, script, case) of one character; case is 1 upper, -1 lower, 0 neither."""
    cat = unicodedata.category(ch)
    cp = ord(ch)
    if cat[0] == "L":
        name = unicodedata.name(ch, "")
        first = name.split(" ", 1)[0]
        script = "CJK" if first in CJK_PARTS else first
        case = 1 if cat == "Lu" else -1 if cat == "Ll" else 0
        return (LETTER, script, case)
    if cat[0] == "M":
        name = unicodedata.name(ch, "")
        first = name.split(" ", 1)[0]
        return (MARK, "" if first == "COMBINING" else first, 0)
    if cat == "No" and cp < 0x2000:  # ¼ ² ³: in mojibake they sit inside words
        return (SYMBOL, "", 0)
    if cat[0] == "N":
        return (DIGIT, "", 0)
    if cat in ("Zl", "Zp"):  # U+2028/U+2029: a wrong decode's line break, almost never typed
        return (CONTROL, "", 0)
    if cat[0] == "Z" or ch in "\t\n\r":
        return (SPACE, "", 0)
    if 0x2500 <= cp <= 0x259F:
        return (BOX, "", 0)
    if cat[0] == "P":
        return (PUNCT, "", 0)
    if cat[0] == "S":
        return (SYMBOL, "", 0)
    if cat in ("Cn", "Co", "Cs"):
        return (UNASSIGNED, "", 0)
    if cat == "Cc":
        return (CONTROL, "", 0)
    return (OTHER, "", 0)


def cost(text: str) -> float:
    """Implausibility of ``text``: 0 for ordinary text in any common script, a few points per oddity."""
    total = 0.0
    prev = before = (SPACE, "", 0)
    prev_ch = before_ch = " "
    for ch in text:
        if ch < "\x80":
            here = describe(ch) if ch.isalpha() or ch.isdigit() else (SPACE if ch in " \t\n\r" else PUNCT, "", 0)
        else:
            here = describe(ch)
            total += 0.05
        kind = here[0]
        pkind = prev[0]
        if kind == CONTROL and ch not in "\t\n\r":
            total += 4
        elif kind == UNASSIGNED:
            total += 5
        elif kind == BOX:
            total += 2
        elif kind == LETTER:
            if here[1] not in COMMON_SCRIPTS:
                total += 2
            elif ord(ch) in RARE_LETTERS:
                total += 1
            if pkind == LETTER:
                if here[1] != prev[1] and not (here[1] == "CJK" and prev[1] == "LATIN" or here[1] == "LATIN" and prev[1] == "CJK"):
                    total += 3  # (Chinese and Japanese write Latin words without a space: Hot Pants的演出)
                elif here[2] == 1 and prev[2] == -1 and ch >= "\x80":
                    total += 1
                elif here[2] == -1 and prev[2] == 1 and before[2] == 1 and ch >= "\x80" and prev_ch >= "\x80" and before_ch >= "\x80":
                    total += 1.5  # ÔÇö: two accented capitals and an accented small letter, a word in no language
            elif pkind in (SYMBOL, BOX, CONTROL) and not (prev_ch in APOSTROPHE_SIGNS and before[0] == LETTER) and not _pointer(prev_ch):
                total += 1.5
            elif pkind == PUNCT and before[0] == LETTER and prev_ch >= "\x80" and prev_ch not in JOINERS and not _ideographic(prev_ch):
                total += 1.5  # a quote or bracket sandwiched between letters
        elif kind == MARK:
            if pkind != LETTER and pkind != MARK or (here[1] and prev[1] and here[1] != prev[1]):
                total += 2
            elif not here[1] and prev[1] not in ("LATIN", "GREEK", "CYRILLIC", ""):
                total += 2  # a generic combining accent on a Thai or Arabic letter
        elif kind == SYMBOL:
            if pkind == LETTER and ch >= "\x80" and ch not in APOSTROPHE_SIGNS and not _word_mark(ch):
                total += 1.5
        if pkind == LETTER and prev[2] == 1 and prev_ch >= "\x80" and ch >= "\x80" and kind in (PUNCT, SYMBOL, SPACE):
            if before[2] != 1:  # not inside a word in capitals
                total += 1  # Â» Ã\xa0 Ã“: an accented capital glued to a sign
        if kind == PUNCT and pkind == PUNCT and ch >= "\x80" and prev_ch >= "\x80" and ch not in "«»‹›" and not _ideographic(ch):
            total += 1
        before, prev, before_ch, prev_ch = prev, here, prev_ch, ch
    return total
