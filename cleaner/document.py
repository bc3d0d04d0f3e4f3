"""The document record that travels through the pipeline, and the edits and flags stages add to it.

Two offset conventions, kept apart on purpose:

* An :class:`Edit` carries offsets into the text *as it entered the step that made it*. A step is one
  batch of edits a stage computes against the same input and applies together (most stages make one step;
  ``step`` numbers them across the document), so replaying the steps in order rebuilds the output from the
  input exactly (see :func:`replay_all`).
* A :class:`Flag` carries offsets into the *final* cleaned text, ``flag.text == doc.text[flag.start:flag.end]``.
  Flags raised before a later stage changes the text are carried along by :meth:`Document.apply`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Any, Iterable


@dataclass(slots=True)
class Edit:
    """One change to the text, named by the rule that made it."""

    stage: str
    rule: str
    kind: str
    start: int
    end: int
    before: str
    after: str
    note: str = ""
    step: int = 0

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        if not d["note"]:
            del d["note"]
        return d


@dataclass(slots=True)
class Flag:
    """One finding about the text that the pipeline did not (or could not safely) change."""

    type: str
    rule: str
    start: int
    end: int
    text: str
    confidence: float = 1.0
    evidence: str = ""
    suggestion: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        if d["suggestion"] is None:
            del d["suggestion"]
        if not d["evidence"]:
            del d["evidence"]
        return d


class EditConflict(ValueError):
    """Two edits of one stage touch the same characters; the stage has a bug, never the input."""


# the fields a record of ours carries besides ``id`` and ``text``
OUTPUT_FIELDS = frozenset(("lang", "lang_prob", "keep", "quality", "flags", "meta", "edits", "error", "original"))


@dataclass
class Document:
    """What a stage reads and adds to. ``text`` is always the current text; nothing else is re-derived.

    ``source`` holds the input record's own fields exactly as they came in; ``notes`` is where a stage
    leaves work a later stage needs (the language stage's sample, the boilerplate stage's removed share),
    so that no stage parses again what an earlier one produced.
    """

    text: str
    id: str | None = None
    url: str | None = None
    kind: str = "text"  # "text" or "html": which input the text came from
    source: dict[str, Any] = field(default_factory=dict)
    raw: bytes | None = None
    lang: str | None = None
    lang_prob: float = 0.0
    edits: list[Edit] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    quality: dict[str, Any] = field(default_factory=dict)
    keep: bool = True
    error: str | None = None
    notes: dict[str, Any] = field(default_factory=dict)

    # -- changing the text -------------------------------------------------------------------------

    def apply(self, edits: Iterable[Edit]) -> None:
        """Apply one stage's edits (offsets into the current text) and carry existing flags along."""
        ordered = sorted(edits, key=lambda e: (e.start, e.end))
        if not ordered:
            return
        text = self.text
        pieces: list[str] = []
        at = 0
        for edit in ordered:
            if edit.start < at:
                raise EditConflict(f"{edit.rule} overlaps an earlier edit at {edit.start}")
            if text[edit.start : edit.end] != edit.before:
                raise EditConflict(f"{edit.rule}: 'before' does not match the text at {edit.start}:{edit.end}")
            pieces.append(text[at : edit.start])
            pieces.append(edit.after)
            at = edit.end
        pieces.append(text[at:])
        self.text = "".join(pieces)
        step = self.edits[-1].step + 1 if self.edits else 1
        for edit in ordered:
            edit.step = step
        self.edits.extend(ordered)
        if self.flags:
            self.flags = [f for f in (_carry(flag, ordered, self.text) for flag in self.flags) if f is not None]

    def note_provenance(self, stage: str, rule: str, kind: str, note: str, *, start: int = 0, end: int = 0, after: str = "") -> None:
        """Record how the text was obtained (decoding, extraction) as a step-0 edit.

        Its offsets are into the raw input (bytes or HTML, kept in the record's own field), so it is
        explained like any edit but not replayed on text. Extraction keeps the text it produced in
        ``after``: for HTML input that is the text the replayable steps start from.
        """
        self.edits.append(Edit(stage, rule, kind, start, end, "", after, note, step=0))

    def add_flag(self, flag: Flag) -> None:
        if not (0 <= flag.start < flag.end <= len(self.text)) or self.text[flag.start : flag.end] != flag.text:
            raise ValueError(f"flag {flag.rule} does not name its span in the text: {flag!r}")
        self.flags.append(flag)

    # -- output ------------------------------------------------------------------------------------

    def to_record(self, *, with_edits: bool = True) -> dict[str, Any]:
        """The JSON Lines record: the input's own fields, untouched, plus what the pipeline found.

        Input fields with the names the pipeline writes (:data:`OUTPUT_FIELDS`; ``text`` becomes the cleaned
        text and can be rebuilt from the edits) are kept under ``original``, whether or not this record
        uses the name: an input ``error`` must not read as the pipeline's verdict, nor an input
        ``original`` be overwritten.
        """
        ours: dict[str, Any] = {
            "id": self.id,
            "text": self.text,
            "lang": self.lang,
            "lang_prob": round(self.lang_prob, 4),
            "keep": self.keep,
            "quality": self.quality,
            "flags": [f.to_dict() for f in sorted(self.flags, key=lambda f: (f.start, f.end, f.type))],
            "meta": self.meta,
        }
        if with_edits:
            ours["edits"] = [e.to_dict() for e in self.edits]
        if self.error:
            ours["error"] = self.error
        record: dict[str, Any] = {}
        original: dict[str, Any] = {}
        for key, value in self.source.items():
            if key in OUTPUT_FIELDS:
                original[key] = value
            elif key != "text":
                # bytes a library caller put in a record are written as text (bytes that are not UTF-8 as
                # escapes), so the record stays JSON
                record[key] = value.decode("utf-8", "surrogateescape") if isinstance(value, bytes) else value
        if self.id is None:
            ours.pop("id")
        record.update(ours)
        if original:
            record["original"] = original
        return record


# flags that name a stretch of text rather than a finding in it: edits inside the stretch shrink it
REGION_FLAGS = frozenset(("unexamined",))


def _carry(flag: Flag, edits: list[Edit], text: str) -> Flag | None:
    """Move a flag through one stage's edits (``text`` is the text after them); a flag whose text was
    removed or rewritten goes with it, except a region flag, which keeps what is left of its stretch."""
    if flag.type in REGION_FLAGS:
        start, end = _moved(flag.start, edits, False), _moved(flag.end, edits, True)
        if start >= end:
            return None
        return Flag(flag.type, flag.rule, start, end, text[start:end], flag.confidence, flag.evidence, flag.suggestion)
    shift = 0
    for edit in edits:
        if edit.end <= flag.start and not (edit.start == edit.end == flag.start):
            shift += len(edit.after) - (edit.end - edit.start)
        elif edit.start >= flag.end:
            break
        else:
            return None
    return Flag(
        flag.type, flag.rule, flag.start + shift, flag.end + shift, flag.text, flag.confidence, flag.evidence, flag.suggestion
    )


def _moved(at: int, edits: list[Edit], end: bool) -> int:
    """Where offset ``at`` lies after the edits; inside an edit, at the start of its replacement (or, for
    the end of a stretch, at its end)."""
    shift = 0
    for edit in edits:
        if edit.end <= at:
            shift += len(edit.after) - (edit.end - edit.start)
        elif edit.start < at:
            return edit.start + shift + (len(edit.after) if end else 0)
        else:
            break
    return at + shift


def applied(text: str, edits: Iterable[Edit]) -> str:
    """``text`` after one batch of edits (offsets into ``text``), checked as :meth:`Document.apply` checks
    them; the edits themselves are not changed."""
    doc = Document(text)
    doc.apply(replace(e) for e in edits)
    return doc.text


def replay_all(text: str, edits: Iterable[Edit | dict[str, Any]]) -> str:
    """Rebuild the cleaned text from the stage input and the edit log, step by step.

    This is how a user checks that nothing changed without an edit saying so: replaying the log on the
    text that entered the first step gives exactly the cleaned text. The edits may be :class:`Edit`
    objects or the dicts of a JSON Lines record's ``edits``.
    """
    steps: dict[int, list[Edit]] = {}
    for edit in edits:
        if isinstance(edit, dict):
            edit = Edit(**edit)
        if edit.step == 0:  # provenance (decode, extract): describes how the text was obtained
            continue
        steps.setdefault(edit.step, []).append(edit)
    for step in sorted(steps):
        text = applied(text, steps[step])
    return text
