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
from collections import Counter
from dataclasses import dataclass
from typing import Any

from ftfy.badness import is_bad

from ...document import Edit, Flag
from ...ruleset import register
from .base import RepairKind
from .codepages import CODECS, LOST_A0_PAGES, CodePage, codepage
from .plausibility import LETTER, MARK, RARE_LETTERS, cost, describe
from .words import Lexicon

CONTEXT = 12  # characters each side of a region that take part in judging it
# The code pages ftfy tries; with cp850, whose mojibake is cp437's, ftfy's badness test was tuned on them,
# so a repair through them alone must also look damaged to that test (ftfy's negative cases are correct
# text that only looks like such mojibake: line art, leetspeak, math).
FTFY_TRIES = frozenset(
    ["latin-1", "windows-1252", "windows-1251", "windows-1250", "windows-1253", "windows-1254", "windows-1257", "iso-8859-2", "macroman", "cp437"]
)
FTFY_PAGES = FTFY_TRIES | {"cp850"}
BOX_ONLY = re.compile("[\u2500-\u259f]+")  # line art decodes through every DOS page: ftfy's test decides
MAX_SPANS = 50_000  # misread sequences examined per document; the rest is flagged as not examined
LINE_SAMPLE = 200  # regions of one line that choose its chain (a whole file may be one line)
DOC_SAMPLE = 2000  # regions of a document that choose its chain
DOC_SUPPORT = 2  # repairs through the document's chain before it explains regions too weak to judge alone
BEAM = 6  # decodes of one layer explored for a further layer
UNMISTAKABLE_DROP = 3.0  # how much a lone pair's decode must lower its cost to be repaired without ftfy's word
ALPHABET_MIN = 5  # non-ASCII letters outside the regions before the document's alphabet is judged
FOREIGN_COST = 1.5  # per letter that the rest of the document never uses
RESIDUE_COST = 1.0  # per misread three-byte sequence left in a decode
WORD_GAIN = 2.0  # Zipf points a decode's words must gain to show damage (a word seen once in 10 million or more)
TIE = 1e-6  # costs are sums of fractions: closer than this is equal
LAYER_COST = 0.5  # damage twice over is rarer than once: a deeper chain must explain the text better


@dataclass(frozen=True)
class Region:
    """A stretch of possibly misread text and every way of decoding it: chain -> (text, cost)."""

    start: int
    end: int
    before: str
    cost: float
    candidates: dict[tuple[str, ...], tuple[str, float]]
    left: str  # the characters before it that take part in judging it
    right: str  # and after it
    unseen: dict[tuple[str, ...], float]  # chain -> how rare its decode's characters are in the rest of the document
    foreign: dict[tuple[str, ...], float]  # chain -> the part of its cost for letters the rest never writes


@dataclass(frozen=True)
class Decision:
    region: Region
    chain: tuple[str, ...] | None  # the repair chosen, or None: leave the text
    after: str
    rule: str
    suspect: bool = False  # damaged-looking and decodable, but no repair was safe enough


def _word_scores(regions: list[Region], chains: list[tuple[str, ...]], lexicon: Lexicon) -> dict[tuple[str, ...], float]:
    """How common the words are that each chain's decodes make, summed over the regions where the chains'
    decodes differ (so that the document's languages are looked up only when equally plausible decodes
    disagree)."""
    out = dict.fromkeys(chains, 0.0)
    for r in regions:
        texts = {c: r.candidates[c][0] if c in r.candidates and r.candidates[c][1] < r.cost else r.before for c in chains}
        if len(set(texts.values())) > 1:
            for c, t in texts.items():
                out[c] += lexicon.score(r.left, t, r.right)
    return out


def _words_show(regions: list[Region], chain: tuple[str, ...], lexicon: Lexicon) -> bool:
    """Does the chain turn two or more of the line's regions into common words of the document's languages?

    Spanish read through iso-8859-2 (``publicĂł``, ``estĂĄn``) or German through a DOS page (``Fr├╝chten``)
    looks like letters of another language or like line art, each pair alone proves little, and ftfy's
    badness test does not object; that the words become ``publicó`` and ``Früchten`` does.
    """
    shown = 0
    for r in regions:
        if chain in r.candidates and r.candidates[chain][1] <= r.cost:
            shown += _word_shown(r, r.candidates[chain][0], lexicon)
            if shown >= 2:
                return True
    return False


def _word_shown(region: Region, text: str, lexicon: Lexicon) -> bool:
    """Does reading the region as ``text`` make its word a common one, by WORD_GAIN Zipf points?"""
    return lexicon.score(region.left, text, region.right) >= lexicon.score(region.left, region.before, region.right) + WORD_GAIN


def _alphabet(text: str, regions: list[list[int]]) -> dict[str, int]:
    """How often each non-ASCII character occurs in the text outside the regions: the letters its language uses.

    Equally plausible decodes (``Ăź``: ü in iso-8859-2, ß in windows-1250) are told apart by them: a sentence
    damaged inside a German page decodes to the ü the rest of the page has more of.
    """
    seen: Counter[str] = Counter()
    at = 0
    for start, end in regions:
        seen.update(text[at:start])
        at = end
    seen.update(text[at:])
    return {ch: n for ch, n in seen.items() if ch >= "\x80"}


def _native(alphabet: dict[str, int]) -> tuple[frozenset[str], frozenset[str]] | None:
    """What the document's undamaged text writes: its accented Latin letters (either case) and combining
    marks, and its other scripts; None if it has too few non-ASCII letters to tell."""
    letters = [ch for ch in alphabet if ch.isalpha()]
    if sum(alphabet[ch] for ch in letters) < ALPHABET_MIN:
        return None
    latin = frozenset(ch.lower() for ch in alphabet if describe(ch)[1] in ("LATIN", ""))
    return latin, frozenset(describe(ch)[1] for ch in letters)


def _foreign(text: str, native: tuple[frozenset[str], frozenset[str]] | None, strict: bool = True) -> float:
    """Letters the document's undamaged text never writes (``BĂźndnis`` in a German page that writes ü
    everywhere else: Ă and ź are foreign there, ü is not). A letter of another script counts only if the
    document does not write that script: a few sentences do not show every Greek or Hebrew letter. Not
    ``strict`` (for a decode): nor does a short text show every common accented letter (ä, ớ), so only
    rarely written Latin letters count."""
    if native is None:
        return 0.0
    latin, scripts = native
    n = 0
    for ch in text:
        if ch >= "\x80":
            kind, script, _ = describe(ch)
            if kind == LETTER or kind == MARK:
                if script in ("LATIN", ""):
                    n += ch.lower() not in latin and (strict or not _common_latin(ch))
                else:
                    n += script not in scripts
    return FOREIGN_COST * n


def _common_latin(ch: str) -> bool:
    cp = ord(ch)
    return (0xC0 <= cp < 0x250 and cp not in RARE_LETTERS) or 0x1EA0 <= cp <= 0x1EF9


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
        undone = undo_all(codepage(name), text)[0]
        if undone is None:
            raise ValueError(f"no utf-8 read as {name} in {text!r}")
        text = undone
    return text


def undo_all(page: CodePage, text: str) -> tuple[str | None, bool]:
    """Undo ``page`` on every run of misread UTF-8 in ``text`` (None if there is none), and whether every
    non-ASCII character of ``text`` was in a run it undid."""
    pieces, at, changed, complete = [], 0, False, True
    for m in page.sequence_re.finditer(text):
        undone = page.undo(m.group())
        if undone is None:
            continue
        kept = text[at : m.start()]
        complete = complete and kept.isascii()
        pieces.append(kept)
        pieces.append(undone)
        at = m.end()
        changed = True
    if not changed:
        return None, False
    pieces.append(text[at:])
    return "".join(pieces), complete and text[at:].isascii()


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
        # stretches of those are found by fast scans (two simple patterns beat one alternation), and only
        # they are searched for sequences.
        a0_leads = "".join(sorted({p.chars[b] for p in self.pages if p.name in LOST_A0_PAGES for b in (0xC2, 0xC3, 0xC5, 0xCE, 0xD0, 0xD9, 0xE0, 0xE1, 0xE2, 0xE3)}))
        self.stretch_res = [re.compile("[^\x00-\x7f]{2,} ?")] + ([re.compile(f"[{re.escape(a0_leads)}] ")] if a0_leads else [])
        self.one_re = re.compile("|".join(p.one for p in self.pages))
        self.residue_re = re.compile("|".join(p.long for p in self.pages))

    def stretches(self, text: str):
        for pattern in self.stretch_res:
            yield from pattern.finditer(text)

    def suspicious(self, text: str) -> bool:
        """Cheap test: does any stretch of non-ASCII characters hold a misread sequence of some page?"""
        one = self.one_re
        for m in self.stretches(text):
            if one.search(text, m.start(), m.end()):
                return True
        return False

    def decide(self, text: str, lexicon: Lexicon | None = None) -> list[Decision]:
        """Decisions for every region of ``text``, judged paragraph by paragraph (one line at a time).

        Damage within one paragraph almost always comes from one accident, so the chain that most improves
        the paragraph as a whole is preferred for each of its regions (a lone ``Â»`` is repaired because
        the ``Ã©`` beside it was); a region that chain cannot explain may still be repaired on its own,
        with the full margin. ``lexicon``: the words of ``text``, when the caller judges the same text too.
        """
        regions = self.regions(text)
        lexicon = Lexicon(text) if lexicon is None else lexicon
        doc_chain = self._best_chain(regions[:DOC_SAMPLE], None, lexicon)
        decisions: list[Decision] = []
        i = 0
        while i < len(regions):
            line_end = text.find("\n", regions[i].start)
            line_end = len(text) if line_end < 0 else line_end
            j = i
            while j < len(regions) and regions[j].start < line_end:
                j += 1
            line_start = text.rfind("\n", 0, regions[i].start) + 1
            decisions.extend(self._decide_line(regions[i:j], text[line_start:line_end], doc_chain, lexicon))
            i = j
        return self._follow_document(decisions, doc_chain)

    def _best_chain(self, regions: list[Region], prefer: tuple[str, ...] | None, lexicon: Lexicon) -> tuple[str, ...] | None:
        """The chain that lowers the regions' total cost most, if by its margin.

        Among chains that lower it equally, the one whose decodes make more common words of the document's
        languages wins (``niño`` through iso-8859-2, not ``niùo`` through windows-1250), then ``prefer``.
        """
        totals: dict[tuple[str, ...], float] = {}
        for region in regions:
            for chain in region.candidates:
                totals.setdefault(chain, 0.0)
        if not totals:
            return None
        original = sum(r.cost for r in regions)
        for chain in totals:
            totals[chain] = sum(min(r.cost, r.candidates[chain][1]) if chain in r.candidates else r.cost for r in regions)
        lowest = min(totals.values())
        tied = [c for c in totals if totals[c] <= lowest + TIE]
        words = _word_scores(regions, tied, lexicon) if len(tied) > 1 else {}
        unseen = {c: sum(r.unseen.get(c, 0) for r in regions) for c in tied}
        chain = min(tied, key=lambda c: (-words.get(c, 0), unseen[c], c != prefer, len(c)))
        return chain if totals[chain] <= original - self.margin(chain) else None

    def _follow_document(self, decisions: list[Decision], chain: tuple[str, ...] | None) -> list[Decision]:
        """Repair what the document's own chain explains, in lines that gave too little evidence alone.

        A line whose only damage is one ``Гј`` (or a ``ÔÇô`` that happens to look like a word) cannot prove
        it is damaged, but when other regions of the same document were repaired through that chain, the
        same accident explains it: such a region is repaired if the chain makes it more plausible at all
        (the cost of an extra layer is not charged again: the document has shown that it was damaged twice).
        A region repaired otherwise takes the document's chain if that explains it as well: ``Ä‚Ä˝`` read
        back once is ``ĂĽ``, which looks like a word, but the document was damaged twice, and it is ü.
        """
        if chain is None or sum(d.chain == chain for d in decisions) < DOC_SUPPORT:
            return decisions
        out = []
        for d in decisions:
            r = d.region
            if d.chain != chain and chain in r.candidates:
                text, c = r.candidates[chain]
                c -= LAYER_COST * (len(chain) - 1)
                if d.chain is None:
                    better = c < r.cost
                else:
                    better = c <= r.candidates[d.chain][1] - LAYER_COST * (len(d.chain) - 1) and text != d.after
                if better:
                    d = Decision(r, chain, text, self.owner[chain[-1]][0])
            out.append(d)
        return out

    def _decide_line(self, regions: list[Region], line: str, doc_chain: tuple[str, ...] | None, lexicon: Lexicon) -> list[Decision]:
        line_chain = self._best_chain(regions[:LINE_SAMPLE], doc_chain, lexicon)
        line_art = all(BOX_ONLY.fullmatch(r.before) for r in regions)
        # Damage shows when ftfy's badness test sees it, or when one chain clearly repairs two or more regions
        # of the line (a damaged Spanish sentence is a string of lone pairs, each of which alone proves little).
        sure = 0
        if line_chain is not None and not line_art:
            sure = sum(1 for r in regions[:LINE_SAMPLE] if line_chain in r.candidates and r.candidates[line_chain][1] <= r.cost - UNMISTAKABLE_DROP)
        line_bad = sure >= 2 or is_bad(line)
        if not line_bad and line_chain is not None and _words_show(regions[:LINE_SAMPLE], line_chain, lexicon):
            line_bad, line_art = True, False
        return [self._decide_region(region, line_chain, doc_chain, line_bad, line_art, lexicon) for region in regions]

    def _decide_region(
        self,
        region: Region,
        line_chain: tuple[str, ...] | None,
        doc_chain: tuple[str, ...] | None,
        line_bad: bool,
        line_art: bool,
        lexicon: Lexicon,
    ) -> Decision:
        if not region.candidates:
            return Decision(region, None, region.before, self.owner[self.pages[0].name][0])
        # Decodes are ranked without the foreign-letter part of their cost (a two-sentence Czech text need not
        # show its ť elsewhere), which still counts when the best of them is weighed against the text as it is;
        # equally ranked decodes that differ are told apart by how common the words they make are.
        rank = {
            chain: c - region.foreign[chain] - (LAYER_COST if chain == line_chain else 0) for chain, (_, c) in region.candidates.items()
        }
        lowest = min(rank.values())
        tied = [chain for chain in rank if rank[chain] <= lowest + TIE]
        words = _word_scores([region], tied, lexicon) if len(tied) > 1 else {}
        chain = min(tied, key=lambda ch: (-words.get(ch, 0), region.unseen[ch], ch != line_chain, ch != doc_chain, len(ch)))
        text, c = region.candidates[chain]
        rule = self.owner[chain[-1]][0]
        in_damaged_line = line_chain in region.candidates and region.candidates[line_chain][1] <= region.cost
        # A lone pair of characters (Ã¥, √π, ┼┐) is where correct text most often looks like mojibake: through
        # ftfy's code pages, or as line art in a line of nothing else, ftfy's badness test must agree.
        familiar = len(region.before) <= 2 and (all(name in FTFY_PAGES for name in chain) or (line_art and BOX_ONLY.fullmatch(region.before)))
        familiar = familiar and not self._unmistakable(region, chain, text, c, lexicon)
        if in_damaged_line and c <= region.cost and (not familiar or line_bad):
            return Decision(region, chain, text, rule)
        if line_bad and not familiar and c <= region.cost and self._ftfy_sees(region, text):
            return Decision(region, chain, text, rule)
        if c <= region.cost - self.margin(chain) and (not familiar or line_bad):
            return Decision(region, chain, text, rule)
        return Decision(region, None, region.before, rule, suspect=c < region.cost and region.cost >= self.flag_cost)

    @staticmethod
    def _ftfy_sees(region: Region, text: str) -> bool:
        """Mojibake that costs little by our measure (``‚Äû`` for „ through MacRoman: a quote, a capital, a
        small letter) but is damage to ftfy's badness test, in its surroundings, and is not once decoded."""
        return is_bad(region.left + region.before + region.right) and not is_bad(region.left + text + region.right)

    @staticmethod
    def _unmistakable(region: Region, chain: tuple[str, ...], text: str, c: float, lexicon: Lexicon) -> bool:
        """A lone pair in a word (``fГјr``, ``Гњbersee``) that only one letter explains, and explains well
        (lowers the cost by UNMISTAKABLE_DROP, or makes a common word: ``sp√§ter`` in a German page).

        ftfy's negative cases are lone pairs standing apart or with a second reading (``DrÃ¥ber`` is å in
        latin-1 and a combining mark in MacRoman; a reading whose letter the document writes less often, or
        whose word its language does not know while it knows ours, is no rival); a pair glued to letters
        whose one decode is a letter that leaves its surroundings plausible (not ``a┼┐a`` → ``aſa`` in line
        art) is damage whatever ftfy's badness test says.
        """
        if not (len(text) == 1 and text.isalpha() and (region.left[-1:].isalpha() or region.right[:1].isalpha())):
            return False
        if c >= 1.0 or c >= region.cost:
            return False
        if c > region.cost - UNMISTAKABLE_DROP and not _word_shown(region, text, lexicon):
            return False
        mine = region.unseen[chain]
        mine_words = None
        for rival, (other, oc) in region.candidates.items():
            if other == text or oc >= c + 1.0 or region.unseen[rival] > mine:
                continue
            if mine_words is None:
                mine_words = lexicon.score(region.left, text, region.right)
            if lexicon.score(region.left, other, region.right) >= mine_words:
                return False
        return True

    def margin(self, chain: tuple[str, ...]) -> float:
        return self.owner[chain[-1]][1]

    def regions(self, text: str) -> list[Region]:
        """Regions of possibly misread text, up to a bound per document (``stopped_at``: where it stopped)."""
        self.stopped_at: int | None = None
        spans: list[tuple[int, int]] = []
        one = self.one_re
        for stretch in self.stretches(text):
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
        alphabet = _alphabet(text, merged)
        native = _native(alphabet)
        return [self._region(text, s, e, alphabet, native) for s, e in merged]

    def _region(self, text: str, start: int, end: int, alphabet: dict[str, int], native) -> Region:
        left = text[max(0, start - CONTEXT) : start]
        right = text[end : end + CONTEXT]
        before = text[start:end]
        original = cost(left + before + right) + _foreign(before, native)
        return Region(start, end, before, original, *self._explore(before, left, right, alphabet, native))

    def _explore(self, before: str, left: str, right: str, alphabet: dict[str, int], native):
        """Every chain of the region's decode tree, costed in the region's surroundings, and how foreign
        each decode's characters are to the document's undamaged text (rare or absent there: foreign)."""
        costs: dict[str, float] = {}
        candidates: dict[tuple[str, ...], tuple[str, float]] = {}
        unseen: dict[tuple[str, ...], float] = {}
        foreign: dict[tuple[str, ...], float] = {}
        for decoded, chains in self._tree(before):
            f = _foreign(decoded, native, strict=False)
            c = costs.get(decoded)
            if c is None:
                c = costs[decoded] = cost(left + decoded + right) + self._residue(decoded) + f
            missing = sum(1 / (1 + alphabet.get(ch, 0)) for ch in decoded if ch >= "\x80")
            for chain in chains:
                candidates[chain] = (decoded, c + LAYER_COST * (len(chain) - 1))
                unseen[chain] = missing
                foreign[chain] = f
        return candidates, left, right, unseen, foreign

    def _residue(self, decoded: str) -> float:
        """A decode that still holds a misread three-byte sequence (``üâ‚¬``) is not finished.

        Four-byte sequences are left out: correct Cyrillic forms them by accident (``Ёлка`` through
        mac-cyrillic), and an extra layer would then read them as a rare CJK ideograph. So are sequences of
        letters only: correct words form those too (``сто`` is a lead and two continuation bytes in KOI8-R).
        """
        if decoded.isascii():
            return 0.0
        return RESIDUE_COST * sum(not m.isalpha() for m in self.residue_re.findall(decoded))

    def _tree(self, before: str) -> list[tuple[str, list[tuple[str, ...]]]]:
        """Every decode of ``before`` by a chain of up to ``max_layers`` code pages, breadth first.

        Only the most plausible few decodes of each layer are explored further (an intermediate layer of
        damage is itself mojibake, so it cannot be required to look good), and only decodes that read every
        non-ASCII character back: a layer of damage covers the whole region, so a page that reads only part
        of it is no outer layer (undoing windows-1250 where it fits, then iso-8859-2 on the rest, only mixes
        two readings of one layer, and in CJK both give valid ideographs); every chain reaching a decode is
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
            whole: set[str] = set()
            for text, chains in frontier:
                for page in self.pages:
                    decoded, complete = undo_all(page, text)
                    if decoded is not None:
                        layer.setdefault(decoded, []).extend((page.name,) + chain for chain in chains)
                        if complete:
                            whole.add(decoded)
            tree.extend(layer.items())
            fresh = [(cost(t), i, t) for i, t in enumerate(layer) if t in whole and t not in seen and not t.isascii()]
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


def scan_with(engine: Engine, kinds: dict[str, CodePageRepair], text: str, lexicon: Lexicon | None = None) -> tuple[list[Edit], list[Flag]]:
    """Edits for the regions the engine repairs, flags for those it found damaged but could not repair."""
    if not engine.suspicious(text):
        return [], []
    edits: list[Edit] = []
    flags: list[Flag] = []
    decisions = engine.decide(text, lexicon)
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
