"""Settings that are not rules: packaged defaults, overlaid by ``[tool.cleaner]`` in a pyproject.toml or a
``--config`` file, overlaid by command-line options. A partial file only overrides the keys it sets."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Iterable


@dataclass(frozen=True)
class Config:
    """Pipeline settings.

    rules: extra rule files or directories, loaded after the packaged rules (same id replaces).
    disable: rule ids switched off.
    min_score: documents scoring below it are written with ``keep: false`` (and their reasons).
    max_chars: longest text the repair stage searches for damage; the rest is kept, flagged ``unexamined``.
    max_html_bytes: longest HTML handed to the extractor; a larger page gives its text by ``trafilatura.html2txt``, all of it.
    max_input_bytes: largest input read (a file, decompressed, or one JSON line); a larger one is not read but
        written out with an ``error``, so one huge file or a gzip bomb cannot exhaust the memory of a run.
    learn_sites: per-site learning (off by default): before cleaning, learn the lines repeated across the
        pages of each site (records' ``url``) and remove them (rule BP706). Needs input that can be read
        twice; see docs/boilerplate.md.
    check: the limits of ``cleaner check`` (``[tool.cleaner.check]``; see docs/check.md).
    """

    rules: tuple[str, ...] = ()
    disable: tuple[str, ...] = ()
    min_score: float = 0.5
    max_chars: int = 2_000_000
    max_html_bytes: int = 5_000_000
    max_input_bytes: int = 20_000_000
    learn_sites: bool = False
    check: dict[str, Any] = field(default_factory=dict)

    def with_options(self, **options: Any) -> "Config":
        """Overlay options that were actually given (None means 'not given'), checked as strictly as the
        settings file: ``Cleaner(disable="BP010")`` is one id, not five characters."""
        given = {k: v for k, v in options.items() if v is not None and v != ()}
        return replace(self, **_coerce(given, "option")) if given else self


def rule_ids(given: Iterable[str]) -> tuple[str, ...]:
    """Rule ids as a user writes them, repeated or comma-separated ("BP010,BP011"), in the settings file
    and on the command line alike."""
    return tuple(part.strip() for value in given for part in value.split(",") if part.strip())


def _coerce(data: dict[str, Any], source: str) -> dict[str, Any]:
    known = {f.name: f for f in fields(Config)}
    out: dict[str, Any] = {}
    for key, value in data.items():
        name = key.replace("-", "_")
        if name not in known:
            raise ValueError(f"{source}: unknown setting '{key}' (known: {', '.join(sorted(known))})")
        if name == "learn_sites" and not isinstance(value, bool):
            raise ValueError(f"{source}: '{key}' must be true or false, not {value!r}")
        if name == "min_score" and (isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1):
            raise ValueError(f"{source}: '{key}' must be a number from 0 to 1, not {value!r}")
        if name in ("max_chars", "max_html_bytes", "max_input_bytes") and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
            raise ValueError(f"{source}: '{key}' must be a whole number of at least 1, not {value!r}")
        if name == "check" and not isinstance(value, dict):
            raise ValueError(f"{source}: '{key}' must be a table ([tool.cleaner.check]), not {value!r}")
        if name in ("rules", "disable"):
            if isinstance(value, (str, os.PathLike)):
                value = [value]
            allowed = (str, os.PathLike) if name == "rules" else str  # rule paths may be Path objects
            if not isinstance(value, (list, tuple, set, frozenset)) or not all(isinstance(v, allowed) for v in value):
                raise ValueError(f"{source}: '{key}' must be a list of strings, not {value!r}")
            value = rule_ids(sorted(value) if isinstance(value, (set, frozenset)) else value) if name == "disable" else tuple(map(str, value))
        out[name] = value
    return out


def load_config(path: str | Path | None = None, *, search_from: Path | None = None) -> Config:
    """Read settings from ``path`` (a cleaner TOML file or a pyproject.toml), else from the nearest
    pyproject.toml above ``search_from`` that has a ``[tool.cleaner]`` table; else the defaults."""
    if path is None:
        start = (search_from or Path.cwd()).resolve()
        for folder in (start, *start.parents):
            candidate = folder / "pyproject.toml"
            if candidate.is_file():
                path = candidate
                break
        if path is None:
            return Config()
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ValueError(f"{path}: cannot read settings: {exc}") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("cleaner", {})
    elif isinstance(data.get("tool"), dict) and "cleaner" in data["tool"]:
        others = sorted(set(data) - {"tool"})
        if others:  # one of the two would be ignored without a word
            raise ValueError(f"{path}: settings both in [tool.cleaner] and outside it ({', '.join(others)}): keep one place")
        data = data["tool"]["cleaner"]
    base = Path(path).resolve().parent
    values = _coerce(data, str(path))
    if "rules" in values:  # rule paths in a settings file are relative to that file
        values["rules"] = tuple(str((base / p).resolve()) for p in values["rules"])
    return Config(**values)
