"""The boilerplate rule kinds: what a rule file can ask for, and how each kind judges a document's blocks.

Phrase kinds name boilerplate by its words (``line``); structural kinds find boilerplate nobody listed, by
its shape (``symbols``, ``repeated``, ``low_stopwords``, ``menu_run``, ``main_region``). Every verdict names
the rule that made it, so every removed line is explained.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from bisect import bisect_left
from functools import lru_cache
from typing import Any, ClassVar, Iterable
from urllib.parse import urlsplit

from ...document import Edit
from ...ruleset import Example, RuleKind, register
from .context import MARKER_NOTE, PROSE_MIN_DENSITY, Context, Verdict, blocks_of
from .text import Block, Labels, phrase_key, tokens_of

ACTIONS = ("drop", "cut_tail", "head", "meta")
_SEPARATOR = "[:»>|›–—-]"


class BoilerplateKind(RuleKind):
    """A kind that judges blocks. ``phase`` orders the kinds: the first verdict on a block stands.

    ``on_extracted`` (a field of the structural kinds) says whether the rule also runs on text that an HTML
    extractor already cut down to the article, where page chrome is gone and lists are content.
    """

    stage = "boilerplate"
    phase: ClassVar[int] = 0
    on_extracted: bool = True

    def compile(self, params: dict[str, Any]) -> None:
        self.on_extracted = params.get("on_extracted", True)

    def judge(self, ctx: Context) -> None:
        raise NotImplementedError

    def fires(self, example: Example) -> list[str]:
        lang = example.lang or next((x for x in self.rule.langs if x != "*"), "en")
        ctx = Context.build(example.text, lang)
        self.judge(ctx)
        return ctx.marked_by(self.rule.id)


@register
class LineRule(BoilerplateKind):
    """A whole line that is boilerplate, named by its words.

    ``phrases`` are compared case- and punctuation-insensitively with the whole line; ``pattern`` is a
    regular expression that must match the whole stripped line (``contains``: the line must have a word
    starting with one of these lower-case stems, which spares most lines a costly pattern); ``prefixes`` name an injected teaser
    ("Read more: <title>"): the prefix, then a separator or a capitalised title of at most ``max_words``
    words that is not itself a sentence.
    """

    kind = "line"
    phase = 0
    fields = {
        "phrases": (list, False),
        "pattern": (str, False),
        "prefixes": (list, False),
        "action": (str, True),
        "meta_field": (str, False),
        "max_words": (int, False),
        "contains": (list, False),
    }

    def compile(self, params: dict[str, Any]) -> None:
        contains = params.get("contains", [])
        if not all(isinstance(c, str) and c and c == c.casefold() and " " not in c for c in contains):
            raise self.error("contains", "every entry must be one lower-case word stem")
        self.contains = Stems({c: (0,) for c in contains}) if contains else None
        if self.action not in ACTIONS:
            raise self.error("action", f"{self.action!r} is not one of {', '.join(ACTIONS)}")
        if self.action == "meta" and "meta_field" not in params:
            raise self.error("meta_field", "required when action is 'meta'")
        self.meta_field = params.get("meta_field")
        phrases = params.get("phrases", [])
        if not all(isinstance(p, str) and phrase_key(p) for p in phrases):
            raise self.error("phrases", "every phrase must be a non-empty string with letters or digits")
        self.phrases = frozenset(phrase_key(p) for p in phrases)
        self.pattern = None
        if "pattern" in params:
            try:
                self.pattern = re.compile(params["pattern"])
            except re.error as exc:
                raise self.error("pattern", f"not a valid regular expression: {exc}") from None
        self.prefix = None
        prefixes = self.prefixes = params.get("prefixes", [])
        if prefixes:
            if not all(isinstance(p, str) and p.strip() for p in prefixes):
                raise self.error("prefixes", "every prefix must be a non-empty string")
            alternatives = "|".join(re.escape(p.strip()).replace(r"\ ", r"\s+") for p in sorted(prefixes, key=len, reverse=True))
            self.prefix = re.compile(rf"(?i)(?:{alternatives})\s*(?P<sep>{_SEPARATOR}+)?\s*(?P<rest>\S.*)")
        if not self.phrases and self.pattern is None and self.prefix is None:
            raise self.error("phrases", "a line rule needs 'phrases', 'pattern' or 'prefixes'")
        self.max_words = params.get("max_words", 25 if self.prefix is not None else None)
        self.max_chars = max((len(p) for p in phrases), default=0) * 2 + 8
        # the longest line the pattern can match, from a leading length bound (?=.{0,200}$), and the most
        # words ``matches`` allows: the index skips a pattern without trying it on longer lines
        bound = re.match(r"(?:\(\?[aiLmsux]+\))?\^?\(\?=\.\{0,(\d+)\}\$\)", params.get("pattern", ""))
        self.pattern_chars = int(bound.group(1)) if bound else sys.maxsize
        self.word_limit = sys.maxsize if self.max_words is None else self.max_words + (4 if self.prefix is not None else 0)

    def matches(self, line: str, key: str | None = None) -> bool:
        words = line.count(" ") + 1
        if words > self.word_limit:
            return False
        if self.phrases and len(line) <= self.max_chars:
            if (key if key is not None else phrase_key(line)) in self.phrases:
                return True
        if self.pattern is not None and self.screen(line) and self.pattern.fullmatch(line) is not None:
            return True
        if self.prefix is not None:
            m = self.prefix.fullmatch(line)
            if m is not None:
                rest = m.group("rest")
                if len(rest.split()) > (self.max_words or 25):
                    return False
                if m.group("sep"):
                    return True
                return (rest[0].isupper() or rest[0].isdigit() or rest[0] in "\"“„«‘'[") and not rest.rstrip().endswith(".")
        return False

    def screen(self, line: str) -> bool:
        return self.contains is None or bool(self.contains.owners_in(Block(0, 0, line, tokens_of(line))))

    def judge(self, ctx: Context) -> None:
        for i, block in enumerate(ctx.blocks):
            if ctx.open(i) and self.matches(block.text):
                self.decide(ctx, i)

    def decide(self, ctx: Context, i: int) -> None:
        if self.action == "head":
            first = ctx.first_prose()
            if first is not None and i > first:
                return
        if self.action == "meta":
            ctx.mark(i, Verdict(self.rule.id, "move_to_meta", f"moved to meta.{self.meta_field}", self.meta_field))
        elif self.action == "cut_tail" and any(ctx.prose[:i]):
            ctx.mark(i, Verdict(self.rule.id, "cut_tail", MARKER_NOTE))
            j = i + 1
            while j < len(ctx.blocks) and not ctx.prose[j]:
                ctx.mark(j, Verdict(self.rule.id, "cut_tail", "after a cut marker"))
                j += 1
        else:
            ctx.mark(i, Verdict(self.rule.id, "drop_line"))


class PhraseIndex:
    """The line rules of one language set, arranged so that a block costs a few lookups, not one per rule:
    every phrase in one dict keyed by the block's words, every unscreened pattern in one alternation (each
    rule's pattern a named branch), and the screened patterns behind one search for their keywords."""

    max_pattern_chars = 600  # no pattern rule is meant for a block longer than this
    max_screened_chars = 400  # nor a rule screened by keywords (banners, notices, captions)
    TIERS = (6, 12, 24, 48)

    def __init__(self, rules: list[LineRule]):
        self.by_phrase: dict[str, LineRule] = {}
        for rule in rules:
            for phrase in rule.phrases:
                self.by_phrase.setdefault(phrase, rule)
        self.max_chars = max((r.max_chars for r in rules if r.phrases), default=0)
        self.labels = Labels(key for key, rule in self.by_phrase.items() if rule.action != "meta")
        self.patterned = [r for r in rules if r.pattern is not None and r.contains is None]
        self.screened = [r for r in rules if r.pattern is not None and r.contains is not None]
        # one keyword screen for all of them; a long block is only tried on the rules whose ``max_words`` its
        # length tier allows
        owners: dict[str, tuple[int, ...]] = {}
        for i, rule in enumerate(self.screened):
            for stem in rule.contains.stems:
                owners[stem] = owners.get(stem, ()) + (i,)
        self.screen = Stems(owners)
        self.tier_limits = [*self.TIERS, sys.maxsize]
        self.tier_rules: list[frozenset[int]] = []
        lower = 0
        for tier in self.tier_limits:
            self.tier_rules.append(frozenset(i for i, r in enumerate(self.screened) if r.max_words is None or r.max_words > lower))
            lower = tier
        self.prefixed = [r for r in rules if r.prefix is not None]
        self.prefix_heads = frozenset(phrase_key(p).split()[0] for r in self.prefixed for p in r.prefixes)
        branches = [f"(?P<r{i}>{_scoped(r.pattern.pattern)})" for i, r in enumerate(self.patterned)]
        self.patterns = re.compile("|".join(branches)) if branches else None

    def rule_for(self, block: Block | str) -> LineRule | None:
        if isinstance(block, str):
            block = Block(0, len(block), block, tokens_of(block))
        text = block.text
        key = None
        if len(text) <= self.max_chars:
            key = " ".join(block.tokens)
            hit = self.by_phrase.get(key)
            if hit is not None and hit.matches(text, key):
                return hit
        if len(text) <= self.max_pattern_chars:
            if self.patterns is not None:
                m = self.patterns.fullmatch(text)
                if m is not None:
                    rule = self.patterned[int(m.lastgroup[1:])]
                    if rule.matches(text):
                        return rule
            if self.screened and len(text) <= self.max_screened_chars:
                words = text.count(" ") + 1
                found = self.screen.owners_in(block, None if key is None else " " + key)
                size = len(text)
                for i in sorted(found.intersection(self.tier_rules[bisect_left(self.tier_limits, words)]) if found else ()):
                    rule = self.screened[i]
                    if size <= rule.pattern_chars and words <= rule.word_limit and rule.pattern.fullmatch(text) is not None:
                        return rule
        if block.tokens and block.tokens[0] in self.prefix_heads:
            return next((r for r in self.prefixed if r.matches(text, key)), None)
        return None

    def judge(self, ctx: Context) -> None:
        for i, block in enumerate(ctx.blocks):
            if ctx.open(i):
                rule = self.rule_for(block)
                if rule is not None:
                    rule.decide(ctx, i)


class Stems:
    """Word stems, found at the starts of a block's words (``fol`` in "Follow", not in "Unfollow"), and
    stems with other characters (``©``, ``#``), found anywhere in the line. Each stem may carry the rules
    that need it.

    The word stems are one regular expression, a trie of their letters after a space, searched in the
    block's words joined by spaces: the loop over the words runs in C, and each word that starts with a stem
    gives one match, the longest stem it starts with, which stands for every stem it starts with."""

    def __init__(self, stems: dict[str, tuple[int, ...]]):
        self.stems = tuple(stems)
        words = {stem: owners for stem, owners in stems.items() if _word_stem(stem)}
        self.anywhere = {stem: owners for stem, owners in stems.items() if stem not in words}
        # a match stands for itself and every shorter stem it starts with
        self.owners = {stem: frozenset(o for size in range(1, len(stem) + 1) for o in words.get(stem[:size], ())) for stem in words}
        self.starts = re.compile(" (" + _trie(words) + ")") if words else None

    def owners_in(self, block: Block, joined: str | None = None) -> set[int]:
        """The owners of every stem that starts a word of the block (or, for symbols, occurs in it).
        ``joined`` is the block's words joined by spaces, with a leading space, when the caller has it."""
        found: set[int] = set()
        if self.starts is not None:
            for stem in self.starts.findall(joined if joined is not None else " " + " ".join(block.tokens)):
                found.update(self.owners[stem])
        if self.anywhere:
            folded = block.text.lower()
            for stem, owners in self.anywhere.items():
                if stem in folded:
                    found.update(owners)
        return found


def _trie(words: Iterable[str]) -> str:
    """An alternation of words as a trie (``ab(?:c|d(?:e)?)``): the regular expression engine tries the
    branches in order, so shared prefixes are matched once, and the longest word wins."""
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def branch(node: dict[str, dict]) -> str:
        alternatives = [re.escape(ch) + branch(child) for ch, child in sorted(node.items()) if ch]
        if not alternatives:
            return ""
        body = alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"
        return f"(?:{body})?" if "" in node else body

    return branch(root)


@lru_cache(maxsize=None)
def _word_stem(stem: str) -> bool:
    """Whether a stem is made of word characters only (the start of a token), not a symbol like ``©``."""
    return phrase_key(stem) == stem


def _scoped(pattern: str) -> str:
    """A pattern's leading global flags (``(?i)``) turned into a scoped group, so patterns can be joined."""
    m = re.match(r"\(\?([aiLmsux]+)\)", pattern)
    return f"(?{m.group(1)}:{pattern[m.end():]})" if m else f"(?:{pattern})"


@register
class Symbols(BoilerplateKind):
    """A line with no letters or digits but with pictographs or symbols: emoji rows, share icons."""

    kind = "symbols"
    phase = 1
    fields = {"max_chars": (int, True), "on_extracted": (bool, False)}

    def judge(self, ctx: Context) -> None:
        for i, block in enumerate(ctx.blocks):
            text = block.text
            if ctx.open(i) and len(text) <= self.max_chars and _only_symbols(text):
                ctx.mark(i, Verdict(self.rule.id, "drop_line", "no words, only symbols"))


def _only_symbols(text: str) -> bool:
    seen = False
    for ch in text:
        cat = unicodedata.category(ch)
        if cat[0] in "LN":
            return False
        if cat in ("So", "Sk", "Cs") or 0x1F000 <= ord(ch) <= 0x1FAFF:
            seen = True
    return seen


_LIST_MARKS = "-–—•·*▪►✓✔|"


def _list_item(text: str) -> bool:
    """A line that starts like an item of a written list (a bullet, a number, a quantity) or a table row:
    content, not a menu entry, which is a bare label."""
    return text[:1] in _LIST_MARKS or text[:1].isdigit()


def _label(block: Block) -> bool:
    """A bare label: a few words, no sentence, not a list item (a menu entry, a button, a link)."""
    return block.words <= 4 and not block.sentence and not _list_item(block.text)


@register
class Repeated(BoilerplateKind):
    """A short non-sentence line that occurs ``min_count`` times or more in one document: widget labels
    ("Reply", "Share", "Read more") repeated under every item. Lines with digits (table cells, scores,
    prices) and list items are data that may well repeat, and are left alone."""

    kind = "repeated"
    phase = 1
    fields = {"min_count": (int, True), "max_words": (int, True), "on_extracted": (bool, False)}

    def judge(self, ctx: Context) -> None:
        seen: dict[str, list[int]] = {}
        for i, block in enumerate(ctx.blocks):
            if not block.flat and 0 < block.words <= self.max_words and not ctx.prose[i]:
                seen.setdefault(block.text, []).append(i)
        for text, where in seen.items():
            if len(where) >= self.min_count and not _list_item(text) and not any(ch.isdigit() for ch in text):
                for i in where:
                    ctx.mark(i, Verdict(self.rule.id, "drop_line", f"repeated {len(where)} times"))


@register
class SiteRepeated(BoilerplateKind):
    """Lines that repeat across many pages of one site: its menus, footers, widgets and sign-offs, whatever
    their words. Off unless the caller learned them (``Cleaner.learn_sites``, from pages of the same hosts) and put a
    page's set in ``doc.notes["site_lines"]``; a single page never carries this evidence."""

    kind = "site_repeated"
    phase = 1
    example_keys = frozenset({"span", "site"})
    fields = {"min_pages": (int, True), "min_share": (float, True), "max_words": (int, True), "on_extracted": (bool, False)}

    def learner(self):
        """A learner with this rule's thresholds (the one place they are applied)."""
        from .sites import SiteLearner  # sites.py imports site_of from this module

        return SiteLearner(self.min_pages, self.min_share, self.max_words)

    def key(self, block: Block) -> str | None:
        """A line's phrase key, when the line is short enough for the rule to learn or remove."""
        return " ".join(block.tokens) if 0 < block.words <= self.max_words else None

    def page_keys(self, blocks: list[Block]) -> set[str]:
        """The phrase keys of a page's lines short enough for the rule, from the page's blocks."""
        return {key for key in map(self.key, blocks) if key is not None}

    def judge(self, ctx: Context) -> None:
        if not ctx.site_lines:
            return
        for i, block in enumerate(ctx.blocks):
            if ctx.open(i) and self.key(block) in ctx.site_lines:
                ctx.mark(i, Verdict(self.rule.id, "drop_line", "repeated on many pages of the site"))

    def fires(self, example: Example) -> list[str]:
        """An example lists the other pages of its site (``site = ["page", ...]``); the rule learns from
        them and the example page together."""
        from .sites import page_digest

        lang = example.lang or "en"
        learner = self.learner()
        for text in [*example.expect.get("site", []), example.text]:
            learner.add("example.org", page_digest(text), self.page_keys(blocks_of(text, lang)))
        ctx = Context.build(example.text, lang, site_lines=learner.result().get("example.org", frozenset()))
        self.judge(ctx)
        return ctx.marked_by(self.rule.id)


def site_of(url: str | None) -> str | None:
    """The host a page belongs to, without a leading ``www.``."""
    if not url:
        return None
    host = urlsplit(url if "//" in url else "//" + url).hostname
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


@register
class LowStopwords(BoilerplateKind):
    """A long block with almost no function words (jusText's stop-word density, per language): link
    lists, tag clouds and menus flattened into one line. It refuses what is data or prose of another kind:
    languages without a stop-word list, blocks that read as prose in another common language, table rows
    and blocks with many numbers (results, timetables, prices)."""

    kind = "low_stopwords"
    phase = 2
    fields = {"min_words": (int, True), "max_density": (float, True), "max_digits": (float, True), "on_extracted": (bool, False)}

    def judge(self, ctx: Context) -> None:
        if not ctx.stop:
            return
        for i, block in enumerate(ctx.blocks):
            if ctx.open(i) and not ctx.prose[i] and block.words >= self.min_words and block.density <= self.max_density:
                if self._data(block) or ctx.foreign(block):
                    continue
                ctx.mark(i, Verdict(self.rule.id, "drop_line", f"stop-word density {block.density:.2f} ≤ {self.max_density}"))

    def _data(self, block: Block) -> bool:
        if block.text.count("|") >= 2:
            return True
        if not block.flat and (block.sentence or _list_item(block.text)):  # a written list or reference
            return True
        digits = sum(1 for t in block.tokens if t[:1].isdigit())
        return digits > self.max_digits * len(block.tokens)


@register
class MenuRun(BoilerplateKind):
    """A run of ``min_run`` or more short lines without sentence punctuation: a menu, a link list, a footer
    column. Inside the article, where lists are content, only runs of mostly capitalised items count.
    Lines that start like list items (bullets, numbers, quantities) are written lists, not menus."""

    kind = "menu_run"
    phase = 2
    fields = {"max_words": (int, True), "min_run": (int, True), "min_run_inside": (int, True), "min_capitalised": (float, True), "on_extracted": (bool, False)}

    def _short(self, ctx: Context, i: int) -> bool:
        block = ctx.blocks[i]
        return not block.flat and block.words <= self.max_words and not ctx.prose[i] and not block.sentence and not _list_item(block.text)

    def judge(self, ctx: Context) -> None:
        if not ctx.stop:
            return
        prose_at = [i for i, p in enumerate(ctx.prose) if p]
        first, last = (prose_at[0], prose_at[-1]) if prose_at else (len(ctx.blocks), -1)
        i = 0
        n = len(ctx.blocks)
        while i < n:
            if not (ctx.open(i) and self._short(ctx, i)):
                i += 1
                continue
            j = i
            while j < n and (self._short(ctx, j) or not ctx.open(j)):
                j += 1
            run = [k for k in range(i, j) if ctx.open(k)]
            inside = first < i and j <= last
            need = self.min_run_inside if inside else self.min_run
            capitalised = sum(1 for k in run if ctx.blocks[k].text[:1].isupper()) / max(len(run), 1)
            # lines a phrase rule already removed count towards the run: they are menu items too
            if j - i >= need and (not inside or capitalised >= self.min_capitalised):
                for k in run:
                    ctx.mark(k, Verdict(self.rule.id, "drop_line", f"run of {len(run)} short lines"))
            i = j


@register
class ArticleEnd(BoilerplateKind):
    """The end of the article in a flattened page: a cut marker (a comment form, "Related posts", a
    copyright line) that comes after ``min_share`` of the page's prose words. What follows it in a page
    dump is comments, teasers and the footer, which read as prose too, so it all goes, up to the end of the
    page. Only in flat text, where the marker is the only structure left; a marker earlier on the page (a
    related-links box in the sidebar or inside the article) cuts nothing here."""

    kind = "article_end"
    phase = 2
    example_keys = frozenset({"span", "marker"})
    fields = {"min_share": (float, True), "markers": (list, False), "on_extracted": (bool, False)}

    def compile(self, params: dict[str, Any]) -> None:
        super().compile(params)
        self.markers = frozenset(params.get("markers", []))

    def judge(self, ctx: Context) -> None:
        blocks = ctx.blocks
        if not blocks or not blocks[0].flat:
            return
        total = sum(b.words for b, p in zip(blocks, ctx.prose) if p)
        seen = 0
        for i, (block, verdict) in enumerate(zip(blocks, ctx.verdicts)):
            if verdict is not None and (verdict.note == MARKER_NOTE or verdict.rule in self.markers) and seen >= self.min_share * total > 0:
                rule = verdict.rule
                for j in range(i + 1, len(blocks)):
                    ctx.mark(j, Verdict(self.rule.id, "cut_tail", f"after the end of the article ({rule})"))
                return
            if ctx.prose[i] and verdict is None:
                seen += block.words

    def fires(self, example: Example) -> list[str]:
        """The markers are other rules' verdicts; an example names its marker (``marker = "Leave a
        Reply"``), which is cut out of the flat line and marked as the phrase rule would."""
        marker = example.expect.get("marker", "")
        ctx = Context.build(example.text, example.lang or "en", Labels([phrase_key(marker)]))
        for i, block in enumerate(ctx.blocks):
            if marker and block.tokens == tokens_of(marker):
                ctx.mark(i, Verdict("marker", "cut_tail", MARKER_NOTE))
        self.judge(ctx)
        return ctx.marked_by(self.rule.id)


@register
class MainRegion(BoilerplateKind):
    """Page chrome before and after the article: the stretch of blocks with the most prose is the main
    region (prose counts for it, everything else against it); what lies outside goes, except the few
    heading lines just before it (title, dateline) and edges of only a line or two, or of fewer than
    ``min_edge_words`` words (a short note is not a footer).

    In a text with line breaks an edge also needs evidence that it is page chrome: other rules must already
    have named at least ``min_named`` of its lines, making up ``min_named_share`` of its words. An article
    whose list or table comes after its last paragraph has no such edge and keeps it."""

    kind = "main_region"
    phase = 3
    fields = {
        "keep_head": (int, True),
        "keep_title_lines": (int, True),
        "keep_tail": (int, True),
        "penalty": (float, True),
        "min_density": (float, True),
        "min_edge_words": (int, True),
        "min_named": (int, True),
        "min_named_share": (float, True),
        "on_extracted": (bool, False),
    }

    def judge(self, ctx: Context) -> None:
        if not ctx.stop:
            return
        start, end = self._region(ctx)
        if start is None:
            self._no_prose(ctx)
            return
        flat = ctx.blocks[start].flat
        if flat:
            start, end = self._short_sentences(ctx, start, end)
        head = [i for i in range(start) if ctx.open(i)]
        if len(head) > (0 if flat else self.keep_head) and self._words(ctx, head) >= self.min_edge_words and (flat or self._chrome(ctx, range(start))):
            titles: set[int] = set()
            for i in range(start - 1, -1, -1):
                if flat or len(titles) == self.keep_title_lines or (ctx.open(i) and not 2 <= ctx.blocks[i].words <= 25):
                    break
                if ctx.open(i):
                    titles.add(i)
            for i in head:
                if i not in titles:
                    ctx.mark(i, Verdict(self.rule.id, "drop_line", "before the main text"))
        edge = range(end + 1, len(ctx.blocks))
        tail = [i for i in edge if ctx.open(i)]
        if len(tail) > (0 if flat else self.keep_tail) and self._words(ctx, tail) >= self.min_edge_words and (flat or self._chrome(ctx, edge)):
            for i in tail:
                ctx.mark(i, Verdict(self.rule.id, "drop_line", "after the main text"))

    @staticmethod
    def _short_sentences(ctx: Context, start: int, end: int) -> tuple[int, int]:
        """The region widened by the short sentences right next to it ("Für uns ein tolles Ergebnis."): too
        short to count as prose, but a whole sentence full of function words is the article's first or last
        line, not a menu. Flat text only, where everything outside the region goes."""
        blocks, verdicts = ctx.blocks, ctx.verdicts

        def sentence(i: int) -> bool:
            block = blocks[i]
            return verdicts[i] is None and block.sentence and block.words >= 2 and block.density >= PROSE_MIN_DENSITY

        while end + 1 < len(blocks) and sentence(end + 1):
            end += 1
        while start > 0 and sentence(start - 1):
            start -= 1
        return start, end

    def _chrome(self, ctx: Context, edge: range) -> bool:
        named = [i for i in edge if not ctx.open(i) or _label(ctx.blocks[i])]
        if len(named) < self.min_named:
            return False
        return self._words(ctx, named) >= self.min_named_share * max(self._words(ctx, list(edge)), 1)

    @staticmethod
    def _words(ctx: Context, blocks: list[int] | range) -> int:
        return sum(ctx.blocks[i].words for i in blocks)

    def _no_prose(self, ctx: Context) -> None:
        """No prose at all, and the rules already named most of the blocks as boilerplate: the rest is page
        chrome too, and the document comes out empty, every line explained. A list or a poem, where no rule
        fired, is left alone."""
        open_blocks = [i for i in range(len(ctx.blocks)) if ctx.open(i)]
        if open_blocks and len(open_blocks) * 2 < len(ctx.blocks):
            for i in open_blocks:
                ctx.mark(i, Verdict(self.rule.id, "drop_line", "no prose on the page; most of it was named boilerplate"))

    def _region(self, ctx: Context) -> tuple[int | None, int]:
        """The highest-scoring stretch of blocks (Kadane): prose with at least ``min_density`` stop words
        adds its words, other open blocks subtract ``penalty`` times theirs, removed blocks count nothing."""
        best, best_span = 0.0, (None, -1)
        total, begin = 0.0, 0
        dense = self.min_density if ctx.stop else 0.0
        for i, block in enumerate(ctx.blocks):
            if ctx.verdicts[i] is not None:
                weight = 0.0
            elif ctx.prose[i] and block.density >= dense:
                weight = block.words
            else:
                weight = -self.penalty * max(block.words, 2)
            if total <= 0 and weight > 0:
                total, begin = 0.0, i
            total += weight
            if total > best:
                best, best_span = total, (begin, i)
            if total < 0:
                total = 0.0
        return best_span


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

