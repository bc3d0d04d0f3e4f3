"""From span flags to two document signals: ``mt_suspected`` and ``extraction_damage``, each in [0, 1].

A short text is judged by its strongest evidence: one high-confidence flag is enough. A long text has
more room for one odd sentence, so one kind of flag alone counts half; it takes two distinct kinds, a
density of flags above a band (per 1,000 words, as the Problematic Paper Screener bands tortured
phrases), or a translation trace (a foreign agency credit, a pinyin variant) next to extraction damage.
Extraction damage (spacing, orphan punctuation, mojibake) is kept apart: it says the copy was made
carelessly, not that it was translated.
"""

from __future__ import annotations

from ...document import Document, Flag

MT_TYPES = frozenset(
    {
        "glued_words",
        "doubled_word",
        "capitalized_anchor",
        "inconsistent_transliteration",
        "foreign_agency_credit",
        "literal_rendering",
        "tortured_phrase",
        "source_word_order",
        "lowercase_proper_noun",
    }
)
DAMAGE_TYPES = frozenset({"spacing_artifact", "orphan_punctuation", "mojibake"})
TRANSLATION_TRACES = frozenset({"foreign_agency_credit", "inconsistent_transliteration"})

SHORT_WORDS = 300  # below this, one strong flag decides
STRONG = 0.5  # a flag at or above this counts as a distinct piece of evidence
TRACE = 0.75  # a translation trace this sure, next to extraction damage, decides a long text
DENSITY_PER_1000 = 0.6  # strong MT flags per 1,000 words that decide a long text …
DENSITY_MIN_FLAGS = 3  # … when there are at least this many
LONE_KIND_FACTOR = 0.5  # what one kind of evidence alone is worth in a long text
EVIDENCE_ITEMS = 5


def _noisy_or(confidences) -> float:
    miss = 1.0
    for c in confidences:
        miss *= 1.0 - min(max(c, 0.0), 1.0)
    return 1.0 - miss


def judge(doc: Document) -> None:
    """Set ``mt_suspected``, ``mt_evidence`` and ``extraction_damage`` in ``doc.notes`` from ``doc.flags``."""
    mt = [f for f in doc.flags if f.type in MT_TYPES]
    damage = [f for f in doc.flags if f.type in DAMAGE_TYPES]
    best: dict[str, float] = {}
    for f in mt:
        best[f.type] = max(best.get(f.type, 0.0), f.confidence)
    score = _noisy_or(best.values())
    words = doc.text.count(" ") + doc.text.count("\n") + 1
    if mt and words >= SHORT_WORDS:
        strong = [f for f in mt if f.confidence >= STRONG]
        kinds = {f.type for f in strong}
        dense = len(strong) >= DENSITY_MIN_FLAGS and len(strong) * 1000 / words >= DENSITY_PER_1000
        traced = any(f.type in TRANSLATION_TRACES and f.confidence >= TRACE for f in mt) and bool(damage)
        if not (len(kinds) >= 2 or dense or traced):
            score *= LONE_KIND_FACTOR
    doc.notes["mt_suspected"] = round(score, 3)
    doc.notes["mt_evidence"] = [_describe(f) for f in sorted(mt, key=lambda f: (-f.confidence, f.start))[:EVIDENCE_ITEMS]]
    doc.notes["extraction_damage"] = round(_noisy_or(f.confidence for f in damage), 3)


def _describe(flag: Flag) -> str:
    text = flag.text if len(flag.text) <= 40 else flag.text[:37] + "..."
    return f"{flag.type} {flag.rule} '{text}' ({flag.confidence:.2f})"
