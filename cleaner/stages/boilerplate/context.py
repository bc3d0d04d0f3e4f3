"""One document as the boilerplate rules see it: its blocks, which of them read as prose, and the verdicts.

Rules run in phases (phrases first, structure last) and the first verdict on a block stands, so a block
removed by a named phrase rule is explained by that rule and not by the structural one that would also
have caught it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .text import Block, Labels, split_blocks, stopwords

# What counts as prose, the evidence every structural rule leans on: a sentence of some length, and, where
# the language has a stop-word list, enough function words (jusText's idea: menus and link lists have few).
PROSE_MIN_WORDS = 8
PROSE_MIN_DENSITY = 0.2
PROSE_LONG_WORDS = 30
PROSE_LONG_DENSITY = 0.3
FLAT_MIN_CHARS = 1000
WRAPPED_MIN_CHARS = 50  # a line this long that stops mid-sentence was wrapped, not ended
MARKER_NOTE = "marker; the block after it goes up to the next prose"


def blocks_of(text: str, lang: str | None, labels: Labels | None = None) -> list[Block]:
    """A document's blocks exactly as :meth:`Context.build` splits it, for callers that need no judgement
    (per-site learning only counts lines, and must not pay for the prose measures)."""
    return split_blocks(text, FLAT_MIN_CHARS, stopwords(lang), labels)


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
    site_lines: frozenset[str] = frozenset()  # phrase keys of lines repeated across the site's pages

    @classmethod
    def build(cls, text: str, lang: str | None, labels: Labels | None = None, site_lines=frozenset()) -> "Context":
        blocks = blocks_of(text, lang, labels)
        ctx = cls(text, lang, blocks, stopwords(lang), [None] * len(blocks), site_lines=frozenset(site_lines))
        ctx.prose = [ctx.is_prose(b.words, b.stop, b.sentence, b.flat, b) for b in blocks]
        ctx._join_wrapped()
        return ctx

    def is_prose(self, words: int, stop: int, sentence: bool, flat: bool, block: Block | None = None) -> bool:
        if words < PROSE_MIN_WORDS:
            return False
        if not self.stop:
            return sentence
        density = stop / words
        if not flat and words >= PROSE_LONG_WORDS and density >= PROSE_LONG_DENSITY:
            return True
        if not sentence:
            return False
        if density >= PROSE_MIN_DENSITY:
            return True
        # a sentence in another language than the page's is prose too
        return block is not None and block.dense_in_other(self.lang, PROSE_MIN_DENSITY)

    def _join_wrapped(self) -> None:
        """Hard-wrapped paragraphs (e-mail, plain-text blogs, some extractors) put one sentence on several
        lines, none of which reads as prose alone: a line that stops mid-sentence and is long, or is followed
        by a line that starts in lower case, continues on the next line, and the paragraph is judged whole."""
        blocks = self.blocks
        i, n = 0, len(blocks)
        while i < n:
            j = i
            while j + 1 < n and not blocks[j].flat and not blocks[j + 1].flat and not blocks[j].sentence and (
                len(blocks[j].text) >= WRAPPED_MIN_CHARS or blocks[j + 1].text[:1].islower()
            ):
                j += 1
            if j > i and not all(self.prose[i : j + 1]):
                part = blocks[i : j + 1]
                if self.is_prose(sum(b.words for b in part), sum(b.stop for b in part), blocks[j].sentence, False):
                    self.prose[i : j + 1] = [True] * (j + 1 - i)
            i = j + 1

    def foreign(self, block: Block) -> bool:
        """Whether a block reads as prose in another language than the page's: structural rules calibrated
        on the page's language must not judge it."""
        return block.dense_in_other(self.lang, PROSE_MIN_DENSITY)

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
