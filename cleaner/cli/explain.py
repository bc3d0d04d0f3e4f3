"""What a person reads: each edit and flag with its rule, and a score table."""

from __future__ import annotations

from typing import IO, Iterable

from ..document import Document
from ..surrogates import Escaping


def _clip(text: str, width: int = 90) -> str:
    text = text.replace("\n", "⏎")
    return text if len(text) <= width else text[: width - 1] + "…"


def _named(rule: str, names: dict[str, str] | None) -> str:
    name = (names or {}).get(rule)
    return f"{rule} {name}" if name else rule


def render_explanation(doc: Document, out: IO[str], names: dict[str, str] | None = None) -> None:
    """Edits and flags as tables; ``names`` (rule id → name) puts each rule's name beside its id."""
    from rich.console import Console
    from rich.table import Table

    console = Console(file=Escaping(out), width=140, highlight=False, soft_wrap=False)
    console.rule(f"[bold]{doc.id or 'document'}[/bold]  lang={doc.lang} ({doc.lang_prob:.2f})  score={doc.quality.get('score')}  keep={doc.keep}")
    if doc.error:
        console.print(f"[red]error:[/red] {doc.error}")
    edits = Table(title="Edits (offsets into the text entering each step)", title_justify="left", show_lines=False)
    for column in ("step", "stage", "rule", "kind", "at", "before", "after / note"):
        edits.add_column(column, overflow="fold")
    for e in doc.edits:
        edits.add_row(
            str(e.step), e.stage, _named(e.rule, names), e.kind, f"{e.start}-{e.end}", _clip(e.before) if e.before else "", (e.note if e.step == 0 else _clip(e.after) or e.note or ("(removed)" if e.before else ""))
        )
    console.print(edits)
    if doc.meta:
        for key, value in doc.meta.items():
            console.print(f"meta.{key}: {value}")
    flags = Table(title="Flags (offsets into the cleaned text)", title_justify="left")
    for column in ("type", "rule", "at", "text", "conf", "context / suggestion"):
        flags.add_column(column, overflow="fold")
    for f in sorted(doc.flags, key=lambda f: f.start):
        context = doc.text[max(0, f.start - 30) : f.end + 30]
        extra = f" → {f.suggestion}" if f.suggestion else ""
        flags.add_row(f.type, _named(f.rule, names), f"{f.start}-{f.end}", f.text, f"{f.confidence:.2f}", _clip(context, 70) + extra)
    console.print(flags)
    reasons = doc.quality.get("reasons") or []
    if reasons:
        table = Table(title="Why the score is lower", title_justify="left")
        for column in ("rule", "signal", "value", "threshold", "penalty", "why"):
            table.add_column(column)
        for r in reasons:
            table.add_row(str(r.get("rule")), str(r.get("signal")), str(r.get("value")), str(r.get("threshold")), str(r.get("penalty")), str(r.get("why", "")))
        console.print(table)


def render_score_table(docs: Iterable[Document], out: IO[str]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(file=Escaping(out), width=160, highlight=False)
    table = Table()
    for column in ("id", "lang", "score", "keep", "main reasons"):
        table.add_column(column, overflow="fold")
    for doc in docs:
        reasons = sorted(doc.quality.get("reasons") or [], key=lambda r: -r.get("penalty", 0))
        text = "; ".join(f"{r['signal']}={r['value']} ({r['rule']})" for r in reasons[:3])
        if doc.error:
            text = f"error: {doc.error}"
        score = doc.quality.get("score")
        table.add_row(str(doc.id), str(doc.lang), f"{score:.3f}" if isinstance(score, (int, float)) else "-", "yes" if doc.keep else "no", text)
    console.print(table)
