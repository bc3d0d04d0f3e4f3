"""The units the boilerplate stage judges: blocks of text with exact spans, and what can be measured on them.

A block is a line, except in *flat* text: a page dump whose visible text was joined into one long line
(``trafilatura.html2txt``, some crawler exports). There the line is cut into sentence-sized pieces, and at
the places where prose begins after a run of menu words, so the same judgements can be made on it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_PUNCT_RE = re.compile(r"[\W_]+", re.UNICODE)
_CLOSERS = "\"”»“'’)] \t"
_SENTENCE_ENDS = frozenset(".!?…。！？;:")
_STRIP = "\"'“”„«»‚‘’()[]{}<>.,;:!?…*·|/\\-–—_#"
# A sentence ends, and the next starts with a capital, a digit or an opening quote.
_FLAT_BREAK_RE = re.compile(r"[.!?…][\"”»’)]*\s+(?=[\"“„«‘(¿¡]?[^\W\d_a-zß-ÿ])|\s[|•·»›]\s+")

# justext ships stop-word lists named by language; the language stage gives ISO 639-1 codes.
JUSTEXT_NAMES = {
    "af": "Afrikaans", "ar": "Arabic", "bg": "Bulgarian", "bn": "Bengali", "ca": "Catalan", "cs": "Czech",
    "cy": "Welsh", "da": "Danish", "de": "German", "el": "Greek", "en": "English", "es": "Spanish",
    "et": "Estonian", "fa": "Persian", "fi": "Finnish", "fr": "French", "gu": "Gujarati", "he": "Hebrew",
    "hi": "Hindi", "hr": "Croatian", "hu": "Hungarian", "id": "Indonesian", "it": "Italian", "kn": "Kannada",
    "ko": "Korean", "lt": "Lithuanian", "lv": "Latvian", "mk": "Macedonian", "ml": "Malayalam", "mr": "Marathi",
    "ne": "Nepali", "nl": "Dutch", "no": "Norwegian_Bokmal", "pl": "Polish", "pt": "Portuguese",
    "ro": "Romanian", "ru": "Russian", "sk": "Slovak", "sl": "Slovenian", "sq": "Albanian", "sv": "Swedish",
    "sw": "Swahili", "ta": "Tamil", "te": "Telugu", "tl": "Tagalog", "tr": "Turkish", "uk": "Ukrainian",
    "ur": "Urdu", "vi": "Vietnamese",
}


@lru_cache(maxsize=None)
def stopwords(lang: str | None) -> frozenset[str]:
    """jusText's stop-word list for a language (empty when it has none), punctuation stripped."""
    name = JUSTEXT_NAMES.get((lang or "").split("-")[0])
    if name is None:
        return frozenset()
    import justext

    words = set(justext.get_stoplist(name))
    if name != "English":  # quotes, code comments and widget labels in English are common on any page
        words |= justext.get_stoplist("English")
    return frozenset(w.strip(_STRIP) for w in words if w.strip(_STRIP))


def ends_sentence(text: str) -> bool:
    """Whether a block ends like a sentence (after any closing quotes and brackets)."""
    end = text.rstrip(_CLOSERS)
    return bool(end) and end[-1] in _SENTENCE_ENDS


def normalize_line(line: str) -> str:
    """Case- and punctuation-insensitive form of a line, for phrase matching."""
    return _PUNCT_RE.sub(" ", unicodedata.normalize("NFKC", line).casefold()).strip()


@dataclass(slots=True)
class Block:
    """A line (or a piece of a flat line): ``text`` is stripped; ``start:end`` is what removing it removes.

    ``end`` includes the line break (or, in flat text, the spaces) after the block, so removing a run of
    blocks leaves no gap behind.
    """

    start: int
    end: int
    text: str
    flat: bool = False
    words: int = 0
    stop: int = 0
    sentence: bool = False

    @property
    def density(self) -> float:
        return self.stop / self.words if self.words else 0.0


def measure(block: Block, stop: frozenset[str]) -> None:
    tokens = block.text.split()
    block.words = len(tokens)
    if stop:
        block.stop = sum(1 for t in tokens if t.lower().strip(_STRIP) in stop)
    block.sentence = ends_sentence(block.text)


def split_blocks(text: str, flat_min_chars: int, stop: frozenset[str]) -> list[Block]:
    """The document as blocks, in order; blank lines are not blocks."""
    blocks: list[Block] = []
    at = 0
    n = len(text)
    flat_doc = len(text) >= flat_min_chars and text.count("\n") * flat_min_chars < len(text)
    while at < n:
        nl = text.find("\n", at)
        end = n if nl < 0 else nl + 1
        line = text[at:end]
        stripped = line.strip()
        if stripped:
            if flat_doc and len(stripped) >= flat_min_chars:
                blocks.extend(_split_flat(text, at, end, stop))
            else:
                lead = len(line) - len(line.lstrip())
                block = Block(at + lead, end, stripped)
                measure(block, stop)
                blocks.append(block)
        at = end
    return blocks


def _split_flat(text: str, start: int, end: int, stop: frozenset[str]) -> list[Block]:
    """Cut a flat line at sentence ends and list separators, then split off menu words glued to a sentence."""
    out: list[Block] = []
    at = start
    while at < end and text[at].isspace():
        at += 1
    for m in _FLAT_BREAK_RE.finditer(text, at, end):
        if not text[m.start()].isspace() and _after_abbreviation(text, m.start() + 1):
            continue
        if m.start() > at:
            out.extend(_split_glued(text, at, m.end(), stop))
        at = m.end()
    if at < end:
        out.extend(_split_glued(text, at, end, stop))
    return out


def _after_abbreviation(text: str, at: int) -> bool:
    """A period after a number or a short word ("14. Juni", "Dr. Meier", "Nr. 5") does not end a sentence."""
    while at > 0 and text[at - 1] in "\"”»’)":
        at -= 1
    if at == 0 or text[at - 1] != ".":
        return False
    begin = text.rfind(" ", max(0, at - 12), at) + 1
    word = text[begin : at - 1]
    return word.isdigit() or (len(word) <= 3 and word[:1].isalpha())


_GLUE_WINDOW = 6  # words in a row without a stop word: a menu, not a sentence


def _split_glued(text: str, start: int, end: int, stop: frozenset[str]) -> list[Block]:
    """A piece that runs from a menu into a sentence ("Home News Sport Die Polizei hat am Montag ...") is
    split where the sentence begins: after the last run of ``_GLUE_WINDOW`` or more words without a stop
    word, keeping its last two words (often the start of a title) with the sentence."""
    stripped = text[start:end].rstrip()
    tokens = stripped.split()
    flags = [t.lower().strip(_STRIP) in stop for t in tokens] if stop else []
    cut = None
    if stop and len(tokens) > _GLUE_WINDOW + 3:
        run = 0
        for i in range(len(tokens) - 1, -1, -1):
            run = 0 if flags[i] else run + 1
            if run >= _GLUE_WINDOW:
                cut = max(i + run - 2, 1)
                break
    if cut is None or not 3 <= cut < len(tokens) - 3:
        block = Block(start, end, stripped, flat=True, words=len(tokens), stop=sum(flags))
        block.sentence = ends_sentence(stripped)
        return [block]
    spans = [m.start() for m in re.finditer(r"\S+", stripped)]
    at = spans[cut]
    head_text = stripped[:at].rstrip()
    head = Block(start, start + at, head_text, flat=True, words=cut, stop=sum(flags[:cut]))
    tail = Block(start + at, end, stripped[at:], flat=True, words=len(tokens) - cut, stop=sum(flags[cut:]))
    head.sentence = ends_sentence(head_text)
    tail.sentence = ends_sentence(stripped)
    return [head, tail]
