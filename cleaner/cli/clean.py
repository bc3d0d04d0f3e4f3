"""``cleaner clean`` and ``cleaner score``: run the pipeline over files and write what it found."""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Iterator, Optional

import typer

from ..document import Document
from ..io import InputError, expand_paths, open_output, read_documents, write_json_line, write_jsonl, write_text
from . import EXIT_FAILED, EXIT_OK, ConfigOpt, DisableOpt, PathsArg, RulesOpt, StdinFormat, StdinOpt, WorkersOpt, app, build_cleaner, fail, settings
from .explain import render_explanation, render_score_table
from .progress import progress
from .sites import LearnOpt, SitesOpt, SitesReportOpt, learn_and_clean, load_sites, require_learning


class Format(str, Enum):
    text = "text"
    jsonl = "jsonl"


def _documents(
    cfg,
    paths: list[str],
    stdin_format: str,
    workers: int,
    sites_report: Optional[str] = None,
    sites_file: Optional[str] = None,
    output: Optional[str] = None,
) -> tuple[int, Iterator[Document], dict[str, str]]:
    """The inputs are all found before any work starts, so a typo fails at once, and so does an output
    that is one of them (opening it for writing would empty it before it is read); the documents come
    lazily, and the rule names come from the ruleset the documents are cleaned with (a user's rules
    included)."""
    try:
        files = expand_paths(paths)
    except InputError as exc:
        raise fail(str(exc))
    if not files:
        raise fail("no input files found under " + ", ".join(paths) + " (read: .txt, .md, .html, .htm, .jsonl, .ndjson, and those gzipped)")
    if output and output != "-" and Path(output).exists():
        clash = next((f for f in files if f != "-" and Path(f).exists() and os.path.samefile(f, output)), None)
        if clash is None and "-" in files and _stdin_is(output):
            clash = "standard input"
        if clash is not None:
            raise fail(f"-o {output} is also an input ({clash}): writing it would destroy it before it is read. Write to another file.")
    require_learning(cfg, sites_report, sites_file)
    cleaner = build_cleaner(cfg)
    names = {rule.id: rule.name for rule in cleaner.ruleset.rules}
    if cfg.learn_sites:
        return len(files), learn_and_clean(cleaner, files, stdin_format, workers, sites_report), names
    sites = load_sites(cleaner, sites_file) if sites_file else None
    docs = read_documents(files, stdin_format=stdin_format, max_bytes=cfg.max_input_bytes)
    return len(files), cleaner.clean_many(docs, workers=workers, sites=sites), names


def _stdin_is(path: str) -> bool:
    """Whether standard input is the file at ``path`` (``cleaner clean - -o a.jsonl < a.jsonl``)."""
    try:
        return os.path.samestat(os.fstat(sys.stdin.fileno()), os.stat(path))
    except (OSError, ValueError, AttributeError):  # no real stdin (a test runner's, a closed one)
        return False


class _ReadError(Exception):
    """An input or the temporary file of per-site learning failed while documents were being produced,
    told apart from a failed write of the output."""


def _produced(docs: Iterator[Document]) -> Iterator[Document]:
    try:
        yield from docs
    except OSError as exc:
        raise _ReadError(exc) from exc


def _summarize(total: int, errors: list[Document], where_marked: str = "were written with an 'error' field") -> int:
    if not errors:
        return EXIT_OK
    typer.echo(f"cleaner: {len(errors)} of {total} record(s) could not be cleaned and {where_marked}:", err=True)
    for doc in errors[:10]:
        typer.echo(f"  {doc.error}", err=True)
    if len(errors) > 10:
        typer.echo(f"  … and {len(errors) - 10} more", err=True)
    return EXIT_FAILED


@app.command()
def clean(
    paths: list[str] = PathsArg,
    output: Optional[str] = typer.Option(None, "-o", "--output", help="Write here instead of standard output; a .jsonl or .jsonl.gz name implies --format jsonl."),
    fmt: Optional[Format] = typer.Option(None, "--format", "-f", help="text: the cleaned text; jsonl: one record per document with text, lang, quality, flags, edits and meta."),
    explain: bool = typer.Option(False, "--explain", "-e", help="Show what was removed, repaired and flagged, and by which rule (on standard error when the output goes to standard output)."),
    min_score: Optional[float] = typer.Option(None, "--min-score", min=0.0, max=1.0, help="Mark documents scoring below this 'keep: false' (they are still written). Default 0.5."),
    stdin_format: StdinFormat = StdinOpt,
    workers: int = WorkersOpt,
    no_edits: bool = typer.Option(False, "--no-edits", help="Leave the edit log out of JSONL records (smaller output)."),
    learn: Optional[bool] = LearnOpt,
    sites_report: Optional[str] = SitesReportOpt,
    sites_file: Optional[str] = SitesOpt,
    rules: Optional[list[str]] = RulesOpt,
    disable: Optional[list[str]] = DisableOpt,
    config: Optional[str] = ConfigOpt,
) -> None:
    """Clean documents and write the cleaned text (or JSONL records with everything found)."""
    if fmt is None:
        fmt = Format.jsonl if output and (output.endswith(".jsonl") or output.endswith(".jsonl.gz")) else Format.text
    cfg = settings(config, rules, disable, min_score=min_score, learn_sites=learn)
    total, docs, names = _documents(cfg, paths, stdin_format.value, workers, sites_report, sites_file, output)
    try:
        out = open_output(output)
    except OSError as exc:
        raise fail(f"cannot write {output}: {exc.strerror or exc}. Give a path to a file in a writable directory.")
    explain_to = sys.stderr if out is sys.stdout else sys.stdout  # never mixed into the output itself
    errors: list[Document] = []
    count = 0
    try:
        for doc, several in _with_lookahead(progress(_produced(docs), total, "cleaning")):
            count += 1
            if doc.error:
                errors.append(doc)
            if fmt is Format.jsonl:
                write_jsonl(out, doc, with_edits=not no_edits)
            else:
                _write_text(out, doc, several)
            if explain:
                try:
                    render_explanation(doc, explain_to, names)
                except BrokenPipeError:
                    raise
                except OSError as exc:
                    where = "standard error" if explain_to is sys.stderr else "standard output"
                    raise fail(f"cannot write the explanation to {where}: {exc.strerror or exc}; {count} record(s) were read.")
        if out is sys.stdout:
            out.flush()  # here, so that a full disk is reported like any other write
        else:
            out.close()
    except _ReadError as exc:
        cause = exc.__cause__
        raise fail(f"cannot read the input (or the temporary file of --learn-sites): {getattr(cause, 'strerror', None) or cause}; {count} record(s) were written.")
    except BrokenPipeError:
        raise
    except OSError as exc:  # the disk filled up, or the output went away, half-way through
        raise fail(f"cannot write {output or 'standard output'}: {exc.strerror or exc}; {count} record(s) were read. Free space or write elsewhere.")
    finally:
        if out is not sys.stdout and not out.closed:
            try:
                out.close()
            except OSError:
                pass
    raise typer.Exit(_summarize(count, errors, "were written with an 'error' field" if fmt is Format.jsonl else "are marked in the output"))


def _with_lookahead(docs: Iterator[Document]) -> Iterator[tuple[Document, bool]]:
    """Each document, and whether the run holds more than one (known once a second one arrives, so a
    stream of one document is written bare and a stream of many gets a header before each)."""
    first = next(docs, None)
    if first is None:
        return
    second = next(docs, None)
    several = second is not None
    yield first, several
    if several:
        yield second, True
        for doc in docs:
            yield doc, True


def _write_text(out, doc: Document, several: bool) -> None:
    """The cleaned text; with several documents each under a ``==> id <==`` header, and a document that
    could not be cleaned as its header and the reason, so that every input is accounted for."""
    if several:
        write_text(out, f"==> {doc.id} <==\n")
    if doc.error:
        write_text(out, f"[not cleaned: {doc.error}]\n" + ("\n" if several else ""))
        return
    write_text(out, doc.text + ("\n" if doc.text and not doc.text.endswith("\n") else ""))
    if several:
        out.write("\n")


@app.command()
def score(
    paths: list[str] = PathsArg,
    as_json: bool = typer.Option(False, "--json", help="One JSON line per document: id, score, keep, reasons."),
    min_score: Optional[float] = typer.Option(None, "--min-score", min=0.0, max=1.0, help="Threshold for the keep column. Default 0.5."),
    stdin_format: StdinFormat = StdinOpt,
    workers: int = WorkersOpt,
    learn: Optional[bool] = LearnOpt,
    sites_file: Optional[str] = SitesOpt,
    rules: Optional[list[str]] = RulesOpt,
    disable: Optional[list[str]] = DisableOpt,
    config: Optional[str] = ConfigOpt,
) -> None:
    """Score documents: one line each with the score and the reasons that lowered it."""
    cfg = settings(config, rules, disable, min_score=min_score, learn_sites=learn)
    total, docs, _ = _documents(cfg, paths, stdin_format.value, workers, sites_file=sites_file)
    rows: list[Document] = []
    errors: list[Document] = []
    count = 0
    for doc in progress(docs, total, "scoring"):
        count += 1
        if doc.error:
            errors.append(doc)
        if as_json:
            quality = doc.quality or {}
            row = {"id": doc.id, "score": quality.get("score"), "keep": doc.keep, "lang": doc.lang, "reasons": quality.get("reasons", [])}
            if doc.error:
                row["error"] = doc.error
            write_json_line(sys.stdout, row)
        else:
            rows.append(doc)
    if not as_json:
        render_score_table(rows, sys.stdout)
    raise typer.Exit(_summarize(count, errors, "carry an 'error' field" if as_json else "are marked in the table"))
