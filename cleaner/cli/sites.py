"""``--learn-sites``: learn each site's repeated lines before the inputs are cleaned, and say what was learned."""

from __future__ import annotations

import json
from typing import Callable, Optional

import typer

from ..document import Document
from ..io import read_documents
from . import fail
from .progress import progress

LearnOpt = typer.Option(
    None,
    "--learn-sites/--no-learn-sites",
    help="Per-site learning (off by default; setting learn_sites): first learn the lines "
    "repeated across the pages of each site (JSONL records' 'url'), and remove them (rule BP706). Nothing is written before all input was read; check needs files, not '-'.",
)
SitesReportOpt = typer.Option(None, "--sites-report", help="With --learn-sites: write the learned lines of each site, with their page counts, as JSON to this file.")
SitesOpt = typer.Option(None, "--sites", help="Remove the lines a --sites-report FILE lists for each site (rule BP706), without learning: learn once on a sample, reuse on the rest of a crawl.")

STDIN_MESSAGE = (
    "check --learn-sites reads the input twice (once to learn each site's repeated lines, once to clean), so it "
    "needs files or directories, not standard input: save the input to a file first (e.g. 'cat ... > pages.jsonl') "
    "and pass its path, or drop --learn-sites."
)


def require_learning(cfg, sites_report: Optional[str], sites_file: Optional[str] = None) -> None:
    """Refuse a report of what was learned when nothing is learned, and learning and reusing at once,
    before any input is read."""
    if sites_report and not cfg.learn_sites:
        raise fail("--sites-report lists what --learn-sites learned: add --learn-sites (or learn_sites = true in the settings).")
    if sites_file and cfg.learn_sites:
        raise fail("--sites reuses lines learned before; --learn-sites learns them now: give one of them.")


def load_sites(cleaner, path: str):
    """The lines of a --sites-report file, checked against ``cleaner`` (whose BP706 must be on to remove
    them); a file that is not such a report is a usage error."""
    from ..stages.boilerplate.sites import SiteLines

    try:
        with open(path, encoding="utf-8") as handle:
            sites = SiteLines.from_json(json.load(handle))
    except OSError as exc:
        raise fail(f"--sites {path}: cannot read: {exc.strerror or exc}")
    except (json.JSONDecodeError, ValueError) as exc:
        raise fail(f"--sites {path}: {exc}")
    if cleaner.boilerplate.site_learner() is None:
        raise fail("--sites: rule BP706 (site_repeated) is disabled, so the lines would not be removed")
    return sites


def learn_and_clean(cleaner, files: list[str], stdin_format: str, workers: int, report: Optional[str]):
    """``clean`` and ``score``: one pass that prepares every record and learns, then the cleaned documents
    (standard input works too: the prepared records wait in a temporary file)."""
    docs = progress(read_documents(files, stdin_format=stdin_format, max_bytes=cleaner.config.max_input_bytes), len(files), "learning sites")
    sites, cleaned = cleaner.learn_and_clean(docs, workers=workers)
    tell(cleaner, sites, report)
    return cleaned


def learn_from_files(cleaner, files: list[str], stdin_format: str, workers: int, report: Optional[str], wanted: Callable[[Document], bool]):
    """``check``: learn from the files (the first of two reads) and bind the lines to ``cleaner``, which
    the check then runs on the records that need cleaning."""
    if "-" in files:
        raise fail(STDIN_MESSAGE)
    docs = (doc for doc in read_documents(files, stdin_format=stdin_format, max_bytes=cleaner.config.max_input_bytes) if not doc.error and wanted(doc))
    cleaner.sites = cleaner.learn_sites(progress(docs, len(files), "learning sites"), workers=workers)
    tell(cleaner, cleaner.sites, report)


def tell(cleaner, sites, report: Optional[str]) -> None:
    """Say on standard error what was learned, and write the report if asked."""
    if cleaner.boilerplate.site_learner() is None:
        typer.echo("cleaner: --learn-sites: rule BP706 (site_repeated) is disabled, so nothing was learned", err=True)
    elif not sites:
        typer.echo("cleaner: --learn-sites: no record has a 'url' field, so nothing was learned (per-site learning reads JSONL records with a url)", err=True)
    elif not sites.line_count:
        typer.echo(f"cleaner: --learn-sites: no line repeats on enough pages of one site ({sites.summary()}), so nothing is removed", err=True)
    else:
        typer.echo(f"cleaner: learned {sites.summary()}; rule BP706 removes them", err=True)
    if report:
        try:
            with open(report, "w", encoding="utf-8") as out:
                json.dump(sites.to_json(), out, ensure_ascii=False, indent=1)
                out.write("\n")
        except OSError as exc:
            raise fail(f"cannot write {report}: {exc.strerror or exc}")
