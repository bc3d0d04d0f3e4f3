"""Reading inputs into documents and writing records, streaming, without losing a record.

Inputs: ``.txt`` (and any other file named on the command line) as text, ``.html``/``.htm`` as HTML, ``.jsonl`` as one
record per line, each also gzipped (``.gz``), directories recursively in sorted order, and ``-`` for standard input. A line that is not
a JSON object becomes a document with an ``error`` (and its line number), so it is written out and counted.
"""

from __future__ import annotations

import gzip
import io
import json
import sys
import zlib
from pathlib import Path
from typing import IO, Iterable, Iterator

from .document import Document
from .pipeline import record_to_document
from .surrogates import escaped, replaced

HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".html.gz", ".htm.gz")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".json.gz")
TEXT_SUFFIXES = (".txt", ".text", ".md", ".txt.gz")
# Inside a directory only these are inputs, so a folder's annotations or notes are not cleaned as documents;
# a file named on the command line is read whatever its name.
DIRECTORY_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES


PATH_HINT = "Check the path, or pass '-' to read standard input."


class InputError(Exception):
    """An input path that cannot be read at all (missing, unreadable): a usage error, exit status 2."""


def _kind_of(path: Path) -> str:
    name = path.name.lower()
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if name.endswith(HTML_SUFFIXES):
        return "html"
    return "text"


def expand_paths(paths: Iterable[str]) -> list[str]:
    """Files named and files under directories named, checked before any work starts."""
    out: list[str] = []
    for given in paths:
        if given == "-":
            if given in out:
                raise InputError("'-' (standard input) can be read only once")
            out.append(given)
            continue
        path = Path(given)
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".") and p.name.lower().endswith(DIRECTORY_SUFFIXES)
            )
            out.extend(str(p) for p in found)
        elif path.is_file():
            out.append(given)
        elif path.exists():
            raise InputError(f"{given}: not a regular file or directory. {PATH_HINT}")
        else:
            raise InputError(f"{given}: no such file or directory. {PATH_HINT}")
    return out


def read_documents(paths: Iterable[str], *, stdin_format: str = "text") -> Iterator[Document]:
    """Documents from every input, in order. Nothing is read before it is needed."""
    for given in paths:
        if given == "-":
            data = sys.stdin.buffer.read()
            if stdin_format == "jsonl":
                yield from read_jsonl(io.BytesIO(data), "<stdin>")
            else:
                yield Document("", id="<stdin>", raw=data, kind=stdin_format)
            continue
        path = Path(given)
        kind = _kind_of(path)
        if kind == "jsonl":
            opener = gzip.open if path.name.lower().endswith(".gz") else open
            try:
                with opener(path, "rb") as handle:
                    yield from read_jsonl(handle, given)
            except (OSError, EOFError) as exc:  # truncated gzip: keep what was read, report the rest
                yield Document("", id=f"{given}:?", error=f"cannot read {given}: {exc}")
            continue
        try:
            data = path.read_bytes()
            if path.name.lower().endswith(".gz"):  # a crawl's pages are often stored compressed
                data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as exc:
            yield Document("", id=given, error=f"cannot read {given}: {getattr(exc, 'strerror', None) or exc}")
            continue
        yield Document("", id=given, raw=data, kind=kind, source={"path": given})


def read_jsonl(handle: IO[bytes], name: str) -> Iterator[Document]:
    for lineno, line in enumerate(handle, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            snippet = line[:80].decode("utf-8", "replace").rstrip()
            yield Document("", id=f"{name}:{lineno}", error=f"malformed JSON at {name} line {lineno}: {exc}", source={"line": lineno, "raw": snippet})
            continue
        doc = record_to_document(record)
        doc.notes["where"] = f"{name}:{lineno}"
        if doc.id is None:  # reports and error messages must be able to name the record
            doc.id = f"{name}:{lineno}"
        if doc.error:
            doc.error = f"{name} line {lineno}: {doc.error}"
            if not isinstance(record, dict):
                doc.source = {"line": lineno, "raw": record}
        yield doc


def open_output(path: str | None) -> IO[str]:
    """Standard output, or the file named (gzip-compressed for a ``.gz`` name). A missing directory is
    created, and said so on standard error, so that a typo in the path does not go unnoticed."""
    if path is None or path == "-":
        return sys.stdout
    target = Path(path)
    if not target.parent.exists():
        target.parent.mkdir(parents=True)
        print(f"cleaner: created directory {target.parent}", file=sys.stderr)
    if target.name.endswith(".gz"):
        return io.TextIOWrapper(gzip.open(target, "wb"), encoding="utf-8")
    return open(target, "w", encoding="utf-8")


def write_jsonl(out: IO[str], doc: Document, *, with_edits: bool = True) -> None:
    write_json_line(out, doc.to_record(with_edits=with_edits))


def write_json_line(out: IO[str], value) -> None:
    """One JSON line, in UTF-8 characters. A line that the output cannot encode (a lone surrogate: rule
    DC008 switched off, or another field of the input record, or the ``before`` of DC008's own edit) is
    written with those characters escaped (``\\ud800``), and reads back to exactly the same value; an
    output that is not UTF-8 gets every non-ASCII character escaped. Nothing is checked on the way when
    the line encodes, so the common case costs nothing."""
    line = json.dumps(value, ensure_ascii=False) + "\n"
    try:
        out.write(line)
    except UnicodeEncodeError:
        try:
            out.write(escaped(line))
        except UnicodeEncodeError:
            out.write(json.dumps(value) + "\n")


def write_text(out: IO[str], text: str) -> None:
    """Plain text; a surrogate the output cannot encode is shown as U+FFFD (see :func:`write_json_line`)."""
    try:
        out.write(text)
    except UnicodeEncodeError:
        out.write(replaced(text))
