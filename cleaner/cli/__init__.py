"""The ``cleaner`` command. The CLI only builds settings, checks them and calls the library.

Exit status: 0 all went well; 1 some records could not be cleaned (they are still written, with an
``error`` field) or, for ``check``, a threshold was breached; 2 usage or input errors (missing path, bad
rule file, bad settings).
"""

from __future__ import annotations

import sys
from enum import Enum
from typing import Optional

import typer

from .. import __version__
from ..config import Config, load_config, rule_ids
from ..ruleset import RuleError

app = typer.Typer(
    name="cleaner",
    help="Turn scraped web text into clean, trustworthy text: repair mojibake, remove boilerplate, flag "
    "machine-translation artifacts and score quality. Every change is explained (--explain).",
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
rules_app = typer.Typer(help="List and test rules (the packaged ones and your own).", no_args_is_help=True)
app.add_typer(rules_app, name="rules")

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

RulesOpt = typer.Option(None, "--rules", help="Extra rule file or directory (repeatable); a rule with a packaged id replaces it.")
DisableOpt = typer.Option(None, "--disable", help="Rule id to switch off (repeatable or comma-separated), e.g. --disable BP010,BP011.")
ConfigOpt = typer.Option(None, "--config", help="Settings file (TOML, or a pyproject.toml with \\[tool.cleaner]). Default: the nearest pyproject.toml.")
PathsArg = typer.Argument(..., help="Files or directories (.txt, .html/.htm, .jsonl, and each of them gzipped as .gz); '-' reads standard input.")
WorkersOpt = typer.Option(1, "--workers", "-j", min=1, help="Worker processes; output order and content do not depend on it.")


class StdinFormat(str, Enum):
    text = "text"
    html = "html"
    jsonl = "jsonl"


StdinOpt = typer.Option(StdinFormat.text, "--stdin-format", help="How to read '-'.")


def fail(message: str, code: int = EXIT_USAGE) -> typer.Exit:
    typer.echo(f"cleaner: {message}", err=True)
    return typer.Exit(code)


def settings(config: Optional[str], rules: Optional[list[str]], disable: Optional[list[str]], **options) -> Config:
    """Packaged defaults < settings file < command line."""
    try:
        base = load_config(config)
    except ValueError as exc:
        raise fail(str(exc))
    extra_rules = tuple(base.rules) + tuple(rules or ())
    disabled = tuple(base.disable) + rule_ids(disable or ())
    return base.with_options(rules=extra_rules, disable=disabled, **options)


def build_cleaner(cfg: Config):
    from ..pipeline import Cleaner

    try:
        return Cleaner(cfg)
    except RuleError as exc:
        raise fail(f"rule error: {exc}")


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"cleaner {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=version_callback, is_eager=True, help="Show the version and exit."),
) -> None:
    pass


from . import clean as _clean  # noqa: E402,F401  (registers the commands)
from . import check as _check  # noqa: E402,F401
from . import rules as _rules  # noqa: E402,F401


def main() -> None:
    try:
        app()
    except BrokenPipeError:  # `cleaner clean ... | head` is normal use
        sys.stderr.close()
        sys.exit(EXIT_OK)
