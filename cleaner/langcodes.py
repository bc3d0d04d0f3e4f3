"""Language codes as the stages key their rules: one spelling per language, whatever a record or a rule
file wrote ("EN", "en-US", "eng" are all "en")."""

from __future__ import annotations

import re

# Primary codes the stages do not key their rules by: ISO 639-2 and -3 codes of common languages ("eng",
# "deu", "ger"), and Norwegian Bokmål and Nynorsk, which are "no" to the detector and the stop-word lists.
_CODES = {
    "nb": "no", "nn": "no", "eng": "en", "deu": "de", "ger": "de", "fra": "fr", "fre": "fr", "spa": "es", "ita": "it", "por": "pt",
    "nld": "nl", "dut": "nl", "pol": "pl", "rus": "ru", "ukr": "uk", "ces": "cs", "cze": "cs", "slk": "sk",
    "slo": "sk", "swe": "sv", "dan": "da", "nor": "no", "nob": "no", "fin": "fi", "est": "et", "lav": "lv",
    "lit": "lt", "hun": "hu", "ron": "ro", "rum": "ro", "bul": "bg", "hrv": "hr", "srp": "sr", "slv": "sl",
    "ell": "el", "gre": "el", "tur": "tr", "ara": "ar", "heb": "he", "fas": "fa", "per": "fa", "hin": "hi",
    "ben": "bn", "urd": "ur", "tha": "th", "vie": "vi", "ind": "id", "msa": "ms", "may": "ms", "zho": "zh",
    "chi": "zh", "jpn": "ja", "kor": "ko", "cat": "ca", "eus": "eu", "baq": "eu", "glg": "gl", "cym": "cy",
    "wel": "cy", "gle": "ga", "isl": "is", "ice": "is", "afr": "af", "swa": "sw", "tgl": "tl", "mkd": "mk",
    "mac": "mk", "alb": "sq", "sqi": "sq",
}
# Chinese is the one language the detector tells apart by script: traditional ("zh-tw") or simplified.
_TRADITIONAL = frozenset(("hant", "tw", "hk", "mo"))


def language_code(given: str) -> str:
    """A record's language as the stages key their rules: ``"EN"``, ``"en-US"``, ``"en_GB"``, ``"eng"`` →
    ``"en"``; ``"zh-Hant-TW"`` → ``"zh-tw"``."""
    parts = given.strip().lower().replace("_", "-").split("-")
    primary = _CODES.get(parts[0], parts[0])
    if primary == "zh":
        return "zh-tw" if _TRADITIONAL.intersection(parts[1:]) else "zh-cn"
    return primary


# the shape of a code in the stages' own spelling: "en", "fil", "zh-cn"
_CODE_RE = re.compile(r"[a-z]{2,3}(?:-[a-z]{2,4})?")


def rule_language_problem(lang: str) -> str | None:
    """Why a rule file's language code would never match a document (None when it is fine): documents
    carry codes in :func:`language_code`'s spelling, so a rule must name them the same way."""
    if lang == "*":
        return None
    code = language_code(lang)
    if not _CODE_RE.fullmatch(code):
        return f"{lang!r} is not a language code (ISO 639-1, like 'en' or 'pt'; 'zh-cn' and 'zh-tw' for Chinese)"
    if code != lang:
        also = " (and 'zh-tw' for traditional Chinese)" if code == "zh-cn" and lang != "zh-cn" else ""
        return f"write {lang!r} as {code!r}{also}: documents carry that code, so {lang!r} would never match"
    return None
