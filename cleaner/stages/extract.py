"""Stage 2, extract: HTML to main text with trafilatura (HTML input only).

The extractor's settings are rule parameters (``rules/extract.toml``), chosen by measurement on
trafilatura's own evaluation set. Text input skips this stage. Oversized pages and pages where the
extractor finds nothing fall back to the page's text as ``trafilatura.html2txt`` gives it (scripts, styles,
asides, footers and cookie banners left out, and the edit says so), so the later text rules still run
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

    def extract(self, html: str, url: str | None) -> tuple[str, str | None]:
        """The text, and how it had to be read when the parser could not follow the markup (or None)."""
        import trafilatura

        tree, nested = page_tree(html)
        if tree is None:
            return _stripped_text(html), nested
        return trafilatura.html2txt(tree) or "", nested

    def fires(self, example: Example) -> list[str]:
        text = self.extract(example.text, None)[0]
        return [text] if text.strip() else []


# libxml2 stops building the tree at 255 levels of nesting (unclosed <font> or <b> tags, runaway <div>s):
# what follows is silently missing from the page. It says so in the parser's error log, with this message
# (the error's type name differs between libxml2 versions).
_DEPTH_LIMIT = "Excessive depth in document"
DEEP = "nested deeper than 255 levels: parsed again without the parser's depth limit"
TOO_DEEP = "nested too deep for the HTML parser: the text was taken by removing the tags"


def page_tree(html: str) -> tuple[Any, str | None]:
    """The page parsed as trafilatura parses it; a page nested past the parser's depth limit is parsed
    again without it, and when even that cannot follow the markup, there is no tree (None) and the
    second value says so."""
    from trafilatura.utils import HTML_PARSER, load_html

    tree = load_html(html)
    if not _over_limit(HTML_PARSER):
        return tree, None
    import lxml.html

    parser = lxml.html.HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True, remove_pis=True, huge_tree=True)
    try:
        tree = lxml.html.fromstring(html.encode("utf-8", "surrogatepass"), parser=parser)
    except Exception:  # lxml refuses what it cannot parse at all
        return None, TOO_DEEP
    return (tree, DEEP) if not _over_limit(parser) else (None, TOO_DEEP)


def _over_limit(parser: Any) -> bool:
    return any(_DEPTH_LIMIT in str(entry) for entry in parser.error_log)


# each stops at the end of the page when its closing part is missing, so an unclosed <script or <!-- costs
# one scan, not one per occurrence
_HIDDEN_RE = re.compile(r"(?is)<(script|style|noscript|template)\b.*?(?:</\1\s*>|\Z)|<!--.*?(?:-->|\Z)")
_BLOCK_TAG_RE = re.compile(r"(?i)</?(?:p|div|br|li|ul|ol|h[1-6]|tr|table|section|article|header|footer|nav|aside|blockquote|pre|dd|dt|dl)\b[^<>]*>")
_TAG_RE = re.compile(r"<[^<>]*>")


def _stripped_text(html: str) -> str:
    """The page's text with its tags, scripts and styles removed, a line for each block element: the last
    resort when no parser can follow the markup, so that its text still comes out, in lines the boilerplate
    rules can judge."""
    import html as entities

    text = entities.unescape(_TAG_RE.sub(" ", _BLOCK_TAG_RE.sub("\n", _HIDDEN_RE.sub(" ", html))))
    return "\n".join(line for line in (" ".join(part.split()) for part in text.split("\n")) if line)


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
                page, pieces, wholes, nested = self._parse(html)
                if nested is not None:
                    doc.meta["html_parse"] = nested
                if page is not None:
                    text = self.main[0].extract(page, doc.url, html)
                if text and pieces:
                    box_edits = self.boxes[0].edits(text, pieces, wholes)
            except Exception as exc:  # a broken page must not lose the record
                doc.meta["extract_error"] = f"{type(exc).__name__}: {exc}"[:300]
            if text:
                doc.notes["extracted"] = True
                doc.note_provenance(self.name, self.main[0].rule.id, "extract", "main text by trafilatura", end=doc.notes.get("markup_chars", len(doc.text)), after=text)
        if not text and self.fallback:
            if len(html) > self.config.max_html_bytes:
                why = f"page larger than max_html_bytes ({self.config.max_html_bytes:,}), not extracted"
            else:
                why = "extractor found no main text"
            try:
                text, nested = self.fallback[0].extract(html, doc.url)  # all of it: what the page holds must come out
                if nested is not None:
                    doc.meta["html_parse"] = nested
                    why = "nested too deep for the HTML parser" if nested == TOO_DEEP else f"{why}; {nested}"
            except Exception as exc:
                doc.meta["extract_error"] = f"{type(exc).__name__}: {exc}"[:300]
                text = ""
            how = (
                "the page's text with its tags removed"
                if doc.meta.get("html_parse") == TOO_DEEP
                else "the page's text by trafilatura.html2txt, without its scripts, styles, asides, footers and cookie banners"
            )
            doc.note_provenance(self.name, self.fallback[0].rule.id, "extract", f"{how} ({why})", end=doc.notes.get("markup_chars", len(doc.text)), after=text or "")
        doc.text = text or ""
        if box_edits:
            doc.apply(box_edits)

    def _parse(self, html: str) -> tuple[Any, set[str], list[str], str | None]:
        """The page for the extractor (parsed once), its box texts, and how it had to be parsed (see
        :func:`page_tree`). The page is None when no parser could follow it: the fallback then takes the
        text."""
        tree, nested = page_tree(html)
        if tree is None:
            return (None if nested == TOO_DEEP else html), set(), [], nested
        pieces, wholes = self.boxes[0].boxes(tree) if self.boxes else (set(), [])
        return tree, pieces, wholes, nested
