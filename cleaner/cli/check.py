"""``cleaner check``: hold a batch against limits (and an earlier report) and say why it fails.

Exit status: 0 every check holds; 1 a check failed (each printed with its value and limit); 2 usage or
input errors, including any record that could not be read (named with its file and line).
"""

from __future__ import annotations

import sys
from enum import Enum
from typing import Optional

import typer

from ..io import InputError, expand_paths, read_documents
from . import ConfigOpt, DisableOpt, PathsArg, RulesOpt, StdinFormat, StdinOpt, WorkersOpt, app, build_cleaner, fail, settings
from .sites import LearnOpt, SitesOpt, SitesReportOpt, learn_from_files, load_sites, require_learning


class InputMode(str, Enum):
    auto = "auto"
    raw = "raw"
    cleaned = "cleaned"


def _share(name: str, help_text: str):
    return typer.Option(None, name, min=0.0, max=1.0, help=help_text)


def _rule_names(cfg) -> dict[str, str]:
    """Rule names for the report, read from the rule files without compiling them; a file that does not
    parse only costs its names (the report is complete without them)."""
    from pathlib import Path

    from ..ruleset import RuleError, default_rules_dir, parse_rule_file

    files = sorted(default_rules_dir().rglob("*.toml"))
    for extra in map(Path, cfg.rules):
        files += sorted(extra.rglob("*.toml")) if extra.is_dir() else [extra]
    names: dict[str, str] = {}
    for path in files:
        try:
            names.update((rule.id, rule.name) for rule in parse_rule_file(path))
        except (RuleError, OSError, ValueError):
            continue
    return names


@app.command()
def check(
    paths: list[str] = PathsArg,
    input_mode: InputMode = typer.Option(InputMode.auto, "--input", help="auto: JSONL records 'cleaner clean' wrote (with 'quality' and 'flags') are checked as they are, everything else is cleaned first; raw: clean everything; cleaned: only accept records 'cleaner clean' wrote."),
    min_score: Optional[float] = _share("--min-score", "A document scoring below this is 'low'. Default: the min-score setting of the check table (see above), else the pipeline's min_score (0.5)."),
    min_mean_score: Optional[float] = _share("--min-mean-score", "Fail when the mean score is below this."),
    max_low_share: Optional[float] = _share("--max-low-share", "Fail when more than this share of documents scores below --min-score."),
    max_mojibake_share: Optional[float] = _share("--max-mojibake-share", "Fail when more than this share of documents has mojibake left after repair."),
    max_boilerplate_share: Optional[float] = _share("--max-boilerplate-share", "Fail when the mean share of a document removed as boilerplate exceeds this."),
    max_mt_share: Optional[float] = _share("--max-mt-share", "Fail when more than this share of documents is suspected machine translation."),
    max_duplicate_share: Optional[float] = _share("--max-duplicate-share", "Fail when more than this share of documents duplicates an earlier one (exact or near)."),
    require_lang: Optional[list[str]] = typer.Option(None, "--require-lang", help="Allowed language(s), repeatable or comma-separated (e.g. en,de); see --max-other-lang-share."),
    max_other_lang_share: Optional[float] = _share("--max-other-lang-share", "With --require-lang: share of documents allowed in other languages (default 0)."),
    baseline: Optional[str] = typer.Option(None, "--baseline", help="An earlier --report-json: fail when a figure regressed by more than --tolerance."),
    tolerance: Optional[float] = _share("--tolerance", "How far a figure may move the wrong way against --baseline (absolute; default 0.02)."),
    report_json: Optional[str] = typer.Option(None, "--report-json", help="Write the full report as JSON ('-' for standard output)."),
    junit: Optional[str] = typer.Option(None, "--junit", help="Write JUnit XML: one test case per check."),
    markdown: Optional[str] = typer.Option(None, "--markdown", help="Write a Markdown summary (for a pull-request comment)."),
    html: Optional[str] = typer.Option(None, "--html", help="Write a self-contained HTML report with charts."),
    github: bool = typer.Option(False, "--github", help="Print GitHub Actions annotations; with $GITHUB_STEP_SUMMARY set, also add the Markdown summary to the job page."),
    worst: Optional[int] = typer.Option(None, "--worst", min=0, help="How many of the lowest-scoring documents to report (default 10)."),
    stdin_format: StdinFormat = StdinOpt,
    workers: int = WorkersOpt,
    learn: Optional[bool] = LearnOpt,
    sites_report: Optional[str] = SitesReportOpt,
    sites_file: Optional[str] = SitesOpt,
    rules: Optional[list[str]] = RulesOpt,
    disable: Optional[list[str]] = DisableOpt,
    config: Optional[str] = ConfigOpt,
) -> None:
    """Check a batch: aggregate scores, boilerplate, mojibake, flags, machine translation and duplicates, and fail when a limit is breached.

    Limits come from \\[tool.cleaner.check] in pyproject.toml, --config, or options."""
    # Imported here: MinHash LSH pulls in numpy and scipy, which no other command should wait for.
    from ..check import CheckSettings, SettingsError, aggregate_documents, build_report, is_cleaned, new_aggregate
    from ..check.baseline import BaselineError, load_baseline
    from ..check.reports import REPORT_WRITERS, github_summary_path, write_report

    cfg = settings(config, rules, disable, min_score=min_score, learn_sites=learn)
    require_learning(cfg, sites_report, sites_file)
    if cfg.learn_sites and input_mode == InputMode.cleaned:
        raise fail("--learn-sites learns from the records this run cleans, and --input cleaned cleans none: learn when cleaning (cleaner clean --learn-sites), or use --input auto.")
    try:
        limits = CheckSettings.from_table(cfg.check, config or "pyproject.toml").overlay(
            min_score=min_score, min_mean_score=min_mean_score, max_low_share=max_low_share, max_mojibake_share=max_mojibake_share,
            max_boilerplate_share=max_boilerplate_share, max_mt_share=max_mt_share, max_duplicate_share=max_duplicate_share,
            require_lang=require_lang, max_other_lang_share=max_other_lang_share, tolerance=tolerance, worst=worst,
        )
        previous = load_baseline(baseline) if baseline else None
        files = expand_paths(paths)
    except (SettingsError, BaselineError) as exc:
        raise fail(str(exc))
    except InputError as exc:
        raise fail(str(exc))
    if not files:
        raise fail("no input files found under " + ", ".join(paths))
    cutoff = limits.min_score if limits.min_score is not None else cfg.min_score
    make_cleaner = lambda: build_cleaner(cfg.with_options(min_score=cutoff))
    if cfg.learn_sites:  # learn from the records this run will clean, not from records 'cleaner clean' wrote
        learner = make_cleaner()
        mode = input_mode.value
        learn_from_files(learner, files, stdin_format.value, workers, sites_report, lambda doc: mode == "raw" or (mode == "auto" and not is_cleaned(doc.source)))
        make_cleaner = lambda: learner
    elif sites_file:
        reuser = make_cleaner()
        reuser.sites = load_sites(reuser, sites_file)
        make_cleaner = lambda: reuser
    agg = aggregate_documents(
        read_documents(files, stdin_format=stdin_format.value, max_bytes=cfg.max_input_bytes),
        new_aggregate(limits, cutoff),
        mode=input_mode.value,
        make_cleaner=make_cleaner,
        workers=workers,
    )
    report = build_report(agg, limits, inputs=list(paths), rule_names=_rule_names(cfg), baseline=previous, baseline_path=baseline)
    targets = {"json": report_json, "junit": junit, "markdown": markdown, "html": html}
    to_stdout = any(path == "-" for path in targets.values())
    console = sys.stderr if to_stdout or github else sys.stdout
    try:
        for kind, path in targets.items():
            if path:
                write_report(kind, report, path)
        if github:  # annotations go to standard error when the JSON report takes standard output
            (sys.stderr if to_stdout else sys.stdout).write(REPORT_WRITERS["github"](report))
            summary = github_summary_path()
            if summary:
                with open(summary, "a", encoding="utf-8") as out:
                    out.write(REPORT_WRITERS["markdown"](report))
    except OSError as exc:
        raise fail(f"cannot write report: {exc.strerror or exc}: {getattr(exc, 'filename', '')}")
    _print_summary(report, console)
    raise typer.Exit(report["exit_code"])


def _pct(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.1%}"


def _print_summary(report: dict, out) -> None:
    docs, scores, dups = report["documents"], report["scores"], report["duplicates"]
    mean = "n/a" if scores["mean"] is None else f"{scores['mean']:.3f}"
    out.write(
        f"cleaner check: {docs['checked']} document(s) checked ({docs['cleaned_here']} cleaned now, {docs['from_records']} from records)"
        f"; mean score {mean}; {scores['below_min']} below {scores['min_score']:g} ({_pct(scores['below_min_share'])})\n"
    )
    langs = ", ".join(f"{k} {v}" for k, v in list(report["languages"].items())[:6])
    out.write(f"  languages: {langs or 'none'}\n")
    out.write(
        f"  duplicates: {dups['exact']} exact, {dups['near']} near ({_pct(dups['share'])}); "
        f"passages shared across documents: {report['passages']['shared']}\n"
    )
    for check in report["checks"]:
        out.write(f"  {'ok  ' if check['passed'] else 'FAIL'} {check['message']}\n")
    if not report["checks"]:
        out.write("  no limits set: nothing was checked (set them with options or [tool.cleaner.check])\n")
    if docs["bad"]:
        sys.stderr.write(f"cleaner: input error: {docs['bad']} record(s) could not be read or cleaned:\n")
        for bad in docs["bad_examples"][:10]:
            sys.stderr.write(f"  {bad['error']}\n")
    failed = sum(not c["passed"] for c in report["checks"])
    verdict = {"pass": "passed", "fail": f"FAILED ({failed} of {len(report['checks'])} check(s))", "error": "input error (exit 2)"}
    out.write(f"cleaner check: {verdict[report['status']]}\n")

