"""UTF-16 surrogates in Python text: JSON's ``\\ud800`` escapes and some libraries put them there, and no
UTF-8 output can encode one. Finding them costs one encoding attempt, which runs in C and stops at the
first; the regular expressions only run on text that has them."""

from __future__ import annotations

import re

PAIR_OR_LONE_RE = re.compile("[\ud800-\udbff][\udc00-\udfff]|[\ud800-\udfff]")
_ANY_RE = re.compile("[\ud800-\udfff]")


def has_surrogates(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def escaped(text: str) -> str:
    """Each surrogate written as its escape (``\\ud800``): valid inside a JSON string, where it reads back
    as the same character, and visible in an explanation."""
    return _ANY_RE.sub(lambda m: "\\u%04x" % ord(m.group()), text)


def replaced(text: str) -> str:
    """Each surrogate shown as U+FFFD, for plain-text output."""
    return _ANY_RE.sub("\ufffd", text)


class Escaping:
    """A text stream that writes what it is given, and writes a piece holding surrogates with them escaped
    instead of failing: a person's explanation of a record must not stop the run."""

    def __init__(self, out):
        self._out = out

    def write(self, text: str) -> int:
        try:
            return self._out.write(text)
        except UnicodeEncodeError:
            return self._out.write(escaped(text))

    def __getattr__(self, name):
        return getattr(self._out, name)
