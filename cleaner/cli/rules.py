"""``cleaner rules list`` and ``cleaner rules test``: what rules there are, and whether their examples hold."""

from __future__ import annotations

from typing import Optional

import typer

from ..config import rule_ids
from ..ruleset import STAGES, RuleError, load_rules, run_examples, shown
from . import EXIT_FAILED, EXIT_OK, ConfigOpt, DisableOpt, RulesOpt, fail, rules_app, settings


@rules_app.command("list")
def list_rules(
    stage: Optional[str] = typer.Option(None, "--stage", help="Only this stage's rules."),
    rules: Optional[list[str]] = RulesOpt,
    disable: Optional[list[str]] = DisableOpt,
    config: Optional[str] = ConfigOpt,
) -> None:
    """List every rule that 'cleaner clean' would load with the same settings (the settings file's rules
    and disable lists included): id, stage, kind, languages, status, name and file."""
    from rich.console import Console
    from rich.table import Table

    if stage is not None and stage not in STAGES:
        raise fail(f"--stage {stage!r} is not a stage; the stages are: {', '.join(STAGES)}")
    cfg = settings(config, rules, disable)
    try:
        ruleset = load_rules(cfg.rules, cfg.disable)
    except RuleError as exc:
        raise fail(f"rule error: {exc}")
    table = Table()
    for column in ("id", "stage", "kind", "langs", "status", "name", "file"):
        table.add_column(column, overflow="fold")
    for rule in ruleset.rules:
        if stage and rule.stage != stage:
            continue
        status = "disabled" if rule.id in ruleset.disabled else rule.status
        table.add_row(rule.id, rule.stage, rule.kind, ",".join(rule.langs), status, rule.name, shown(rule.path))
    Console(width=160).print(table)


@rules_app.command("test")
def test_rules(
    paths: Optional[list[str]] = typer.Argument(None, help="Rule files or directories to test; default: the packaged rules."),
    only: Optional[list[str]] = typer.Option(None, "--id", help="Only these rule ids (repeatable or comma-separated)."),
) -> None:
    """Run each rule's own examples: every 'match' example must fire, no 'no_match' example may."""
    try:
        ruleset = load_rules(paths or (), include_defaults=not paths)
    except RuleError as exc:
        raise fail(f"rule error: {exc}")
    only = rule_ids(only or ()) or None  # repeatable or comma-separated, as --disable
    known = {rule.id for rule in ruleset.rules}
    unknown = sorted(set(only or ()) - known)
    if unknown:
        where = "the rules in " + ", ".join(paths) if paths else "the packaged rules"
        raise fail(f"--id names no rule of {where}: {', '.join(unknown)} (see 'cleaner rules list')")
    results = run_examples(ruleset, only)
    failed = [(rule, example, problem) for rule, example, problem in results if problem]
    for rule, example, problem in failed:
        typer.echo(f"FAIL {rule.id} ({shown(rule.path)}): {'match' if example.should_match else 'no_match'} example {problem}")
    typer.echo(f"{len(results) - len(failed)} passed, {len(failed)} failed")
    raise typer.Exit(EXIT_FAILED if failed else EXIT_OK)
