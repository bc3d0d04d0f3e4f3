"""The library entry point: build a :class:`Cleaner` once, call it for every document.

Construction loads and compiles the rules; each call only runs the stages. ``clean_many`` streams, keeps
input order and gives the same output for any number of workers, because every document is cleaned on its
own and no stage keeps state between documents. The one thing learned from many documents, the lines each
site repeats (per-site learning, off by default), is learned in a pass of its own and then given to the
Cleaner as input (``sites``), so a page's result never depends on the pages cleaned before it.
"""

from __future__ import annotations

import contextlib
import copy
import multiprocessing as mp
import pickle
import tempfile
from typing import Any, Iterable, Iterator

from .config import Config
from .document import Document
from .ruleset import RuleSet, load_rules
from .stages import PIPELINE
from .stages.boilerplate.kinds import site_of
from .stages.boilerplate.sites import SiteLines

TEXT_FIELDS = ("text", "html", "content", "raw_content")


class Cleaner:
    """Clean scraped text. Cheap to call, not to build: make one and reuse it."""

    def __init__(self, config: Config | None = None, *, ruleset: RuleSet | None = None, sites: SiteLines | None = None, **options: Any):
        self.config = (config or Config()).with_options(**options)
        self.ruleset = ruleset or load_rules(self.config.rules, self.config.disable)
        self.stages = [stage(self.ruleset, self.config) for stage in PIPELINE]
        self.boilerplate = next(s for s in self.stages if s.name == "boilerplate")
        self._before_boilerplate = self.stages[: self.stages.index(self.boilerplate)]
        self.sites = sites  # the lines learned per site (see learn_sites); None: per-site learning is off

    # -- one document ------------------------------------------------------------------------------

    def run(self, doc: Document) -> Document:
        """Run every stage on a prepared document. A stage that fails marks the record, never loses it."""
        self._run_stages(doc, self._before_boilerplate)
        return self._finish(doc)

    def _finish(self, doc: Document) -> Document:
        """The stages from boilerplate on, with the lines learned for the page's site."""
        if self.sites and doc.url and "site_lines" not in doc.notes:
            lines = self.sites.for_url(doc.url)
            if lines:
                doc.notes["site_lines"] = lines
        self._run_stages(doc, self.stages[len(self._before_boilerplate) :])
        if doc.error:
            doc.keep = False  # written out with its reason, never passed on as clean
        return doc

    def _run_stages(self, doc: Document, stages: list) -> None:
        for stage in stages:
            if doc.error and stage.name != "quality":  # a refused record still gets its score of 0
                continue
            try:
                stage.run(doc)
            except Exception as exc:  # pragma: no cover - a bug, reported on the record it happened to
                doc.error = f"internal error in stage {stage.name}: {type(exc).__name__}: {exc}"

    def clean(self, text: str | bytes, **fields: Any) -> Document:
        """Clean plain text (or bytes, which are decoded first). Anything else comes back marked with an
        ``error``, as :meth:`clean_many` marks it."""
        doc = Document("", source=dict(fields), id=fields.get("id"), url=fields.get("url"))
        return self.run(_with_input(doc, text))

    def clean_html(self, html: str | bytes, url: str | None = None, **fields: Any) -> Document:
        """Extract the main text of an HTML page with trafilatura, then clean it."""
        doc = Document("", kind="html", url=url, id=fields.get("id"), source=dict(fields))
        return self.run(_with_input(doc, html))

    def clean_record(self, record: dict[str, Any]) -> Document:
        """Clean one JSON record: ``text`` or ``html`` (optional ``url``, ``id``, ``lang``, ``charset``)."""
        return self.run(record_to_document(record))

    # -- many documents ----------------------------------------------------------------------------

    def clean_any(self, item: Document | dict[str, Any] | str | bytes) -> Document:
        return self.run(_as_document(item))

    def clean_many(
        self,
        records: Iterable[Document | dict[str, Any] | str],
        workers: int = 1,
        chunksize: int = 16,
        sites: SiteLines | None = None,
    ) -> Iterator[Document]:
        """Clean a stream of records (dicts, plain strings or prepared documents) in input order.

        With ``workers > 1`` documents are cleaned in worker processes, each with its own Cleaner built
        from the same settings; results come back in input order, identical to a single-process run.
        ``sites`` (from :meth:`learn_sites`) removes the lines each site repeats; with the ``learn_sites``
        setting and no sites yet, this is :meth:`learn_and_clean`: nothing comes out before every record
        was read.
        """
        if sites is None and self.sites is None and self.config.learn_sites:
            yield from self.learn_and_clean(records, workers, chunksize)[1]
            return
        if sites is not None and sites is not self.sites:
            yield from self._with_sites(sites).clean_many(records, workers, chunksize)
            return
        if workers <= 1:
            for item in records:
                yield self.clean_any(item)
            return
        with _pool(workers, self.config, self.sites) as pool:
            yield from pool.imap(_clean_in_worker, records, chunksize=chunksize)

    # -- per-site learning -------------------------------------------------------------------------

    def learn_sites(self, records: Iterable[Document | dict[str, Any] | str], workers: int = 1, chunksize: int = 16) -> SiteLines:
        """Learn the lines repeated across the pages of each site (the records' ``url``), for
        ``clean_many(records, sites=...)``. Each page with a url goes through the stages before boilerplate,
        so the lines are the text the boilerplate stage will see; pages without a url cost nothing. Only
        counts are kept, so the result does not depend on the order of the records or on ``workers``.
        Empty when rule BP706 (``site_repeated``) is disabled."""
        learner = self.boilerplate.site_learner()
        if learner is None:
            return SiteLines({}, {})
        with _pool_if(workers, self.config) as pool:
            pages = pool.imap_unordered(_page_lines_in_worker, records, chunksize=chunksize) if pool else map(self._page_lines, records)
            for page in pages:
                if page is not None:
                    learner.add(*page)
        return learner.result()

    def learn_and_clean(
        self, records: Iterable[Document | dict[str, Any] | str], workers: int = 1, chunksize: int = 16
    ) -> tuple[SiteLines, Iterator[Document]]:
        """Learn the lines each site repeats and clean the records with them, running every stage once.

        Each record goes through the stages before boilerplate as it is read and waits, prepared, in a
        temporary file (not in memory) until every site's lines are known; the cleaned documents then come
        out in input order. So any iterable works, a one-shot stream too, and the extra cost over
        :meth:`clean_many` is splitting the pages into lines and the temporary file.
        """
        spool = tempfile.TemporaryFile()
        try:
            learner = self.boilerplate.site_learner()
            with _pool_if(workers, self.config) as pool:
                pages = pool.imap(_prepare_in_worker, records, chunksize=chunksize) if pool else map(self._prepare, records)
                for doc, page in pages:
                    pickle.dump(doc, spool, pickle.HIGHEST_PROTOCOL)
                    if page is not None and learner is not None:
                        learner.add(*page)
        except BaseException:
            spool.close()
            raise
        sites = learner.result() if learner is not None else SiteLines({}, {})
        return sites, self._finish_spooled(spool, sites, workers, chunksize)

    def _with_sites(self, sites: SiteLines) -> "Cleaner":
        """This Cleaner with other learned lines; the rules and stages are shared, not built again."""
        other = copy.copy(self)
        other.sites = sites
        return other

    def _finish_spooled(self, spool, sites: SiteLines, workers: int, chunksize: int) -> Iterator[Document]:
        cleaner = self._with_sites(sites)
        with spool:
            spool.seek(0)
            docs = _unspool(spool)
            if workers <= 1:
                yield from map(cleaner._finish, docs)
                return
            with _pool(workers, self.config, sites) as pool:
                yield from pool.imap(_finish_in_worker, docs, chunksize=chunksize)

    def _prepare(self, item: Document | dict[str, Any] | str | bytes) -> tuple[Document, tuple[str, bytes, set[str]] | None]:
        """A record through the stages before boilerplate, and, for a page with a url, what learning needs."""
        doc = _as_document(item)
        self._run_stages(doc, self._before_boilerplate)
        if doc.error or not doc.text.strip():
            return doc, None
        return doc, self.boilerplate.site_page(doc.url, doc.text, doc.lang)

    def _page_lines(self, item: Document | dict[str, Any] | str) -> tuple[str, bytes, set[str]] | None:
        """A page's host, the digest of its text as the boilerplate stage sees it, and its short lines;
        None without a url."""
        if isinstance(item, Document):
            if site_of(item.url) is None:
                return None
            item = copy.deepcopy(item)  # the caller cleans the same document afterwards
        elif not isinstance(item, dict) or not isinstance(item.get("url"), str):
            return None
        return self._prepare(item)[1]


def _as_document(item: Document | dict[str, Any] | str | bytes) -> Document:
    if isinstance(item, Document):
        return item
    if isinstance(item, dict):
        return record_to_document(item)
    return _with_input(Document(""), item, "a record (dict), ")


def _with_input(doc: Document, given: Any, also: str = "") -> Document:
    """``doc`` holding the text or bytes given; marked with an error when it is neither."""
    if isinstance(given, bytes):
        doc.raw = given
    elif isinstance(given, str):
        doc.text = given
    else:
        doc.error = f"not a document: expected {also}text (str) or bytes, got {type(given).__name__}"
    return doc


def _unspool(spool) -> Iterator[Document]:
    while True:
        try:
            yield pickle.load(spool)
        except EOFError:
            return


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
    # a crawler's item may carry bytes (the library takes any dict; JSON has no bytes): decoded first
    given = (str, bytes)
    if isinstance(record.get("html"), given) and not isinstance(record.get("text"), given):
        doc.kind = "html"
        return _with_input(doc, record["html"])
    for name in TEXT_FIELDS:
        if isinstance(record.get(name), given):
            return _with_input(doc, record[name])
    present = [name for name in TEXT_FIELDS if name in record]
    if present:
        doc.error = f"record field '{present[0]}' is {type(record[present[0]]).__name__}, not a string"
    else:
        doc.error = f"record has no text field (expected one of: {', '.join(TEXT_FIELDS)})"
    return doc


_WORKER: Cleaner | None = None


def _pool(workers: int, config: Config, sites: SiteLines | None):
    ctx = mp.get_context("spawn" if mp.get_start_method(allow_none=True) == "spawn" else "fork")
    return ctx.Pool(workers, initializer=_init_worker, initargs=(config, sites))


def _pool_if(workers: int, config: Config):
    """A pool of workers without learned lines when ``workers > 1``; otherwise nothing (None), and the
    caller maps in this process."""
    return _pool(workers, config, None) if workers > 1 else contextlib.nullcontext()


def _init_worker(config: Config, sites: SiteLines | None) -> None:
    global _WORKER
    _WORKER = Cleaner(config, sites=sites)


def _page_lines_in_worker(item: Document | dict[str, Any] | str) -> tuple[str, bytes, set[str]] | None:
    assert _WORKER is not None
    return _WORKER._page_lines(item)


def _prepare_in_worker(item: Document | dict[str, Any] | str) -> tuple[Document, tuple[str, bytes, set[str]] | None]:
    assert _WORKER is not None
    return _WORKER._prepare(item)


def _finish_in_worker(doc: Document) -> Document:
    assert _WORKER is not None
    return _WORKER._finish(doc)


def _clean_in_worker(item: Document | dict[str, Any] | str) -> Document:
    assert _WORKER is not None
    return _WORKER.clean_any(item)
