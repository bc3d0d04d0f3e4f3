"""The boilerplate stage on whole documents: what goes, what stays, and how each removal is explained."""

import json

import pytest

from conftest import FIXTURES

from cleaner import replay_all
from cleaner.document import Document
from cleaner.stages.boilerplate.kinds import Stems
from cleaner.stages.boilerplate.text import Block, separate, split_blocks, stopwords, tokens_of

HERE = FIXTURES / "boilerplate"
EXPECT = json.loads((HERE / "expectations.json").read_text(encoding="utf-8"))
NAMES = [name for name in EXPECT if not name.startswith("_")]


@pytest.fixture(scope="module")
def stage(cleaner):
    return cleaner.boilerplate


def run(stage, text, lang, **notes):
    doc = Document(text, lang=lang)
    doc.notes.update(notes)
    stage.run(doc)
    return doc


@pytest.fixture(scope="module")
def cleaned(stage):
    return {name: run(stage, (HERE / name).read_text(encoding="utf-8"), EXPECT[name]["lang"]) for name in NAMES}


def _cases(key):
    return [pytest.param(name, item, id=f"{name}-{key}-{i}") for name in NAMES for i, item in enumerate(EXPECT[name][key])]


@pytest.mark.parametrize("name,line", _cases("remove"))
def test_boilerplate_goes(cleaned, name, line):
    doc = cleaned[name]
    if "\n" in (HERE / name).read_text(encoding="utf-8"):
        assert line not in {l.strip() for l in doc.text.split("\n")}
    else:
        assert line not in doc.text


@pytest.mark.parametrize("name,passage", _cases("keep"))
def test_content_stays(cleaned, name, passage):
    assert passage in cleaned[name].text


@pytest.mark.parametrize("name", NAMES)
def test_bylines_and_datelines_move_to_meta(cleaned, name):
    doc = cleaned[name]
    for key, value in EXPECT[name]["meta"].items():
        assert value in doc.meta.get(key, [])
        assert any(e.kind == "move_to_meta" and value in e.before for e in doc.edits)


@pytest.mark.parametrize("name", NAMES)
def test_every_removal_is_explained_and_replays(cleaned, cleaner, name):
    doc = cleaned[name]
    source = (HERE / name).read_text(encoding="utf-8")
    assert replay_all(source, doc.edits) == doc.text
    for edit in doc.edits:
        assert edit.stage == "boilerplate" and cleaner.ruleset.get(edit.rule).stage == "boilerplate"


@pytest.mark.parametrize("name", NAMES)
def test_removed_chars_are_left_for_the_quality_stage(cleaned, name):
    doc = cleaned[name]
    removed = sum(e.end - e.start for e in doc.edits if e.kind != "whitespace")
    assert doc.notes.get("boilerplate_removed_chars", 0) == removed


def test_clean_article_loses_nothing(cleaned):
    doc = cleaned["clean_article_en.txt"]
    assert [e for e in doc.edits if e.kind != "whitespace"] == []


def test_page_of_only_boilerplate_comes_out_empty_with_reasons(stage):
    text = (HERE / "all_boilerplate.txt").read_text(encoding="utf-8")
    doc = run(stage, text, "en")
    assert doc.text == ""
    removed = [e for e in doc.edits if e.kind != "whitespace"]
    assert sum(len(e.before) for e in removed) >= len(text.strip())
    assert all(e.rule.startswith("BP") for e in removed)


@pytest.mark.parametrize("name", NAMES)
def test_judging_changes_nothing_and_names_what_cleaning_removes(stage, cleaned, name):
    text = (HERE / name).read_text(encoding="utf-8")
    doc = Document(text, lang=EXPECT[name]["lang"])
    ctx = stage.judge(doc)
    assert doc.text == text and not doc.edits
    judged = {(b.start, b.end, v.rule) for b, v in zip(ctx.blocks, ctx.verdicts) if v is not None}
    removed = [e for e in cleaned[name].edits if e.kind != "whitespace"]
    assert bool(removed) == bool(judged)
    # every removal covers judged blocks of its own rule, end to end
    for edit in removed:
        inside = [span for span in judged if edit.start <= span[0] and span[1] <= edit.end]
        assert inside and {rule for _, _, rule in inside} == {edit.rule}
        assert min(s for s, _, _ in inside) == edit.start and max(e for _, e, _ in inside) == edit.end


@pytest.mark.parametrize("name", NAMES)
def test_cleaning_twice_changes_nothing(stage, cleaned, name):
    once = cleaned[name]
    twice = run(stage, once.text, EXPECT[name]["lang"])
    assert twice.text == once.text


def test_cut_marker_keeps_prose_that_follows(stage):
    text = (
        "The council approved the budget on Monday after a long debate about the new school.\n"
        "Related Posts\n"
        "Budget 2023: what changed\n"
        "School opens in May\n"
        "The mayor said the vote showed that the city could still agree on the things that matter.\n"
    )
    doc = run(stage, text, "en")
    assert "Budget 2023: what changed" not in doc.text
    assert "The mayor said the vote showed" in doc.text
    assert {e.rule for e in doc.edits if e.kind == "cut_tail"} == {"BP003"}


def test_cut_marker_before_the_article_drops_only_its_line(stage):
    text = (
        "Leave a comment\n"
        "Almond biscuits\n"
        "300 g flour\n"
        "200 g sugar\n"
        "Mix the flour and the sugar, add the butter and knead the dough until it is smooth and soft.\n"
    )
    doc = run(stage, text, "en")
    assert "Leave a comment" not in doc.text
    assert "300 g flour" in doc.text and "200 g sugar" in doc.text


def test_phrase_rules_follow_the_document_language(stage):
    assert stage.phrases_for("de").rule_for("Schreibe einen Kommentar").rule.id == "BP100"
    assert stage.phrases_for("fr").rule_for("Schreibe einen Kommentar") is None
    assert stage.phrases_for("fr").rule_for("Laisser un commentaire").rule.id == "BP101"
    # English widget labels are left on pages in every language
    assert stage.phrases_for("pl").rule_for("Leave a Reply").rule.id == "BP001"


@pytest.mark.parametrize(
    "lang,heading",
    [("de", "Schreibe einen Kommentar"), ("fr", "Laisser un commentaire"), ("es", "Deja una respuesta"), ("it", "Lascia un commento"),
     ("pt", "Deixe um comentário"), ("nl", "Geef een reactie"), ("pl", "Dodaj komentarz"), ("ru", "Добавить комментарий")],
)
def test_comment_forms_in_every_pack_language(stage, lang, heading):
    assert stage.phrases_for(lang).rule_for(heading) is not None


def test_sentence_that_mentions_a_phrase_is_content(stage):
    text = (
        "The story was shared widely online after it was published on Monday evening.\n"
        "Readers were invited to leave a reply under the announcement, and many did so within hours.\n"
        "See also how the council voted last year, when the same plan was rejected by a wide margin.\n"
    )
    doc = run(stage, text, "en")
    assert doc.text == text.strip()


def test_page_chrome_rules_leave_extracted_text_alone(stage):
    text = (
        "Ingredients\nFlour\nSugar\nButter\nEggs\nMilk\nSalt\n"
        "Mix everything in a large bowl and let the dough rest in a cool place for at least one hour.\n"
    )
    plain = run(stage, text, "en")
    extracted = run(stage, text, "en", extracted=True)
    assert "Butter" not in plain.text
    assert "Butter" in extracted.text


def test_flat_text_is_cut_into_sentence_sized_blocks():
    text = (HERE / "flat_en.txt").read_text(encoding="utf-8")
    blocks = split_blocks(text, 1000, stopwords("en"))
    assert len(blocks) > 5 and all(b.flat for b in blocks)
    assert any(b.text.startswith("The new bridge over the river") for b in blocks)
    for block in blocks:
        assert text[block.start : block.start + len(block.text)] == block.text


@pytest.mark.parametrize("extra", ["", " İstanbul'un ΟΔΟΣ Σ. "])
def test_flat_blocks_carry_the_words_of_their_own_text(extra):
    # the flat line is separated and lower-cased once; every piece must still get exactly its own words,
    # also when a letter grows when lower-cased (İ) or lower-cases by its context (final Σ)
    text = (HERE / "flat_en.txt").read_text(encoding="utf-8").replace(". ", "." + extra, 3)
    blocks = split_blocks(text, 1000, stopwords("en"))
    assert len(blocks) > 5 and all(b.flat for b in blocks)
    for block in blocks:
        assert block.tokens == tokens_of(block.text)


def test_keyword_screen_finds_stems_at_word_starts_only():
    screen = Stems({"shar": (0,), "fol": (1,), "by": (2,), "©": (3,)})
    def owners(line):
        return screen.owners_in(Block(0, len(line), line, tokens_of(line)))
    assert owners("Sharing is caring") == {0}
    assert owners("Follow us, by the way © 2020") == {1, 2, 3}
    assert owners("Unfollow the nearby cashare") == set()


def test_keyword_screen_finds_every_stem_a_word_starts_with():
    # a word gives one match, its longest stem, which stands for the shorter ones it starts with
    screen = Stems({"sub": (0,), "subscri": (1,), "subscribers": (2,), "c)": (3,)})
    def owners(line):
        return screen.owners_in(Block(0, len(line), line, tokens_of(line)))
    assert owners("Subscribe now") == {0, 1}
    assert owners("Only for subscribers (C) 2024") == {0, 1, 2, 3}
    assert owners("Only for subs") == {0}


def test_words_are_split_at_punctuation_and_symbols_in_any_script():
    assert separate("Hello, world! ©2024 #tag") == "Hello  world   2024  tag"
    assert separate("l’été it‘s") == "l'été it's"  # typographic apostrophes become '
    assert separate("東京、タワー") == "東京、タワー"  # beyond the alphabetic scripts nothing is split
    assert tokens_of("Über_uns — «Kontakt»") == ["über", "uns", "kontakt"]


def test_stop_words_come_from_justext():
    german = stopwords("de")
    assert "und" in german and "der" in german
    assert stopwords("xx") == frozenset()


def test_paragraph_in_another_language_is_not_judged_by_english_stop_words(stage):
    text = (
        "The festival opened on Friday with a concert in the old harbour, and thousands of people came to listen.\n"
        "Liebe Menschen Europas, in Griechenland, Spanien, Italien oder wo auch immer Ihr lebt, wir laden Euch herzlich zu unserem Fest ein!\n"
        "Die Bühne steht direkt am Wasser, und der Eintritt ist wie in jedem Jahr für alle Besucherinnen und Besucher frei.\n"
        "The organisers said they expect even more visitors next year, when the new pier will be finished.\n"
    )
    doc = run(stage, text, "en")
    assert "Liebe Menschen Europas" in doc.text
    assert "Die Bühne steht direkt am Wasser" in doc.text


def test_hard_wrapped_paragraphs_are_prose(stage):
    text = (
        "Notes from the workshop\n"
        "This blog article about meta programming reminded me to write up the\n"
        "equivalent for the editor I use every day; advice in that editor goes\n"
        "back to the eighties and enables similar functionality without changing\n"
        "the original function at all.\n"
        "The second part of the workshop was about testing, and about how to\n"
        "keep a large configuration readable when many people work on it at\n"
        "the same time.\n"
        "Slides and code\n"
        "Questions\n"
        "Thanks\n"
    )
    doc = run(stage, text, "en")
    assert "equivalent for the editor I use every day" in doc.text
    assert "keep a large configuration readable" in doc.text


def test_lists_and_tables_around_an_article_are_kept(stage):
    text = (
        "Almond biscuits\n"
        "| 300 g | flour |\n| 200 g | sugar |\n| 100 g | ground almonds |\n| 1 | egg |\n| 1 pinch | salt |\n| 1 tsp | cinnamon |\n"
        "Mix the flour and the sugar, add the butter and knead the dough until it is smooth and soft.\n"
        "Bake the biscuits for twelve minutes, until they are golden at the edges, and let them cool on a rack.\n"
        "- Energy 1331 kJ\n- Fat 20 g\n- Carbohydrates 28 g\n- Protein 6 g\n- Salt 0.1 g\n"
    )
    doc = run(stage, text, "en")
    assert [e for e in doc.edits if e.kind != "whitespace"] == []


def test_structural_rules_stay_off_languages_without_calibration(stage):
    text = "蔡健雅演艺经历\n[14]\n1999年将国语唱片签约于宝丽金唱片旗下\n[15]\n专辑入选中国时报票选十大中文专辑\n[16]\n同年以入围第13届台湾金曲奖最佳作曲人奖\n"
    doc = run(stage, text, "zh-cn")
    assert doc.text == text.strip()
