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

from .config import Config
from .document import Document
from .pipeline import record_to_document
from .surrogates import Escaping, replaced

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
            found, broken = [], []
            for p in path.rglob("*"):
                if p.is_file():
                    if not p.name.startswith(".") and p.name.lower().endswith(DIRECTORY_SUFFIXES):
                        found.append(p)
                elif p.is_symlink() and not p.exists():
                    broken.append(str(p))
            out.extend(str(p) for p in sorted(found))
            if broken:  # said, not failed: the rest of the folder is still worth cleaning
                broken.sort()
                print(f"cleaner: skipped {len(broken)} broken link(s) under {given}: {', '.join(broken[:3])}{' …' if len(broken) > 3 else ''}", file=sys.stderr)
        elif path.is_file():
            out.append(given)
        elif path.exists():
            raise InputError(f"{given}: not a regular file or directory. {PATH_HINT}")
        else:
            raise InputError(f"{given}: no such file or directory. {PATH_HINT}")
    return out


def read_documents(paths: Iterable[str], *, stdin_format: str = "text", max_bytes: int = Config.max_input_bytes) -> Iterator[Document]:
    """Documents from every input, in order. Nothing is read before it is needed, and no more than
    ``max_bytes`` of one file (decompressed) or one JSON line: a larger one becomes a record with an
    ``error``, whose reading stops there."""
    for given in paths:
        if given == "-":
            if stdin_format == "jsonl":
                yield from read_jsonl(sys.stdin.buffer, "<stdin>", max_bytes)
                continue
            data = sys.stdin.buffer.read(max_bytes + 1)
            yield _too_large("<stdin>", max_bytes) if len(data) > max_bytes else Document("", id="<stdin>", raw=data, kind=stdin_format)
            continue
        path = Path(given)
        kind = _kind_of(path)
        opener = gzip.open if path.name.lower().endswith(".gz") else open  # a crawl's pages are often stored compressed
        if kind == "jsonl":
            try:
                with opener(path, "rb") as handle:
                    yield from read_jsonl(handle, given, max_bytes)
            except (OSError, EOFError, zlib.error) as exc:  # truncated or corrupt gzip: keep what was read, report the rest
                yield Document("", id=f"{given}:?", error=f"cannot read {given}: {exc}")
            continue
        try:
            with opener(path, "rb") as handle:
                data = handle.read(max_bytes + 1)
        except (OSError, EOFError, zlib.error) as exc:
            yield Document("", id=given, error=f"cannot read {given}: {getattr(exc, 'strerror', None) or exc}")
            continue
        if len(data) > max_bytes:
            yield _too_large(given, max_bytes, {"path": given})
            continue
        yield Document("", id=given, raw=data, kind=kind, source={"path": given})


def _too_large(name: str, max_bytes: int, source: dict | None = None) -> Document:
    why = f"{name}: larger than {max_bytes:,} bytes (setting max_input_bytes), so it was not read; split it, or raise the limit"
    return Document("", id=name, error=why, source=source or {})


def read_jsonl(handle: IO[bytes], name: str, max_bytes: int = Config.max_input_bytes) -> Iterator[Document]:
    for lineno, line in _lines(handle, max_bytes):
        if line is None:
            yield _too_large(f"{name}:{lineno}", max_bytes, {"line": lineno})
            continue
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except UnicodeDecodeError as exc:
            why = f"line {lineno} of {name} is not UTF-8 ({exc.reason} at byte {exc.start}); JSON Lines are UTF-8: re-encode the file (e.g. iconv -f windows-1252 -t utf-8)"
            yield _unreadable_line(name, lineno, line, why)
            continue
        except (ValueError, RecursionError) as exc:  # malformed; or nested too deep, or a number too long, for Python's parser
            yield _unreadable_line(name, lineno, line, f"malformed JSON at {name} line {lineno}: {str(exc)[:200]}")
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


def _lines(handle: IO[bytes], max_bytes: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, line) for each line; None for a line longer than ``max_bytes``, whose rest is read past
    in pieces rather than held."""
    lineno = 0
    while True:
        line = handle.readline(max_bytes + 1)
        if not line:
            return
        lineno += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while True:
                rest = handle.readline(1 << 20)
                if not rest or rest.endswith(b"\n"):
                    break
            yield lineno, None
        else:
            yield lineno, line


def _unreadable_line(name: str, lineno: int, line: bytes, why: str) -> Document:
    """A line that is no record, written out as one with its reason and its first bytes (bytes that are not
    UTF-8 shown as ``\\xe9``, so none is lost from view)."""
    snippet = line[:80].decode("utf-8", "backslashreplace").rstrip()
    return Document("", id=f"{name}:{lineno}", error=why, source={"line": lineno, "raw": snippet})


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
    try:
        Escaping(out).write(json.dumps(value, ensure_ascii=False) + "\n")
    except UnicodeEncodeError:
        out.write(json.dumps(value) + "\n")


def write_text(out: IO[str], text: str) -> None:
    """Plain text; a surrogate the output cannot encode is shown as U+FFFD (see :func:`write_json_line`)."""
    try:
        out.write(text)
    except UnicodeEncodeError:
        out.write(replaced(text))
