"""GitHub Actions workflow commands: an error per failed check and unreadable record (pointing at the file
and line when it is known), a warning per low-scoring document among the worst, and a notice with the summary."""

from __future__ import annotations


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def _location(where: str) -> str:
    """``file:line`` (a JSONL record) or a file; anything else (standard input) gets no location."""
    name, _, line = where.rpartition(":")
    if name and line.isdigit() and name != "<stdin>":
        return f"file={_prop(name)},line={line},"
    return "" if where.startswith("<") or where == "?" else f"file={_prop(where)},"


def render(report: dict) -> str:
    lines = []
    for check in report["checks"]:
        if not check["passed"]:
            lines.append(f"::error title={_prop('cleaner check: ' + check['name'])}::{_data(check['message'])}")
    for bad in report["documents"]["bad_examples"]:
        lines.append(f"::error {_location(bad['where'])}title=unreadable record::{_data(bad['error'])}")
    cutoff = report["scores"]["min_score"]
    for doc in report["worst"]:
        if doc["score"] < cutoff:
            why = "; ".join(r.get("why") or r.get("signal", "") for r in doc["reasons"]) or "no reasons recorded"
            title = _prop(f"low score {doc['score']:.2f}: {doc['doc']}")
            lines.append(f"::warning {_location(doc['where'])}title={title}::{_data(why)}")
    docs, scores = report["documents"], report["scores"]
    mean = "n/a" if scores["mean"] is None else f"{scores['mean']:.3f}"
    failed = sum(not c["passed"] for c in report["checks"])
    lines.append(
        f"::notice title=cleaner check {report['status']}::{docs['checked']} documents, mean score {mean}, "
        f"{failed} of {len(report['checks'])} check(s) failed, {docs['bad']} unreadable record(s)"
    )
    return "\n".join(lines) + "\n"
