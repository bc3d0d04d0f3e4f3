"""Stage 3, repair: undo encoding damage and typographic slips, one explained edit per repaired span.

Order matters: the code-page repairs run first, on the text as it came, because ftfy's default
quote-straightening destroys the bytes a Thai (windows-874) repair needs. Clean text, the vast majority,
is recognised by one cheap regex and skips the stage entirely.
"""

from __future__ import annotations

import re
from typing import Any

from ..document import Document, Edit
from ..ruleset import Example, RuleKind, register
from .base import Stage

# Anything outside printable ASCII and common whitespace, or an '&' that may start an entity: text without
# any of these cannot carry mojibake, entities, stray controls or typographic slips.
SUSPECT_RE = re.compile(r"[^\t\n\r\x20-\x25\x27-\x7e]")


class RepairKind(RuleKind):
    stage = "repair"

    def edits(self, text: str) -> list[Edit]:
        """Non-overlapping edits against ``text``."""
        raise NotImplementedError

    def fires(self, example: Example) -> list[str]:
        return [e.before for e in self.edits(example.text)]

    def check_example(self, example: Example) -> str | None:
        problem = super().check_example(example)
        if problem or "fixed" not in example.expect:
            return problem
        doc = Document(example.text)
        doc.apply(self.edits(example.text))
        if doc.text != example.expect["fixed"]:
            return f"repairs {example.text!r} to {doc.text!r}, expected {example.expect['fixed']!r}"
        return None

    def edit(self, start: int, end: int, before: str, after: str, note: str = "") -> Edit:
        return Edit("repair", self.rule.id, self.kind, start, end, before, after, note)


@register
class Substitute(RepairKind):
    """A regex and its replacement, for typographic slips such as ``China‘s``."""

    kind = "substitute"
    fields = {"pattern": (str, True), "replace": (str, True)}

    def compile(self, params: dict[str, Any]) -> None:
        try:
            self.pattern = re.compile(params["pattern"])
        except re.error as exc:
            raise self.error("pattern", f"not a valid regular expression: {exc}") from None
        self.replace = params["replace"]

    def edits(self, text: str) -> list[Edit]:
        return [self.edit(m.start(), m.end(), m.group(), m.expand(self.replace)) for m in self.pattern.finditer(text)]


class RepairStage(Stage):
    name = "repair"

    def run(self, doc: Document) -> None:
        if not SUSPECT_RE.search(doc.text):
            return
        for kind in self.rules:
            edits = kind.edits(doc.text)
            if edits:
                doc.apply(edits)
