"""Find runs of UTF-8 misread through a single-byte code page and undo them, span by span.

A run is a stretch of characters whose bytes in some code page form well-formed multi-byte UTF-8. Runs
of all code pages that overlap make one region; for each region every code page chain (up to three layers
of damage) is tried on the region alone, and the decode that makes the region and its surroundings most
plausible wins, if it beats the text as it stands by the rule's margin. Correct text in Thai, Russian or
Greek also contains such runs by accident; decoding them yields letters of rare scripts glued to the
surrounding words, which costs more than the original, so they stay.

A repair is explained by its plan: the code pages read, outermost first, e.g.
``utf-8 bytes read as windows-1251, then as windows-1252`` undoes windows-1252, then windows-1251.
:func:`apply_plan` replays a plan and accepts only known code pages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ftfy.badness import is_bad

from ...document import Edit, Flag
from ...ruleset import register
from .base import RepairKind
from .codepages import CODECS, LOST_A0_PAGES, CodePage, codepage
from .plausibility import cost

CONTEXT = 12  # characters each side of a region that take part in judging it
# The code pages ftfy tries (and cp850, whose mojibake is cp437's): ftfy's badness test was tuned on them,
# so a repair through them alone must also look damaged to that test (ftfy's negative cases are correct
# text that only looks like such mojibake: line art, leetspeak, math).
FTFY_PAGES = frozenset(
    ["latin-1", "windows-1252", "windows-1251", "windows-1250", "windows-1253", "windows-1254", "windows-1257", "iso-8859-2", "macroman", "cp437", "cp850"]
)
BOX_ONLY = re.compile("[\u2500-\u259f]+")  # line art decodes through every DOS page: ftfy's test decides
MAX_SPANS = 50_000  # misread sequences examined per document; the rest is flagged as not examined
LINE_SAMPLE = 200  # regions of one line that choose its chain (a whole file may be one line)
BEAM = 6  # decodes of one layer explored for a further layer
LAYER_COST = 0.5  # damage twice over is rarer than once: a deeper chain must explain the text better


@dataclass(frozen=True)
class Region:
    """A stretch of possibly misread text and every way of decoding it: chain -> (text, cost)."""

    start: int
    end: int
    before: str
    cost: float
    candidates: dict[tuple[str, ...], tuple[str, float]]
    context: str  # the region with its surroundings


@dataclass(frozen=True)
class Decision:
    region: Region
    chain: tuple[str, ...] | None  # the repair chosen, or None: leave the text
    after: str
    rule: str
    suspect: bool = False  # damaged-looking and decodable, but no repair was safe enough

def describe_plan(chain: tuple[str, ...]) -> str:
    return "utf-8 bytes read as " + ", then as ".join(chain)


def plan_of(note: str) -> tuple[str, ...]:
    """The chain a note describes (the inverse of :func:`describe_plan`)."""
    prefix = "utf-8 bytes read as "
    if not note.startswith(prefix):
        raise ValueError(f"not a code page plan: {note!r}")
    return tuple(note[len(prefix) :].split(", then as "))


def apply_plan(text: str, plan: tuple[str, ...] | str) -> str:
    """Replay a repair on the text it replaced: undo each code page of the chain, outermost first.

    Only code pages of :data:`~cleaner.stages.repair.codepages.CODECS` are accepted, so a plan read from a
    file can never name an arbitrary codec.
    """
    chain = plan_of(plan) if isinstance(plan, str) else tuple(plan)
    for name in reversed(chain):
        if name not in CODECS:
            raise ValueError(f"plan names an unknown code page: {name!r}")
        undone = undo_runs(codepage(name), text)
        if undone is None:
            raise ValueError(f"no utf-8 read as {name} in {text!r}")
        text = undone
    return text


def undo_runs(page: CodePage, text: str) -> str | None:
    """Undo ``page`` on every run of misread UTF-8 in ``text``; None if there is none."""
    pieces, at, changed = [], 0, False
    for m in page.sequence_re.finditer(text):
        undone = page.undo(m.group())
        if undone is None:
            continue
        pieces.append(text[at : m.start()])
        pieces.append(undone)
        at = m.end()
        changed = True
    if not changed:
        return None
    pieces.append(text[at:])
    return "".join(pieces)


class Engine:
    """Compiled once per rule set: the code pages to try, in order, and who owns each."""

    def __init__(self, entries: list[tuple[str, str, float]], max_layers: int = 3, flag_cost: float = 3.0):
        """``entries``: (code page, rule id, margin), in order of preference for equally good decodes."""
        self.pages: list[CodePage] = [codepage(name) for name, _, _ in entries]
        self.owner = {name: (rule, margin) for name, rule, margin in entries}
        self.max_layers = max_layers
        self._trees: dict[str, list[tuple[str, list[tuple[str, ...]]]]] = {}
        self.flag_cost = flag_cost
        # A misread sequence is two or more non-ASCII characters in a row (or a lead and a lost-A0 space):
        # stretches of those are found by one fast scan, and only they are searched for sequences.
        a0_leads = "".join(sorted({p.chars[b] for p in self.pages if p.name in LOST_A0_PAGES for b in (0xC2, 0xC3, 0xC5, 0xCE, 0xD0, 0xD9, 0xE0, 0xE1, 0xE2, 0xE3)}))
        self.stretch_re = re.compile(f"[^\x00-\x7f]{{2,}} ?|[{re.escape(a0_leads)}] " if a0_leads else "[^\x00-\x7f]{2,}")
        self.one_re = re.compile("|".join(p.one for p in self.pages))

    def stretches(self, text: str):
        return self.stretch_re.finditer(text)

    def suspicious(self, text: str) -> bool:
        """Cheap test: does any stretch of non-ASCII characters hold a misread sequence of some page?"""
        one = self.one_re
        for m in self.stretch_re.finditer(text):
            if one.search(text, m.start(), m.end()):
                return True
        return False

    def decide(self, text: str) -> list[Decision]:
        """Decisions for every region of ``text``, judged paragraph by paragraph (one line at a time).

        Damage within one paragraph almost always comes from one accident, so the chain that most improves
        the paragraph as a whole is preferred for each of its regions (a lone ``Â»`` is repaired because
        the ``Ã©`` beside it was); a region that chain cannot explain may still be repaired on its own,
        with the full margin.
        """
        regions = self.regions(text)
        decisions: list[Decision] = []
        i = 0
        while i < len(regions):
            line_end = text.find("\n", regions[i].start)
            line_end = len(text) if line_end < 0 else line_end
            j = i
            while j < len(regions) and regions[j].start < line_end:
                j += 1
            line_start = text.rfind("\n", 0, regions[i].start) + 1
            decisions.extend(self._decide_line(regions[i:j], text[line_start:line_end]))
            i = j
        return decisions

    def _decide_line(self, regions: list[Region], line: str) -> list[Decision]:
        sample = regions[:LINE_SAMPLE]
        totals: dict[tuple[str, ...], float] = {}
        for region in sample:
            for chain in region.candidates:
                totals.setdefault(chain, 0.0)
        original = sum(r.cost for r in sample)
        for chain in totals:
            totals[chain] = sum(
                min(r.cost, r.candidates[chain][1]) if chain in r.candidates else r.cost for r in sample
            )
        line_chain = None
        if totals:
            chain = min(totals, key=lambda c: (totals[c], len(c)))
            if totals[chain] <= original - self.margin(chain):
                line_chain = chain
        line_bad = is_bad(line)
        line_art = all(BOX_ONLY.fullmatch(r.before) for r in regions)
        return [self._decide_region(region, line_chain, line_bad, line_art) for region in regions]

    def _decide_region(self, region: Region, line_chain: tuple[str, ...] | None, line_bad: bool, line_art: bool) -> Decision:
        if not region.candidates:
            return Decision(region, None, region.before, self.owner[self.pages[0].name][0])
        chain, (text, c) = min(
            region.candidates.items(),
            key=lambda kv: (kv[1][1] - (LAYER_COST if kv[0] == line_chain else 0), kv[0] != line_chain, len(kv[0])),
        )
        rule = self.owner[chain[-1]][0]
        in_damaged_line = line_chain in region.candidates and region.candidates[line_chain][1] <= region.cost
        # A lone pair of characters (Ã¥, √π, ┼┐) is where correct text most often looks like mojibake: through
        # ftfy's code pages, or as line art in a line of nothing else, ftfy's badness test must agree.
        familiar = len(region.before) <= 2 and (all(name in FTFY_PAGES for name in chain) or (line_art and BOX_ONLY.fullmatch(region.before)))
        if in_damaged_line and c <= region.cost and (not familiar or line_bad):
            return Decision(region, chain, text, rule)
        if c <= region.cost - self.margin(chain) and (not familiar or line_bad):
            return Decision(region, chain, text, rule)
        return Decision(region, None, region.before, rule, suspect=c < region.cost and region.cost >= self.flag_cost)

    def margin(self, chain: tuple[str, ...]) -> float:
        return self.owner[chain[-1]][1]

    def regions(self, text: str) -> list[Region]:
        """Regions of possibly misread text, up to a bound per document (``stopped_at``: where it stopped)."""
        self.stopped_at: int | None = None
        spans: list[tuple[int, int]] = []
        one = self.one_re
        for stretch in self.stretch_re.finditer(text):
            a, b = stretch.span()
            if not one.search(text, a, b):
                continue
            if len(spans) > MAX_SPANS:
                self.stopped_at = a
                break
            for page in self.pages:
                spans.extend(m.span() for m in page.sequence_re.finditer(text, a, b))
        if not spans:
            return []
        spans.sort()
        merged = [list(spans[0])]
        for s, e in spans[1:]:
            if s < merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        return [self._region(text, s, e) for s, e in merged]

    def _region(self, text: str, start: int, end: int) -> Region:
        left = text[max(0, start - CONTEXT) : start]
        right = text[end : end + CONTEXT]
        before = text[start:end]
        original = cost(left + before + right)
        return Region(start, end, before, original, self._explore(before, left, right, original), left + before + right)

    def _explore(self, before: str, left: str, right: str, original: float) -> dict:
        """Every chain of the region's decode tree, costed in the region's surroundings."""
        costs: dict[str, float] = {}
        candidates: dict[tuple[str, ...], tuple[str, float]] = {}
        for decoded, chains in self._tree(before):
            c = costs.get(decoded)
            if c is None:
                c = costs[decoded] = cost(left + decoded + right)
            for chain in chains:
                candidates[chain] = (decoded, c + LAYER_COST * (len(chain) - 1))
        return candidates

    def _tree(self, before: str) -> list[tuple[str, list[tuple[str, ...]]]]:
        """Every decode of ``before`` by a chain of up to ``max_layers`` code pages, breadth first.

        Only the most plausible few decodes of each layer are explored further (an intermediate layer of
        damage is itself mojibake, so it cannot be required to look good); every chain reaching a decode is
        kept, so that the paragraph's chain can be looked up by name. The same damaged word recurs across a
        document, so trees are remembered (a bounded cache, cleared when full).
        """
        tree = self._trees.get(before)
        if tree is not None:
            return tree
        tree = []
        frontier: list[tuple[str, list[tuple[str, ...]]]] = [(before, [()])]
        seen = {before}
        for _ in range(self.max_layers):
            layer: dict[str, list[tuple[str, ...]]] = {}
            for text, chains in frontier:
                for page in self.pages:
                    decoded = undo_runs(page, text)
                    if decoded is not None:
                        layer.setdefault(decoded, []).extend((page.name,) + chain for chain in chains)
            tree.extend(layer.items())
            fresh = [(cost(t), i, t) for i, t in enumerate(layer) if t not in seen and not t.isascii()]
            seen.update(layer)
            frontier = [(t, layer[t]) for _, _, t in sorted(fresh)[:BEAM]]
        if len(self._trees) > 50_000:
            self._trees.clear()
        self._trees[before] = tree
        return tree



@register
class CodePageRepair(RepairKind):
    """UTF-8 read through one of the rule's code pages. All such rules are judged together by the stage."""

    kind = "codepage"
    fields = {"codepages": (list, True), "margin": ((float, int), True), "max_layers": (int, False), "flag_cost": ((float, int), False)}

    def compile(self, params: dict[str, Any]) -> None:
        unknown = [name for name in params["codepages"] if name not in CODECS]
        if unknown or not params["codepages"]:
            raise self.error("codepages", f"unknown code page(s) {unknown} (known: {', '.join(sorted(CODECS))})")
        self.codepages = list(params["codepages"])
        self.margin = float(params["margin"])
        self.max_layers = params.get("max_layers", 3)
        self.flag_cost = float(params.get("flag_cost", 3.0))
        self.engine = engine_for([self])

    def scan(self, text: str) -> tuple[list[Edit], list[Flag]]:
        return scan_with(self.engine, {self.rule.id: self}, text)


def engine_for(kinds: list[CodePageRepair]) -> Engine:
    entries = [(name, kind.rule.id, kind.margin) for kind in kinds for name in kind.codepages]
    seen: set[str] = set()
    unique = [e for e in entries if not (e[0] in seen or seen.add(e[0]))]
    return Engine(unique, max(k.max_layers for k in kinds), min(k.flag_cost for k in kinds))


def scan_with(engine: Engine, kinds: dict[str, CodePageRepair], text: str) -> tuple[list[Edit], list[Flag]]:
    """Edits for the regions the engine repairs, flags for those it found damaged but could not repair."""
    if not engine.suspicious(text):
        return [], []
    edits: list[Edit] = []
    flags: list[Flag] = []
    decisions = engine.decide(text)
    if engine.stopped_at is not None:
        first = next(iter(kinds.values()))
        flags.append(first.flag(engine.stopped_at, text[engine.stopped_at :], "unexamined", f"more than {MAX_SPANS} possibly misread sequences: the rest was not examined", None, 1.0))
    for d in decisions:
        kind = kinds[d.rule]
        r = d.region
        if d.chain is not None:
            edits.append(kind.edit(r.start, r.end, r.before, d.after, describe_plan(d.chain)))
        elif d.suspect:
            chain, (suggestion, _) = min(r.candidates.items(), key=lambda kv: kv[1][1])
            flags.append(
                kind.flag(r.start, r.before, "mojibake", f"looks like {describe_plan(chain)}, but the repair is not certain", suggestion, 0.6)
            )
    return edits, flags
