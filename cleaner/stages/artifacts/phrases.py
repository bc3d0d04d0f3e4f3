"""``literal_rendering`` and ``tortured_phrase``: known calques and spinner substitutions, from a list.

The matcher follows the Problematic Paper Screener's design: phrases are normalised (case, curly
quotes, dashes, spacing), indexed by their rarest-looking (longest) word so that a document containing
none of them costs one set lookup per phrase, matched longest first without overlaps, and
dropped where an allowed collocation contains them. A phrase that is correct English in some topics names ``context_any``: words of which at
least one must occur in the document (``assisted dying`` is a calque of "lethal aid" only near weapons).
"""

from __future__ import annotations

import re
from typing import Any

from ...document import Flag
from ...ruleset import register
from .base import ArtifactKind, Scan

_DASHES = "-‐‑–—"


def _phrase_regex(phrase: str) -> str:
    """A pattern matching the phrase with any spacing, any dash and either apostrophe."""
    out = []
    for word in phrase.lower().split():
        piece = re.escape(word)
        piece = piece.replace(r"\-", f"[{_DASHES}]").replace("'", "['’]").replace("’", "['’]")
        out.append(piece)
    return r"[ \t]+".join(out)


@register
class PhraseList(ArtifactKind):
    kind = "phrase_list"
    fields = {"type": (str, True), "phrases": (list, True), "allow": (list, False), "confidence": (float, True)}

    def compile(self, params: dict[str, Any]) -> None:
        self.type = self.check_type(params)
        self.default_conf = params["confidence"]
        self.entries: list[dict[str, Any]] = []
        for i, entry in enumerate(params["phrases"]):
            if not isinstance(entry, dict) or not isinstance(entry.get("phrase"), str) or not isinstance(entry.get("expected"), str):
                raise self.error("phrases", f"entry {i} needs 'phrase' and 'expected' strings")
            unknown = set(entry) - {"phrase", "expected", "context_any", "confidence"}
            if unknown:
                raise self.error("phrases", f"entry {i} has unknown key(s) {sorted(unknown)}")
            phrase = " ".join(entry["phrase"].lower().replace("’", "'").split())
            if len(phrase.split()) < 2 and "-" not in phrase:
                raise self.error("phrases", f"entry {i}: a single word is not a phrase ({phrase!r})")
            self.entries.append(
                {
                    "phrase": phrase,
                    "pattern": re.compile(_phrase_regex(phrase) + r"(?![\w-])"),
                    "key": max(phrase.split(), key=len),
                    "expected": entry["expected"],
                    "context": tuple(sorted(w.lower() for w in entry.get("context_any", []))),
                    "confidence": float(entry.get("confidence", self.default_conf)),
                }
            )
        self.allow = [re.compile(_phrase_regex(a.lower()) + r"(?![\w-])") for a in params.get("allow", [])]

    def detect(self, scan: Scan) -> list[Flag]:
        lower = scan.lower
        found = []
        for entry in self.entries:
            if entry["key"] in scan.vocab:
                found.extend((m.start(), -m.end(), entry) for m in entry["pattern"].finditer(lower) if _starts_word(lower, m.start()))
        if not found:
            return []
        allowed = [m.span() for a in self.allow for m in a.finditer(lower) if _starts_word(lower, m.start())]
        out: list[Flag] = []
        taken = 0
        for start, neg_end, entry in sorted(found, key=lambda f: (f[0], f[1], f[2]["phrase"])):
            end = -neg_end
            if start < taken or any(s <= start and end <= e for s, e in allowed):
                continue
            context = [w for w in entry["context"] if scan.has_word(w)]
            if entry["context"] and not context:
                continue
            if not self.usable(scan, start, end):
                continue
            taken = end
            text = scan.text[start:end]
            evidence = f"'{text}' is a known {self.type.replace('_', ' ')} of '{entry['expected']}'"
            if context:
                evidence += f" in a text about {'/'.join(context)}"
            out.append(self.flag(scan, self.type, start, end, entry["confidence"], evidence, entry["expected"]))
        return out


def _starts_word(text: str, at: int) -> bool:
    return at == 0 or not (text[at - 1].isalnum() or text[at - 1] == "-")
