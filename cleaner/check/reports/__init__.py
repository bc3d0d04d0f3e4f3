"""Report writers. Each one renders the same report dictionary (see :func:`cleaner.check.build_report`), so
a report for people and one for machines can never disagree, and any of them can be made again later
from a saved ``--report-json``."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

from . import github, html, json_report, junit, markdown

REPORT_WRITERS: dict[str, Callable[[dict], str]] = {
    "json": json_report.render,
    "junit": junit.render,
    "github": github.render,
    "markdown": markdown.render,
    "html": html.render,
}


def write_report(kind: str, report: dict, path: str) -> None:
    text = REPORT_WRITERS[kind](report)
    if path == "-":
        import sys

        sys.stdout.write(text)
        return
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")


def github_summary_path() -> str | None:
    """The job summary file GitHub Actions provides to every step."""
    return os.environ.get("GITHUB_STEP_SUMMARY") or None
