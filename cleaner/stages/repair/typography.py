"""Typographic slips and leftovers that are not encoding damage: entities, invisible characters, NFC.

Each is a rule kind whose parameters live in ``rules/repair/typography.toml``; the simple ones are just a
regex and a replacement (``substitute``), so a new slip is added as data.
"""

from __future__ import annotations

import html
import re
import unicodedata
from typing import Any

from ...document import Edit, Flag
from .base import RepairKind, trimmed_edit
from ...ruleset import register


def _pattern(kind: RepairKind, params: dict[str, Any]) -> re.Pattern[str]:
    try:
        return re.compile(params["pattern"])
    except re.error as exc:
        raise kind.error("pattern", f"not a valid regular expression: {exc}") from None


@register
class Substitute(RepairKind):
    """A regex and its replacement, for typographic slips such as ``China‘s``.

    ``trigger``: a literal the text must contain for the regex to be worth running (a fast ``in`` test),
    for patterns such as ``\\w*\\ufffd`` that the regex engine would try at every position.
    """

    kind = "substitute"
    fields = {"pattern": (str, True), "replace": (str, True), "trigger": (str, False)}

    def compile(self, params: dict[str, Any]) -> None:
        self.pattern = _pattern(self, params)
        self.trigger = params.get("trigger")

    def edits(self, text: str) -> list[Edit]:
        if self.trigger and self.trigger not in text:
            return []
        return [self.edit(m.start(), m.end(), m.group(), m.expand(self.replace)) for m in self.pattern.finditer(text)]


@register
class FlagPattern(RepairKind):
    """A regex whose matches are reported, not changed: damage with no safe repair."""

    kind = "flag"
    fields = {"pattern": (str, True), "type": (str, True), "evidence": (str, True), "trigger": (str, False)}

    def compile(self, params: dict[str, Any]) -> None:
        self.pattern = _pattern(self, params)
        self.trigger = params.get("trigger")

    def scan(self, text: str) -> tuple[list[Edit], list[Flag]]:
        if self.trigger and self.trigger not in text:
            return [], []
        return [], [self.flag(m.start(), m.group(), self.type, self.evidence) for m in self.pattern.finditer(text)]


@register
class Entities(RepairKind):
    """HTML character references left in text, also escaped twice or three times (``&amp;quot;``)."""

    kind = "entities"
    fields = {"max_depth": (int, True)}

    def compile(self, params: dict[str, Any]) -> None:
        depth = params["max_depth"]
        if not 1 <= depth <= 5:
            raise self.error("max_depth", "must be between 1 and 5")
        names = "|".join(sorted((re.escape(n[:-1]) for n in html.entities.html5 if n.endswith(";")), key=len, reverse=True))
        self.pattern = re.compile(rf"&(?:amp;){{0,{depth - 1}}}(?:#[0-9]{{1,7}}|#[xX][0-9a-fA-F]{{1,6}}|(?:{names}));")

    def edits(self, text: str) -> list[Edit]:
        if "&" not in text:
            return []
        out = []
        for m in self.pattern.finditer(text):
            ref = m.group()
            layers = 0
            while ref.startswith("&amp;") and len(ref) > 5:
                ref, layers = "&" + ref[5:], layers + 1
            after = html.unescape(ref)
            if after == ref or _unwanted(after):
                continue
            note = "html character reference" + (f", escaped {layers + 1} times" if layers else "")
            out.append(self.edit(m.start(), m.end(), m.group(), after, note))
        return out


def _unwanted(char: str) -> bool:
    """A reference to a control character or U+FFFD would put damage back into the text."""
    return any(unicodedata.category(c) == "Cc" and c not in "\t\n" or c == "\ufffd" for c in char)


@register
class Normalize(RepairKind):
    """Unicode normalisation (NFC): the same letter always stored the same way, nothing else changed."""

    kind = "normalize"
    fields = {"form": (str, True)}

    def compile(self, params: dict[str, Any]) -> None:
        if params["form"] not in ("NFC", "NFKC"):
            raise self.error("form", "must be NFC or NFKC")

    def edits(self, text: str) -> list[Edit]:
        if text.isascii() or unicodedata.is_normalized(self.form, text):
            return []
        out = []
        at = 0
        for line in text.splitlines(keepends=True):
            if not unicodedata.is_normalized(self.form, line):
                out.append(trimmed_edit(self, at, line, unicodedata.normalize(self.form, line), self.form))
            at += len(line)
        return out
