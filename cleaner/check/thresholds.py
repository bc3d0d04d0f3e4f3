"""The limits a batch must hold, where each comes from, and the verdict on each.

Settings come from ``[tool.cleaner.check]`` in a pyproject.toml or the ``[check]`` table of a ``--config``
file, overlaid by the command line. A limit that is not set is not checked: the report lists exactly the
checks that ran, so a passing run never means "nothing was looked at" without saying so.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from typing import Any, Callable


class SettingsError(ValueError):
    """A check setting that cannot be used: a usage error (exit status 2)."""


@dataclass(frozen=True)
class CheckSettings:
    """min_score: a document scoring below it is 'low'. The ``max_*`` limits are shares of checked documents
    (0..1) that must not be exceeded; ``min_mean_score`` is a floor on the mean score; ``require_lang`` lists
    the languages a batch may contain, with ``max_other_lang_share`` of documents allowed in others.
    ``tolerance`` is how far a figure may move against ``--baseline`` before it counts as a regression."""

    min_score: float | None = None
    min_mean_score: float | None = None
    max_low_share: float | None = None
    max_mojibake_share: float | None = None
    max_boilerplate_share: float | None = None
    max_mt_share: float | None = None
    max_duplicate_share: float | None = None
    require_lang: tuple[str, ...] = ()
    max_other_lang_share: float = 0.0
    tolerance: float = 0.02
    worst: int = 10
    near_duplicate_threshold: float = 0.8
    num_perm: int = 128
    shingle_words: int = 5
    passage_min_words: int = 8
    index_limit: int = 1_000_000

    @classmethod
    def from_table(cls, table: dict[str, Any], source: str) -> "CheckSettings":
        known = {f.name for f in fields(cls)}
        values: dict[str, Any] = {}
        for key, value in table.items():
            name = key.replace("-", "_")
            if name not in known:
                raise SettingsError(f"{source}: unknown check setting '{key}' (known: {', '.join(sorted(k.replace('_', '-') for k in known))})")
            values[name] = value
        return cls().overlay(**values)

    def overlay(self, **options: Any) -> "CheckSettings":
        """Options actually given (None or empty means 'not given'), checked for range and type."""
        given = {k: v for k, v in options.items() if v is not None and v != () and v != []}
        if "require_lang" in given:
            given["require_lang"] = _languages(given["require_lang"])
        out = replace(self, **given)
        out.validate()
        return out

    def validate(self) -> None:
        shares = ("min_score", "min_mean_score", "max_low_share", "max_mojibake_share", "max_boilerplate_share", "max_mt_share",
                  "max_duplicate_share", "max_other_lang_share", "tolerance", "near_duplicate_threshold")
        for name in shares:
            value = getattr(self, name)
            if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1):
                raise SettingsError(f"{name.replace('_', '-')} must be a number from 0 to 1, got {value!r}")
        for name, low in (("worst", 0), ("num_perm", 16), ("shingle_words", 1), ("passage_min_words", 2), ("index_limit", 1)):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < low:
                raise SettingsError(f"{name.replace('_', '-')} must be a whole number of at least {low}, got {value!r}")

    def limits(self) -> dict[str, Any]:
        return {f.name.replace("_", "-"): getattr(self, f.name) for f in fields(self) if f.name.startswith(("max_", "min_mean", "require"))}


def _languages(value: Any) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else list(value)
    out = []
    for item in items:
        if not isinstance(item, str):
            raise SettingsError(f"require-lang takes language codes, got {item!r}")
        out.extend(code.strip() for code in item.split(",") if code.strip())
    return tuple(dict.fromkeys(out))


@dataclass(frozen=True)
class Limit:
    """One threshold: the option that sets it, the report figure it bounds, and what the figure means."""

    option: str
    metric: str
    what: str
    read: Callable[[dict], float | None]
    floor: bool = False  # True: the figure must not fall below the limit; False: must not exceed it
    needs: tuple[str, ...] = field(default=())  # signals the figure is computed from


LIMITS = (
    Limit("min-mean-score", "scores.mean", "mean quality score", lambda r: r["scores"]["mean"], floor=True, needs=("score",)),
    Limit("max-low-share", "scores.below_min_share", "share of documents scoring below min-score", lambda r: r["scores"]["below_min_share"], needs=("score",)),
    Limit("max-mojibake-share", "mojibake.left_share", "share of documents with mojibake left after repair", lambda r: r["mojibake"]["left_share"], needs=("mojibake_left",)),
    Limit("max-boilerplate-share", "boilerplate.mean_share", "mean share of a document removed as boilerplate", lambda r: r["boilerplate"]["mean_share"], needs=("boilerplate_share",)),
    Limit("max-mt-share", "mt.share", "share of documents suspected to be machine translations", lambda r: r["mt"]["share"], needs=("mt_suspected",)),
    Limit("max-duplicate-share", "duplicates.share", "share of documents that duplicate an earlier one (exact or near)", lambda r: r["duplicates"]["share"]),
)


def other_lang_share(report: dict, allowed: tuple[str, ...]) -> float:
    """Languages compare by their primary code, in the form the pipeline gives a record's language
    (``EN`` and ``en-US`` are ``en``; ``zh`` allows both ``zh-cn`` and ``zh-tw``)."""
    from ..langcodes import language_code

    wanted = {language_code(code).split("-")[0] for code in allowed}
    n = report["documents"]["checked"]
    other = sum(count for lang, count in report["languages"].items() if str(lang).split("-")[0] not in wanted)
    return other / n if n else 0.0


def evaluate(report: dict, settings: CheckSettings) -> list[dict[str, Any]]:
    """One verdict per limit that is set. A limit on a signal no document carried fails: it could not be checked."""
    out = []
    checked = report["documents"]["checked"]
    missing = report.get("missing_signals", {})
    for limit in LIMITS:
        bound = getattr(settings, limit.option.replace("-", "_"))
        if bound is None:
            continue
        absent = [s for s in limit.needs if checked and missing.get(s, 0) >= checked]
        value = limit.read(report) if checked else None  # an empty batch must not pass a gate by having nothing wrong
        if absent or value is None:
            why = f"signal '{absent[0]}' is missing from every record" if absent else "no document could be measured"
            out.append(verdict("threshold", limit.option, limit.metric, None, bound, "≥" if limit.floor else "≤", False, f"{limit.option}: cannot be checked: {why}"))
            continue
        passed = value >= bound if limit.floor else value <= bound
        op = "≥" if limit.floor else "≤"
        bad_op = "<" if limit.floor else ">"
        message = f"{limit.option}: {limit.what} is {value:.4g} {op if passed else bad_op} {bound:g}"
        out.append(verdict("threshold", limit.option, limit.metric, value, bound, op, passed, message))
    if settings.require_lang:
        bound = settings.max_other_lang_share
        langs = ", ".join(settings.require_lang)
        if not checked:
            out.append(verdict("threshold", "require-lang", "languages", None, bound, "≤", False, "require-lang: cannot be checked: no document could be measured"))
        else:
            value = other_lang_share(report, settings.require_lang)
            passed = value <= bound
            message = f"require-lang: share of documents not in {langs} is {value:.4g} {'≤' if passed else '>'} {bound:g}"
            out.append(verdict("threshold", "require-lang", "languages", value, bound, "≤", passed, message))
    return out


def verdict(kind: str, name: str, metric: str, value: float | None, limit: float, op: str, passed: bool, message: str) -> dict[str, Any]:
    return {"kind": kind, "name": name, "metric": metric, "value": value, "limit": limit, "op": op, "passed": passed, "message": message}
