"""ftfy for what it does well (lossy sequences, C1 controls, inconsistent UTF-8), after our code page repair.

ftfy runs line by line on the lines that still look damaged to its own badness test, with the options that
rewrite correct text (quote straightening, ligatures, character width, line breaks) off unless a rule turns
them on, and without its HTML unescaping or normalisation, which other rules of this stage do with a
record. Its plan is kept in the edit's note and replays with :func:`ftfy.apply_plan`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from typing import Any

import ftfy
from ftfy.badness import is_bad
from ftfy.chardata import UTF8_DETECTOR_RE

from ...document import Edit, Flag, applied
from ...ruleset import register
from .base import RepairKind, trimmed_edit
from .codepages import codepage
from .mojibake import CONTEXT, FTFY_TRIES, TIE, WORD_GAIN, plan_of
from .plausibility import cost
from .words import Lexicon

PREFIX = "ftfy: "
# Besides what ftfy's badness test finds: C1 controls (windows-1252 read as latin-1) and lossy sequences.
ALSO_SUSPECT = re.compile("(?=[\x80-\x9f\ufffdÂÃÅÎÐÙ])(?:[\x80-\x9f\ufffd]|[ÂÃÅÎÐÙ] )")
ALSO_SUSPECT_FIRST = re.compile("[\x80-\x9f\ufffdÂÃÅÎÐÙ]")  # a single class scans clean text much faster


def also_suspect(text: str, end: int) -> bool:
    first = ALSO_SUSPECT_FIRST.search(text, 0, end)
    return first is not None and ALSO_SUSPECT.search(text, first.start(), end) is not None
OPTIONS = ("uncurl_quotes", "fix_latin_ligatures", "fix_character_width")
MAX_LINE = 20_000  # longer lines (a whole file on one line) keep our span repairs; ftfy's are whole-line


@register
class Ftfy(RepairKind):
    kind = "ftfy"
    fields = {name: (bool, True) for name in OPTIONS}

    def compile(self, params: dict[str, Any]) -> None:
        self.config = ftfy.TextFixerConfig(
            unescape_html=False,
            fix_line_breaks=False,
            remove_control_chars=False,
            normalization=None,
            max_decode_length=100_000,
            **{name: params[name] for name in OPTIONS},
        )

    def arbitrate(self, text: str, edits: list[Edit], lexicon: Lexicon | None = None) -> tuple[list[Edit], list[Flag]]:
        """Per line that ftfy considers damaged, keep our code page repairs or take ftfy's fix of the line;
        flags for repairs dropped from a line that still looked damaged after them.

        ftfy's whole-line view catches things a span-by-span repair cannot (a lost A0 byte turned into a
        space, lossy sequences); our repairs catch code pages ftfy never tries. The more plausible line
        wins. On a tie ftfy, which restores lost bytes we do not (``Ã perturber``), unless its fix only read
        the line through another code page, or ours reads through a page that ftfy never tries (its hair
        space for our ellipsis through iso-8859-15 is a coincidence): then ours, which chose between equally plausible
        decodes (``fĂźr``: ü in iso-8859-2, ß in windows-1250) by the chain the rest of the document needs;
        and ours when its letters are the ones the document writes and ftfy's are not (``מה``, not the
        Yiddish ligature of ``ײה``, in a Hebrew page).
        """
        out: list[Edit] = []
        flags: list[Flag] = []
        seen: Counter[str] | None = None  # the document's characters, counted when a tie needs them
        lexicon = Lexicon(text) if lexicon is None else lexicon
        pending = sorted(edits, key=lambda e: e.start)
        i = 0
        at = 0
        for line in lines(text):
            body = line.rstrip("\r\n")
            end = at + len(body)
            mine = []
            while i < len(pending) and pending[i].start < end + 1:
                mine.append(pending[i])
                i += 1
            # A line without our repairs is left to the ftfy step that follows.
            bad = bool(mine) and 0 < len(body) <= MAX_LINE and is_bad(body)
            theirs = self._fix(body) if bad else None
            if theirs is None:
                if not (bad and _declined(body, at, mine, lexicon)):
                    out.extend(mine)
                elif not _lone_pairs(body, mine):
                    flags.extend(_unsure(e) for e in mine)
            else:
                ours = _applied(body, at, mine)
                ours_then = self._fix(ours)
                ours_final = ours_then[0] if ours_then else ours
                better = cost(theirs[0]) - cost(ours_final)
                tie = abs(better) < TIE
                if tie and seen is None:
                    seen = Counter(text)
                if better <= -TIE or (tie and not (mine and (theirs[2] or all(_beyond_ftfy(e.note) for e in mine) or _rarer(theirs[0], ours_final, seen)))):
                    out.append(theirs[1](self, at, body))
                else:
                    out.extend(mine)
            at += len(line)
        out.extend(pending[i:])
        return [e for e in out if e is not None], flags

    def _fix(self, body: str):
        """ftfy's fix of one line, a maker of its edit, and whether the fix is only a code page read.

        None if ftfy changes nothing.
        """
        fixed, plan = ftfy.fix_and_explain(body, config=self.config)
        if fixed == body or not plan:
            return None

        def make(kind: "Ftfy", at: int, before: str) -> Edit:
            note = PREFIX + repr([tuple(step) for step in plan])
            edit = trimmed_edit(kind, at, before, fixed, note)
            return edit if _replays(edit, plan) else kind.edit(at, at + len(before), before, fixed, note)

        return fixed, make, all(step[0] in ("encode", "decode") for step in plan)

    def edits(self, text: str) -> list[Edit]:
        out = []
        at = 0
        for line in lines(text):
            body = line.rstrip("\r\n")
            if 0 < len(body) <= MAX_LINE and not body.isascii() and (is_bad(body) or ALSO_SUSPECT.search(body)):
                fixed, plan = ftfy.fix_and_explain(body, config=self.config)
                if fixed != body and plan:
                    note = PREFIX + repr([tuple(step) for step in plan])
                    edit = trimmed_edit(self, at, body, fixed, note)
                    if not _replays(edit, plan):
                        edit = self.edit(at, at + len(body), body, fixed, note)
                    out.append(edit)
            at += len(line)
        return out


def _rarer(theirs: str, ours: str, seen: Counter[str]) -> bool:
    """Does ftfy's line use characters the rest of the document writes less often than ours does?"""

    def rarity(line: str) -> float:
        return sum(1 / (1 + seen[ch]) for ch in line if ch >= "\x80")

    return rarity(theirs) > rarity(ours) + TIE


def _replays(edit: Edit, plan: list) -> bool:
    try:
        return ftfy.apply_plan(edit.before, plan) == edit.after
    except (UnicodeError, ValueError):
        return False


def _applied(body: str, at: int, edits: list[Edit]) -> str:
    return applied(body, (replace(e, start=e.start - at, end=e.end - at) for e in edits))


def _declined(body: str, at: int, mine: list[Edit], lexicon: Lexicon) -> bool:
    """ftfy tried its own code pages on this damaged-looking line and declined: do our repairs stand?

    A single lone pair through ftfy's pages does not (``DrÃ¥ber``), unless it makes a common word of the
    document's languages (``spГ¤ter`` in a German page: ftfy's span test finds ``Г¤`` alone too plausible
    to try); several do only if they make the line look right to ftfy's badness test (leetspeak such as
    ``MÄ£ÄM ... SÖÄ£`` stays odd however read). Longer repairs stand unless the line still looks damaged
    after them: a hopeless garble (``ã†â€™ãƒâ€ ã¢â‚¬â„¢``) is only made into a different garble.
    """
    if not mine:
        return False
    if not _lone_pairs(body, mine):
        return is_bad(_applied(body, at, mine))
    if len(mine) == 1:
        e = mine[0]
        left, right = body[max(0, e.start - at - CONTEXT) : e.start - at], body[e.end - at : e.end - at + CONTEXT]
        return lexicon.score(left, e.after, right) < lexicon.score(left, e.before, right) + WORD_GAIN
    return is_bad(_applied(body, at, mine))


def _unsure(edit: Edit) -> Flag:
    evidence = f"looks like {edit.note}, but the line still looks damaged after the repair and ftfy declines it"
    return Flag("mojibake", edit.rule, edit.start, edit.end, edit.before, 0.5, evidence, edit.after)


def _lone_pairs(body: str, mine: list[Edit]) -> bool:
    return all(len(e.before) <= 2 and _familiar(e.note) and _weighed(body, e) for e in mine)


def _weighed(body: str, edit: Edit) -> bool:
    """Could ftfy have made this repair, so that its refusal is an opinion on it?

    ftfy reads a whole line through a code page, or (``decode_inconsistent_utf8``) the spans its own detector
    matches. A lone ``√º`` in a sentence whose other accented letters are correct (``nach…``) is neither: the
    line does not read as UTF-8 through MacRoman, and the detector knows no MacRoman, so ftfy never tried it.
    """
    if UTF8_DETECTOR_RE.search(edit.before):
        return True
    page = codepage(plan_of(edit.note)[-1])
    try:
        body.translate(page.to_latin1).encode("latin-1").decode("utf-8")
    except UnicodeError:
        return False
    return True


def _beyond_ftfy(note: str) -> bool:
    """Does this repair read through a code page that ftfy never tries (so ftfy could not weigh it)?"""
    return not set(plan_of(note)) <= FTFY_TRIES


def _familiar(note: str) -> bool:
    """Does ftfy try every code page of this repair's plan (so that its refusal is an opinion on it)?"""
    return all(name in FTFY_TRIES for name in plan_of(note))


def lines(text: str) -> list[str]:
    """Lines ending in "\n" only: str.splitlines also splits at U+0085 and U+2028, which mojibake contains."""
    parts = text.split("\n")
    return [p + "\n" for p in parts[:-1]] + ([parts[-1]] if parts[-1] else [])
