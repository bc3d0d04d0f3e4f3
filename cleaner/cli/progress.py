"""A progress bar on standard error, only when a person is watching and the run is long enough to need one."""

from __future__ import annotations

import sys
from typing import Iterable, Iterator, TypeVar

T = TypeVar("T")
MIN_ITEMS = 20


def progress(items: Iterable[T], total: int, label: str) -> Iterator[T]:
    """``total`` counts input files; a JSONL file holds many documents, so the bar counts documents open-ended."""
    if not sys.stderr.isatty() or total < MIN_ITEMS and total != 1:
        yield from items
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = [SpinnerColumn(), TextColumn(f"{label}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn()]
    with Progress(*columns, transient=True, console=None, redirect_stdout=False, redirect_stderr=False) as bar:
        task = bar.add_task(label, total=None)
        for item in items:
            yield item
            bar.advance(task)
