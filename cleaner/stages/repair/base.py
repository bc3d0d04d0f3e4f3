"""What every repair rule kind shares: it proposes edits against a text, and its examples say what it fixes."""

from __future__ import annotations

from ...document import Edit, Flag, applied
from ...ruleset import Example, RuleKind


class RepairKind(RuleKind):
    stage = "repair"
    example_keys = frozenset({"span", "fixed"})

    def scan(self, text: str) -> tuple[list[Edit], list[Flag]]:
        """Non-overlapping edits against ``text``, and flags (offsets into ``text``) for what it left alone."""
        return self.edits(text), []

    def edits(self, text: str) -> list[Edit]:
        raise NotImplementedError

    def fires(self, example: Example) -> list[str]:
        edits, flags = self.scan(example.text)
        return [e.before for e in edits] + [f.text for f in flags]

    def check_example(self, example: Example) -> str | None:
        problem = super().check_example(example)
        if problem or "fixed" not in example.expect:
            return problem
        fixed = applied(example.text, self.scan(example.text)[0])
        if fixed != example.expect["fixed"]:
            return f"repairs {example.text!r} to {fixed!r}, expected {example.expect['fixed']!r}"
        return None

    def edit(self, start: int, end: int, before: str, after: str, note: str = "") -> Edit:
        return Edit("repair", self.rule.id, self.kind, start, end, before, after, note)

    def flag(self, start: int, text: str, type_: str, evidence: str, suggestion: str | None = None, confidence: float = 0.8) -> Flag:
        return Flag(type_, self.rule.id, start, start + len(text), text, confidence, evidence, suggestion)


def trimmed_edit(kind: RepairKind, offset: int, before: str, after: str, note: str) -> Edit:
    """An edit replacing ``before`` (at ``offset``) by ``after``, narrowed to the part that changed."""
    head = 0
    limit = min(len(before), len(after))
    while head < limit and before[head] == after[head]:
        head += 1
    tail = 0
    while tail < limit - head and before[len(before) - 1 - tail] == after[len(after) - 1 - tail]:
        tail += 1
    return kind.edit(offset + head, offset + len(before) - tail, before[head : len(before) - tail], after[head : len(after) - tail], note)
