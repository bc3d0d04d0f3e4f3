"""Stage 3, repair: undo encoding damage and typographic slips, one explained edit per repaired span.

Order matters: the code-page repair runs first, on the text as it came, because ftfy's quote-straightening
would destroy the bytes a Thai (windows-874) repair needs; ftfy then handles what it does best, and the
typography rules run last, in file order. Clean text, the vast majority, is recognised by cheap regexes and
skips the expensive path. Work is capped per document: text beyond ``Config.max_chars``, and text that is
mostly U+FFFD or control characters, is flagged as not examined instead of being searched.
"""

from __future__ import annotations

import re
from typing import Any

import ftfy

from ...document import Document, Edit, Flag
from ...ruleset import register
from ..base import Stage
from .base import RepairKind
from .c1bytes import C1Bytes, apply_c1_plan, is_c1_plan
from .ftfy_pass import PREFIX as FTFY_PREFIX, Ftfy, also_suspect
from .mojibake import CodePageRepair, apply_plan, engine_for, scan_with
from .typography import Entities, FlagPattern, Normalize, Substitute
from .words import Lexicon

# Anything outside printable ASCII and common whitespace, or an '&' that may start an entity: text without
# any of these (and without a carriage return that ends a line alone) cannot carry mojibake, entities, stray
# controls, typographic slips or line breaks the line rules would not see. The lone CR is looked for apart:
# in one alternation it would make the scan of every clean text nearly three times slower.
SUSPECT_RE = re.compile(r"[^\t\n\r\x20-\x25\x27-\x7e]")
LONE_CR_RE = re.compile(r"\r(?!\n)")
UNREADABLE_RE = re.compile("[\ufffd\x00-\x08\x0e-\x1f]")


@register
class Budget(RepairKind):
    """Text that is mostly U+FFFD or control characters is not searched for damage: it is flagged."""

    kind = "budget"
    fields = {"max_unreadable_share": (float, True), "min_chars": (int, True)}

    def compile(self, params: dict[str, Any]) -> None:
        self.share = params["max_unreadable_share"]

    def unreadable(self, text: str) -> bool:
        if len(text) < self.min_chars:
            return False
        return len(UNREADABLE_RE.findall(text)) / len(text) > self.share

    def scan(self, text: str) -> tuple[list[Edit], list[Flag]]:
        if not text or not self.unreadable(text):
            return [], []
        return [], [self.flag(0, text, "unexamined", "mostly U+FFFD or control characters: not searched for damage", None, 1.0)]


def replay(edit: Edit) -> str:
    """Recompute a repair edit's ``after`` from its ``before`` and its note (code page, C1 or ftfy plan)."""
    if edit.note.startswith(FTFY_PREFIX):
        import ast

        return ftfy.apply_plan(edit.before, ast.literal_eval(edit.note[len(FTFY_PREFIX) :]))
    if is_c1_plan(edit.note):
        return apply_c1_plan(edit.before, edit.note)
    return apply_plan(edit.before, edit.note)


class RepairStage(Stage):
    name = "repair"

    def __init__(self, ruleset, config):
        super().__init__(ruleset, config)
        self.codepage_rules = {k.rule.id: k for k in self.rules if isinstance(k, CodePageRepair)}
        self.engine = engine_for(list(self.codepage_rules.values())) if self.codepage_rules else None
        self.budget = [k for k in self.rules if isinstance(k, Budget)]
        # Character references are the outermost layer (10Î&frac14;s): unescaped before any code page repair.
        self.first = [k for k in self.rules if isinstance(k, Entities)]
        # C1 controls read through a page other than windows-1252 go before ftfy, which would read them all so.
        self.c1 = [k for k in self.rules if isinstance(k, C1Bytes)]
        self.others = [k for k in self.rules if not isinstance(k, (CodePageRepair, Budget, Entities, C1Bytes))]
        self.ftfy = next((k for k in self.others if isinstance(k, Ftfy)), None)


    def run(self, doc: Document) -> None:
        if not SUSPECT_RE.search(doc.text) and not ("\r" in doc.text and LONE_CR_RE.search(doc.text)):
            return
        end = self._examined_end(doc)
        if end == 0:
            return
        for kind in self.first:
            end += self._step(doc, *kind.scan(doc.text[:end]))
        text = doc.text
        deep = also_suspect(text, end) or (self.engine is not None and self.engine.suspicious(text[:end]))
        steps: list[RepairKind] = [k for k in self.others if deep or not isinstance(k, Ftfy)]
        if deep and self.engine is not None:
            examined = doc.text[:end]
            lexicon = Lexicon(examined)  # one per text: the languages are found once for both judges
            edits, flags = scan_with(self.engine, self.codepage_rules, examined, lexicon)
            if self.ftfy is not None:
                edits, dropped = self.ftfy.arbitrate(examined, edits, lexicon)
                flags += dropped
            end += self._step(doc, edits, flags)
        for kind in self.c1 if deep else ():
            end += self._step(doc, *kind.scan(doc.text[:end]))
        for kind in steps:
            end += self._step(doc, *kind.scan(doc.text[:end]))

    def _examined_end(self, doc: Document) -> int:
        """How much of the text the rules look at (0: none); what is left out is flagged as not examined."""
        text = doc.text
        limit = self.config.max_chars
        end = len(text)
        if end > limit:
            cut = text.rfind("\n", limit // 2, limit)
            end = cut + 1 if cut >= 0 else limit
        for kind in self.budget:
            if end < len(text):
                evidence = f"beyond the first {end} characters, the most examined per document"
                doc.add_flag(kind.flag(end, text[end:], "unexamined", evidence, None, 1.0))
            flags = kind.scan(text[:end])[1]
            if flags:
                doc.add_flag(flags[0])
                return 0
        return end

    @staticmethod
    def _step(doc: Document, edits: list[Edit], flags: list[Flag]) -> int:
        """Apply one rule's findings; return how much longer the examined part became."""
        for flag in flags:
            doc.add_flag(flag)
        before = len(doc.text)
        doc.apply(edits)
        return len(doc.text) - before


__all__ = ["RepairStage", "RepairKind", "replay", "apply_plan", "apply_c1_plan", "C1Bytes", "Substitute", "Entities", "FlagPattern", "Normalize", "Ftfy", "Budget"]
