"""The score: a product of soft penalties, each a rule in ``rules/quality/`` with its threshold and weight.

A penalty is 0 while its signal is on the good side of ``above``/``below``, grows linearly to ``weight`` at
``full_at``, and the score is the product of ``1 - penalty`` over all rules, so one signal far out of
range can sink a document on its own while several mild ones only add up. Every penalty above zero
becomes a reason, with the value, threshold and the amount it took. Thresholds can differ per language
(``by_lang``), as FineWeb-2 does, because a stop-word share or a word length normal for one language is
abnormal for another.
"""

from __future__ import annotations

from typing import Any

from ...document import Document, Flag
from ...ruleset import Example, RuleKind, register
from .signals import compute_signals

OVERRIDABLE = ("above", "below", "full_at", "weight")


def lang_key(table: dict[str, Any], lang: str | None) -> Any:
    """A per-language entry for ``lang`` ("zh-cn"), falling back to its base language ("zh")."""
    if not lang:
        return None
    found = table.get(lang)
    return found if found is not None else table.get(lang.split("-")[0])


@register
class Penalty(RuleKind):
    """Lower the score when a signal passes a threshold: by up to ``weight``, reached at ``full_at``."""

    stage = "quality"
    kind = "penalty"
    example_keys = frozenset({"span", "notes", "flags"})
    fields = {
        "signal": (str, True),
        "above": ((int, float), False),
        "below": ((int, float), False),
        "full_at": ((int, float), True),
        "weight": ((int, float), True),
        "min_words": (int, False),
        "by_lang": (dict, False),
    }

    def compile(self, params: dict[str, Any]) -> None:
        if ("above" in params) == ("below" in params):
            raise self.error("above", "give exactly one of 'above' or 'below'")
        self.min_words = params.get("min_words", 0)
        self.default = self._limits(params, "weight")
        self.by_lang = {}
        for lang, table in params.get("by_lang", {}).items():
            if not isinstance(table, dict) or not table or set(table) - set(OVERRIDABLE):
                raise self.error("by_lang", f"'{lang}' must be a table of {', '.join(OVERRIDABLE)}")
            if ("above" in table and self.default[0] != "above") or ("below" in table and self.default[0] != "below"):
                raise self.error("by_lang", f"'{lang}' cannot change the direction of the threshold")
            self.by_lang[lang] = self._limits({**params, **table}, f"by_lang.{lang}.weight", allow_zero=True)

    def _limits(self, params: dict[str, Any], where: str, allow_zero: bool = False) -> tuple[str, float, float, float]:
        side = "above" if "above" in params else "below"
        threshold, full_at, weight = float(params[side]), float(params["full_at"]), float(params["weight"])
        if not (0 <= weight <= 1 if allow_zero else 0 < weight <= 1):
            raise self.error(where, "must be in (0, 1] (0 switches the penalty off for a language)")
        if (side == "above" and full_at < threshold) or (side == "below" and full_at > threshold):
            raise self.error("full_at", f"must lie beyond the threshold ({side} {threshold})")
        return side, threshold, full_at, weight

    def limits(self, lang: str | None) -> tuple[str, float, float, float]:
        """(side, threshold, full_at, weight) for a language."""
        return lang_key(self.by_lang, lang) or self.default

    def penalty(self, signals: dict[str, float], lang: str | None) -> float:
        value = signals.get(self.signal)
        if value is None or signals.get("word_count", 0.0) < self.min_words:
            return 0.0
        side, threshold, full_at, weight = self.limits(lang)
        depth = value - threshold if side == "above" else threshold - value
        if depth <= 0 or weight == 0:
            return 0.0
        span = abs(full_at - threshold)
        return weight * (min(1.0, depth / span) if span > 0 else 1.0)

    def signals_for(self, example: Example) -> dict[str, float]:
        """Signals of an example; stop-word signals use the lists of the last stop-word rule loaded."""
        lists = _EXAMPLE_STOPLISTS[-1].stoplist(example.lang) if _EXAMPLE_STOPLISTS else frozenset()
        return compute_signals(example_document(example), lists)

    def fires(self, example: Example) -> list[str]:
        return [self.signal] if self.penalty(self.signals_for(example), example.lang) > 0 else []


@register
class StopWordPenalty(Penalty):
    """A penalty on a stop-word signal, carrying the stop-word lists themselves (jusText's, per language).

    The lists are jusText's, derived from Wikipedia for 100 languages; ``lists`` maps our language codes
    to jusText's list names. They are read on first use of a language, lower-cased, with punctuation
    stripped and multi-word entries dropped.
    """

    kind = "stopwords"
    fields = {**Penalty.fields, "lists": (dict, True)}

    def compile(self, params: dict[str, Any]) -> None:
        super().compile(params)
        import justext

        known = set(justext.get_stoplists())
        for lang, name in params["lists"].items():
            if name not in known:
                raise self.error("lists", f"{lang} = {name!r} is not a jusText stop-word list")
        self.lists: dict[str, str] = dict(params["lists"])
        self._loaded: dict[str, frozenset[str]] = {}
        _EXAMPLE_STOPLISTS[:] = [self]

    def stoplist(self, lang: str | None) -> frozenset[str]:
        name = lang_key(self.lists, lang)
        if name is None:
            return frozenset()
        if name not in self._loaded:
            import justext

            from .words import core

            words = (core(w).lower() for w in justext.get_stoplist(name))
            self._loaded[name] = frozenset(w for w in words if w and all(c.isalpha() or c in "'’-" for c in w))
        return self._loaded[name]

    def signals_for(self, example: Example) -> dict[str, float]:
        return compute_signals(example_document(example), self.stoplist(example.lang))


# The stop-word rule whose lists other rules' examples are computed with (a run uses the stage's own).
_EXAMPLE_STOPLISTS: list[StopWordPenalty] = []


def example_document(example: Example) -> Document:
    """A document for a rule example: its text and language, plus the ``notes`` and ``flags`` it names
    (so rules on other stages' findings can be shown working)."""
    doc = Document(example.text, lang=example.lang or "en", lang_prob=1.0)
    doc.notes.update(example.expect.get("notes", {}))
    for flag in example.expect.get("flags", []):
        at = example.text.index(flag["text"])
        doc.add_flag(Flag(flag["type"], "example", at, at + len(flag["text"]), flag["text"]))
    return doc


def combine(signals: dict[str, float], lang: str | None, penalties: list[Penalty]) -> tuple[float, list[dict[str, Any]]]:
    """The score and one reason per penalty that lowered it, in rule order."""
    score = 1.0
    reasons = []
    for kind in penalties:
        if not kind.rule.applies_to(lang):
            continue
        cut = kind.penalty(signals, lang)
        if cut <= 0:
            continue
        score *= 1.0 - cut
        side, threshold, full_at, _ = kind.limits(lang)
        reasons.append(
            {
                "rule": kind.rule.id,
                "signal": kind.signal,
                "value": round(signals[kind.signal], 4),
                "threshold": threshold,
                "side": side,
                "full_at": full_at,
                "penalty": round(cut, 4),
                "why": kind.rule.name,
            }
        )
    return score, reasons
