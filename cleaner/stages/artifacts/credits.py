"""``foreign_agency_credit``: a foreign-language news agency's credit left standing in a translation.

``…, Hina writes.`` is Croatian ``piše Hina`` carried over word for word. An English text cites wires
too, so the verb decides: calque verbs (writes, transmits, learns…) are the trace; ``reported`` after a
foreign agency is ordinary English and only weakly suspicious; English-language wires (Reuters, AFP)
are flagged only with ``writes``; an agency introduced with a descriptor (``the Croatian news agency
Hina reported``) is the way English cites one and is never flagged.
"""

from __future__ import annotations

import re
from typing import Any

from ...document import Flag
from ...ruleset import register
from .base import ArtifactKind, Scan


def _alternation(words: list[str]) -> str:
    return "|".join(sorted(map(re.escape, words), key=lambda w: (-len(w), w)))


@register
class ForeignAgencyCredit(ArtifactKind):
    kind = "agency_credit"
    fields = {
        "foreign_agencies": (list, True),
        "english_wires": (list, True),
        "calque_verbs": (list, True),
        "report_verbs": (list, True),
        "wire_verbs": (list, True),
        "descriptors": (list, True),
        "calque_confidence": (float, True),
        "report_confidence": (float, True),
        "wire_confidence": (float, True),
    }

    def compile(self, params: dict[str, Any]) -> None:
        self.foreign = frozenset(params["foreign_agencies"])
        self.calque = frozenset(params["calque_verbs"])
        self.report = frozenset(params["report_verbs"])
        self.wire_verbs = frozenset(params["wire_verbs"])
        self.descriptors = frozenset(w.lower() for w in params["descriptors"])
        agencies = _alternation(params["foreign_agencies"] + params["english_wires"])
        verbs = _alternation(params["calque_verbs"] + params["report_verbs"] + params["wire_verbs"])
        self.agency_words = frozenset(w.lower() for a in params["foreign_agencies"] + params["english_wires"] for w in a.split())
        self.verb_words = frozenset(params["calque_verbs"] + params["report_verbs"] + params["wire_verbs"])
        self.pattern = re.compile(rf"(?<![\w-])(?P<agency>{agencies})[ \t]+(?P<verb>{verbs})\b")
        self.confs = (params["calque_confidence"], params["report_confidence"], params["wire_confidence"])

    def detect(self, scan: Scan) -> list[Flag]:
        text = scan.text
        vocab = scan.vocab
        if not (self.verb_words & vocab and self.agency_words & vocab):
            return []
        out = []
        for m in self.pattern.finditer(text):
            agency, verb = m.group("agency"), m.group("verb")
            prev = re.search(r"([\w-]+)[ \t]+$", text[max(0, m.start() - 40) : m.start()])
            if prev and prev.group(1).lower() in self.descriptors:
                continue
            if agency in self.foreign and verb in self.calque:
                conf, why = self.confs[0], f"'{agency}' is a non-English agency and '{verb}' renders its credit word for word"
            elif agency in self.foreign and verb in self.report:
                conf, why = self.confs[1], f"'{agency}' is a non-English agency credited without introduction"
            elif agency not in self.foreign and verb in self.wire_verbs:
                conf, why = self.confs[2], f"'{agency} {verb}' is how a translated credit reads, not how English cites a wire"
            else:
                continue
            if not self.usable(scan, m.start(), m.end()):
                continue
            out.append(self.flag(scan, "foreign_agency_credit", m.start(), m.end(), conf, why, f"according to {agency}"))
        return out
