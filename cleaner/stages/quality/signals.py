"""The named signals of a cleaned document, computed once from a single split into lines and words.

Four families reproduce published filters (Gopher quality and repetition, C4, FineWeb) so a user can
rebuild their decisions from our output; the rest read what earlier stages left on the document
(boilerplate removed, repairs, flags, language) instead of redoing their work. ``docs/quality.md``
defines every signal; the definitions below are the reference and the tests pin their values.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterable

from ...document import Document
from .words import Words, split_words

BULLETS = ("•", "-", "–", "*", "·", "‣", "◦", "⁃", "▪", "►")
ELLIPSES = ("...", "…")
C4_TERMINAL = (".", "?", "!", '"', "'")
# FineWeb's line-end set, narrowed to what ends a sentence in the scripts we meet: Latin, Greek, Cyrillic,
# Arabic, Devanagari, CJK, Thai, Armenian, Ethiopic, plus closing quotes after a sentence end.
TERMINAL = frozenset('.!?…"\'”’»)」』。！？︒﹒．｡؟۔।॥၊။።፧፨።՜՞։᙮᠃᠉')
POLICY = ("terms of use", "privacy policy", "cookie policy", "uses cookies", "use of cookies", "use cookies")
SHORT_LINE = 30
URL_RE = re.compile(r"\bhttps?://\S+|\bwww\.\S+\.\S+", re.IGNORECASE)
EMAIL_RE = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
CLOSERS = "\"'”’»)]"
MIN_SENTENCE_ENDS = 5
MIN_CASED = 20  # words in a cased script needed before the all-caps share means anything
TITLE_RUN = 5  # capitalised words in a row: a menu, a tag list, a run of link texts
STOPLESS_RUN = 8  # words in a row without a single function word
LONG_SEGMENT = 40  # words between two sentence ends (or line breaks): text without sentences
SEGMENT_RE = re.compile(r"(?<=[.!?…。！？])\s+|\n")

MOJIBAKE_FLAG = "mojibake"
# A code-page repair names the encodings involved in its kind or its note ("UTF-8 read as windows-874").
CODEPAGE_RE = re.compile(r"mojibake|code.?page|ftfy|encod|cp\d{3,4}|windows-\d{3,4}|latin-?1|iso-8859|koi8|mac.?roman|utf-?8", re.IGNORECASE)


def compute_signals(doc: Document, stopwords: frozenset[str] = frozenset()) -> dict[str, float]:
    """Every signal of the document, by name. ``stopwords`` is the list of the document's language."""
    text = doc.text
    lines = [line.strip() for line in text.split("\n")]
    lines = [line for line in lines if line]
    words = split_words(text)
    signals: dict[str, float] = {"chars": float(len(text)), "lines": float(len(lines))}
    signals.update(gopher_quality(text, lines, words, stopwords))
    signals.update(gopher_repetition(text, lines, words.tokens))
    signals.update(c4(text, lines))
    signals.update(fineweb(text, lines, words))
    signals.update(ours(doc, lines, words))
    return signals


def _share(part: float, whole: float) -> float:
    return part / whole if whole else 0.0


def gopher_quality(text: str, lines: list[str], words: Words, stopwords: frozenset[str]) -> dict[str, float]:
    n = words.count
    out = {
        "word_count": n,
        "mean_word_length": _share(sum(len(w) for w in words.spaced), len(words.spaced)),
        "hash_ratio": _share(text.count("#"), n),
        "ellipsis_ratio": _share(text.count("...") + text.count("…"), n),
        "bullet_lines": _share(sum(line.startswith(BULLETS) for line in lines), len(lines)),
        "ellipsis_lines": _share(sum(line.endswith(ELLIPSES) for line in lines), len(lines)),
        "alpha_words": _share(words.alpha_tokens, words.raw_tokens),
    }
    if stopwords:  # languages without a list have no stop-word signals, rather than a misleading 0
        is_stop = [t in stopwords for t in words.tokens]
        out["stop_words"] = float(len({t for t, stop in zip(words.tokens, is_stop) if stop}))
        out["stop_word_share"] = _share(sum(is_stop), len(words.tokens))
        out["stopless_run_share"] = _share(_in_runs(is_stop, False, STOPLESS_RUN), len(words.tokens))
    return out


def _in_runs(marks: list[bool], value: bool, min_run: int) -> int:
    """How many items sit in runs of at least ``min_run`` consecutive items equal to ``value``."""
    total = run = 0
    for mark in marks:
        if mark == value:
            run += 1
            continue
        if run >= min_run:
            total += run
        run = 0
    return total + (run if run >= min_run else 0)


def _duplicates(items: Iterable[str]) -> tuple[int, int, int]:
    """Gopher's ``find_duplicates``: items seen before, and their characters; plus the item count."""
    seen: set[str] = set()
    dup = dup_chars = total = 0
    for item in items:
        total += 1
        if item in seen:
            dup += 1
            dup_chars += len(item)
        else:
            seen.add(item)
    return dup, dup_chars, total


def gopher_repetition(text: str, lines: list[str], tokens: list[str]) -> dict[str, float]:
    size = len(text)
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    dup_p, dup_p_chars, n_p = _duplicates(paragraphs)
    dup_l, dup_l_chars, n_l = _duplicates(lines)
    out = {
        "dup_para_frac": _share(dup_p, n_p),
        "dup_para_char_frac": _share(dup_p_chars, size),
        "dup_line_frac": _share(dup_l, n_l),
        "dup_line_char_frac": _share(dup_l_chars, size),
    }
    for n in (2, 3, 4):
        out[f"top_{n}gram_char_frac"] = _share(_top_ngram_chars(tokens, n), size)
    lengths = [0]
    for token in tokens:
        lengths.append(lengths[-1] + len(token))
    for n in range(5, 11):
        out[f"dup_{n}gram_char_frac"] = _share(_duplicated_ngram_chars(tokens, lengths, n), size)
    return out


def _top_ngram_chars(tokens: list[str], n: int) -> int:
    """Characters covered by the most frequent n-gram (words joined by spaces) × its count, if it repeats."""
    if len(tokens) < n:
        return 0
    counts = Counter(zip(*(tokens[i:] for i in range(n))))
    gram, count = max(counts.items(), key=lambda kv: (kv[1], -len(kv[0])))
    if count < 2:
        return 0
    return (sum(len(t) for t in gram) + n - 1) * count


def _duplicated_ngram_chars(tokens: list[str], lengths: list[int], n: int) -> int:
    """Gopher's greedy scan: an n-gram seen before adds its characters and skips past itself."""
    seen: set[tuple[str, ...]] = set()
    chars = 0
    i = 0
    last = len(tokens) - n
    while i <= last:
        gram = tuple(tokens[i : i + n])
        if gram in seen:
            chars += lengths[i + n] - lengths[i]
            i += n
        else:
            seen.add(gram)
            i += 1
    return chars


def c4(text: str, lines: list[str]) -> dict[str, float]:
    lowered = [line.lower() for line in lines]
    return {
        "terminal_punct_lines": _share(
            sum(line.endswith(C4_TERMINAL) and not line.endswith(ELLIPSES) for line in lines), len(lines)
        ),
        "lorem_ipsum": float(text.lower().count("lorem ipsum")),
        "curly_brackets": float(text.count("{")),
        "javascript_lines": float(sum("javascript" in line for line in lowered)),
        "policy_lines": float(sum(any(p in line for p in POLICY) for line in lowered)),
    }


def fineweb(text: str, lines: list[str], words: Words) -> dict[str, float]:
    _, dup_chars, _ = _duplicates(lines)
    return {
        "line_punct_ratio": _share(sum(line[-1] in TERMINAL for line in lines), len(lines)),
        "short_line_ratio": _share(sum(len(line) <= SHORT_LINE for line in lines), len(lines)),
        "dup_line_char_ratio": _share(dup_chars, len(text) - text.count("\n")),
        "newline_word_ratio": _share(max(len(lines) - 1, 0), words.count),
    }


def ours(doc: Document, lines: list[str], words: Words) -> dict[str, float]:
    n = words.count
    removed = doc.notes.get("boilerplate_removed_chars", 0)
    flags = [f for f in doc.flags if f.type != MOJIBAKE_FLAG]
    cased = [w for w in words.spaced if w.upper() != w.lower() and sum(c.isalpha() for c in w) >= 2]
    mixed = doc.notes.get("mixed_languages") or []
    return {
        "boilerplate_share": _share(removed, len(doc.text) + removed),
        "mojibake_repaired": float(
            sum(1 for e in doc.edits if e.stage == "repair" and CODEPAGE_RE.search(f"{e.rule} {e.kind} {e.note}"))
        ),
        "mojibake_left": float(sum(1 for f in doc.flags if f.type == MOJIBAKE_FLAG)),
        "artifact_flags": float(len(flags)),
        "artifact_flag_density": _share(1000 * len(flags), n),
        "mt_suspected": _unit(doc.notes.get("mt_suspected")),
        "extraction_damage": _unit(doc.notes.get("extraction_damage")),
        "lang_prob": float(doc.lang_prob or 0.0),
        "mixed_language_share": float(sum(p for _, p in mixed)),
        "caps_word_share": _share(sum(w.isupper() for w in cased), len(cased)) if len(cased) >= MIN_CASED else 0.0,
        "url_density": _share(len(URL_RE.findall(doc.text)), n),
        "email_density": _share(len(EMAIL_RE.findall(doc.text)), n),
        "unique_word_ratio": _share(len(set(words.tokens)), len(words.tokens)),
        "sentence_case_breaks": sentence_case_breaks(lines),
        "title_run_share": _share(_in_runs([w[0].isupper() for w in words.spaced], True, TITLE_RUN), len(words.spaced)),
        "long_segment_share": long_segment_share(doc.text, n),
        "line_start_lower": _share(sum(_first_letter_lower(line) for line in lines), len(lines)),
    }


def long_segment_share(text: str, n: float) -> float:
    """Share of words in stretches of more than ``LONG_SEGMENT`` words with no sentence end or line break:
    whole-page dumps run menus, teasers and footers together into such stretches; prose does not."""
    if not n:
        return 0.0
    sizes = (len(segment.split()) for segment in SEGMENT_RE.split(text))
    return min(1.0, sum(size for size in sizes if size > LONG_SEGMENT) / n)


def _unit(value: object) -> float:
    """A [0, 1] note of another stage; missing or malformed counts as 0."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return 0.0
    return min(1.0, max(0.0, float(value)))


def _first_letter_lower(token: str) -> bool:
    for c in token:
        if c.isalpha():
            return c.islower() and c.upper() != c
    return False


def _is_sentence_end(token: str) -> bool:
    """A token closing a sentence: ends in . ! ? (before closing quotes), not an abbreviation or number."""
    token = token.rstrip(CLOSERS)
    if not token or token[-1] not in ".!?" or token.endswith(ELLIPSES):
        return False
    if token[-1] != ".":
        return True
    body = token[:-1].lstrip("\"'“‘«(„[")
    return len(body) > 3 and body.isalpha()


def sentence_case_breaks(lines: list[str]) -> float:
    """Share of sentence ends followed, on the same line, by a word starting in lower case.

    In well-formed text in a cased script the next sentence starts with a capital; word-shuffled or
    spun text breaks this at the rate lower-case words occur. A word that ends in a full stop and is
    followed by lower case more than once is taken for an abbreviation of that text ("proc.", "bzw.") and
    left out. Below ``MIN_SENTENCE_ENDS`` ends the evidence is too thin and the signal is 0.
    """
    seen: list[tuple[str, bool]] = []
    for line in lines:
        tokens = line.split()
        for token, following in zip(tokens, tokens[1:]):
            if not _is_sentence_end(token):
                continue
            first = next((c for c in following if c.isalpha()), None)
            if first is not None and first.upper() != first.lower():
                seen.append((token.lower(), first.islower()))
    lower = Counter(token for token, is_lower in seen if is_lower)
    kept = [is_lower for token, is_lower in seen if lower[token] < 2]
    return sum(kept) / len(kept) if len(kept) >= MIN_SENTENCE_ENDS else 0.0
