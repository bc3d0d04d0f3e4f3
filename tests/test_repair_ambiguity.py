"""Damage that a letter-by-letter measure cannot judge alone: decodes that are equally plausible (ñ or ù),
mojibake that looks like letters or line art, signs written right after words, and ftfy's whole-line view
of a line it could not have repaired. Each case is small and hand-made."""

import pytest

from cleaner.stages.repair import replay
from cleaner.stages.repair.codepages import codepage
from cleaner.stages.repair.plausibility import cost
from cleaner.stages.repair.words import Lexicon, languages
from conftest import run_stage

SPANISH = "El niño llegó mañana a la estación. ¿Dónde está la información sobre la reunión? El señor Núñez no lo sabe."
GERMAN = "Die Brücke über den Fluss ist für Fußgänger gesperrt. Wir wohnen in der Nordstraße und gehen zu Fuß."


def repaired(stage, text):
    doc = run_stage(stage, text)
    for edit in doc.edits:
        if edit.rule != "RP110":
            assert replay(edit) == edit.after
    return doc.text


def damage(page, text, layers=1):
    for _ in range(layers):
        text = codepage(page).damage(text)
    return text


def test_prolonged_sound_mark_is_japanese():
    assert cost("東京タワーは夜にとても綺麗です。") < 1


@pytest.mark.parametrize("page", ["windows-1250", "iso-8859-2", "iso-8859-15"])
def test_japanese_through_pages_that_share_letters(repair_stage, page):
    text = "東京タワーは夜にとても綺麗です。 コーヒーを飲みましょう。"
    assert repaired(repair_stage, damage(page, text)) == text


@pytest.mark.parametrize("layers", [1, 2])
def test_spanish_through_iso_8859_2_is_not_read_as_windows_1250(repair_stage, layers):
    """ñ and á through iso-8859-2 read back through windows-1250 are ù and å: only the words tell."""
    assert repaired(repair_stage, damage("iso-8859-2", SPANISH, layers)) == SPANISH


def test_lone_pairs_that_look_like_letters_are_repaired_when_they_make_words(repair_stage):
    text = "Dijo que no publicó todo su material, porque los datos están en posesión de la policía."
    assert repaired(repair_stage, damage("iso-8859-2", text)) == text


def test_german_word_decides_between_eszett_and_umlaut(repair_stage):
    """Ăź is ß through windows-1250 and ü through iso-8859-2; the page writes ü more often than ß."""
    first, second = GERMAN.split(". ")
    damaged = first + ". " + damage("windows-1250", second)
    assert repaired(repair_stage, damaged) == GERMAN


def test_dos_damage_inside_a_correct_line_is_not_line_art(repair_stage):
    text = "Das Hotel bietet ein Buffet mit frischen Früchten und Müsli zum Frühstück. Die Zimmer sind ruhig."
    first, second = text.split(". ")
    for page in ("cp437", "cp850"):
        assert repaired(repair_stage, damage(page, first) + ". " + second) == text


def test_macroman_sentence_in_a_line_ftfy_cannot_read(repair_stage):
    """ftfy reads a whole line through MacRoman; the correct ``…`` elsewhere in it stops it, so its silence
    is no verdict on our repair."""
    text = "Sie sind sich über das Eine nicht sicher? Fragen Sie bei uns nach… Wir helfen gern."
    first, rest = text.split("? ", 1)
    assert repaired(repair_stage, damage("macroman", first) + "? " + rest) == text


def test_macroman_quotes_that_cost_little(repair_stage):
    text = "Das Projekt „Faktor 112“ wird daran teilnehmen. Geplant sind Workshops zur Öffentlichkeitsarbeit."
    first, second = text.split(". ")
    assert repaired(repair_stage, damage("macroman", first) + ". " + second) == text


def test_cyrillic_decode_is_not_taken_for_unfinished_damage(repair_stage):
    """``стоит`` is a KOI8-R lead byte and two continuation bytes: no sign of a further layer."""
    first, second = "Привет, мир! Как дела у всех сегодня?", "Москва — столица России, а Ёлка стоит во дворе."
    assert repaired(repair_stage, first + " " + damage("macroman", second)) == first + " " + second


@pytest.mark.parametrize(
    "page,text",
    [
        ("iso-8859-15", "Und wie sieht´s bei dir aus? Das Wetter wird schön."),
        ("iso-8859-2", "Die Katzen haben FELIX® Soßenschmaus gern."),
        ("cp850", "Das kostet nur ca. 1.50 Euro😉 pro Person."),
    ],
)
def test_signs_written_after_words(repair_stage, page, text):
    assert repaired(repair_stage, damage(page, text)) == text


def test_ftfy_reading_is_a_coincidence_where_ours_uses_a_page_it_never_tries(repair_stage):
    """Twice through iso-8859-15, ``…`` read back through windows-1252 is a hair space."""
    text = "Tickets cost €12.50 at the café… or £10 online."
    assert repaired(repair_stage, damage("iso-8859-15", text, 2)) == text


def test_ftfy_tie_goes_to_the_letters_the_document_writes(repair_stage):
    text = "שלום עולם, מה שלומך היום? ירושלים היא עיר עתיקה מאוד."
    first, second = text.split("? ")
    assert repaired(repair_stage, damage("windows-1257", first) + "? " + second) == text


def test_languages_from_stop_words():
    assert languages(damage("iso-8859-2", SPANISH))[0] == "es"
    assert languages("├┤a┼┐a┼┐a┼┐a┼┐a") == ()
    lexicon = Lexicon(SPANISH)
    assert lexicon.score("El ni", "ñ", "o llegó") > lexicon.score("El ni", "ù", "o llegó") == 0
    assert lexicon.score("con Fr", "├╝", "chten") == 0  # a sign inside: no word, though Fr and chten are


def test_a_garble_that_stays_a_garble_is_flagged_not_rewritten(repair_stage):
    """Each region decodes to something a little less odd, but the line still looks damaged to ftfy's
    badness test afterwards and ftfy declines it: the repairs are dropped and reported instead."""
    text = "ã†â€™ãƒâ€ ã¢â‚¬â„¢ãƒæ’ã‚â¢ãƒâ¢ã¢â‚¬å¡ã‚â¬ãƒâ€šã‚â"
    doc = run_stage(repair_stage, text)
    assert doc.text == text
    assert any(f.type == "mojibake" and f.suggestion for f in doc.flags)


@pytest.mark.parametrize(
    "page,text",
    [
        ("windows-1252", "2003年，蔡健雅加入Music & Movement旗下的Yellow Music，发行英文专辑。"),
        ("windows-1250", "1996年参与音乐剧Hot Pants的演出。2005年发行专辑《双栖动物》，收录包括《原点》。"),
        ("windows-1257", "1999年发行专辑《Be A Superstar》。2000年宝丽金唱片并入环球唱片。"),
        ("windows-1252", "قال عبد الكريم ماسا لـ«الصباح»: كل الأطفال ذهبوا إلى المدرسة."),
        ("windows-1251", "Glaubt man den →Kommentaren bei Heise, ist das Update schon fertig. Wir warten ab."),
    ],
)
def test_scripts_and_signs_that_sit_together_in_correct_text(repair_stage, page, text):
    """Latin words inside Chinese, 》。, لـ«, an arrow before a word: none of them is a sign of damage, so a
    wrong decode (or a mix of two pages' readings, in CJK both valid) must not look better than the right one."""
    assert repaired(repair_stage, damage(page, text)) == text


@pytest.mark.parametrize("page", ["windows-1251", "windows-1253", "macroman"])
def test_lone_pair_that_makes_a_common_word(repair_stage, page):
    first = "Also bis gestern kam nix, ich schau später nochmal wenn ich daheim bin."
    second = "Ich möchte halt nur das richtige Update rechtzeitig haben, sagt er."
    assert repaired(repair_stage, damage(page, first) + " " + second) == first + " " + second
