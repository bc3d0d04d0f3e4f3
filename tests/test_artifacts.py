"""The artifacts stage: each detector's traps, the skipped regions, and the document-level signals."""

import pytest

from conftest import run_stage




def types(doc):
    return {(f.type, f.text) for f in doc.flags}


@pytest.mark.parametrize(
    "text",
    [
        "He had had enough, and he said that that was that.",
        "They flew to Pago Pago and then to Sing Sing.",
        "She went to To the Lighthouse night at the cinema.",
        "Putin was tried in The Hague and the White House welcomed it.",
        "I am reading On the Road and Of Mice and Men.",
        "Zlatan Ibrahimović scored. Ibrahimović then left, and Ibrahimović came back to Gdynia.",
        "Fans of iPad, FedEx, SpaceX, JetBlue and DreamWorks used #IceBucketChallenge.",
        "UNESCO, OPEC and FIFA met on Monday, Reuters reported.",
        "The word “Weltschmerz” has no English twin, nor does “saudade”.",
        "Xi Jinping met Ji Chaozhu. Xi left, and Xi came back.",
        "The Secretary of State for Levelling Up visited Woking.",
        "Parliament debated assisted dying for terminally ill patients.",
        "This was their final meeting before the election.",
        "according to the Croatian news agency HINA, the ferry sank",
    ],
)
def test_traps_are_not_flagged(stage, text):
    assert run_stage(stage, text).flags == []


@pytest.mark.parametrize(
    "text,flag_type,span",
    [
        ("As reported from the Kremlinstatements by Putin, the Kremlin said.", "glued_words", "Kremlinstatements"),
        ("Beijing’s moves would could be a stalling tactic.", "doubled_word", "would could"),
        ("The conflict It has killed tens of thousands of people.", "capitalized_anchor", "It"),
        ("Xi came. Xi spoke. Putin walked Si to his car.", "inconsistent_transliteration", "Si"),
        ("They called each other “dear friend”and laughed.", "spacing_artifact", "”and"),
        ("He spoke on the conflict. , in which many died.", "orphan_punctuation", ". ,"),
        ("The war goes on, Hina writes.", "foreign_agency_credit", "Hina writes"),
        ("They will sign the deal on tuesday in Moscow.", "lowercase_proper_noun", "tuesday"),
    ],
)
def test_each_detector_names_its_exact_span(stage, text, flag_type, span):
    doc = run_stage(stage, text)
    hits = [f for f in doc.flags if f.type == flag_type]
    assert [f.text for f in hits] == [span]
    flag = hits[0]
    assert doc.text[flag.start : flag.end] == span
    assert flag.rule.startswith("MT") and 0 < flag.confidence <= 1 and flag.evidence


def test_suggestions_repair_the_span(stage):
    doc = run_stage(stage, "As reported from the Kremlinstatements by Putin, the Kremlin said.")
    assert doc.flags[0].suggestion == "Kremlin statements"
    doc = run_stage(stage, "Xi came. Xi spoke. Putin walked Si to his car.")
    assert doc.flags[0].suggestion == "Xi"


@pytest.mark.parametrize(
    "text",
    [
        "See https://example.org/Kremlinstatements and mail press@Ukrainewhich.org today.",
        "Follow @Kremlinstatements and #Ukrainewhich for more on tuesday.net deals.",
    ],
)
def test_urls_mails_handles_and_hashtags_are_skipped(stage, text):
    assert run_stage(stage, text).flags == []


def test_a_paragraph_in_another_language_is_skipped(stage):
    english = "The talks in Moscow were long. Officials said little about the outcome of the meeting.\n"
    german = "Die Gespräche in Moskau dauerten lange, und die Ergebnisse wurden nicht veröffentlicht, sagte ein Sprecher der Regierung die die Lage kennt.\n"
    doc = run_stage(stage, english + german)
    assert doc.flags == []
    doc = run_stage(stage, english + "The report was published by the the ministry of finance on Friday.\n")
    assert types(doc) == {("doubled_word", "the the")}


def test_code_is_not_prose(stage):
    doc = run_stage(stage, "The setup is simple.\nfrom bigstuff import stuff.Stuffinator  # the the helper\nThat is all.")
    assert doc.flags == []


def test_english_rules_do_not_run_on_german_documents(stage):
    doc = run_stage(stage, "Er kam am dienstag nach Berlin, und die, die die Lage kennen, waren ernst. Nicht the the.", lang="de")
    assert [(f.rule, f.text) for f in doc.flags] == [("MT702", "dienstag")]


def test_one_flag_per_span_and_type(stage):
    doc = run_stage(stage, "The report was published by the the ministry.")
    assert [(f.rule, f.text) for f in doc.flags] == [("MT201", "the the")]


def test_clean_text_has_no_document_signals(stage):
    doc = run_stage(stage, "The talks in Moscow were long. Officials said little about the outcome.")
    assert doc.notes["mt_suspected"] == 0.0
    assert doc.notes["mt_evidence"] == []
    assert doc.notes["extraction_damage"] == 0.0


def test_short_text_one_strong_flag_is_enough(stage):
    doc = run_stage(stage, "Beijing’s moves would could be a stalling tactic, Hina writes.")
    assert doc.notes["mt_suspected"] >= 0.8
    assert any("Hina writes" in e for e in doc.notes["mt_evidence"])


def test_long_text_needs_more_than_one_kind_of_evidence(stage):
    filler = "Officials met in the capital and discussed trade, energy and security for several hours. " * 40
    one = run_stage(stage, filler + "The report was published by the the ministry.")
    assert 0 < one.notes["mt_suspected"] < 0.5
    two = run_stage(stage, filler + "The report was published by the the ministry, Hina writes.")
    assert two.notes["mt_suspected"] >= 0.5


def test_extraction_damage_is_kept_apart_from_mt(stage):
    doc = run_stage(stage, "They called each other “dear friend”and laughed. He spoke on the conflict. , in which many died.")
    assert doc.notes["extraction_damage"] >= 0.8
    assert doc.notes["mt_suspected"] == 0.0


def test_flags_survive_a_second_run_unchanged(cleaner):
    text = "As reported from the Kremlinstatements by Putin, the Kremlin said. Xi came. Xi spoke. Putin walked Si to his car."
    first = cleaner.clean(text)
    second = cleaner.clean(first.text)
    assert second.text == first.text
    assert [f.to_dict() for f in second.flags] == [f.to_dict() for f in first.flags]
