"""Compare a batch with an earlier report, so a crawler change that degrades data fails the check even when
every absolute limit still holds."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .thresholds import verdict

SCHEMA = "cleaner-check/1"

# (name, figure, direction that is worse, what it is)
WATCHED = (
    ("mean-score", "scores.mean", -1, "mean quality score"),
    ("low-share", "scores.below_min_share", +1, "share of documents below min-score"),
    ("boilerplate-share", "boilerplate.mean_share", +1, "mean boilerplate share removed"),
    ("duplicate-share", "duplicates.share", +1, "share of duplicate documents"),
    ("mojibake-share", "mojibake.left_share", +1, "share of documents with mojibake left"),
    ("mt-share", "mt.share", +1, "share of suspected machine translations"),
)


class BaselineError(ValueError):
    """The baseline file cannot be used: a usage error (exit status 2)."""


def load_baseline(path: str) -> dict[str, Any]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise BaselineError(f"--baseline {path}: cannot read: {exc.strerror or exc}") from None
    except json.JSONDecodeError as exc:
        raise BaselineError(f"--baseline {path}: not JSON (line {exc.lineno}): {exc.msg}") from None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise BaselineError(f"--baseline {path}: not a report written by 'cleaner check --report-json' (schema {SCHEMA})")
    if data.get("status") == "error" or not (data.get("documents") or {}).get("checked"):
        raise BaselineError(f"--baseline {path}: that run checked no documents or could not read some (status {data.get('status')!r}); make the baseline from a run that passed or failed")
    return data


def figure(report: dict[str, Any], dotted: str) -> float | None:
    value: Any = report
    for part in dotted.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def compare(report: dict[str, Any], previous: dict[str, Any], tolerance: float) -> list[dict[str, Any]]:
    """One verdict per figure both reports have: it fails when it moved the wrong way by more than the tolerance.
    An empty batch, or a share of low scores measured against another min-score, cannot be compared: that fails
    too, rather than passing a batch nobody could judge."""
    out = []
    if not report["documents"]["checked"]:
        return [verdict("baseline", "baseline", "documents.checked", None, tolerance, "Δ≤", False, "baseline: cannot be compared: no document was checked")]
    for name, dotted, worse, what in WATCHED:
        now, before = figure(report, dotted), figure(previous, dotted)
        if now is None or before is None:
            continue
        if dotted == "scores.below_min_share" and figure(report, "scores.min_score") != figure(previous, "scores.min_score"):
            message = f"baseline {name}: cannot be compared: min-score {figure(previous, 'scores.min_score'):g} then, {figure(report, 'scores.min_score'):g} now"
            out.append(verdict("baseline", f"baseline-{name}", dotted, now, tolerance, "Δ≤", False, message))
            continue
        change = now - before
        passed = round(change * worse, 9) <= tolerance  # 0.1 - 0.08 is 0.020000000000000004, not above 0.02
        direction = "down" if change < 0 else "up"
        message = f"baseline {name}: {what} {before:.4g} → {now:.4g} ({direction} {abs(change):.4g}; tolerance {tolerance:g})"
        result = verdict("baseline", f"baseline-{name}", dotted, now, tolerance, "Δ≤", passed, message)
        result["baseline"] = before
        result["change"] = change
        out.append(result)
    return out
