"""The library entry point: build a :class:`Cleaner` once, call it for every document.

Construction loads and compiles the rules; each call only runs the stages. ``clean_many`` streams, keeps
input order and gives the same output for any number of workers, because every document is cleaned on its
own and no stage keeps state between documents.
"""

from __future__ import annotations

import multiprocessing as mp
from typing import Any, Iterable, Iterator

from .config import Config
from .document import Document
from .ruleset import RuleSet, load_rules
from .stages import PIPELINE

TEXT_FIELDS = ("text", "html", "content", "raw_content")


class Cleaner:
    """Clean scraped text. Cheap to call, not to build: make one and reuse it."""

    def __init__(self, config: Config | None = None, *, ruleset: RuleSet | None = None, **options: Any):
        self.config = (config or Config()).with_options(**options)
        self.ruleset = ruleset or load_rules(self.config.rules, self.config.disable)
        self.stages = [stage(self.ruleset, self.config) for stage in PIPELINE]

    # -- one document ------------------------------------------------------------------------------

    def run(self, doc: Document) -> Document:
        """Run every stage on a prepared document. A stage that fails marks the record, never loses it."""
        for stage in self.stages:
            if doc.error and stage.name != "quality":  # a refused record still gets its score of 0
                continue
            try:
                stage.run(doc)
            except Exception as exc:  # pragma: no cover - a bug, reported on the record it happened to
                doc.error = f"internal error in stage {stage.name}: {type(exc).__name__}: {exc}"
        if doc.error:
            doc.keep = False  # written out with its reason, never passed on as clean
        return doc

    def clean(self, text: str | bytes, **fields: Any) -> Document:
        """Clean plain text (or bytes, which are decoded first)."""
        if isinstance(text, bytes):
            return self.run(Document("", raw=text, source=dict(fields), id=fields.get("id"), url=fields.get("url")))
        return self.run(Document(text, source=dict(fields), id=fields.get("id"), url=fields.get("url")))

    def clean_html(self, html: str | bytes, url: str | None = None, **fields: Any) -> Document:
        """Extract the main text of an HTML page with trafilatura, then clean it."""
        doc = Document("", kind="html", url=url, id=fields.get("id"), source=dict(fields))
        if isinstance(html, bytes):
            doc.raw = html
        else:
            doc.text = html
        return self.run(doc)

    def clean_record(self, record: dict[str, Any]) -> Document:
        """Clean one JSON record: ``text`` or ``html`` (optional ``url``, ``id``, ``lang``, ``charset``)."""
        return self.run(record_to_document(record))

    # -- many documents ----------------------------------------------------------------------------

    def clean_any(self, item: Document | dict[str, Any] | str | bytes) -> Document:
        if isinstance(item, Document):
            return self.run(item)
        return self.clean_record(item) if isinstance(item, dict) else self.clean(item)

    def clean_many(
        self, records: Iterable[Document | dict[str, Any] | str], workers: int = 1, chunksize: int = 16
    ) -> Iterator[Document]:
        """Clean a stream of records (dicts, plain strings or prepared documents) in input order.

        With ``workers > 1`` documents are cleaned in worker processes, each with its own Cleaner built
        from the same settings; results come back in input order, identical to a single-process run.
        """
        if workers <= 1:
            for item in records:
                yield self.clean_any(item)
            return
        ctx = mp.get_context("spawn" if mp.get_start_method(allow_none=True) == "spawn" else "fork")
        with ctx.Pool(workers, initializer=_init_worker, initargs=(self.config,)) as pool:
            yield from pool.imap(_clean_in_worker, records, chunksize=chunksize)


def record_to_document(record: dict[str, Any]) -> Document:
    """Turn an input record into a Document; a record without usable text is marked, not dropped."""
    if not isinstance(record, dict):
        return Document("", error=f"not a JSON object: {type(record).__name__}")
    rid = record.get("id")
    url = record.get("url") if isinstance(record.get("url"), str) else None
    doc = Document("", id=str(rid) if rid is not None else None, url=url, source=dict(record))
    lang = record.get("lang") or record.get("language")
    if isinstance(lang, str) and lang:
        doc.lang = lang
    if isinstance(record.get("html"), str) and not isinstance(record.get("text"), str):
        doc.kind, doc.text = "html", record["html"]
        return doc
    for name in TEXT_FIELDS:
        if isinstance(record.get(name), str):
            doc.text = record[name]
            return doc
    doc.error = f"record has no text field (expected one of: {', '.join(TEXT_FIELDS)})"
    return doc


_WORKER: Cleaner | None = None


def _init_worker(config: Config) -> None:
    global _WORKER
    _WORKER = Cleaner(config)


def _clean_in_worker(item: Document | dict[str, Any] | str) -> Document:
    assert _WORKER is not None
    return _WORKER.clean_any(item)
