"""Single-byte code pages as a browser reads them, and the undoing of "UTF-8 bytes read as code page X".

Each table is "sloppy" in the WHATWG sense: a byte the code page leaves undefined reads as the Unicode
character with the same number (0x99 in windows-874 becomes U+0099), which is what browsers and most
crawlers produce. Python's strict codecs reject those bytes, so the mojibake they leave behind could not be
turned back into bytes without these tables (the Thai ’ and “, E2 80 99 / E2 80 9C, hit two such holes).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from functools import lru_cache

# Our name for each code page -> the Python codec that defines its mapped bytes.
CODECS = {
    "latin-1": "latin-1",
    "windows-1250": "cp1250",
    "windows-1251": "cp1251",
    "windows-1252": "cp1252",
    "windows-1253": "cp1253",
    "windows-1254": "cp1254",
    "windows-1255": "cp1255",
    "windows-1256": "cp1256",
    "windows-1257": "cp1257",
    "windows-1258": "cp1258",
    "windows-874": "cp874",
    "iso-8859-2": "iso8859_2",
    "iso-8859-15": "iso8859_15",
    "macroman": "mac_roman",
    "mac-cyrillic": "mac_cyrillic",
    "cp437": "cp437",
    "cp850": "cp850",
    "cp866": "cp866",
    "koi8-r": "koi8_r",
    "koi8-u": "koi8_u",
}


@dataclass(frozen=True)
class CodePage:
    """One code page: its 256 characters and a regex for UTF-8 multi-byte sequences misread through it."""

    name: str
    chars: str  # chars[b] is what byte b reads as
    to_latin1: dict[int, int]  # str.translate table: character -> the byte it came from, as a code point
    sequence_re: re.Pattern[str]  # one or more consecutive misread UTF-8 sequences
    one: str  # the regex source of one sequence
    long: str  # the regex source of one three-byte sequence, rarely there by accident
    lead: str  # characters of the bytes C2-F4 (a UTF-8 lead byte)
    cont: str  # characters of the bytes 80-BF (a UTF-8 continuation byte)

    def encodable(self, text: str) -> bool:
        return all(ord(c) < 128 or ord(c) in self.to_latin1 for c in text)

    def to_bytes(self, text: str) -> bytes | None:
        """The bytes a run of misread UTF-8 was read from (a space in it stood for A0), or None."""
        try:
            return text.translate(self.to_latin1).replace(" ", "\xa0").encode("latin-1")
        except UnicodeEncodeError:
            return None

    def undo(self, text: str) -> str | None:
        """Read ``text`` back as the UTF-8 it was, or None if its bytes are not valid UTF-8."""
        data = self.to_bytes(text)
        if data is None:
            return None
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            return None

    def damage(self, text: str) -> str:
        """``text``'s UTF-8 bytes read through this code page (how the damage happens; used by tests)."""
        return "".join(self.chars[b] for b in text.encode("utf-8"))


# Pages whose A0 is a no-break space and whose lead bytes C2 C3 C5 CE D0 D9 are rarely followed by a space in
# correct text: there a space may stand for a lost A0 byte ("Ã s" for "às"), as in ftfy's restore_byte_a0.
LOST_A0_PAGES = frozenset(
    ["latin-1", "windows-1252", "iso-8859-15", "windows-1250", "iso-8859-2", "windows-1251", "windows-1254", "windows-1257", "windows-1258"]
)


def _cls(chars) -> str:
    return "[" + "".join(re.escape(c) for c in sorted(set(chars))) + "]"


@lru_cache(maxsize=None)
def codepage(name: str) -> CodePage:
    """The code page called ``name`` (see :data:`CODECS`), built once."""
    if name not in CODECS:
        raise KeyError(f"unknown code page {name!r} (known: {', '.join(sorted(CODECS))})")
    codec = codecs.lookup(CODECS[name]).name
    chars = []
    for b in range(256):
        try:
            chars.append(bytes([b]).decode(codec))
        except UnicodeDecodeError:
            chars.append(chr(b))
    table = "".join(chars)
    to_latin1 = {ord(c): b for b, c in enumerate(table) if b >= 128}
    to_latin1.setdefault(0x20, 0x20)
    lead2, lead3, lead4 = table[0xC2:0xE0], table[0xE0:0xF0], table[0xF0:0xF5]
    cont = table[0x80:0xC0]
    c = _cls(cont)
    # A process that took byte A0 (a no-break space in most pages) for a space may have made it one; such a
    # space can end a sequence ("Ã s" for "às"), and is read back as A0.
    long = f"{_cls(lead3)}{c}{{2}}"
    one = f"(?:{_cls(lead2)}{c}|{long}|{_cls(lead4)}{c}{{3}})"
    if name in LOST_A0_PAGES:
        two = _cls(table[b] for b in (0xC2, 0xC3, 0xC5, 0xCE, 0xD0, 0xD9))
        one = f"(?:{one}|{two} |{_cls(table[0xE0:0xE4])}{c} )"
    return CodePage(name, table, to_latin1, re.compile(f"{one}+"), one, long, table[0xC2:0xF5], cont)
