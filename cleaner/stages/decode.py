"""Stage 1, decode: bytes to text, without ever losing a document to an exception.

The decision (BOM, declared charset, strict UTF-8, detected charset, or UTF-8 with replacement) is recorded
as a provenance edit naming its rule, so a user can see why a file came out the way it did. Binary input is
refused with a reason instead of being decoded into noise.
"""

from __future__ import annotations

import codecs
import re
from typing import Any

from ..document import Document, Edit, applied
from ..surrogates import PAIR_OR_LONE_RE, has_surrogates
from ..ruleset import Example, RuleKind, register
from .base import Stage

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
META_CHARSET_RE = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.I)
# Bytes that do not occur in text in any encoding we read: NUL and the C0 controls other than \t\n\f\r and ESC.
BINARY_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


def _bytes_of(example: Example) -> bytes:
    """Decode examples are written one character per byte (``\\u00ef`` is the byte 0xEF)."""
    return example.text.encode("latin-1")


class DecodeKind(RuleKind):
    stage = "decode"
    example_keys = frozenset({"span", "declared"})

    def decide(self, data: bytes, declared: str | None) -> tuple[str, str, int] | None:
        """Return (text, note, bytes replaced) if this rule decides how to decode ``data``."""
        raise NotImplementedError

    def fires(self, example: Example) -> list[str]:
        return ["decided"] if self.decide(_bytes_of(example), example.expect.get("declared")) else []


@register
class Binary(DecodeKind):
    kind = "binary"
    fields = {"max_control_share": (float, True), "sample_bytes": (int, True)}

    def compile(self, params: dict[str, Any]) -> None:
        self.share = params["max_control_share"]
        self.sample = params["sample_bytes"]

    def is_binary(self, data: bytes, declared: str | None = None) -> bool:
        head = data.rstrip(b"\x00")[: self.sample]  # text padded with NUL bytes (a preallocated file) is text
        if not head or any(head.startswith(bom) for bom, _ in BOMS[:2] + BOMS[3:]) or _wide(head, declared):
            return False
        return len(BINARY_BYTES.findall(head)) / len(head) > self.share

    def decide(self, data, declared):
        return ("", "binary", 0) if self.is_binary(data, declared) else None


def _wide(head: bytes, declared: str | None) -> bool:
    """UTF-16/32 text without a BOM is full of NUL bytes too: declared, or NUL at every other byte."""
    if declared and declared.lower().replace("_", "-").startswith(("utf-16", "utf-32", "utf16", "utf32")):
        return True
    return _wide_encoding(head) is not None


def _wide_encoding(head: bytes) -> str | None:
    """The UTF-16 or UTF-32 byte order that text mostly in Latin script shows without a BOM: the high
    bytes of its code units are NUL, at every other byte (UTF-16) or three bytes of four (UTF-32)."""
    if len(head) < 8:
        return None
    lanes = [head[i::4] for i in range(4)]
    nul = [lane.count(0) > 0.9 * len(lane) for lane in lanes]
    if nul[1] and nul[2] and nul[3] and not nul[0]:
        return "utf-32-le"
    if nul[0] and nul[1] and nul[2] and not nul[3]:
        return "utf-32-be"
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.5 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.5 * len(odd):
        return "utf-16-be"
    return None


@register
class ByteOrderMark(DecodeKind):
    kind = "bom"

    def decide(self, data, declared):
        for bom, encoding in BOMS:
            if data.startswith(bom):
                text = data[len(bom) :].decode(encoding, errors="replace")
                return text, f"byte-order mark: {encoding}", text.count("\ufffd")
        return None


@register
class WideWithoutBom(DecodeKind):
    """UTF-16 or UTF-32 without a byte-order mark (some Windows exports): the bytes are valid UTF-8 too, as
    text with a NUL after every letter, so the strict UTF-8 rule must not see them first. The byte order
    is read from where the NUL bytes stand; bytes that do not decode in it are left to the other rules."""

    kind = "wide"

    def decide(self, data, declared):
        encoding = _wide_encoding(data[:4096])
        if encoding is None:
            return None
        cut = len(data) - len(data) % (4 if encoding.startswith("utf-32") else 2)
        try:
            text = data[:cut].decode(encoding)
        except UnicodeDecodeError:
            return None
        left = int(cut < len(data))  # a cut-off last code unit is marked, not dropped
        return text + "\ufffd" * left, f"{encoding} without a byte-order mark", left


@register
class DeclaredCharset(DecodeKind):
    kind = "declared"

    def decide(self, data, declared):
        name = declared
        if not name:
            match = META_CHARSET_RE.search(data[:4096])
            name = match.group(1).decode("ascii") if match else None
        if not name:
            return None
        try:
            encoding = codecs.lookup(name).name
        except LookupError:
            return None
        if encoding in ("utf-8", "ascii"):
            return None  # the strict UTF-8 rule decides, and says so when the bytes are not UTF-8
        try:
            return data.decode(encoding), f"declared charset {name}", 0
        except UnicodeDecodeError:
            return None  # a wrong declaration is common; let detection decide


@register
class StrictUtf8(DecodeKind):
    kind = "utf8"

    def decide(self, data, declared):
        try:
            return data.decode("utf-8"), "utf-8", 0
        except UnicodeDecodeError:
            return None


# Encodings web pages are actually served in, most common first (the tie-break between guesses that read
# equally well). charset-normalizer also proposes rarities (cp1006, mac-*, EBCDIC) that fit a few bytes by
# chance; a guess outside this list is not taken.
WEB_ENCODINGS = tuple(
    "cp1252 cp1250 cp1251 cp1253 cp1254 cp1255 cp1256 cp1257 cp1258 cp874 latin_1 iso8859_2 iso8859_4 iso8859_5 "
    "iso8859_7 iso8859_8 iso8859_9 iso8859_13 iso8859_15 koi8_r koi8_u cp866 gb2312 gbk gb18030 big5 big5hkscs "
    "shift_jis cp932 euc_jp iso2022_jp euc_kr cp949 utf_16 utf_16_le utf_16_be utf_32 tis_620".split()
)


@register
class Detected(DecodeKind):
    kind = "detect"
    fields = {"min_coherence": (float, True), "min_bytes": (int, True)}

    def decide(self, data, declared):
        if len(data) < self.min_bytes:
            return None  # too little to tell one legacy encoding from another
        from charset_normalizer import from_bytes

        from .repair.plausibility import cost

        best = None
        for match in from_bytes(data[:200_000]):
            if match.encoding in ("utf_8", "ascii") or match.encoding not in WEB_ENCODINGS:
                continue
            if match.coherence < self.min_coherence and match.chaos > 0.2:
                continue
            text = str(match)
            score = (cost(text[:20_000]) / max(1, len(text[:20_000])), WEB_ENCODINGS.index(match.encoding))
            if best is None or score < best[0]:
                best = (score, match.encoding)
        if best is None:
            return None
        try:
            return data.decode(best[1]), f"detected charset {best[1]}", 0
        except (UnicodeDecodeError, LookupError):
            return None


@register
class Replace(DecodeKind):
    kind = "replace"

    def decide(self, data, declared):
        text = data.decode("utf-8", errors="replace")
        return text, "utf-8 with undecodable bytes replaced by U+FFFD", text.count("\ufffd")

    def fires(self, example: Example) -> list[str]:
        return ["replaced"] if self.decide(_bytes_of(example), None)[2] else []


@register
class Surrogates(DecodeKind):
    """Text that arrives as text (a JSON string, a library call) can hold UTF-16 surrogates, which no
    UTF-8 output can encode: one lone surrogate would make writing the record fail. A high and a low one
    in a row are the character they stand for; a lone one is replaced by U+FFFD. Each is an edit.
    Examples are bytes, one character per byte, read as UTF-8 with surrogates allowed (the bytes ED A0 80
    are U+D800)."""

    kind = "surrogates"
    example_keys = frozenset({"fixed"})

    def decide(self, data, declared):
        return None  # text, not bytes, is what this rule reads

    def edits(self, text: str) -> list[Edit]:
        if not has_surrogates(text):
            return []
        out = []
        for m in PAIR_OR_LONE_RE.finditer(text):
            found = m.group()
            fixed = found.encode("utf-16-le", "surrogatepass").decode("utf-16-le") if len(found) == 2 else "\ufffd"
            note = "surrogate pair joined" if len(found) == 2 else "lone surrogate replaced by U+FFFD"
            out.append(Edit("decode", self.rule.id, "replace", m.start(), m.end(), found, fixed, note))
        return out

    def fires(self, example: Example) -> list[str]:
        return [e.before for e in self.edits(self._text_of(example))]

    def check_example(self, example: Example) -> str | None:
        problem = super().check_example(example)
        if problem or "fixed" not in example.expect:
            return problem
        text = self._text_of(example)
        fixed = applied(text, self.edits(text))
        return None if fixed == example.expect["fixed"] else f"gives {fixed!r}, expected {example.expect['fixed']!r}"

    @staticmethod
    def _text_of(example: Example) -> str:
        return _bytes_of(example).decode("utf-8", "surrogatepass")


class DecodeStage(Stage):
    name = "decode"

    def __init__(self, ruleset, config):
        super().__init__(ruleset, config)
        self.text_rules = [k for k in self.rules if isinstance(k, Surrogates)]

    def run(self, doc: Document) -> None:
        if doc.raw is None:
            for kind in self.text_rules:
                edits = kind.edits(doc.text) if isinstance(doc.text, str) else []
                if edits and doc.kind == "html":
                    self._mend_markup(doc, kind, edits)
                elif edits:
                    doc.apply(edits)
            return
        data, doc.raw = doc.raw, None
        declared = doc.source.get("charset") if isinstance(doc.source.get("charset"), str) else None
        for kind in self.rules:
            decided = kind.decide(data, declared)
            if decided is None:
                continue
            text, note, replaced = decided
            doc.note_provenance(self.name, kind.rule.id, "decode", note, end=len(data))
            if note == "binary":
                doc.text = ""
                doc.error = f"binary input{' ' + doc.id if doc.id else ''}: this looks like a binary file, not text; nothing was decoded"
            else:
                doc.text = text
                if replaced:
                    doc.meta["undecodable_bytes"] = replaced
            return
        doc.text = data.decode("utf-8", errors="replace")  # unreachable with the default rules

    def _mend_markup(self, doc: Document, kind: RuleKind, edits: list[Edit]) -> None:
        """HTML given as text: the edits replay on the text extraction gives, not on the markup, so mending
        the markup is provenance (a step-0 edit, like decoding bytes), with offsets into the record's own
        markup, which the extraction edit keeps too (``notes["markup_chars"]``)."""
        size = doc.notes.setdefault("markup_chars", len(doc.text))
        doc.text = applied(doc.text, edits)
        doc.note_provenance(self.name, kind.rule.id, "replace", f"{len(edits)} surrogate(s) in the markup mended ({edits[0].note}, …)", end=size)
