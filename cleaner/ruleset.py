"""Rules are data: TOML files under ``rules/``, validated on load, each carrying its own examples.

A rule file holds one or more ``[[rule]]`` tables. Every rule names a ``stage`` and a ``kind``; the kind is a
Python class registered by that stage (a whitelist, like ftfy's ``FIXERS``), which validates the rule's own
fields, compiles them once, and knows how to run one example. Nothing in a rule file is executed as code.

The common fields are checked here; the kind checks the rest, and an unknown field is an error, so a typo
in a rule file is reported with the file, the rule id and the field instead of being silently ignored.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Iterable

from .langcodes import rule_language_problem

STAGES = ("decode", "extract", "repair", "language", "boilerplate", "artifacts", "quality")
ID_PREFIXES = {"decode": "DC", "extract": "EX", "repair": "RP", "language": "LG", "boilerplate": "BP", "artifacts": "MT", "quality": "QS"}
STATUSES = ("stable", "preview", "deprecated")
ID_RE = re.compile(r"^[A-Z]{2}\d{3}$")
COMMON_FIELDS = {"id", "name", "stage", "kind", "why", "langs", "status", "examples", "aliases"}


class RuleError(ValueError):
    """A rule file is malformed. The message names the file, the rule id and the field."""


@dataclass(frozen=True)
class Example:
    """One example of a rule: a text, whether the rule must fire on it, and optional expectations.

    ``expect`` holds kind-specific keys, e.g. ``span`` (the text the rule must mark) or ``fixed`` (the text
    after the rule's fix).
    """

    text: str
    should_match: bool
    expect: dict[str, Any] = field(default_factory=dict)
    lang: str | None = None


def shown(path: Path) -> str:
    """A rule file as messages name it: under the packaged rules by its place there
    (``boilerplate/comments.toml``), else relative to the working directory when it lies below it, so
    two files of the same name in different folders are told apart."""
    path = Path(path)
    try:
        bases = (default_rules_dir(), Path.cwd())
    except OSError:  # the working directory is gone
        bases = (default_rules_dir(),)
    for base in bases:
        try:
            return path.resolve().relative_to(base.resolve()).as_posix()
        except (ValueError, OSError):
            continue
    return str(path)


@dataclass
class Rule:
    id: str
    name: str
    stage: str
    kind: str
    why: str
    langs: tuple[str, ...]
    status: str
    params: dict[str, Any]
    examples: list[Example]
    path: Path
    aliases: tuple[str, ...] = ()

    def applies_to(self, lang: str | None) -> bool:
        return "*" in self.langs or (lang is not None and lang in self.langs)

    @property
    def where(self) -> str:
        return f"{shown(self.path)}: {self.id}"


class RuleKind:
    """Base for the Python half of a rule kind. Subclasses set ``stage``, ``kind`` and ``fields``.

    ``fields`` maps each kind-specific field to ``(type, required)``. Each required field is an attribute
    of the same name before ``compile`` runs (most are thresholds used as given), so ``compile`` only
    handles what needs turning into something else. ``compile`` runs once per rule when a
    :class:`~cleaner.Cleaner` is built; ``check_example`` returns ``None`` when the example holds, or a
    sentence saying what went wrong.
    """

    stage: ClassVar[str]
    kind: ClassVar[str]
    fields: ClassVar[dict[str, tuple[type | tuple[type, ...], bool]]] = {}
    # the keys an example table may carry besides ``text`` and ``lang``: what ``check_example`` reads
    example_keys: ClassVar[frozenset[str]] = frozenset({"span"})

    def __init__(self, rule: Rule):
        self.rule = rule
        for name, (_, required) in self.fields.items():
            if required:
                setattr(self, name, rule.params[name])
        self.compile(rule.params)

    def compile(self, params: dict[str, Any]) -> None:
        """Turn the rule's fields into whatever the stage needs at run time; raise RuleError if invalid."""

    def fires(self, example: Example) -> list[str]:
        """The pieces of text the rule would act on in ``example.text`` (empty: it does not fire)."""
        raise NotImplementedError

    def check_example(self, example: Example) -> str | None:
        hits = self.fires(example)
        if example.should_match and not hits:
            return f"does not fire on {example.text!r}"
        if not example.should_match and hits:
            return f"fires on {hits[0]!r} in {example.text!r}, which it must not"
        span = example.expect.get("span")
        if example.should_match and span is not None and span not in hits:
            return f"marks {hits!r}, expected {span!r}"
        return None

    def error(self, field_name: str, message: str) -> RuleError:
        return RuleError(f"{self.rule.where}: field '{field_name}': {message}")


KINDS: dict[tuple[str, str], type[RuleKind]] = {}


def register(cls: type[RuleKind]) -> type[RuleKind]:
    """Class decorator: make a rule kind available to rule files."""
    key = (cls.stage, cls.kind)
    if key in KINDS and KINDS[key] is not cls:
        raise RuntimeError(f"rule kind {key} registered twice")
    KINDS[key] = cls
    return cls


def default_rules_dir() -> Path:
    """The rules shipped with the package (a wheel) or beside it (a checkout)."""
    here = Path(__file__).resolve().parent
    packaged = here / "_rules"
    return packaged if packaged.is_dir() else here.parent / "rules"


@dataclass
class RuleSet:
    rules: list[Rule]
    disabled: frozenset[str] = frozenset()
    _kinds: dict[str, RuleKind] = field(default_factory=dict, repr=False)

    def enabled(self, stage: str) -> list[Rule]:
        return [r for r in self.rules if r.stage == stage and r.id not in self.disabled]

    def compiled(self, rule: Rule) -> RuleKind:
        kind = self._kinds.get(rule.id)
        if kind is None:
            kind = self._kinds[rule.id] = KINDS[(rule.stage, rule.kind)](rule)
        return kind

    def for_stage(self, stage: str) -> list[RuleKind]:
        """Compiled rules of one stage, in file order (order can matter and must be deterministic)."""
        return [self.compiled(r) for r in self.enabled(stage)]

    def get(self, rule_id: str) -> Rule:
        for rule in self.rules:
            if rule.id == rule_id or rule_id in rule.aliases:
                return rule
        raise KeyError(rule_id)


def load_rules(
    extra_dirs: Iterable[str | Path] = (), disabled: Iterable[str] = (), *, include_defaults: bool = True
) -> RuleSet:
    """Load and validate the default rules plus any user directories or files.

    A user rule with the id of a default rule replaces it, so a rule can be tuned without forking the pack.
    """
    _import_kinds()
    by_id: dict[str, Rule] = {}
    if include_defaults:
        by_id.update(_load_pack(sorted(default_rules_dir().rglob("*.toml"))))
    user_paths: list[Path] = []
    for extra in extra_dirs:
        extra = Path(extra)
        if extra.is_dir():
            user_paths.extend(sorted(extra.rglob("*.toml")))
        elif extra.is_file():
            user_paths.append(extra)
        else:
            raise RuleError(f"{extra}: no such rule file or directory")
    by_id.update(_load_pack(user_paths))
    disabled_set = frozenset(disabled)
    unknown = sorted(d for d in disabled_set if d not in by_id)
    if unknown:
        raise RuleError(
            f"disable names unknown rule id(s): {', '.join(unknown)} (from --disable, the settings file's 'disable' or "
            "Cleaner(disable=...); see 'cleaner rules list')"
        )
    ruleset = RuleSet(list(by_id.values()), disabled_set)
    for rule in ruleset.rules:  # compile now: a bad pattern fails at load time, not mid-run
        ruleset.compiled(rule)
    return ruleset


def _load_pack(paths: list[Path]) -> dict[str, Rule]:
    """Rules of one pack (the defaults, or the user's) by id; an id may appear once in a pack."""
    by_id: dict[str, Rule] = {}
    for path in paths:
        for rule in parse_rule_file(path):
            previous = by_id.get(rule.id)
            if previous is not None:
                raise RuleError(f"{shown(path)}: rule id {rule.id} is already used in {shown(previous.path)}")
            by_id[rule.id] = rule
    return by_id


def parse_rule_file(path: Path) -> list[Rule]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise RuleError(f"{shown(path)}: not valid TOML: {exc}") from None
    unknown_top = set(data) - {"rule"}
    if unknown_top:
        raise RuleError(f"{shown(path)}: unknown top-level key(s) {sorted(unknown_top)}; rules go in [[rule]] tables")
    tables = data.get("rule", [])
    if not isinstance(tables, list) or not tables:
        raise RuleError(f"{shown(path)}: no [[rule]] tables")
    named = shown(path)
    return [_parse_rule(path, named, table) for table in tables]


_TYPE_NAMES = {str: "a string", int: "an integer", float: "a decimal number (like 0.5)", bool: "true or false", list: "a list", dict: "a table"}


def _parse_rule(path: Path, named: str, t: dict[str, Any]) -> Rule:
    rid = t.get("id", "?")
    where = f"{named}: {rid}"

    def need(name: str, typ: type) -> Any:
        if name not in t:
            raise RuleError(f"{where}: field '{name}' is required")
        if not isinstance(t[name], typ):
            raise RuleError(f"{where}: field '{name}' must be a {typ.__name__}")
        return t[name]

    need("id", str)
    if not ID_RE.match(rid):
        raise RuleError(f"{where}: field 'id' must be two capitals and three digits, like BP001")
    name, stage, kind, why = need("name", str), need("stage", str), need("kind", str), need("why", str)
    if stage not in STAGES:
        raise RuleError(f"{where}: field 'stage': {stage!r} is not one of {', '.join(STAGES)}")
    if not rid.startswith(ID_PREFIXES[stage]):
        raise RuleError(f"{where}: field 'id': the id of a {stage} rule starts with {ID_PREFIXES[stage]} (like {ID_PREFIXES[stage]}{rid[2:]})")
    kind_cls = KINDS.get((stage, kind))
    if kind_cls is None:
        known = sorted(k for s, k in KINDS if s == stage)
        raise RuleError(f"{where}: field 'kind': {kind!r} is not a rule kind of stage {stage!r} (its kinds: {', '.join(known)})")
    langs = t.get("langs", ["*"])
    if not (isinstance(langs, list) and langs and all(isinstance(x, str) for x in langs)):
        raise RuleError(f"{where}: field 'langs' must be a non-empty list of language codes or [\"*\"]")
    for lang in langs:
        problem = rule_language_problem(lang)
        if problem:
            raise RuleError(f"{where}: field 'langs': {problem}")
    status = t.get("status", "stable")
    if status not in STATUSES:
        raise RuleError(f"{where}: field 'status' must be one of {', '.join(STATUSES)}")
    aliases = t.get("aliases", [])
    if not isinstance(aliases, list):
        raise RuleError(f"{where}: field 'aliases' must be a list")
    params = {k: v for k, v in t.items() if k not in COMMON_FIELDS}
    for key, value in params.items():
        spec = kind_cls.fields.get(key)
        if spec is None:
            allowed = ", ".join(sorted(kind_cls.fields)) or "none"
            raise RuleError(f"{where}: field '{key}' is not known to kind {kind!r} (its fields: {allowed})")
        if not isinstance(value, spec[0]):
            wanted = " or ".join(_TYPE_NAMES.get(t, t.__name__) for t in (spec[0] if isinstance(spec[0], tuple) else (spec[0],)))
            raise RuleError(f"{where}: field '{key}' must be {wanted}, not {_TYPE_NAMES.get(type(value), type(value).__name__)}")
    for key, (_, required) in kind_cls.fields.items():
        if required and key not in params:
            raise RuleError(f"{where}: field '{key}' is required by kind {kind!r}")
    examples = _parse_examples(where, t.get("examples"))
    return Rule(rid, name, stage, kind, why.strip(), tuple(langs), status, params, examples, path, tuple(aliases))


def _parse_examples(where: str, ex: Any) -> list[Example]:
    if not isinstance(ex, dict) or not ex.get("match") or not ex.get("no_match"):
        raise RuleError(f"{where}: field 'examples' needs at least one 'match' and one 'no_match' example")
    unknown = set(ex) - {"match", "no_match"}
    if unknown:
        raise RuleError(f"{where}: field 'examples' has unknown key(s) {sorted(unknown)}")
    out = []
    for key, should in (("match", True), ("no_match", False)):
        for item in ex[key]:
            if isinstance(item, str):
                out.append(Example(item, should))
            elif isinstance(item, dict) and isinstance(item.get("text"), str):
                extra = {k: v for k, v in item.items() if k not in ("text", "lang")}
                out.append(Example(item["text"], should, extra, item.get("lang")))
            else:
                raise RuleError(f"{where}: field 'examples.{key}': each example is a string or a table with 'text'")
    return out


def run_examples(ruleset: RuleSet, only: Iterable[str] | None = None) -> list[tuple[Rule, Example, str | None]]:
    """Run every example of every rule (or of the rules named): (rule, example, failure or None)."""
    wanted = set(only) if only else None
    results = []
    for rule in ruleset.rules:
        if wanted is not None and rule.id not in wanted:
            continue
        kind = ruleset.compiled(rule)
        for example in rule.examples:
            unknown = sorted(set(example.expect) - kind.example_keys)
            if unknown:
                reads = ", ".join(sorted(kind.example_keys))
                results.append((rule, example, f"has unknown key(s) {unknown}; examples of kind {rule.kind!r} read: text, lang, {reads}"))
            else:
                results.append((rule, example, kind.check_example(example)))
    return results


def _import_kinds() -> None:
    """Importing the stages registers their rule kinds."""
    from . import stages  # noqa: F401
