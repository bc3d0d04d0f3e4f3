"""ftfy for what it does well (lossy sequences, C1 controls, inconsistent UTF-8), after our code page repair.

ftfy runs line by line on the lines that still look damaged to its own badness test, with the options that
rewrite correct text (quote straightening, ligatures, character width, line breaks) off unless a rule turns
them on, and without its HTML unescaping or normalisation, which other rules of this stage do with a
record. Its plan is kept in the edit's note and replays with :func:`ftfy.apply_plan`.
"""

from __future__ import annotations

import re
from typing import Any

import ftfy
from ftfy.badness import is_bad

from ...document import Document, Edit
from ...ruleset import register
from .base import RepairKind, trimmed_edit
from .mojibake import FTFY_TRIES, plan_of
from .plausibility import cost

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

    def arbitrate(self, text: str, edits: list[Edit]) -> list[Edit]:
        """Per line that ftfy considers damaged, keep our code page repairs or take ftfy's fix of the line.

        ftfy's whole-line view catches things a span-by-span repair cannot (a lost A0 byte turned into a
        space, lossy sequences); our repairs catch code pages ftfy never tries. The more plausible line
        wins. On a tie ftfy, which restores lost bytes we do not (``Ã perturber``), unless its fix only read
        the line through another code page, or ours reads through one page that ftfy never tries (its hair
        space for our ellipsis through iso-8859-15 is a coincidence): then ours, which chose between equally plausible
        decodes (``fĂźr``: ü in iso-8859-2, ß in windows-1250) by the chain the rest of the document needs.
        """
        out: list[Edit] = []
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
                if not (bad and _declined(body, at, mine)):
                    out.extend(mine)
            else:
                ours = _applied(body, at, mine)
                ours_then = self._fix(ours)
                ours_final = ours_then[0] if ours_then else ours
                better = cost(theirs[0]) - cost(ours_final)
                if better < 0 or (better == 0 and not (mine and (theirs[2] or all(_beyond_ftfy(e.note) for e in mine)))):
                    out.append(theirs[1](self, at, body))
                else:
                    out.extend(mine)
            at += len(line)
        out.extend(pending[i:])
        return [e for e in out if e is not None]

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


def _replays(edit: Edit, plan: list) -> bool:
    try:
        return ftfy.apply_plan(edit.before, plan) == edit.after
    except (UnicodeError, ValueError):
        return False


def _applied(body: str, at: int, edits: list[Edit]) -> str:
    doc = Document(body)
    doc.apply(Edit(e.stage, e.rule, e.kind, e.start - at, e.end - at, e.before, e.after, e.note) for e in edits)
    return doc.text


def _declined(body: str, at: int, mine: list[Edit]) -> bool:
    """ftfy tried its own code pages on this damaged-looking line and declined: do our lone pairs stand?

    A single lone pair through ftfy's pages does not (``DrÃ¥ber``); several do only if they make the line
    look right to ftfy's badness test (leetspeak such as ``MÄ£ÄM ... SÖÄ£`` stays odd however read).
    """
    if not mine or not all(len(e.before) <= 2 and _familiar(e.note) for e in mine):
        return False
    return len(mine) == 1 or is_bad(_applied(body, at, mine))


def _beyond_ftfy(note: str) -> bool:
    """Is this repair one code page, read once or more, that ftfy never tries?"""
    chain = set(plan_of(note))
    return len(chain) == 1 and not chain & FTFY_TRIES


def _familiar(note: str) -> bool:
    """Does ftfy try every code page of this repair's plan (so that its refusal is an opinion on it)?"""
    return all(name in FTFY_TRIES for name in plan_of(note))


def lines(text: str) -> list[str]:
    """Lines ending in "\n" only: str.splitlines also splits at U+0085 and U+2028, which mojibake contains."""
    parts = text.split("\n")
    return [p + "\n" for p in parts[:-1]] + ([parts[-1]] if parts[-1] else [])
