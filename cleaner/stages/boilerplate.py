"""Stage 5, boilerplate: remove widget, navigation and republishing residue line by line, explained.

Each line is matched against the line rules of the document's language (and the language-independent
ones). A rule's ``action`` says what happens to a matching line:

* ``drop``: the line goes.
* ``cut_tail``: the line and everything after it go, but only when nothing after it reads like content
  (a comment form is followed by comments and footers; an article that merely continues is kept).
* ``meta``: the line goes into ``doc.meta[field]`` (author, credit) instead of being lost.

Precision before recall: a line is only ever removed whole, and only when a rule matches all of it.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from ..document import Document, Edit
from ..ruleset import Example, RuleKind, register
from .base import Stage

ACTIONS = ("drop", "cut_tail", "meta")
_PUNCT_RE = re.compile(r"[\W_]+", re.UNICODE)
SENTENCE_END_RE = re.compile(r"[.!?…。！？\"”»)]\s*$")


def normalize_line(line: str) -> str:
    """Case- and punctuation-insensitive form of a line, for phrase matching."""
    return _PUNCT_RE.sub(" ", unicodedata.normalize("NFKC", line).casefold()).strip()


def looks_like_content(line: str, min_words: int) -> bool:
    """A line a person would call prose: enough words and a sentence ending."""
    return len(line.split()) >= min_words and bool(SENTENCE_END_RE.search(line))


@register
class LineRule(RuleKind):
    """A whole line that is boilerplate: given as phrases (compared case- and punctuation-insensitively)
    or as a regular expression that must match the entire stripped line."""

    stage = "boilerplate"
    kind = "line"
    fields = {
        "phrases": (list, False),
        "pattern": (str, False),
        "action": (str, True),
        "meta_field": (str, False),
        "max_words": (int, False),
    }

    def compile(self, params: dict[str, Any]) -> None:
        self.action = params["action"]
        if self.action not in ACTIONS:
            raise self.error("action", f"{self.action!r} is not one of {', '.join(ACTIONS)}")
        if self.action == "meta" and "meta_field" not in params:
            raise self.error("meta_field", "required when action is 'meta'")
        self.meta_field = params.get("meta_field")
        phrases = params.get("phrases", [])
        if not all(isinstance(p, str) and normalize_line(p) for p in phrases):
            raise self.error("phrases", "every phrase must be a non-empty string with letters or digits")
        self.phrases = frozenset(normalize_line(p) for p in phrases)
        self.pattern = None
        if "pattern" in params:
            try:
                self.pattern = re.compile(params["pattern"])
            except re.error as exc:
                raise self.error("pattern", f"not a valid regular expression: {exc}") from None
        if not self.phrases and self.pattern is None:
            raise self.error("phrases", "a line rule needs 'phrases' or 'pattern'")
        self.max_words = params.get("max_words")

    def matches(self, line: str, normalized: str) -> bool:
        if self.max_words is not None and len(line.split()) > self.max_words:
            return False
        if normalized in self.phrases:
            return True
        return self.pattern is not None and self.pattern.fullmatch(line) is not None

    def fires(self, example: Example) -> list[str]:
        hits = []
        for line in example.text.split("\n"):
            stripped = line.strip()
            if stripped and self.matches(stripped, normalize_line(stripped)):
                hits.append(stripped)
        return hits


@register
class Whitespace(RuleKind):
    """Blank-line runs left where lines were removed, and blank edges of the document."""

    stage = "boilerplate"
    kind = "whitespace"
    fields = {"max_blank_lines": (int, True)}

    def compile(self, params: dict[str, Any]) -> None:
        n = params["max_blank_lines"]
        self.runs = re.compile(r"\n[ \t]*(?:\n[ \t]*){%d,}" % (n + 1))
        self.keep = "\n" * (n + 1)

    def edits(self, text: str) -> list[Edit]:
        out: list[Edit] = []
        lead = len(text) - len(text.lstrip())
        trail = len(text.rstrip())
        if lead:
            out.append(Edit("boilerplate", self.rule.id, "whitespace", 0, lead, text[:lead], ""))
        for m in self.runs.finditer(text, lead, max(lead, trail)):
            if m.group() != self.keep:
                out.append(Edit("boilerplate", self.rule.id, "whitespace", m.start(), m.end(), m.group(), self.keep))
        if trail < len(text) and trail >= lead:
            out.append(Edit("boilerplate", self.rule.id, "whitespace", trail, len(text), text[trail:], ""))
        return out

    def fires(self, example: Example) -> list[str]:
        return [e.before for e in self.edits(example.text)]


class BoilerplateStage(Stage):
    name = "boilerplate"
    content_min_words = 12

    def __init__(self, ruleset, config):
        super().__init__(ruleset, config)
        self.line_rules = [k for k in self.rules if isinstance(k, LineRule)]
        self.whitespace = [k for k in self.rules if isinstance(k, Whitespace)]

    def run(self, doc: Document) -> None:
        text = doc.text
        if not text:
            return
        rules = [r for r in self.line_rules if r.rule.applies_to(doc.lang) or r.rule.applies_to("en")]
        lines = text.split("\n")
        starts, at = [], 0
        for line in lines:
            starts.append(at)
            at += len(line) + 1
        hits: list[LineRule | None] = []
        for line in lines:
            stripped = line.strip()
            hit = None
            if stripped:
                normalized = normalize_line(stripped)
                hit = next((r for r in rules if r.matches(stripped, normalized)), None)
            hits.append(hit)
        edits: list[Edit] = []
        i = 0
        while i < len(lines):
            rule = hits[i]
            if rule is None:
                i += 1
                continue
            start = starts[i]
            if rule.action == "cut_tail" and not any(
                hits[j] is None and looks_like_content(lines[j].strip(), self.content_min_words)
                for j in range(i + 1, len(lines))
            ):
                edits.append(Edit(self.name, rule.rule.id, "cut_tail", start, len(text), text[start:], ""))
                break
            end = min(starts[i] + len(lines[i]) + 1, len(text))
            kind = "drop_line"
            if rule.action == "meta":
                doc.meta.setdefault(rule.meta_field, []).append(lines[i].strip())
                kind = "move_to_meta"
            edits.append(Edit(self.name, rule.rule.id, kind, start, end, text[start:end], ""))
            i += 1
        doc.apply(edits)
        if edits:
            removed = sum(e.end - e.start for e in edits)
            doc.notes["boilerplate_removed_chars"] = doc.notes.get("boilerplate_removed_chars", 0) + removed
        for kind in self.whitespace:
            doc.apply(kind.edits(doc.text))
