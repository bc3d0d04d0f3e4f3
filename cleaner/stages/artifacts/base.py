"""What every artifact detector shares: the flag vocabulary, the per-document scan, the rule-kind base.

The scan is built once per document and handed to every detector, so the parts of the text no detector
may judge (URLs, e-mail addresses, handles, hashtags, paragraphs in another language) are found once,
and only where a detector has a candidate: most documents have none, and those pay almost nothing.
"""

from __future__ import annotations

import bisect
import re
from typing import Any

from ...document import Document, Flag
from ...ruleset import Example, Rule, RuleKind
from . import lexicon

FLAG_TYPES = (
    "glued_words",
    "doubled_word",
    "capitalized_anchor",
    "inconsistent_transliteration",
    "spacing_artifact",
    "orphan_punctuation",
    "foreign_agency_credit",
    "literal_rendering",
    "tortured_phrase",
    "source_word_order",
    "lowercase_proper_noun",
    "mojibake",
)

# Text that is an address or a tag, not prose: detectors must not read it as words.
_SKIP = re.compile(
    r"(?:https?://|ftp://|www\.)\S+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|(?<![\w@#])[@#]\w[\w.]*"
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|edu|gov|io|co|uk|de|fr|ru|cn|info|biz|ly|tv|me|eu|us|ca|au|in|jp)\b(?:/\S*)?",
    re.IGNORECASE,
)
# A paragraph with these is code or markup shown as text, where English rules do not hold.
_CODE = re.compile(r"==|!=|\(\)|[{}]|=>|::|__\w|^\s*(?:import|from|def|class|return|for|if|var|let|const|>>>)\s|;\s*$|\$ ", re.MULTILINE)


_PUNCT = re.compile(r"[.,;:!?\"“”‘«»„()\[\]{}<>…*|/\\=+&%$§#@~^]")


class Scan:
    """One document as the detectors see it, with lazily computed views shared between them."""

    __slots__ = ("text", "lang", "doc", "memo", "_para_starts", "_para_lang", "_lower", "_tokens", "_vocab")

    def __init__(self, doc: Document):
        self.doc = doc
        self.text = doc.text
        self.lang = doc.lang
        self._para_starts: list[int] | None = None
        self._para_lang: dict[int, str | None] = {}
        self._lower: str | None = None
        self._tokens: list[str] | None = None
        self._vocab: frozenset[str] | None = None
        self.memo: dict[str, object] = {}  # work one detector does that another of its kind can reuse

    @property
    def lower(self) -> str:
        """The text in lower case, with the same offsets as the text."""
        if self._lower is None:
            lower = self.text.lower()
            if len(lower) != len(self.text):  # a few letters (İ) lower to two characters: keep offsets
                lower = "".join(c if len(c.lower()) != 1 else c.lower() for c in self.text)
            self._lower = lower
        return self._lower

    @property
    def tokens(self) -> list[str]:
        """The lower-cased words, punctuation dropped (apostrophes and hyphens kept): one cheap full pass.

        Detectors use them to decide whether a document has a candidate at all; only then do they run
        the regular expression that finds exact spans.
        """
        if self._tokens is None:
            self._tokens = _PUNCT.sub(" ", self.lower).split()
        return self._tokens

    @property
    def vocab(self) -> frozenset[str]:
        """The distinct tokens: 'does the text use this word at all' in constant time."""
        if self._vocab is None:
            self._vocab = frozenset(self.tokens)
        return self._vocab

    def has_word(self, word: str) -> bool:
        """Whether ``word`` (lower case) occurs in the text as a whole word."""
        lower = self.lower
        at = lower.find(word)
        while at >= 0:
            end = at + len(word)
            if (at == 0 or not lower[at - 1].isalnum()) and (end == len(lower) or not lower[end].isalnum()):
                return True
            at = lower.find(word, at + 1)
        return False

    def in_markup(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` touches a URL, e-mail address, handle or hashtag.

        Addresses and tags contain no white space, so only the chunk of text around the span is read.
        """
        text = self.text
        left = max(text.rfind(" ", 0, start), text.rfind("\n", 0, start), text.rfind("\t", 0, start)) + 1
        right = min((i for i in (text.find(" ", end), text.find("\n", end), text.find("\t", end)) if i >= 0), default=len(text))
        return any(m.start() < end and start < m.end() for m in _SKIP.finditer(text, left, right))

    def paragraph(self, pos: int) -> tuple[int, int]:
        if self._para_starts is None:
            self._para_starts = [0] + [m.end() for m in re.finditer(r"\n", self.text)]
        i = bisect.bisect_right(self._para_starts, pos) - 1
        start = self._para_starts[i]
        end = self._para_starts[i + 1] - 1 if i + 1 < len(self._para_starts) else len(self.text)
        return start, end

    def paragraph_lang(self, pos: int) -> str | None:
        """The language of the paragraph around ``pos`` (None for code): its own if clear, else the document's."""
        start, end = self.paragraph(pos)
        if start not in self._para_lang:
            paragraph = self.text[start:end]
            self._para_lang[start] = None if _CODE.search(paragraph) else lexicon.guess_language(paragraph, self.lang)
        return self._para_lang[start]

    def usable(self, start: int, end: int, langs: tuple[str, ...]) -> bool:
        """A candidate span may be judged: it is prose, and in a language the rule is written for."""
        if self.in_markup(start, end):
            return False
        lang = self.paragraph_lang(start)
        return lang is not None and ("*" in langs or lang in langs)


# Every artifact rule says how much one right flag of it tells about the document, as opposed to a
# writer's slip: for MT types, that the text was machine-translated or link-stripped; for damage types,
# that the copy was made carelessly. The document verdict weighs the rule's flags by it.
SHARED_FIELDS = {"evidence_weight": (float, True)}


class ArtifactKind(RuleKind):
    """A detector. ``detect`` returns flags with spans into ``scan.text``; it never edits the text.

    ``evidence_weight`` (in [0, 1]) is kept apart from a flag's confidence on purpose: confidence is how
    sure it is that the flagged text has the error its type names; the weight is how often that error
    comes from translation (or careless copying) rather than from the writer. ``the the`` is almost
    always a real error, and almost never a translation's.
    """

    stage = "artifacts"

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.fields = {**SHARED_FIELDS, **cls.fields}

    def __init__(self, rule: Rule):
        super().__init__(rule)
        self.evidence_weight = rule.params["evidence_weight"]
        if not 0.0 <= self.evidence_weight <= 1.0:
            raise self.error("evidence_weight", "must be in [0, 1]")

    def detect(self, scan: Scan) -> list[Flag]:
        raise NotImplementedError

    def usable(self, scan: Scan, start: int, end: int) -> bool:
        return scan.usable(start, end, self.rule.langs)

    def flag(self, scan: Scan, type_: str, start: int, end: int, confidence: float, evidence: str, suggestion: str | None = None) -> Flag:
        return Flag(type_, self.rule.id, start, end, scan.text[start:end], round(confidence, 3), evidence, suggestion)

    def check_type(self, params: dict[str, Any], key: str = "type") -> str:
        if params[key] not in FLAG_TYPES:
            raise self.error(key, f"{params[key]!r} is not a flag type ({', '.join(FLAG_TYPES)})")
        return params[key]

    def compile_regex(self, params: dict[str, Any], key: str, flags: int = 0) -> re.Pattern[str] | None:
        if key not in params:
            return None
        try:
            return re.compile(params[key], flags)
        except re.error as exc:
            raise self.error(key, f"not a valid regular expression: {exc}") from None

    def fires(self, example: Example) -> list[str]:
        lang = example.lang or (self.rule.langs[0] if "*" not in self.rule.langs else "en")
        return [f.text for f in self.detect(Scan(Document(example.text, lang=lang)))]
