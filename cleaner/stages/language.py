"""Stage 4, language: which language the text is in, so later stages pick their per-language rules.

langdetect is random by design and its cost grows with the text, so the detector is seeded (same text,
same answer, in any process) and reads a bounded sample: the longest lines first, because menus and
button labels are short and carry little language signal.
"""

from __future__ import annotations

from typing import Any

from ..document import Document
from ..ruleset import Example, RuleKind, register
from .base import Stage

_FACTORY = None


def _detector_factory():
    """langdetect loads 55 profiles on first use; do it once per process, seeded."""
    global _FACTORY
    if _FACTORY is None:
        from langdetect import DetectorFactory
        from langdetect.detector_factory import init_factory

        init_factory()
        from langdetect import detector_factory

        _FACTORY = detector_factory._factory
        _FACTORY.set_seed(0)
    return _FACTORY


def sample_text(text: str, limit: int) -> str:
    """Up to ``limit`` characters, longest lines first, in document order: deterministic and cheap."""
    if len(text) <= limit:
        return text
    lines = [line for line in text.split("\n") if line.strip()]
    order = sorted(range(len(lines)), key=lambda i: (-len(lines[i]), i))
    chosen, total = [], 0
    for i in order:
        if total >= limit:
            break
        chosen.append(i)
        total += len(lines[i]) + 1
    return "\n".join(lines[i] for i in sorted(chosen))[:limit]


@register
class LangDetect(RuleKind):
    stage = "language"
    kind = "langdetect"
    fields = {
        "sample_chars": (int, True),
        "min_letters": (int, True),
        "mixed_threshold": (float, True),
    }

    def compile(self, params: dict[str, Any]) -> None:
        self.sample_chars = params["sample_chars"]
        self.min_letters = params["min_letters"]
        self.mixed_threshold = params["mixed_threshold"]

    def detect(self, text: str) -> list[tuple[str, float]]:
        from langdetect.lang_detect_exception import LangDetectException

        sample = sample_text(text, self.sample_chars)
        if sum(c.isalpha() for c in sample) < self.min_letters:
            return []
        detector = _detector_factory().create()
        detector.append(sample)
        try:
            found = detector.get_probabilities()
        except LangDetectException:
            return []
        return [(str(p.lang), float(p.prob)) for p in found]

    def fires(self, example: Example) -> list[str]:
        found = self.detect(example.text)
        want = example.lang
        if not found:
            return []
        return [found[0][0]] if want is None or found[0][0] == want else []


class LanguageStage(Stage):
    name = "language"

    def run(self, doc: Document) -> None:
        if doc.lang or not self.rules:  # a language given with the record is taken as it is
            if doc.lang:
                doc.lang_prob = doc.lang_prob or 1.0
            return
        kind = self.rules[0]
        found = kind.detect(doc.text)
        if not found:
            doc.lang, doc.lang_prob = None, 0.0
            return
        doc.lang, doc.lang_prob = found[0]
        others = [(lang, p) for lang, p in found[1:] if p >= kind.mixed_threshold]
        if others:
            doc.notes["mixed_languages"] = others
