"""The quality signals are computed with whole-list operations and shortcuts (only repeated n-gram starts
are scanned, letter spans stand in for case tests, e-mail addresses are looked for in tokens holding an
"@"). Here every such signal is recomputed the plain way, word by word as the definitions read, on
seeded random texts built to hit the shortcuts' edges, and must come out exactly equal.
"""

import random
import re
from collections import Counter

import pytest

from cleaner.document import Document
from cleaner.stages.quality.signals import CLOSERS, ELLIPSES, LONG_SEGMENT, MIN_CASED, MIN_SENTENCE_ENDS, compute_signals
from cleaner.stages.quality.words import SEA_CHARS_PER_WORD, split_words

CJK = re.compile("[\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]")
SEA = re.compile("[\u0e00-\u0e7f\u0e80-\u0eff\u1000-\u109f\u1780-\u17ff]+")
PIECES = re.compile("([\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]|[\u0e00-\u0e7f\u0e80-\u0eff\u1000-\u109f\u1780-\u17ff]+)")


def core(token):
    return re.sub(r"^[\W_]+|[\W_]+$", "", token)


def reference_words(text):
    """tokens, spaced words, word count, symbol tokens, tokens with a letter: one token at a time."""
    tokens, spaced, count, symbols, alpha = [], [], 0.0, 0, 0
    for raw in text.split():
        word = core(raw)
        if not word:
            symbols += 1
            continue
        alpha += any(c.isalpha() for c in word)
        if not (CJK.search(word) or SEA.search(word)):
            tokens.append(word.lower())
            spaced.append(word)
            count += 1
            continue
        share = 0.0
        for piece in filter(None, PIECES.split(word)):
            if CJK.fullmatch(piece):
                tokens.append(piece)
                share += 1
            elif SEA.fullmatch(piece):
                tokens.extend(piece)
                share += max(1.0, len(re.findall(r"[^\W\d_]", piece)) / SEA_CHARS_PER_WORD)
            elif core(piece):
                tokens.append(core(piece).lower())
                spaced.append(core(piece))
                share += 1
        count += share
    return tokens, spaced, count, symbols, alpha


def greedy_duplicates(tokens, n):
    """Gopher's scan over every start."""
    seen, chars, i = set(), 0, 0
    while i <= len(tokens) - n:
        gram = tuple(tokens[i : i + n])
        if gram in seen:
            chars += sum(len(t) for t in gram)
            i += n
        else:
            seen.add(gram)
            i += 1
    return chars


def top_ngram(tokens, n):
    if len(tokens) < n:
        return 0
    counts = Counter(zip(*(tokens[i:] for i in range(n))))
    gram, count = max(counts.items(), key=lambda kv: kv[1])  # the first of the most frequent
    return (sum(len(t) for t in gram) + n - 1) * count if count > 1 else 0


def runs(marks, min_run):
    total = run = 0
    for mark in [*marks, False]:
        if mark:
            run += 1
            continue
        total += run if run >= min_run else 0
        run = 0
    return total


def sentence_case_breaks(lines):
    seen = []
    for line in lines:
        tokens = line.split()
        for token, following in zip(tokens, tokens[1:]):
            end = token.rstrip(CLOSERS)
            if not end or end[-1] not in ".!?" or end.endswith(ELLIPSES):
                continue
            body = end[:-1].lstrip("\"'“‘«(„[")
            if end[-1] == "." and not (len(body) > 3 and body.isalpha()):
                continue
            first = next((c for c in following if c.isalpha()), None)
            if first is not None and first.upper() != first.lower():
                seen.append((token.lower(), first.islower()))
    lower = Counter(token for token, is_lower in seen if is_lower)
    kept = [is_lower for token, is_lower in seen if lower[token] < 2]
    return sum(kept) / len(kept) if len(kept) >= MIN_SENTENCE_ENDS else 0.0


def reference_signals(text, stopwords):
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    tokens, spaced, count, symbols, alpha = reference_words(text)
    share = lambda part, whole: part / whole if whole else 0.0  # noqa: E731
    cased = [w for w in spaced if w.upper() != w.lower() and sum(c.isalpha() for c in w) >= 2]
    segments = [len(s.split()) for s in re.split(r"(?<=[.!?…。！？])\s+|\n", text)]
    out = {
        "word_count": count,
        "alpha_words": share(alpha, len(text.split())),
        "mean_word_length": share(sum(len(w) for w in spaced), len(spaced)),
        "unique_word_ratio": share(len(set(tokens)), len(tokens)),
        "caps_word_share": share(sum(w.isupper() for w in cased), len(cased)) if len(cased) >= MIN_CASED else 0.0,
        "title_run_share": share(runs([w[0].isupper() for w in spaced], 5), len(spaced)),
        "url_density": share(len(re.findall(r"\bhttps?://\S+|\bwww\.\S+\.\S+", text, re.IGNORECASE)), count),
        "email_density": share(len(re.findall(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b", text)), count),
        "long_segment_share": min(1.0, sum(s for s in segments if s > LONG_SEGMENT) / count) if count else 0.0,
        "sentence_case_breaks": sentence_case_breaks(lines),
        "terminal_punct_lines": share(sum(ln.endswith((".", "?", "!", '"', "'")) and not ln.endswith(ELLIPSES) for ln in lines), len(lines)),
        "dup_line_char_frac": share(sum(len(ln) for i, ln in enumerate(lines) if ln in lines[:i]), len(text)),
        "stop_words": float(len({t for t in tokens if t in stopwords})),
        "stop_word_share": share(sum(t in stopwords for t in tokens), len(tokens)),
        "stopless_run_share": share(runs([t not in stopwords for t in tokens], 8), len(tokens)),
    }
    for n in (2, 3, 4):
        out[f"top_{n}gram_char_frac"] = share(top_ngram(tokens, n), len(text))
    for n in range(5, 11):
        out[f"dup_{n}gram_char_frac"] = share(greedy_duplicates(tokens, n), len(text))
    return out


WORDS = [
    "the", "cat", "sat", "on", "a", "mat", "The", "Cat", "NEWS", "News", "Home", "I", "A", "x2", "3D", "2024",
    "(NEWS)", "«Über»", "straße", "STRASSE", "ß", "U.S.A.", "e.g.", "McDonald", "it's", "IT'S", "—", "|", "•",
    "...", "end.", "End!", "why?", "word.”", "(Yes.)", "proc.", "Wohin.", "3,5", "#tag", "ΟΔΟΣ.", "Жук", "ЖУК",
    "ǅemal", "İstanbul", "cafe\u0301", "x_y", "_x_", "me@ex.com", "a.b@c.d@e.f", "-a@b.co-", "http://x.y/z",
    "HTTPS://Q.R", "httpſ://s.t", "www.a.b", "WwW.c.d", "xwww.e.f", "javascript", "lorem ipsum",
]
ODD = ["中国", "人。Hello世界", "ประเทศไทย", "ª", "nº", "Ⓐ", "🄰", "Ⅻ", "½", "ʰ"]


def random_text(rng):
    vocab = rng.sample(WORDS, rng.randint(3, 25)) + rng.sample(ODD, rng.choice([0, 0, 1, 2]))
    phrase = [rng.choice(vocab) for _ in range(rng.randint(3, 15))]
    out = []
    for _ in range(rng.randint(0, 60)):
        out.extend(phrase if rng.random() < 0.3 else [rng.choice(vocab)])  # repeated phrases for the n-grams
        out.append(rng.choice([" ", " ", " ", "  ", "\t", "\n", "\n\n", " \n "]))
    return "".join(out)


@pytest.mark.parametrize("seed", range(8))
def test_signals_equal_their_plain_definitions(seed):
    rng = random.Random(seed)
    stopwords = frozenset({"the", "a", "on", "and"})
    for _ in range(60):
        text = random_text(rng)
        got = compute_signals(Document(text, lang="en"), stopwords)
        for name, value in reference_signals(text, stopwords).items():
            assert got[name] == value, (name, text)


def test_word_count_adds_unspaced_shares_in_order():
    text = "ประเทศไทย a ประเทศ b c ไทย " * 7
    assert split_words(text).count == reference_words(text)[2]


def test_a_text_repeated_at_every_length():
    text = " ".join(["one two three four five six seven eight nine ten eleven"] * 3 + ["twelve"])
    tokens = split_words(text).tokens
    got = compute_signals(Document(text, lang="en"))
    for n in range(5, 11):
        assert got[f"dup_{n}gram_char_frac"] == greedy_duplicates(tokens, n) / len(text) > 0
