"""``glued_words``: two words fused where a link was flattened without its surrounding spaces.

A token wordfreq has never seen that splits into two words it knows well (``Kremlinstatements``,
``Ukrainewhich``) is the trace. Real words wordfreq lacks are the risk, so a split must also be
plausible: a capitalised first half (a link's text is usually a name) that the document uses on its
own or that is followed by a word starting a clause (``which``, ``it’s``), no productive prefix or
suffix, a token the document does not repeat, and no capitalised neighbour that would make it part of
a name.
"""

from __future__ import annotations

import re
from typing import Any

from ...document import Flag
from ...ruleset import register
from . import lexicon
from .base import ArtifactKind, Scan

# CamelCase, handles, hashtags, paths and dotted names never match: the token must stand alone.
_TOKEN = re.compile(r"(?<![\w@#/.\-'’])[A-Za-z][a-z]{4,}(?:['’][a-z]+)?(?![\w@/\-]|\.\w)")
_CAPITALISED = re.compile(r"[A-Z][\w’'-]*")


@register
class GluedWords(ArtifactKind):
    kind = "glued_words"
    fields = {
        "min_length": (int, True),
        "min_zipf": (float, True),
        "capitalised_head_zipf": (float, True),
        "short_tails": (list, True),
        "joining_tails": (list, True),
        "prefixes": (list, True),
        "suffixes": (list, True),
        "allow": (list, False),
        "confidence": (float, True),
        "supported_confidence": (float, True),
    }

    def compile(self, params: dict[str, Any]) -> None:
        self.min_freq = lexicon.frequency_of_zipf(params["min_zipf"])
        self.head_freq = lexicon.frequency_of_zipf(params["capitalised_head_zipf"])
        self.short_tails = frozenset(params["short_tails"])
        self.joining = frozenset(params["joining_tails"])
        self.prefixes = frozenset(params["prefixes"])
        self.suffixes = frozenset(params["suffixes"])
        self.allow = frozenset(w.lower() for w in params.get("allow", []))
        self.supported = params["supported_confidence"]
        self.lang = self.rule.langs[0] if "*" not in self.rule.langs else "en"

    def detect(self, scan: Scan) -> list[Flag]:
        out = []
        for word in sorted(self.candidates(scan)):
            at = scan.lower.find(word)
            while at >= 0:
                m = _TOKEN.match(scan.text, at)
                if m and m.end() - at == len(word):
                    flag = self.judge(scan, m, word)
                    if flag is not None:
                        out.append(flag)
                at = scan.lower.find(word, at + len(word))
        return out

    def candidates(self, scan: Scan) -> set[str]:
        """Unknown long words with a plausible split, found from the token list without a regex pass."""
        freq = lexicon.frequencies(self.lang)
        size = self.min_length
        found = set()
        for word in [t for t in scan.vocab if len(t) >= size and t not in freq]:
            key = word.replace("’", "'")
            if key in freq or key in self.allow or not key.replace("'", "").isalpha():
                continue
            if not (key.endswith("'s") and key[:-2] in freq) and self.best_split(word, True) is not None:
                found.add(word)
        return found

    def judge(self, scan: Scan, m: re.Match[str], word: str) -> Flag | None:
        token = m.group()
        split = self.best_split(token, token[0].isupper())
        if split is None or scan.lower.count(word) > 1 or not self.usable(scan, m.start(), m.end()):
            return None
        head, tail = split
        if self.alone_on_line(scan.text, m.start(), m.end()) or self.in_name(scan.text, m.start(), m.end(), tail) or self.quoted(scan.text, m.start(), m.end()):
            return None
        conf, support = self.confidence_of(scan, head, tail)
        if conf is None:
            return None
        evidence = (
            f"'{token}' is not a known word; '{head}' (zipf {lexicon.zipf(head, self.lang):.1f}) + "
            f"'{tail}' (zipf {lexicon.zipf(tail, self.lang):.1f}) are{support}"
        )
        return self.flag(scan, "glued_words", m.start(), m.end(), conf, evidence, f"{head} {tail}")

    def confidence_of(self, scan: Scan, head: str, tail: str) -> tuple[float | None, str]:
        """How sure a split is. A link's text is usually a name, so a capitalised head the text also uses
        on its own (``Kremlin|statements``) is the clearest case, and one followed by a word that starts a
        clause (``Ukraine|which``) the next. Other joins were, on human text, compounds, brands and
        coinages (``diskspace``, ``Coinsbase``, ``Cadmean``) and are not flagged."""
        if not head[0].isupper():
            return None, ""
        if _whole_word(scan.text, head):
            return self.supported, f"; the text uses '{head}' on its own"
        if tail.lower().replace("’", "'") in self.joining:
            return self.confidence, f"; '{tail}' starts a clause"
        return None, ""

    def best_split(self, token: str, capitalised: bool) -> tuple[str, str] | None:
        """The split maximising the rarer half's frequency, if both halves are real words.

        A split at a productive prefix or suffix (``micro|environments``, ``Lincoln|ville``) is how
        English builds words, not a lost space, and is never taken.
        """
        freq = lexicon.frequencies(self.lang)
        low = token.lower().replace("’", "'")
        best, best_score = None, 0.0
        for i in range(3, len(low) - 1):
            head, tail = low[:i], low[i:]
            if (len(tail) < 3 and tail not in self.short_tails) or not tail[0].isalpha() or "'" in head:
                continue
            fh, ft = freq.get(head, 0.0), freq.get(tail, 0.0)
            if ft < self.min_freq or head in self.prefixes or tail in self.suffixes:
                continue
            if fh < (self.head_freq if capitalised and tail in self.joining else self.min_freq):
                continue
            score = min(fh, ft)
            if score > best_score:
                best, best_score = (token[:i], token[i:]), score
        return best

    def in_name(self, text: str, start: int, end: int, tail: str) -> bool:
        """A capitalised neighbour makes the token part of a multi-word name (``Jeongdong Theater``)."""
        after = text[end : end + 40].lstrip(" ")
        if after and _CAPITALISED.match(after) and tail.lower() not in ("and", "or"):
            return True
        before = text[max(0, start - 40) : start]
        stripped = before.rstrip(" ")
        if len(stripped) == len(before) or not stripped or stripped[-1] in ".!?:\"“”\n":
            return False
        prev = stripped.split()[-1] if stripped.split() else ""
        return bool(prev) and prev[0].isupper()

    @staticmethod
    def alone_on_line(text: str, start: int, end: int) -> bool:
        """A token that is a whole line (``Cowboom!``) is a coinage or a heading, not a join inside prose."""
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        return len(line.split()) == 1

    @staticmethod
    def quoted(text: str, start: int, end: int) -> bool:
        """A word quoted on its own is usually cited, often from another language (``“Versand”``)."""
        return start > 0 and end < len(text) and text[start - 1] in "\"“‘'«„" and text[end] in "\"”’'»“"


def _whole_word(text: str, word: str) -> bool:
    """Whether ``word`` occurs in ``text`` as a word of its own, with this exact case."""
    return re.search(rf"(?<![\w’'-]){re.escape(word)}(?![\w-])", text) is not None
