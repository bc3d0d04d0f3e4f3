"""Stage 2, extract: HTML to main text with trafilatura (HTML input only).

The extractor's settings are rule parameters (``rules/extract.toml``), chosen by measurement on
trafilatura's own evaluation set. Text input skips this stage. Oversized pages and pages where the
extractor finds nothing fall back to the page's whole visible text, so the later text rules still run
and the record says why.
"""

from __future__ import annotations

from typing import Any

from ..document import Document
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

    def extract(self, html: str, url: str | None) -> str | None:
        import trafilatura

        return trafilatura.extract(html, url=url, output_format="txt", with_metadata=False, **self.options)

    def fires(self, example: Example) -> list[str]:
        text = self.extract(example.text, None) or ""
        want = example.expect.get("span")
        return [want] if want and want in text else ([text] if text and not want else [])


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


class ExtractStage(Stage):
    name = "extract"

    def __init__(self, ruleset, config):
        super().__init__(ruleset, config)
        self.main = [k for k in self.rules if isinstance(k, Trafilatura)]
        self.fallback = [k for k in self.rules if isinstance(k, WholeText)]

    def run(self, doc: Document) -> None:
        if doc.kind != "html":
            return
        html = doc.text
        text = None
        if self.main and len(html) <= self.config.max_html_bytes:
            try:
                text = self.main[0].extract(html, doc.url)
            except Exception as exc:  # a broken page must not lose the record
                doc.meta["extract_error"] = f"{type(exc).__name__}: {exc}"[:300]
            if text:
                doc.notes["extracted"] = True
                doc.note_provenance(self.name, self.main[0].rule.id, "extract", "main text by trafilatura", end=len(html))
        if not text and self.fallback:
            why = "page too large for extraction" if len(html) > self.config.max_html_bytes else "extractor found no main text"
            try:
                text = self.fallback[0].extract(html[: self.config.max_html_bytes], doc.url)
            except Exception as exc:
                doc.meta["extract_error"] = f"{type(exc).__name__}: {exc}"[:300]
                text = ""
            doc.note_provenance(self.name, self.fallback[0].rule.id, "extract", f"whole visible text ({why})", end=len(html))
        doc.text = text or ""
