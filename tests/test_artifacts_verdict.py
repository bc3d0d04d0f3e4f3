"""The document verdict: human slips and extraction joins are not machine translation; MT traces are."""

import json

import pytest

from cleaner.ruleset import RuleError, load_rules
from conftest import FIXTURES, run_stage

FILLER = "Officials met in the capital and discussed trade, energy and security for several hours. " * 40




@pytest.mark.parametrize(
    "text",
    [
        "The report was published by the the ministry on Friday.",
        "The ministry published the report. People who have more than one word coined after them This week's words are listed.",
        "The report was published by the the ministry. People who have words coined after them This week's words are listed.",
    ],
)
def test_a_slip_or_a_joined_line_alone_is_not_mt_in_a_short_text(stage, text):
    doc = run_stage(stage, text)
    assert doc.flags and max(f.confidence for f in doc.flags) >= 0.5
    assert doc.notes["mt_suspected"] < 0.5


def test_slips_in_a_long_text_stay_low(stage):
    one = run_stage(stage, FILLER + "It was less troubling than than the rest.")
    three = run_stage(stage, FILLER + "It was less troubling than than the rest. The the act was passed. Staff member The moment came.")
    assert len(one.flags) == 1 and len(three.flags) == 3
    assert one.notes["mt_suspected"] < 0.2
    assert three.notes["mt_suspected"] < 0.5


def test_extraction_damage_alone_is_no_mt_evidence(stage):
    doc = run_stage(stage, FILLER + "It rained on Wednesday.The police said nothing. The minister, , said so. He called it “fine”and left.")
    assert {f.type for f in doc.flags} == {"spacing_artifact", "orphan_punctuation"}
    assert doc.notes["mt_suspected"] == 0.0
    assert doc.notes["extraction_damage"] >= 0.5


def test_several_capitalised_anchors_add_up(stage):
    one = run_stage(stage, "The conflict It has killed thousands of people in the region.")
    four = run_stage(stage, "The conflict It has killed thousands. He gave her ice cream On his birthday. They left abroad Almost three years ago. The talks The spat went on.")
    assert one.notes["mt_suspected"] < 0.5 <= four.notes["mt_suspected"]


@pytest.mark.parametrize(
    "tail",
    ["Beijing’s moves would could be a stalling tactic.", "The ferry sank near the coast, Hina writes.", "Issues of technical-military cooperation came up."],
)
def test_one_translation_trace_decides_a_short_text(stage, tail):
    assert run_stage(stage, tail).notes["mt_suspected"] >= 0.5


def test_a_translation_trace_beside_a_slip_decides_a_long_text(stage):
    alone = run_stage(stage, FILLER + "The ferry sank near the coast, Hina writes.")
    with_slip = run_stage(stage, FILLER + "The ferry sank near the the coast, Hina writes.")
    assert alone.notes["mt_suspected"] < 0.5 <= with_slip.notes["mt_suspected"]


def test_evidence_names_confidence_and_weight(stage):
    doc = run_stage(stage, "The report was published by the the ministry on Friday.")
    assert doc.notes["mt_evidence"] == ["doubled_word MT201 'the the' (0.90 × weight = 0.27)"]


@pytest.mark.parametrize("page", json.loads((FIXTURES / "artifacts" / "human_pages.json").read_text(encoding="utf-8"))["pages"], ids=lambda p: p["url"][:40])
def test_human_pages_with_real_flags_are_not_called_mt(stage, page):
    doc = run_stage(stage, page["text"])
    assert any(f.confidence >= 0.5 for f in doc.flags), "the page's real error should still be flagged"
    assert doc.notes["mt_suspected"] <= 0.3


@pytest.mark.parametrize("name,low", [("000_30879ea3a942f477.txt", 0.9), ("004_d627406e6692e47b.txt", 0.9)])
def test_machine_translated_seeds_stay_suspected(cleaner, name, low):
    doc = cleaner.clean((FIXTURES / "seeds" / name).read_bytes())
    assert doc.notes["mt_suspected"] >= low


def test_the_clean_seed_is_not_suspected(cleaner):
    doc = cleaner.clean((FIXTURES / "seeds" / "003_365e933e9b9305cd.txt").read_bytes())
    assert doc.notes["mt_suspected"] < 0.5


RULE = """
[[rule]]
id = "MT990"
name = "mine.weight"
stage = "artifacts"
kind = "pattern"
langs = ["en"]
type = "spacing_artifact"
why = "A rule a user wrote, to check that the evidence weight is asked for."
pattern = 'x,y'
confidence = 0.5
evidence = "test"
{weight}
examples.match = ["x,y"]
examples.no_match = ["x, y"]
"""


@pytest.mark.parametrize("weight", ["", "evidence_weight = 1.5", "evidence_weight = 1"])
def test_every_artifact_rule_states_a_valid_evidence_weight(tmp_path, weight):
    path = tmp_path / "mine.toml"
    path.write_text(RULE.format(weight=weight), encoding="utf-8")
    with pytest.raises(RuleError, match="evidence_weight"):
        load_rules([path])
