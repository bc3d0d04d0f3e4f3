"""From span flags to two document signals: ``mt_suspected`` and ``extraction_damage``, each in [0, 1].

Two questions are kept apart. A flag's confidence says how sure it is that the text is wrong in the way
its type says; its rule's ``evidence_weight`` says how often such an error comes from translation or link
stripping rather than from a human slip or two lines joined by extraction. ``the the`` is a sure flag
of little weight (people type it); ``Hina writes`` and ``would could`` weigh fully (people do not).
Damage flags are weighed the same way for ``extraction_damage`` (``Wednesday.The`` is often typed).

A flag's evidence is confidence × weight. Flags of one type add up (noisy-OR): one capitalised word
mid-sentence is a joined line, four are the pattern of stripped links. Types combine the same way. A
short text is judged by that sum. A long text has room for a slip or a joined line, so its sum counts
half unless it is corroborated: two distinct types with strong evidence, a density of strong flags (per
1,000 words, as the Problematic Paper Screener bands tortured phrases), or a translation trace (a
foreign agency credit, a pinyin variant) beside any other flag. Extraction damage (spacing, orphan
punctuation, mojibake) is summed apart: it says the copy was made carelessly, not that it was translated.
"""

from __future__ import annotations

from collections.abc import Mapping

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

SHORT_WORDS = 300  # below this, the evidence decides alone
STRONG = 0.5  # evidence (confidence × weight) at or above this is a distinct piece of evidence
TRACE = 0.75  # a translation trace this strong, beside any other flag, decides a long text
DENSITY_PER_1000 = 0.6  # strong flags per 1,000 words that decide a long text …
DENSITY_MIN_FLAGS = 3  # … when there are at least this many
LONE_KIND_FACTOR = 0.5  # what uncorroborated evidence is worth in a long text
EVIDENCE_ITEMS = 5


def _noisy_or(values) -> float:
    miss = 1.0
    for v in values:
        miss *= 1.0 - min(max(v, 0.0), 1.0)
    return 1.0 - miss


def judge(doc: Document, weights: Mapping[str, float]) -> None:
    """Set ``mt_suspected``, ``mt_evidence`` and ``extraction_damage`` in ``doc.notes`` from ``doc.flags``.

    ``weights`` maps rule ids to their ``evidence_weight``. A flag of another stage's rule (mojibake from
    the repair stage) is damage at full weight and no MT evidence.
    """
    evidence = [(f, f.confidence * weights.get(f.rule, 0.0)) for f in doc.flags if f.type in MT_TYPES]
    evidence = [(f, e) for f, e in evidence if e > 0.0]
    damage = [f.confidence * weights.get(f.rule, 1.0) for f in doc.flags if f.type in DAMAGE_TYPES]
    by_type: dict[str, list[float]] = {}
    for f, e in evidence:
        by_type.setdefault(f.type, []).append(e)
    kinds = {t: _noisy_or(es) for t, es in by_type.items()}
    score = _noisy_or(kinds.values())
    words = doc.text.count(" ") + doc.text.count("\n") + 1
    if evidence and words >= SHORT_WORDS and not _corroborated(evidence, kinds, damage, words):
        score *= LONE_KIND_FACTOR
    doc.notes["mt_suspected"] = round(score, 3)
    ranked = sorted(evidence, key=lambda fe: (-fe[1], fe[0].start))
    doc.notes["mt_evidence"] = [_describe(f, e) for f, e in ranked[:EVIDENCE_ITEMS]]
    doc.notes["extraction_damage"] = round(_noisy_or(damage), 3)


def _corroborated(evidence: list[tuple[Flag, float]], kinds: dict[str, float], damage: list[float], words: int) -> bool:
    strong = [f for f, e in evidence if e >= STRONG]
    if sum(e >= STRONG for e in kinds.values()) >= 2:
        return True
    if len(strong) >= DENSITY_MIN_FLAGS and len(strong) * 1000 / words >= DENSITY_PER_1000:
        return True
    if any(f.type in TRANSLATION_TRACES and e >= TRACE for f, e in evidence):
        return any(d > 0.0 for d in damage) or len(kinds) >= 2
    return False


def _describe(flag: Flag, evidence: float) -> str:
    text = flag.text if len(flag.text) <= 40 else flag.text[:37] + "..."
    return f"{flag.type} {flag.rule} '{text}' ({flag.confidence:.2f} × weight = {evidence:.2f})"
