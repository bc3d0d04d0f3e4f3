"""Stage 2, extract: HTML to main text with trafilatura (HTML input only).

The extractor's settings are rule parameters (``rules/extract.toml``), chosen by measurement on
trafilatura's own evaluation set. Text input skips this stage. Oversized pages and pages where the
extractor finds nothing fall back to the page's whole visible text, so the later text rules still run
and the record says why.

Widget boxes the page marks by class or id (newsletter, author, share boxes…) are found on the parsed page
before extraction; lines of the extracted text that come from them are removed afterwards, each removal an
edit. Pruning the boxes from the page instead would change which content trafilatura's heuristics pick.
"""

from __future__ import annotations

import re
from typing import Any

from ..document import Document, Edit
from ..ruleset import Example, RuleKind, register
from .base import Stage


@register
class Trafilatura(RuleKind):
    stage = "extract"
    kind = "trafilatura"
    fields = {
        "fast": (bool, False),
        "favor_precision": (bool, False),
        "favor_recall": (bool, False),
        "include_comments": (bool, False),
        "include_tables": (bool, False),
        "deduplicate": (bool, False),
        "retry_below": (int, False),
    }

    def compile(self, params: dict[str, Any]) -> None:
        self.options = {
            "fast": params.get("fast", False),
            "favor_precision": params.get("favor_precision", False),
            "favor_recall": params.get("favor_recall", False),
            "include_comments": params.get("include_comments", False),
            "include_tables": params.get("include_tables", True),
            # trafilatura's deduplication keeps a process-wide cache: output would depend on what was
            # extracted before (trafilatura #778), and our output must not.
            "deduplicate": False,
        }
        self.retry_below = params.get("retry_below", 0)
        self.retry_options = {**self.options, "favor_precision": False, "favor_recall": True}

    def extract(self, html: Any, url: str | None, source: str | None = None) -> str | None:
        """``html``: the page as text, or as a tree parsed by ``trafilatura.utils.load_html`` (which the
        extraction changes: ``source`` is then the page's text, for a retry).

        A text shorter than ``retry_below`` characters has likely missed the article: the page is extracted
        again with ``favor_recall`` and the longer text kept.
        """
        import trafilatura

        text = trafilatura.extract(html, url=url, output_format="txt", with_metadata=False, **self.options)
        if len(text or "") < self.retry_below:
            again = trafilatura.extract(source or html, url=url, output_format="txt", with_metadata=False, **self.retry_options)
            if again and len(again) > len(text or ""):
                return again
        return text

    def fires(self, example: Example) -> list[str]:
        text = self.extract(example.text, None) or ""
        want = example.expect.get("span")
        return [want] if want and want in text else ([text] if text and not want else [])


@register
class WidgetBoxes(RuleKind):
    """Lines of the extracted text that come from page elements whose class or id names a widget box.

    A line goes when it is the whole text of an element inside such a box, or, when it is long enough to
    be unambiguous (``min_chars``), part of a box's text. Nothing goes when the boxes hold most of the page
    (the article itself sits in one) or when the lines found would be more than ``max_share`` of the
    extracted text.
    """

    stage = "extract"
    kind = "widget_boxes"
    fields = {"classes": (list, True), "min_chars": (int, True), "max_share": (float, True)}

    def compile(self, params: dict[str, Any]) -> None:
        classes = params["classes"]
        if not classes or not all(isinstance(c, str) and c and "'" not in c for c in classes):
            raise self.error("classes", "every entry must be a non-empty regular expression without quotes")
        alternatives = "|".join(classes)
        try:
            re.compile(alternatives)
        except re.error as exc:
            raise self.error("classes", f"not a valid regular expression: {exc}") from None
        from lxml.etree import XPath

        self.xpath = XPath(
            ".//*[self::div or self::section or self::aside or self::p or self::ul or self::ol]"
            f"[re:test(@class, '{alternatives}', 'i') or re:test(@id, '{alternatives}', 'i')]",
            namespaces={"re": "http://exslt.org/regular-expressions"},
        )

    def boxes(self, tree: Any) -> tuple[set[str], list[str]]:
        """The texts of the elements inside the boxes, and each outermost box's whole text (spaces
        collapsed). Read before extraction, which changes the tree."""
        found = self.xpath(tree)
        if not found:
            return set(), []
        matched = set(found)
        outer = [el for el in found if not any(a in matched for a in el.iterancestors())]
        wholes = [" ".join(el.text_content().split()) for el in outer]
        body = tree.find(".//body")
        page = len(" ".join((body if body is not None else tree).text_content().split()))
        if sum(map(len, wholes)) > page * 6 / 7:
            return set(), []
        pieces = {" ".join(el.text_content().split()) for box in outer for el in box.iter() if isinstance(el.tag, str)}
        pieces.discard("")
        return pieces, wholes

    def edits(self, text: str, pieces: set[str], wholes: list[str]) -> list[Edit]:
        """One edit per run of box lines in the extracted text."""
        if not pieces:
            return []
        spans: list[tuple[int, int]] = []
        at = 0
        for line in text.split("\n"):
            end = at + len(line)
            key = " ".join(line.split())
            if key and (key in pieces or (len(key) >= self.min_chars and any(key in w for w in wholes))):
                stop = min(end + 1, len(text))
                if spans and spans[-1][1] == at:
                    spans[-1] = (spans[-1][0], stop)
                else:
                    spans.append((at, stop))
            at = end + 1
        if not spans or sum(b - a for a, b in spans) > self.max_share * len(text):
            return []
        note = "line of a widget box (newsletter, author, share, pop-up, disclosure or copyright box)"
        return [Edit("extract", self.rule.id, "drop", a, b, text[a:b], "", note) for a, b in spans]

    def fires(self, example: Example) -> list[str]:
        from trafilatura.utils import load_html

        tree = load_html(example.text)
        if tree is None:
            return []
        pieces, wholes = self.boxes(tree)
        return [" ".join(p.split()) for p in sorted(pieces)] if pieces else []


@register
class WholeText(RuleKind):
    """Fallback: all visible text of the page, for when the extractor returns nothing or the page is too big."""

    stage = "extract"
    kind = "html2txt"

    def extract(self, html: str, url: str | None) -> str:
        import trafilatura

        return trafilatura.html2txt(html) or ""

    def fires(self, example: Example) -> list[str]:
        text = self.extract(example.text, None)
        return [text] if text.strip() else []


def _as_page(html: str) -> str:
    """The markup as trafilatura accepts it: it refuses a fragment (``<p>…</p>``, ``Hello <b>world</b>``)
    that does not name ``html`` in its first 50 characters, and both its extractor and its whole-text
    fallback would return nothing. Wrapped in ``<html>``, the fragment is a page like any other. Only the
    extractors see the wrapper; edits keep the offsets of the record's own text."""
    return html if "html" in html[:50].lower() else f"<html>{html}</html>"


class ExtractStage(Stage):
    name = "extract"

    def __init__(self, ruleset, config):
        super().__init__(ruleset, config)
        self.main = [k for k in self.rules if isinstance(k, Trafilatura)]
        self.boxes = [k for k in self.rules if isinstance(k, WidgetBoxes)]
        self.fallback = [k for k in self.rules if isinstance(k, WholeText)]

    def run(self, doc: Document) -> None:
        if doc.kind != "html":
            return
        html = _as_page(doc.text)
        text = None
        box_edits: list[Edit] = []
        if self.main and len(html) <= self.config.max_html_bytes:
            try:
                page, pieces, wholes = self._parse(html)
                text = self.main[0].extract(page, doc.url, html)
                if text and pieces:
                    box_edits = self.boxes[0].edits(text, pieces, wholes)
            except Exception as exc:  # a broken page must not lose the record
                doc.meta["extract_error"] = f"{type(exc).__name__}: {exc}"[:300]
            if text:
                doc.notes["extracted"] = True
                doc.note_provenance(self.name, self.main[0].rule.id, "extract", "main text by trafilatura", end=doc.notes.get("markup_chars", len(doc.text)), after=text)
        if not text and self.fallback:
            why = "page too large for extraction" if len(html) > self.config.max_html_bytes else "extractor found no main text"
            try:
                text = self.fallback[0].extract(html[: self.config.max_html_bytes], doc.url)
            except Exception as exc:
                doc.meta["extract_error"] = f"{type(exc).__name__}: {exc}"[:300]
                text = ""
            doc.note_provenance(self.name, self.fallback[0].rule.id, "extract", f"whole visible text ({why})", end=doc.notes.get("markup_chars", len(doc.text)), after=text or "")
        doc.text = text or ""
        if box_edits:
            doc.apply(box_edits)

    def _parse(self, html: str) -> tuple[Any, set[str], list[str]]:
        """The page for the extractor (parsed once, when the box rule needs the tree) and its box texts."""
        if not self.boxes:
            return html, set(), []
        from trafilatura.utils import load_html

        tree = load_html(html)
        if tree is None:
            return html, set(), []
        pieces, wholes = self.boxes[0].boxes(tree)
        return tree, pieces, wholes
