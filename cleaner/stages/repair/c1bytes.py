"""Text in a single-byte code page read as latin-1: the page's bytes 80-9F stay C1 control characters.

ftfy reads every C1 control as windows-1252, the usual accident (``it\\x92s`` is ``it’s``). MacRoman and the
DOS pages put accented letters there instead (í is 92 in MacRoman), so ``tur\\x92stico`` is ``turístico``,
not ``tur’stico``. A page other than windows-1252 is chosen only when its reading of the words holding
controls makes common words of the document's languages and windows-1252's reading does not, by
``WORD_GAIN`` Zipf points; otherwise the controls are left to ftfy. The plan, e.g. ``macroman bytes read
as latin-1``, replays with :func:`apply_c1_plan`.
"""

from __future__ import annotations

import re
from typing import Any

from ...document import Edit
from ...ruleset import register
from .base import RepairKind
from .codepages import CODECS, codepage
from .mojibake import WORD_GAIN
from .words import Lexicon

C1 = re.compile("[\x80-\x9f]+")
ASCII_SPACE = " \t\n\r\f\v"  # token breaks (not \s, which takes the C1 control \x85 for a line break)
SPACE = re.compile(f"[{ASCII_SPACE}]")
MAX_TOKENS = 1000  # words holding controls that decide a document's page
MAX_WORD = 64  # a longer token is no word to look up
SUFFIX = " bytes read as latin-1"
BASELINE = "windows-1252"  # ftfy's reading, which ours must beat


def describe_c1_plan(page: str) -> str:
    return page + SUFFIX


def is_c1_plan(note: str) -> bool:
    return note.endswith(SUFFIX)


def read_c1(text: str, page: str) -> str:
    """``text`` with each C1 control read as the byte it was, through ``page``."""
    chars = codepage(page).chars
    return C1.sub(lambda m: "".join(chars[ord(c)] for c in m.group()), text)


def apply_c1_plan(text: str, note: str) -> str:
    """Replay a C1 repair; only code pages of :data:`~cleaner.stages.repair.codepages.CODECS` are accepted."""
    page = note[: -len(SUFFIX)] if is_c1_plan(note) else ""
    if page not in CODECS:
        raise ValueError(f"not a C1 plan naming a known code page: {note!r}")
    return read_c1(text, page)


@register
class C1Bytes(RepairKind):
    kind = "c1bytes"
    fields = {"codepages": (list, True)}

    def compile(self, params: dict[str, Any]) -> None:
        unknown = [name for name in params["codepages"] if name not in CODECS]
        if unknown or not params["codepages"]:
            raise self.error("codepages", f"unknown code page(s) {unknown} (known: {', '.join(sorted(CODECS))})")
        self.codepages = list(params["codepages"])

    def edits(self, text: str) -> list[Edit]:
        if not C1.search(text):
            return []
        tokens = _glued_tokens(text)
        lexicon = Lexicon(text)

        def score(page: str) -> float:
            return sum(lexicon.score("", read_c1(token, page), "") for token in tokens)

        baseline = score(BASELINE)
        page, best = max(((p, score(p)) for p in self.codepages), key=lambda ps: ps[1])
        if best < baseline + WORD_GAIN:
            return []
        note = describe_c1_plan(page)
        return [self.edit(m.start(), m.end(), m.group(), read_c1(m.group(), page), note) for m in C1.finditer(text)]


def _glued_tokens(text: str) -> list[str]:
    """The whitespace-separated tokens holding a control glued to a letter, up to MAX_TOKENS: a control
    standing alone (``intentional \\x81``) is no evidence. Found from the controls outwards, in linear time
    (a pattern with a leading ``\\S*`` would be quadratic on a long line without spaces)."""
    tokens: list[str] = []
    end = 0
    for m in C1.finditer(text):
        a, b = m.span()
        if a < end:
            continue
        if not ((a > 0 and text[a - 1].isalpha()) or (b < len(text) and text[b].isalpha())):
            continue
        space = SPACE.search(text, b)
        end = space.start() if space else len(text)
        start = max(text.rfind(ch, 0, a) for ch in ASCII_SPACE) + 1
        if end - start > MAX_WORD:
            continue
        tokens.append(text[start:end])
        if len(tokens) >= MAX_TOKENS:
            break
    return tokens
