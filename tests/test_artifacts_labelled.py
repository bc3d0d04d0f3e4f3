"""Span precision and recall per flag type on the hand-labelled set in fixtures/artifacts/."""

import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from artifacts import score_labelled  # noqa: E402

# Floors, not targets: the set is small, so one lost span moves recall by a lot.
PRECISION_FLOOR = 0.9
RECALL_FLOOR = {"capitalized_anchor": 0.6, "source_word_order": 0.0}
DEFAULT_RECALL_FLOOR = 0.8


@pytest.fixture(scope="module")
def scores(cleaner):
    return score_labelled(cleaner)


def test_report(scores, capsys):
    with capsys.disabled():
        print()
        for t, c in sorted(scores.items()):
            flags = c.get("tp", 0) + c.get("fp", 0)
            print(f"{t:30} precision {c.get('tp', 0)}/{flags}  recall {c.get('found', 0)}/{c.get('total', 0)}")


@pytest.mark.parametrize("flag_type", ["glued_words", "doubled_word", "capitalized_anchor", "inconsistent_transliteration", "spacing_artifact", "orphan_punctuation", "foreign_agency_credit", "lowercase_proper_noun", "literal_rendering", "tortured_phrase", "source_word_order"])
def test_precision_and_recall_per_type(scores, flag_type):
    c = scores.get(flag_type, {})
    flags = c.get("tp", 0) + c.get("fp", 0)
    assert c.get("total", 0) > 0, f"the labelled set has no {flag_type} span"
    if flags:
        assert c.get("tp", 0) / flags >= PRECISION_FLOOR, c
    assert c.get("found", 0) / c["total"] >= RECALL_FLOOR.get(flag_type, DEFAULT_RECALL_FLOOR), c


def test_trap_paragraphs_carry_no_confident_flag(scores):
    false = sum(c.get("fp", 0) for c in scores.values())
    assert false == 0
