"""One document as the boilerplate rules see it: its blocks, which of them read as prose, and the verdicts.

Rules run in phases (phrases first, structure last) and the first verdict on a block stands, so a block
removed by a named phrase rule is explained by that rule and not by the structural one that would also
have caught it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .text import Block, split_blocks, stopwords

# What counts as prose, the evidence every structural rule leans on: a sentence of some length, and, where
# the language has a stop-word list, enough function words (jusText's idea: menus and link lists have few).
PROSE_MIN_WORDS = 8
PROSE_MIN_DENSITY = 0.2
PROSE_LONG_WORDS = 30
PROSE_LONG_DENSITY = 0.3
FLAT_MIN_CHARS = 1000


@dataclass(slots=True)
class Verdict:
    rule: str
    kind: str  # drop_line, cut_tail, move_to_meta
    note: str = ""
    meta_field: str | None = None


@dataclass
class Context:
    text: str
    lang: str | None
    blocks: list[Block]
    stop: frozenset[str]
    verdicts: list[Verdict | None] = field(default_factory=list)
    prose: list[bool] = field(default_factory=list)

    @classmethod
    def build(cls, text: str, lang: str | None) -> "Context":
        stop = stopwords(lang)
        blocks = split_blocks(text, FLAT_MIN_CHARS, stop)
        ctx = cls(text, lang, blocks, stop, [None] * len(blocks))
        ctx.prose = [ctx.is_prose(b) for b in blocks]
        return ctx

    def is_prose(self, block: Block) -> bool:
        if self.stop:
            if not block.flat and block.words >= PROSE_LONG_WORDS and block.density >= PROSE_LONG_DENSITY:
                return True
            return block.words >= PROSE_MIN_WORDS and block.sentence and block.density >= PROSE_MIN_DENSITY
        return block.words >= PROSE_MIN_WORDS and block.sentence

    def mark(self, i: int, verdict: Verdict) -> bool:
        if self.verdicts[i] is not None:
            return False
        self.verdicts[i] = verdict
        return True

    def open(self, i: int) -> bool:
        return self.verdicts[i] is None

    def first_prose(self) -> int | None:
        return next((i for i, p in enumerate(self.prose) if p and self.verdicts[i] is None), None)

    def marked_by(self, rule: str) -> list[str]:
        return [b.text for b, v in zip(self.blocks, self.verdicts) if v is not None and v.rule == rule]
