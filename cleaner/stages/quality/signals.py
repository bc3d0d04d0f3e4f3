"""The named signals of a cleaned document, computed once from a single split into lines and words.

Four families reproduce published filters (Gopher quality and repetition, C4, FineWeb) so a user can
rebuild their decisions from our output; the rest read what earlier stages left on the document
(boilerplate removed, repairs, flags, language) instead of redoing their work. ``docs/quality.md``
defines every signal; the definitions below are the reference and the tests pin their values.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from itertools import accumulate, chain, compress, repeat
from operator import eq, ge, itemgetter, le, ne
from typing import Iterable, Sequence

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
# "\bhttps?://\S+|\bwww\.\S+\.\S+", case-blind, spelled out (as Python's case-blind matching reads it,
# "ſ" included) so that the pattern starts with a character class and the search can skip to an h or w.
URL_RE = re.compile(r"[hHwW](?<=\b[hHwW])(?:(?<=[hH])[tT]{2}[pP][sSſ]?://\S+|(?<=[wW])[wW]{2}\.\S+\.\S+)")
EMAIL_RE = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
CLOSERS = "\"'”’»)]"
MIN_SENTENCE_ENDS = 5
MIN_CASED = 20  # words in a cased script needed before the all-caps share means anything
TITLE_RUN = 5  # capitalised words in a row: a menu, a tag list, a run of link texts
STOPLESS_RUN = 8  # words in a row without a single function word
LONG_SEGMENT = 40  # words between two sentence ends (or line breaks): text without sentences
# Runs in one-byte-per-word marks: words that are not stop words, capitalised words.
STOPLESS_RE = re.compile(rb"\x00{%d,}" % STOPLESS_RUN)
TITLE_RE = re.compile(rb"\x01{%d,}" % TITLE_RUN)
# In the last characters of the tokens of a line: a segment, ended by a token ending in . ! ? … 。！？ or
# by the end of the line.
SEGMENT_RE = re.compile(r"[^.!?…。！？]*[.!?…。！？]|[^.!?…。！？]+\Z")
PARAGRAPH_RE = re.compile(r"\n\s*\n")
# In the last characters of the tokens: one that may end a sentence (closing quotes may follow . ! ?).
SENTENCE_LAST_RE = re.compile("[.!?" + re.escape(CLOSERS) + "]")

MOJIBAKE_FLAG = "mojibake"
# A code-page repair names the encodings involved in its kind or its note ("UTF-8 read as windows-874").
CODEPAGE_RE = re.compile(r"mojibake|code.?page|ftfy|encod|cp\d{3,4}|windows-\d{3,4}|latin-?1|iso-8859|koi8|mac.?roman|utf-?8", re.IGNORECASE)


def compute_signals(doc: Document, stopwords: frozenset[str] = frozenset()) -> dict[str, float]:
    """Every signal of the document, by name. ``stopwords`` is the list of the document's language.

    The text is split into lines and words once; every family reads those. The per-line and per-word
    counts are C-level passes (``map`` over ``str`` methods, ``Counter``, regular expressions over the
    whole text), because a Python loop per word is what made this stage the slowest of the pipeline.
    """
    text = doc.text
    layout = Layout.of(text)
    lines = layout.lines
    words = split_words(text, layout.tokens)
    line_dups = _duplicates(lines)
    signals: dict[str, float] = {"chars": float(len(text)), "lines": float(len(lines))}
    signals.update(gopher_quality(text, lines, words, stopwords))
    signals.update(gopher_repetition(text, words.tokens, line_dups))
    signals.update(c4(text, lines, layout.lowered))
    signals.update(fineweb(text, lines, words, line_dups))
    signals.update(ours(doc, layout, words))
    return signals


@dataclass(slots=True)
class Layout:
    """The text cut once into lines and whitespace tokens, with where each line's tokens end."""

    lines: list[str]  # the non-empty lines, stripped
    tokens: list[str]  # the whitespace tokens of all lines in order: ``text.split()``
    line_ends: list[int]  # for each line, the position in ``tokens`` just after its last token
    last_chars: str  # the last character of each token, one per token
    lowered: str  # the text in lower case, for case-blind searches

    @classmethod
    def of(cls, text: str) -> Layout:
        lines = list(filter(None, map(str.strip, text.split("\n"))))
        per_line = list(map(str.split, lines))
        tokens = list(chain.from_iterable(per_line))
        line_ends = list(accumulate(map(len, per_line)))
        return cls(lines, tokens, line_ends, "".join(map(itemgetter(-1), tokens)), text.lower())


def _share(part: float, whole: float) -> float:
    return part / whole if whole else 0.0


def gopher_quality(text: str, lines: list[str], words: Words, stopwords: frozenset[str]) -> dict[str, float]:
    n = words.count
    out = {
        "word_count": n,
        "mean_word_length": _share(len("".join(words.spaced)), len(words.spaced)),
        "hash_ratio": _share(text.count("#"), n),
        "ellipsis_ratio": _share(text.count("...") + text.count("…"), n),
        "bullet_lines": _share(sum(map(str.startswith, lines, repeat(BULLETS))), len(lines)),
        "ellipsis_lines": _share(sum(map(str.endswith, lines, repeat(ELLIPSES))), len(lines)),
        "alpha_words": _share(words.alpha_tokens, words.raw_tokens),
    }
    if stopwords:  # languages without a list have no stop-word signals, rather than a misleading 0
        is_stop = bytes(map(stopwords.__contains__, words.tokens))
        out["stop_words"] = float(len(stopwords & words.vocabulary))
        out["stop_word_share"] = _share(is_stop.count(1), len(words.tokens))
        out["stopless_run_share"] = _share(_in_runs(is_stop, STOPLESS_RE), len(words.tokens))
    return out


def _in_runs(marks: bytes, runs: re.Pattern[bytes]) -> int:
    """How many items sit in the runs ``runs`` finds in the marks (one byte per item)."""
    return len(b"".join(runs.findall(marks)))


def _duplicates(items: list[str]) -> tuple[int, int, int]:
    """Gopher's ``find_duplicates``: items seen before, and their characters; plus the item count.

    Every copy after the first is a duplicate, so both counts are the totals less those of the distinct
    items."""
    distinct = set(items)
    return len(items) - len(distinct), len("".join(items)) - len("".join(distinct)), len(items)


def gopher_repetition(text: str, tokens: list[str], line_dups: tuple[int, int, int]) -> dict[str, float]:
    size = len(text)
    paragraphs = list(filter(None, map(str.strip, PARAGRAPH_RE.split(text.strip()))))
    dup_p, dup_p_chars, n_p = _duplicates(paragraphs)
    dup_l, dup_l_chars, n_l = line_dups
    out = {
        "dup_para_frac": _share(dup_p, n_p),
        "dup_para_char_frac": _share(dup_p_chars, size),
        "dup_line_frac": _share(dup_l, n_l),
        "dup_line_char_frac": _share(dup_l_chars, size),
    }
    words = tuple(tokens)
    starts: Sequence[int] = range(len(words) - 1)
    grams: Iterable[tuple[str, ...]] = zip(words, words[1:])
    for n in (2, 3, 4):
        if n > 2:
            starts = starts[: bisect_right(starts, len(words) - n)]
            grams = map(words.__getitem__, map(slice, starts, map(n.__add__, starts)))
        top, starts = _repeated(words, starts, grams, n)
        out[f"top_{n}gram_char_frac"] = _share(top, size)
    for n in range(5, 11):
        out[f"dup_{n}gram_char_frac"] = _share(_duplicated_ngram_chars(words, starts, n), size)
    return out


def _repeated(words: tuple[str, ...], starts: Sequence[int], grams: Iterable[tuple[str, ...]], n: int) -> tuple[int, list[int]]:
    """For the n-grams at ``starts``: the characters covered by the most frequent one (words joined by
    spaces) times its count, if it repeats; and the starts of those occurring more than once.

    Each n-gram is named by where it first occurs, so that only ints are compared and counted after one
    dictionary pass; among equally frequent n-grams the one seen first wins. An n-gram can only repeat
    where the (n-1)-gram starting at the same word repeats, so after the bigrams (counted everywhere)
    each n looks only at the starts the previous n kept: in prose a few percent of the words.
    """
    first: dict[tuple[str, ...], int] = {}
    firsts = list(map(first.setdefault, grams, starts))
    again = Counter(compress(firsts, map(ne, firsts, starts)))  # later occurrences, by first start
    if not again:
        return 0, []
    top = max(again.values())
    origin = min(compress(again, map(eq, again.values(), repeat(top))))
    return (sum(map(len, words[origin : origin + n])) + n - 1) * (top + 1), list(compress(starts, map(again.__contains__, firsts)))


def _duplicated_ngram_chars(words: tuple[str, ...], starts: list[int], n: int) -> int:
    """Gopher's greedy scan: an n-gram seen before adds its characters and skips past itself.

    ``starts`` holds at least every start of an n-gram occurring twice (those of repeated 4-grams). At
    any other start the scan records an n-gram that never comes back and steps one word on, so only the
    listed starts are visited, unless a skip jumps over them. An n-gram is "seen" when the scan stood on
    one of its earlier occurrences.
    """
    seen: set[tuple[str, ...]] = set()
    chars = 0
    resume = 0  # the first start the scan will stand on
    for start in starts[: bisect_right(starts, len(words) - n)]:
        if start < resume:
            continue
        gram = words[start : start + n]
        if gram in seen:
            chars += sum(map(len, gram))
            resume = start + n
        else:
            seen.add(gram)
            resume = start + 1
    return chars


def c4(text: str, lines: list[str], lowered: str) -> dict[str, float]:
    # A line holding a phrase implies the text does: the per-line counts only run when the text has one.
    javascript = "javascript" in lowered
    policy = any(p in lowered for p in POLICY)
    lowered_lines = list(map(str.lower, lines)) if javascript or policy else []
    # "..." ends in "." (a C4 end) and "…" is not one, so lines ending in "..." are the ones to take back.
    terminal = sum(map(str.endswith, lines, repeat(C4_TERMINAL))) - sum(map(str.endswith, lines, repeat("...")))
    return {
        "terminal_punct_lines": _share(terminal, len(lines)),
        "lorem_ipsum": float(lowered.count("lorem ipsum")),
        "curly_brackets": float(text.count("{")),
        "javascript_lines": float(sum("javascript" in line for line in lowered_lines) if javascript else 0),
        "policy_lines": float(sum(any(p in line for p in POLICY) for line in lowered_lines) if policy else 0),
    }


def fineweb(text: str, lines: list[str], words: Words, line_dups: tuple[int, int, int]) -> dict[str, float]:
    _, dup_chars, _ = line_dups
    return {
        "line_punct_ratio": _share(sum(map(TERMINAL.__contains__, map(itemgetter(-1), lines))), len(lines)),
        "short_line_ratio": _share(sum(map(ge, repeat(SHORT_LINE), map(len, lines))), len(lines)),
        "dup_line_char_ratio": _share(dup_chars, len(text) - text.count("\n")),
        "newline_word_ratio": _share(max(len(lines) - 1, 0), words.count),
    }


def ours(doc: Document, layout: Layout, words: Words) -> dict[str, float]:
    n = words.count
    lines = layout.lines
    text = doc.text
    removed = doc.notes.get("boilerplate_removed_chars", 0)
    flags = [f for f in doc.flags if f.type != MOJIBAKE_FLAG]
    mixed = doc.notes.get("mixed_languages") or []
    # A URL needs "://" or "www", an address "@"; neither spans whitespace, so addresses are looked for
    # only in the tokens holding an "@".
    urls = len(URL_RE.findall(text)) if "://" in text or "www" in layout.lowered else 0
    emails = 0
    if "@" in text:
        tokens = layout.tokens
        emails = sum(map(len, map(EMAIL_RE.findall, compress(tokens, map(str.__contains__, tokens, repeat("@"))))))
    capitalised = bytes(map(str.isupper, map(itemgetter(0), words.spaced)))
    return {
        "boilerplate_share": _share(removed, len(text) + removed),
        "mojibake_repaired": float(
            sum(1 for e in doc.edits if e.stage == "repair" and CODEPAGE_RE.search(f"{e.rule} {e.kind} {e.note}"))
        ),
        "mojibake_left": float(len(doc.flags) - len(flags)),
        "artifact_flags": float(len(flags)),
        "artifact_flag_density": _share(1000 * len(flags), n),
        "mt_suspected": _unit(doc.notes.get("mt_suspected")),
        "extraction_damage": _unit(doc.notes.get("extraction_damage")),
        "lang_prob": float(doc.lang_prob or 0.0),
        "mixed_language_share": float(sum(p for _, p in mixed)),
        "caps_word_share": caps_word_share(words),
        "url_density": _share(urls, n),
        "email_density": _share(emails, n),
        "unique_word_ratio": _share(len(words.vocabulary), len(words.tokens)),
        "sentence_case_breaks": sentence_case_breaks(lines, layout),
        "title_run_share": _share(_in_runs(capitalised, TITLE_RE), len(words.spaced)),
        "long_segment_share": long_segment_share(layout, n),
        "line_start_lower": _share(sum(_first_letter_lower(line) for line in lines), len(lines)),
    }


def caps_word_share(words: Words) -> float:
    """Share of all-capital words among the words of a cased script with at least two letters; 0 below
    ``MIN_CASED`` such words.

    When every letter of the text has case and nothing else has, those words are the tokens whose
    letter span is at least two long, and a word is all capitals when its letter span is.
    """
    if words.cased_letters:
        spans = words.letter_spans
        judged = list(compress(spans, map(le, repeat(2), map(len, spans))))
    else:
        spaced = words.spaced
        cased = list(compress(spaced, map(ne, map(str.upper, spaced), map(str.lower, spaced))))
        judged = [w for w in cased if sum(map(str.isalpha, w)) >= 2]
    if len(judged) < MIN_CASED:
        return 0.0
    return sum(map(str.isupper, judged)) / len(judged)


def long_segment_share(layout: Layout, n: float) -> float:
    """Share of words in stretches of more than ``LONG_SEGMENT`` words with no sentence end or line break:
    whole-page dumps run menus, teasers and footers together into such stretches; prose does not."""
    if not n:
        return 0.0
    long = 0
    begin = 0
    for end in layout.line_ends:
        long += sum(filter(LONG_SEGMENT.__lt__, map(len, SEGMENT_RE.findall(layout.last_chars, begin, end))))
        begin = end
    return min(1.0, long / n)


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


def sentence_case_breaks(lines: list[str], layout: Layout | None = None) -> float:
    """Share of sentence ends followed, on the same line, by a word starting in lower case.

    In well-formed text in a cased script the next sentence starts with a capital; word-shuffled or
    spun text breaks this at the rate lower-case words occur. A word that ends in a full stop and is
    followed by lower case more than once is taken for an abbreviation of that text ("proc.", "bzw.") and
    left out. Below ``MIN_SENTENCE_ENDS`` ends the evidence is too thin and the signal is 0.
    """
    layout = layout or Layout.of("\n".join(lines))
    tokens = layout.tokens
    line_ends = set(layout.line_ends)
    seen: list[tuple[str, bool]] = []
    for match in SENTENCE_LAST_RE.finditer(layout.last_chars):
        at = match.start()
        if at + 1 in line_ends or not _is_sentence_end(tokens[at]):
            continue
        token, following = tokens[at], tokens[at + 1]
        first = following[0] if following[0].isalpha() else next((c for c in following if c.isalpha()), None)
        if first is not None and first.upper() != first.lower():
            seen.append((token.lower(), first.islower()))
    lower = Counter(token for token, is_lower in seen if is_lower)
    kept = [is_lower for token, is_lower in seen if lower[token] < 2]
    return sum(kept) / len(kept) if len(kept) >= MIN_SENTENCE_ENDS else 0.0
