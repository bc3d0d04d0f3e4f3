"""Guarantees of the pipeline as a whole: determinism, idempotence, a replayable edit log, bad input."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner import Cleaner, Document, replay_all
from conftest import FIXTURES

SEEDS = sorted((FIXTURES / "seeds").glob("*.txt"))
SEED_LINES = [line for path in SEEDS for line in path.read_text(encoding="utf-8").split("\n")]
NOISE = ["", "Translate »", "Leave a Reply", "#a #b #c", "Scroll Top", "  ", "China‘s", "a a", "See also  Something Else Happened Today", "&amp;", "\u00ad", "Ã©tÃ©"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(SEED_LINES + NOISE), min_size=1, max_size=25))
def test_cleaning_is_idempotent_and_replayable(cleaner, lines):
    text = "\n".join(lines)
    once = cleaner.clean(text)
    assert replay_all(text, once.edits) == once.text
    twice = cleaner.clean(once.text)
    assert twice.text == once.text
    for flag in once.flags:
        assert once.text[flag.start : flag.end] == flag.text


def test_same_output_for_any_worker_count_and_order(cleaner):
    records = [{"id": p.name, "text": p.read_text(encoding="utf-8")} for p in SEEDS] * 3
    one = [json.dumps(d.to_record()) for d in cleaner.clean_many(records, workers=1)]
    two = [json.dumps(d.to_record()) for d in cleaner.clean_many(records, workers=2, chunksize=2)]
    assert one == two
    backwards = [json.dumps(d.to_record()) for d in cleaner.clean_many(list(reversed(records)))]
    assert backwards == list(reversed(one))


def test_a_fresh_cleaner_gives_the_same_record(cleaner):
    text = SEEDS[4].read_text(encoding="utf-8")
    assert Cleaner().clean(text).to_record() == cleaner.clean(text).to_record()


def test_library_entry_points(cleaner):
    doc = cleaner.clean_record({"id": 7, "text": "Real text about the harbour and its ships.\n\nScroll Top", "crawl": "x"})
    assert doc.id == "7" and "Scroll Top" not in doc.text
    record = doc.to_record()
    assert record["crawl"] == "x"
    html = "<html><body><article><p>" + "The harbour reopened after the storm, and fishing boats returned to the quay on Friday. " * 3 + "</p></article></body></html>"
    assert "harbour reopened" in cleaner.clean_html(html, url="https://example.org/a").text
    assert "harbour reopened" in cleaner.clean_html(html.encode("utf-8")).text


def test_input_fields_that_collide_are_kept_under_original(cleaner):
    record = cleaner.clean_record({"id": "a", "text": "Some real sentence about the weather today.", "flags": ["from-crawler"], "quality": 3}).to_record()
    assert record["original"] == {"flags": ["from-crawler"], "quality": 3}
    assert isinstance(record["flags"], list) and isinstance(record["quality"], dict)


def test_a_failing_stage_marks_the_record_instead_of_losing_it(cleaner, monkeypatch):
    stage = next(s for s in cleaner.stages if s.name == "boilerplate")

    def broken(doc):
        raise RuntimeError("boom")

    monkeypatch.setattr(stage, "run", broken)
    doc = cleaner.clean("Some text that will meet a broken stage.")
    assert doc.error and "boilerplate" in doc.error and "boom" in doc.error
    assert doc.keep is False


def test_flags_follow_the_text_through_later_edits():
    from cleaner import Edit, Flag

    doc = Document("Menu\nThe cafe is open.")
    doc.add_flag(Flag("mojibake", "RP000", 9, 13, "cafe"))
    doc.apply([Edit("boilerplate", "BP000", "drop_line", 0, 5, "Menu\n", "")])
    assert doc.text == "The cafe is open."
    (flag,) = doc.flags
    assert doc.text[flag.start : flag.end] == "cafe"
    doc.apply([Edit("boilerplate", "BP000", "drop_line", 4, 8, "cafe", "")])
    assert doc.flags == []


def test_per_site_learning_gives_the_same_result_for_any_worker_count(cleaner):
    footer = "Printed by the Town Crier press in Lowbridge since 1921"
    records = [
        {"id": str(i), "url": f"https://towncrier.example/{i}", "text": f"{p.read_text(encoding='utf-8')}\n{footer}\n"} for i, p in enumerate(SEEDS)
    ]
    sites = cleaner.learn_sites(records)
    assert cleaner.learn_sites(records, workers=2, chunksize=1) == sites and sites["towncrier.example"]
    one = [json.dumps(d.to_record()) for d in cleaner.clean_many(records, sites=sites)]
    two = [json.dumps(d.to_record()) for d in cleaner.clean_many(records, workers=2, chunksize=2, sites=sites)]
    assert one == two
    assert all(footer not in json.loads(r)["text"] for r in one)
    learned, cleaned = cleaner.learn_and_clean(iter(records), workers=2, chunksize=2)
    assert learned == sites and [json.dumps(d.to_record()) for d in cleaned] == one


def test_carriage_returns_alone_end_lines(cleaner):
    lines = [
        "The storm that crossed the coast on Monday flooded three villages and cut power to thousands of homes.",
        "Rescue teams worked through the night to reach the people who were trapped by the water.",
        "Share this:",
        "Facebook",
    ]
    doc = cleaner.clean("\r".join(lines) + "\r")
    assert "Share this:" not in doc.text and "Facebook" not in doc.text
    assert doc.text.startswith(lines[0] + "\n" + lines[1])
    assert any(e.rule == "RP109" for e in doc.edits)


def test_an_item_that_is_no_document_comes_out_marked(cleaner):
    docs = list(cleaner.clean_many(["Some text about the weather in the hills this week.", None, 5]))
    assert len(docs) == 3 and not docs[0].error
    assert all(d.error.startswith("not a document") for d in docs[1:])


def test_clean_marks_what_is_neither_text_nor_bytes(cleaner):
    for given in (None, 12345):
        doc = cleaner.clean(given)
        assert doc.error == f"not a document: expected text (str) or bytes, got {type(given).__name__}"
        assert doc.text == "" and doc.keep is False


def test_library_options_are_checked_like_the_settings_file():
    from cleaner import Cleaner

    assert Cleaner(disable="BP010,BP011").config.disable == ("BP010", "BP011")
    assert Cleaner(disable={"BP011", "BP010"}).config.disable == ("BP010", "BP011")
    assert Cleaner(rules=[FIXTURES.parent / "rules"]).config.rules == (str(FIXTURES.parent / "rules"),)
    with pytest.raises(ValueError, match="min_score"):
        Cleaner(min_score=2)
    with pytest.raises(ValueError, match="unknown setting"):
        Cleaner(min_scor=0.4)


def test_edits_read_back_from_json_lines_replay(cleaner):
    from cleaner import replay_all

    text = "Intro line of the story, which goes on for a while here.\n\nShare this:\nFacebook\n\nThe end of the story, told in full."
    record = json.loads(json.dumps(cleaner.clean(text).to_record()))
    assert record["edits"] and replay_all(text, record["edits"]) == record["text"]


def test_a_record_may_carry_bytes(cleaner):
    page = "<html><body><p>Café au lait is what the council served at its meeting on Monday, officials said.</p></body></html>"
    doc = cleaner.clean_record({"id": "b", "html": page.encode("cp1252")})
    assert doc.error is None and doc.text.startswith("Café au lait")
    assert cleaner.clean_record({"id": "t", "text": "Some text in bytes.".encode()}).text == "Some text in bytes."
    record = json.loads(json.dumps(doc.to_record()))  # the record stays JSON
    assert record["html"] == page.encode("cp1252").decode("utf-8", "surrogateescape")


def test_the_unexamined_stretch_keeps_its_flag_when_lines_inside_it_go():
    from cleaner import Cleaner

    story = "The storm that crossed the coast on Monday flooded three villages near the café. " * 4
    text = story + "\n\n" + story + "\n\nShare this:\nFacebook\nTwitter\n\n" + story
    doc = Cleaner(max_chars=200).clean(text)  # the repair stage examines the first 200 characters
    assert "Share this:" not in doc.text
    [flag] = [f for f in doc.flags if f.type == "unexamined"]
    assert flag.end == len(doc.text) and flag.text == doc.text[flag.start : flag.end]

