"""What every stage shares: the rules it was given, compiled once, and the ``run(doc)`` contract."""

from __future__ import annotations

from typing import ClassVar

from ..config import Config
from ..document import Document
from ..ruleset import RuleKind, RuleSet


class Stage:
    """One step of the pipeline. ``run`` reads the document and adds to it; it never returns a new one.

    A stage is built once per :class:`~cleaner.Cleaner` and called for millions of documents, so all
    per-rule work (regex compilation, table building) belongs in ``__init__`` or in the rule kinds.
    """

    name: ClassVar[str]

    def __init__(self, ruleset: RuleSet, config: Config):
        self.config = config
        self.ruleset = ruleset
        self.rules: list[RuleKind] = ruleset.for_stage(self.name)

    def run(self, doc: Document) -> None:
        raise NotImplementedError
