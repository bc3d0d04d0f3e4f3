"""The seed documents' annotations as tests: what must be removed, kept, repaired and flagged."""

import json

import pytest

from conftest import FIXTURES

SEEDS = FIXTURES / "seeds"
ANNOTATIONS = json.loads((SEEDS / "annotations.json").read_text(encoding="utf-8"))
NAMES = [name for name in ANNOTATIONS if not name.startswith("_")]


@pytest.fixture(scope="module")
def cleaned(cleaner):
    return {name: cleaner.clean((SEEDS / name).read_bytes(), id=name) for name in NAMES}


def _cases(key):
    return [pytest.param(name, item, id=f"{name[:3]}-{key}-{i}") for name in NAMES for i, item in enumerate(ANNOTATIONS[name][key])]


@pytest.mark.parametrize("name,line", _cases("remove"))
def test_boilerplate_line_removed(cleaned, name, line):
    lines = {l.strip() for l in cleaned[name].text.split("\n")}
    assert line.strip() not in lines


@pytest.mark.parametrize("name,passage", _cases("keep"))
def test_content_kept(cleaned, name, passage):
    assert passage in cleaned[name].text


@pytest.mark.parametrize("name,fix", _cases("fix"))
def test_damage_repaired(cleaned, name, fix):
    text = cleaned[name].text
    assert fix["from"] not in text and fix["to"] in text
    assert any(e.stage == "repair" for e in cleaned[name].edits)


@pytest.mark.parametrize("name,want", _cases("flag"))
def test_artifact_flagged(cleaned, name, want):
    doc = cleaned[name]
    at = doc.text.index(want["context"]) + want["context"].index(want["text"])
    target = (at, at + len(want["text"]))
    hits = [f for f in doc.flags if f.type == want["type"] and f.start < target[1] and target[0] < f.end]
    assert hits, f"{want['text']!r} not flagged as {want['type']}"


@pytest.mark.parametrize("name,word", _cases("must_not_flag"))
def test_correct_words_not_flagged(cleaned, name, word):
    doc = cleaned[name]
    at = doc.text.find(word)
    while at >= 0:
        hit = [f for f in doc.flags if f.start < at + len(word) and at < f.end]
        assert not hit, f"{word!r} flagged: {hit}"
        at = doc.text.find(word, at + 1)


@pytest.mark.parametrize("low", ["000", "004"])
def test_machine_translated_seeds_score_below_the_clean_one(cleaned, low):
    score = {name[:3]: cleaned[name].quality["score"] for name in NAMES}
    assert score[low] < score["003"]


@pytest.mark.parametrize("name", NAMES)
def test_every_flag_names_its_span(cleaned, name):
    doc = cleaned[name]
    for flag in doc.flags:
        assert doc.text[flag.start : flag.end] == flag.text


@pytest.mark.parametrize("name", NAMES)
def test_edit_log_replays_to_the_cleaned_text(cleaned, name):
    from cleaner import replay_all

    source = (SEEDS / name).read_text(encoding="utf-8")
    assert replay_all(source, cleaned[name].edits) == cleaned[name].text
