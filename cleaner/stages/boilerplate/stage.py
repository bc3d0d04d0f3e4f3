"""Run the boilerplate rules over one document and turn their verdicts into edits."""

from __future__ import annotations

from typing import Iterable

from ...document import Document, Edit
from ..base import Stage
from .context import Context, Verdict, blocks_of
from .kinds import BoilerplateKind, LineRule, PhraseIndex, SiteRepeated, Whitespace, site_of
from .sites import SiteLearner, SiteLines, page_digest


class BoilerplateStage(Stage):
    name = "boilerplate"

    def __init__(self, ruleset, config):
        super().__init__(ruleset, config)
        self.line_rules = [k for k in self.rules if isinstance(k, LineRule)]
        self.structural = sorted(
            (k for k in self.rules if isinstance(k, BoilerplateKind) and not isinstance(k, LineRule)), key=lambda k: k.phase
        )
        self.whitespace = [k for k in self.rules if isinstance(k, Whitespace)]
        self._phrases: dict[str | None, PhraseIndex] = {}
        self._indexes: dict[tuple[int, ...], PhraseIndex] = {}  # languages with the same rules share one
        self._site_kind = next((k for k in self.structural if isinstance(k, SiteRepeated)), None)

    def phrases_for(self, lang: str | None) -> PhraseIndex:
        """The phrase rules for a language: its own, the language-independent ones and English (widget
        labels are often left in English on pages in other languages). Unknown language: all of them."""
        index = self._phrases.get(lang)
        if index is None:
            rules = [r for r in self.line_rules if lang is None or r.rule.applies_to(lang) or r.rule.applies_to("en")]
            key = tuple(map(id, rules))
            index = self._indexes.get(key)
            if index is None:
                index = self._indexes[key] = PhraseIndex(rules)
            self._phrases[lang] = index
        return index

    def site_learner(self) -> SiteLearner | None:
        """A learner with the ``site_repeated`` rule's thresholds; None when the rule is disabled."""
        return None if self._site_kind is None else self._site_kind.learner()

    def page_lines(self, text: str, lang: str | None) -> set[str]:
        """The phrase keys of a page's lines short enough for the rule, split exactly as :meth:`run` will
        split the page. Empty when the rule is disabled."""
        if self._site_kind is None:
            return set()
        return self._site_kind.page_keys(blocks_of(text, lang, self.phrases_for(lang).labels))

    def site_page(self, url: str | None, text: str, lang: str | None) -> tuple[str, bytes, set[str]] | None:
        """What learning takes from one page: its host, its :func:`page_digest` and its short lines' keys;
        None for a page without a host."""
        host = site_of(url)
        return None if host is None else (host, page_digest(text), self.page_lines(text, lang))

    def learn_sites(self, pages: Iterable[tuple[str | None, str, str | None]]) -> SiteLines:
        """Per-site learning (off by default) from ``(url, text, lang)`` pages whose text is what this stage
        will see (``Cleaner.learn_sites`` prepares records so). Put a page's set into
        ``doc.notes["site_lines"]`` to have its lines removed; every removal names the rule. Empty when the
        rule is disabled."""
        learner = self.site_learner()
        if learner is None:
            return SiteLines({}, {})
        for url, text, lang in pages:
            page = self.site_page(url, text, lang)
            if page is not None:
                learner.add(*page)
        return learner.result()

    def run(self, doc: Document) -> None:
        if doc.text.strip():
            self._remove(doc)
        for kind in self.whitespace:
            doc.apply(kind.edits(doc.text))

    def judge(self, doc: Document) -> Context:
        """Every rule's verdict on the document's blocks, without changing it: what :meth:`run` turns into
        edits, for callers that study the decisions (``benchmarks/plain_ceiling.py``)."""
        phrases = self.phrases_for(doc.lang)
        ctx = Context.build(doc.text, doc.lang, phrases.labels, doc.notes.get("site_lines", ()))
        phrases.judge(ctx)
        extracted = bool(doc.notes.get("extracted"))
        for kind in self.structural:
            if kind.on_extracted or not extracted:
                kind.judge(ctx)
        return ctx

    def _remove(self, doc: Document) -> None:
        ctx = self.judge(doc)
        edits = self._edits(doc, ctx)
        if edits:
            doc.apply(edits)
            removed = sum(e.end - e.start for e in edits)
            doc.notes["boilerplate_removed_chars"] = doc.notes.get("boilerplate_removed_chars", 0) + removed

    def _edits(self, doc: Document, ctx: Context) -> list[Edit]:
        """One edit per run of blocks removed by the same rule; a line moved to metadata is its own edit."""
        text = ctx.text
        edits: list[Edit] = []
        run: tuple[int, int, Verdict] | None = None

        def close() -> None:
            if run is not None:
                start, end, verdict = run
                edits.append(Edit(self.name, verdict.rule, verdict.kind, start, end, text[start:end], "", verdict.note))

        for block, verdict in zip(ctx.blocks, ctx.verdicts):
            if verdict is None:
                close()
                run = None
                continue
            if verdict.meta_field is not None:
                close()
                run = None
                doc.meta.setdefault(verdict.meta_field, []).append(block.text)
                edits.append(Edit(self.name, verdict.rule, verdict.kind, block.start, block.end, text[block.start : block.end], "", verdict.note))
                continue
            if run is not None and run[2].rule == verdict.rule and run[2].kind == verdict.kind:
                run = (run[0], block.end, run[2])
            else:
                close()
                run = (block.start, block.end, verdict)
        close()
        return edits
