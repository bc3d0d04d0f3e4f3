"""The units the boilerplate stage judges: blocks of text with exact spans, and what can be measured on them.

A block is a line, except in *flat* text: a page dump whose visible text was joined into one long line
(``trafilatura.html2txt``, some crawler exports). There the line is cut into sentence-sized pieces, and at
the places where prose begins after a run of menu words, so the same judgements can be made on it.

Every block is tokenised once (punctuation and symbols become spaces, the rest is lower-cased), and the
tokens serve every rule: stop-word density, the phrase index's keys and the keyword screen of the patterns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

_CLOSERS = "\"”»“'’)] \t"
_SENTENCE_ENDS = frozenset(".!?…。！？;:")
# A sentence ends, and the next starts with a capital, a digit or an opening quote; or a list separator
# stands between spaces. Both open with one of a few rare characters, which the engine scans for in C; a
# separator's break begins at the space before it (see :func:`_flat_breaks`).
_FLAT_BREAK_RE = re.compile(r"[.!?…|•·»›](?:(?<=[.!?…])[\"”»’)]*\s+(?=[\"“„«‘(¿¡]?[^\W\d_a-zß-ÿ])|(?<=\s[|•·»›])\s+)")
_SENTENCE_MARKS = ".!?…"


def _flat_breaks(text: str, start: int, end: int):
    """(start, end) of each break between ``start`` and ``end``, in order and not overlapping."""
    resume = start
    for m in _FLAT_BREAK_RE.finditer(text, start, end):
        found = m.start()
        if text[found] not in _SENTENCE_MARKS:
            found -= 1  # the space before a list separator
            if found < resume:  # that space ended the previous break, or lies before the start
                continue
        resume = m.end()
        yield found, resume


_APOSTROPHES = "’‘ʼ"


def _separator_re() -> re.Pattern[str]:
    """One character class of everything that splits a block into words: every character that is neither
    a letter, a digit, white space nor an apostrophe. It covers the alphabetic scripts, punctuation and
    symbol blocks and pictographs; characters beyond it (CJK, rare scripts) are kept as they are. A regular
    expression replaces them several times faster than ``str.translate``, which takes its slow path, one
    dictionary lookup per character, on any text that is not pure ASCII."""
    codes = [
        code
        for code in (*range(0x3000), *range(0xFE00, 0x10000), *range(0x1F000, 0x1FB00))
        if not (chr(code).isalnum() or chr(code).isspace() or chr(code) == "'" or chr(code) in _APOSTROPHES)
    ]
    ranges: list[list[int]] = []
    for code in codes:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return re.compile("[" + "".join(re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "") for a, b in ranges) + "]")


_SEPARATOR_RE = _separator_re()


def separate(text: str) -> str:
    """The text with every separator (see :func:`_separator_re`) replaced by a space and typographic
    apostrophes by ``'``: each character stays where it was, so a slice of the result is the separated
    slice of the text."""
    text = _SEPARATOR_RE.sub(" ", text)
    for apostrophe in _APOSTROPHES:
        if apostrophe in text:
            text = text.replace(apostrophe, "'")
    return text


def tokens_of(text: str) -> list[str]:
    """The words of a text: lower-cased, punctuation and symbols removed, apostrophes kept."""
    return separate(text).lower().split()


def phrase_key(text: str) -> str:
    """Case- and punctuation-insensitive form of a line, for phrase matching."""
    return " ".join(tokens_of(text))


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
# Languages a block is also measured in before a structural rule calls it "not prose": a paragraph in
# one of these on a page in another language is prose all the same (a German paragraph on an English page
# has no English stop words).
OTHER_LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "nl", "pl", "ru", "uk", "cs", "sv", "da", "tr", "hu", "ro", "el")


@lru_cache(maxsize=None)
def _justext(lang: str) -> frozenset[str]:
    import justext

    words: set[str] = set()
    for entry in justext.get_stoplist(JUSTEXT_NAMES[lang]):
        parts = tokens_of(entry)
        if len(parts) == 1:
            words.add(parts[0])
    return frozenset(words)


@lru_cache(maxsize=None)
def stopwords(lang: str | None) -> frozenset[str]:
    """jusText's stop-word list for a language (empty when it has none), tokenised like a block; English
    is added, since quotes, code comments and widget labels in English are common on any page."""
    code = (lang or "").split("-")[0]
    if code not in JUSTEXT_NAMES:
        return frozenset()
    return _justext(code) | _justext("en") if code != "en" else _justext("en")


def ends_sentence(text: str) -> bool:
    """Whether a block ends like a sentence (after any closing quotes and brackets)."""
    end = text.rstrip(_CLOSERS)
    return bool(end) and end[-1] in _SENTENCE_ENDS


@dataclass(slots=True)
class Block:
    """A line (or a piece of a flat line): ``text`` is stripped; ``start:end`` is what removing it removes.

    ``end`` includes the line break (or, in flat text, the spaces) after the block, so removing a run of
    blocks leaves no gap behind. ``tokens`` are the block's words as :func:`tokens_of` gives them.
    """

    start: int
    end: int
    text: str
    tokens: list[str] = field(default_factory=list)
    flat: bool = False
    stop: int = 0
    sentence: bool = False

    @property
    def words(self) -> int:
        return len(self.tokens)

    @property
    def density(self) -> float:
        return self.stop / len(self.tokens) if self.tokens else 0.0

    def dense_in_other(self, lang: str | None, density: float) -> bool:
        """Whether the block has a stop-word density of at least ``density`` in another common language
        than ``lang``. The stop words of all of them together bound the count of each, so one count settles
        most blocks."""
        tokens = self.tokens
        if not tokens:
            return False
        own = (lang or "").split("-")[0]
        count = sum(map(_other_stopwords(own).__contains__, tokens))
        if count / len(tokens) < density:
            return False
        return any(
            sum(map(_justext(other).__contains__, tokens)) / len(tokens) >= density for other in OTHER_LANGUAGES if other != own
        )


@lru_cache(maxsize=None)
def _other_stopwords(own: str) -> frozenset[str]:
    return frozenset().union(*(_justext(other) for other in OTHER_LANGUAGES if other != own))


def _block(start: int, end: int, text: str, stop: frozenset[str], flat: bool = False) -> Block:
    tokens = tokens_of(text)
    return Block(start, end, text, tokens, flat, sum(map(stop.__contains__, tokens)) if stop else 0, ends_sentence(text))


class Labels:
    """Widget labels ("Schreibe einen Kommentar", "Share this", "Drucken") found inside a flat line.

    A flattened page glues a label to the text around it, so a rule that names the whole label never sees
    it alone; the flat line is cut before and after a label that stands where a separate element would:
    it starts with a capital, and what follows starts a new element (a capital, a digit) or ends the line.
    A label of one word must also begin a piece (follow a sentence end or another label) and not be followed
    by a stop word: one word alone is too often the start of a sentence ("Teilen Sie uns mit ..."). A label
    that ends a piece must also start it: at the end of a piece it is as often the end of a sentence
    ("… jeden Artikel bewerten."), and a German noun starts with a capital anyway. Keys are phrase keys
    (tokens joined by spaces)."""

    def __init__(self, keys):
        # a label of several words is indexed by its rarest word (not a stop word, the longest): most
        # pieces of text have none of them
        common = _other_stopwords("")  # every common language's stop words
        self.by_anchor: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
        single: set[str] = set()
        for key in keys:
            words = tuple(key.split())
            if len(words) == 1:
                single.add(words[0])
            elif words:
                anchor = min(range(len(words)), key=lambda i: (words[i] in common, -len(words[i])))
                self.by_anchor.setdefault(words[anchor], []).append((anchor, words))
        self.anchors = frozenset(self.by_anchor)
        self.single = frozenset(single)

    def __bool__(self) -> bool:
        return bool(self.anchors or self.single)

    def find(self, tokens: list[str], begin: int = 0) -> tuple[int, int] | None:
        """The first label at or after token ``begin``, as (first token, end token); the longest of those
        starting there."""
        found = (0, 1) if begin == 0 and tokens and tokens[0] in self.single else None
        if self.anchors.isdisjoint(tokens):
            return found
        for anchor in self.anchors.intersection(tokens):
            at = begin - 1
            while True:
                try:
                    at = tokens.index(anchor, at + 1)
                except ValueError:
                    break
                for offset, words in self.by_anchor[anchor]:
                    first = at - offset
                    if first >= begin and tuple(tokens[first : first + len(words)]) == words:
                        if found is None or (first, -len(words)) < (found[0], found[0] - found[1]):
                            found = (first, first + len(words))
        return found


def split_blocks(text: str, flat_min_chars: int, stop: frozenset[str], labels: Labels | None = None) -> list[Block]:
    """The document as blocks, in order; blank lines are not blocks."""
    blocks: list[Block] = []
    at = 0
    n = len(text)
    flat_doc = n >= flat_min_chars and max(map(len, text.split("\n"))) * 5 >= n * 4  # one line holds nearly all
    while at < n:
        nl = text.find("\n", at)
        end = n if nl < 0 else nl + 1
        line = text[at:end]
        stripped = line.strip()
        if stripped:
            if flat_doc and len(stripped) >= flat_min_chars:
                blocks.extend(_split_flat(text, at, end, stop, labels))
            else:
                lead = len(line) - len(line.lstrip())
                blocks.append(_block(at + lead, end, stripped, stop))
        at = end
    return blocks


def _split_flat(text: str, start: int, end: int, stop: frozenset[str], labels: Labels | None = None) -> list[Block]:
    """Cut a flat line at sentence ends and list separators, then split off menu words glued to a sentence.
    The line is separated into words once; each piece takes its slice (:func:`separate` keeps positions)."""
    out: list[Block] = []
    at = start
    while at < end and text[at].isspace():
        at += 1
    separated = separate(text[at:end])
    # lower-cased once for the whole line when that keeps positions (a few letters, like "İ", grow); pieces
    # begin and end next to white space, so each slice lower-cases as the piece alone would
    lowered = separated.lower()
    if len(lowered) != len(separated):
        lowered = None
    base = at
    for found, after in _flat_breaks(text, at, end):
        # only a period can follow an abbreviation, and only one after a short word or a number: most
        # periods end a word of four or more letters, which the slice before them shows without a call
        if text[found] == "." and _maybe_abbreviation(text[found - 4 : found]) and _after_abbreviation(text, found + 1):
            continue
        if found > at:
            _split_glued(text, separated, lowered, base, at, after, stop, out)
        at = after
    if at < end:
        _split_glued(text, separated, lowered, base, at, end, stop, out)
    if labels:
        out = _split_labels(text, separated, base, out, stop, labels)
    return out


def _split_labels(text: str, separated: str, base: int, pieces: list[Block], stop: frozenset[str], labels: Labels) -> list[Block]:
    """Cut photo credits (see :func:`_credit_end`) and widget labels (see :class:`Labels`) out of the pieces
    of a flat line, so the rules that name them see them alone."""
    out: list[Block] = []
    single, anchors = labels.single, labels.anchors
    for piece in pieces:
        tokens = piece.tokens
        if tokens and tokens[0] in _CREDIT_WORDS:
            credit = _credit_end(text, separated, base, piece, stop)
            if credit is not None:
                count = len(separated[piece.start - base : credit - base].split())
                out.append(_piece(text, piece.start, credit, tokens[:count], stop))
                piece = _piece(text, credit, piece.end, tokens[count:], stop)
                tokens = piece.tokens
        if not tokens or (tokens[0] not in single and anchors.isdisjoint(tokens)):  # most pieces: no label
            out.append(piece)
            continue
        begin = 0
        while True:
            found = labels.find(tokens, begin)
            if found is None:
                break
            first, last = found
            at = _word_at(separated, base, piece, first)
            after = _word_at(separated, base, piece, last) if last < len(tokens) else None
            if (
                not text[at].isupper()
                or (after is not None and not (text[after].isupper() or text[after].isdigit()))
                or (last - first == 1 and after is not None and tokens[last] in stop)  # "Teilen Sie uns mit"
                or (after is None and first)  # "Die Nutzer können jeden Artikel bewerten.": a sentence's end
            ):
                begin = first + 1
                continue
            if first:
                out.append(_piece(text, piece.start, at, tokens[:first], stop))
            cut = after if after is not None else piece.end
            out.append(_piece(text, at, cut, tokens[first:last], stop))
            if after is None:
                tokens = []
                break
            piece = _piece(text, after, piece.end, tokens[last:], stop)
            tokens, begin = piece.tokens, 0
        if tokens:
            out.append(piece)
    return out


_CREDIT_WORDS = frozenset(("foto", "fotos", "bild", "photo", "photos", "image", "crédit", "crédits", "zdjęcie", "fot", "фото"))
_CREDIT_START = re.compile(r"\(?\w+(?: photos?)?\s?:\s*")
_CREDIT_MAX_WORDS = 3


def _credit_end(text: str, separated: str, base: int, piece: Block, stop: frozenset[str]) -> int | None:
    """Where a photo credit that opens a piece ends ("Foto: dpa/Kappeler Die Polizei hat ..."): after the
    keyword and its colon, the name runs up to the next word that is a stop word of the page's language,
    at most three words, and the text after it must start a sentence (a capital). Without a stop-word list
    the end cannot be told, and nothing is cut."""
    m = _CREDIT_START.match(text, piece.start, piece.start + len(piece.text))
    if m is None or not stop:
        return None
    tokens = piece.tokens
    first = 2 if tokens[1:2] in (["photo"], ["photos"]) else 1  # "Crédits photos : ..."
    if first >= len(tokens) or tokens[first] in stop:
        return None
    for k in range(first + 1, min(first + _CREDIT_MAX_WORDS, len(tokens) - 1) + 1):
        if tokens[k] in stop:
            at = _word_at(separated, base, piece, k)
            return at if text[at].isupper() else None
    return None


def _word_at(separated: str, base: int, piece: Block, index: int) -> int:
    """Where the word ``index`` of a piece begins in the text."""
    begin = piece.start - base
    return _skip_words(separated, begin, begin + len(piece.text), index) + base


def _piece(text: str, start: int, end: int, tokens: list[str], stop: frozenset[str]) -> Block:
    stripped = text[start:end].rstrip()
    return Block(start, end, stripped, tokens, True, sum(map(stop.__contains__, tokens)) if stop else 0, ends_sentence(stripped))


# lower-case abbreviations of up to three letters (longer words never count as abbreviations here)
_LOWER_ABBREVIATIONS = frozenset("bzw ca vgl ggf usw etc sog ua od mio mrd tsd abs bd bsp dgl hl jh kap lt max min nr rd str tel vol zt al fig no pp ss cf ie eg ed".split())


def _maybe_abbreviation(before: str) -> bool:
    """Whether the four characters before a period leave room for :func:`_after_abbreviation` to say yes:
    a space among them (a word of up to three letters), all digits, or the start of the text."""
    return len(before) < 4 or " " in before or before.isdigit() or "." in before


def _after_abbreviation(text: str, at: int) -> bool:
    """A period after a number or a short word ("14. Juni", "Dr. Meier", "Nr. 5") does not end a sentence."""
    while at > 0 and text[at - 1] in "\"”»’)":
        at -= 1
    if at == 0 or text[at - 1] != ".":
        return False
    begin = text.rfind(" ", max(0, at - 12), at) + 1
    word = text[begin : at - 1]
    if word.isdigit():
        return True
    # "Dr.", "Nr.", "z.B.", "bzw.", but not a short word ending a sentence ("Er hat.", "It is now.")
    return len(word) <= 3 and word[:1].isalpha() and (word[0].isupper() or "." in word or word in _LOWER_ABBREVIATIONS)


# patterns that step over 1, 2, 4 … 512 words and the space after them
_SKIPS = tuple(re.compile(r"\s*+(?:\S++\s++){%d}" % (1 << k)) for k in range(10))
_SPACES = re.compile(r"\s*+")


def _skip_words(text: str, at: int, end: int, count: int) -> int:
    """Where the word ``count`` words after ``at`` begins: a few matches of the patterns above (one per bit
    of ``count``), where a loop over the words would create a match object per word and a pattern per count
    would have to be compiled for every new count."""
    if not count:
        return _SPACES.match(text, at, end).end()
    k = len(_SKIPS) - 1
    while count:
        if count >= 1 << k:
            at = _SKIPS[k].match(text, at, end).end()
            count -= 1 << k
        else:
            k -= 1
    return at


_GLUE_WINDOW = 6  # words in a row without a stop word: a menu, not a sentence
_GLUE_RUN = b"\x00" * _GLUE_WINDOW


def _split_glued(
    text: str, separated: str, lowered: str | None, base: int, start: int, end: int, stop: frozenset[str], out: list[Block]
) -> None:
    """A piece that runs from a menu into a sentence ("Home News Sport Die Polizei hat am Montag ...") is
    split where the sentence begins: after the last run of ``_GLUE_WINDOW`` or more words without a stop
    word, keeping its last two words (often the start of a title) with the sentence."""
    stripped = text[start:end].rstrip()
    begin = start - base
    tokens = (lowered[begin : begin + len(stripped)] if lowered is not None else separated[begin : begin + len(stripped)].lower()).split()
    flags = bytes(map(stop.__contains__, tokens)) if stop else b""
    cut = None
    if stop and len(tokens) > _GLUE_WINDOW + 3:
        found = flags.rfind(_GLUE_RUN)
        if found >= 0:
            cut = max(found + _GLUE_WINDOW - 2, 1)
    if cut is None or not 3 <= cut < len(tokens) - 3:
        out.append(Block(start, end, stripped, tokens, True, flags.count(1), ends_sentence(stripped)))
        return
    at = _skip_words(separated, begin, begin + len(stripped), cut) - begin
    head_text = stripped[:at].rstrip()
    out.append(Block(start, start + at, head_text, tokens[:cut], True, flags[:cut].count(1), ends_sentence(head_text)))
    out.append(Block(start + at, end, stripped[at:], tokens[cut:], True, flags[cut:].count(1), ends_sentence(stripped)))
