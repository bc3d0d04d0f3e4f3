"""The repair stage as a whole: what ftfy leaves broken, explained and replayable edits, flags for what
could not be repaired, typography, and bounded work on bad input."""

import ftfy
import pytest

from cleaner.config import Config
from cleaner.document import Document, replay_all
from cleaner.ruleset import load_rules
from cleaner.stages.repair import RepairStage, apply_plan, replay
from cleaner.stages.repair.codepages import codepage
from conftest import FIXTURES, ROOT

RULES = load_rules([ROOT / "rules" / "repair"], include_defaults=False)


@pytest.fixture(scope="module")
def stage():
    return RepairStage(RULES, Config())


def run(stage, text):
    doc = Document(text)
    stage.run(doc)
    return doc


def test_seed_003_thai_dash(stage):
    text = (FIXTURES / "seeds" / "003_365e933e9b9305cd.txt").read_text("utf-8")
    assert "โ€“" in text
    doc = run(stage, text)
    assert "โ€“" not in doc.text and "–" in doc.text
    edit = next(e for e in doc.edits if e.before == "โ€“")
    assert edit.stage == "repair" and edit.rule == "RP005" and edit.note == "utf-8 bytes read as windows-874"


@pytest.mark.parametrize(
    "damaged,fixed",
    [
        ("The talks โ€“ held in Moscow โ€“ ended.", "The talks – held in Moscow – ended."),  # ftfy: untouched, or uncurled
        ("׳©׳\x9c׳•׳\x9d ׳¢׳•׳\x9c׳\x9d", "שלום עולם"),  # windows-1255
        ("п÷я─п╦п╡п╣я┌, п╪п╦я─", "Привет, мир"),  # KOI8-R
        ("Le cafأ© est fermأ©.", "Le café est fermé."),  # windows-1256: ftfy half repairs
        (codepage("iso-8859-15").damage("naïve … end"), "naïve … end"),  # iso-8859-15: ftfy makes the ellipsis a newline
    ],
)
def test_what_ftfy_leaves_broken(stage, damaged, fixed):
    assert ftfy.fix_text(damaged) != fixed
    assert run(stage, damaged).text == fixed


def test_every_repair_replays_from_its_note(stage):
    text = "Le cafÃ© Ã©tait fermÃ©. สวัสดี โ€“ ครับ. \x93Quoted\x94. Twice: cafÃƒÂ©"
    doc = run(stage, text)
    assert replay_all(text, doc.edits) == doc.text
    for edit in doc.edits:
        if edit.note.startswith(("utf-8", "ftfy")):
            assert replay(edit) == edit.after


def test_apply_plan_accepts_only_known_code_pages():
    assert apply_plan("cafÃƒÂ©", ("windows-1252", "windows-1252")) == "café"
    with pytest.raises(ValueError):
        apply_plan("cafÃ©", ("rot13",))


def test_partial_and_per_paragraph_damage(stage):
    good = "Der Bürgermeister äußerte sich nicht. Привет, мир!"
    damaged = codepage("windows-1252").damage("Der Bürgermeister äußerte sich nicht.") + " Привет, мир!\n" + codepage("koi8-r").damage("Привет, мир!")
    assert run(stage, damaged).text == good + "\nПривет, мир!"


def test_unrepairable_damage_is_flagged_not_changed(stage):
    doc = run(stage, "The Ã¢â€ committee")  # a truncated sequence: no decode explains it convincingly
    flagged = [f for f in doc.flags if f.type == "mojibake"]
    assert doc.text.count("committee") == 1
    for flag in flagged:
        assert doc.text[flag.start : flag.end] == flag.text


def test_lost_bytes_inside_a_word_are_flagged(stage):
    doc = run(stage, "the caf\ufffd is closed")
    assert doc.text == "the caf\ufffd is closed"
    assert [f.text for f in doc.flags if f.type == "mojibake"] == ["caf\ufffd"]


@pytest.mark.parametrize(
    "before,after",
    [
        ("China‘s proposals", "China’s proposals"),
        ("He said &amp;quot;no&amp;quot; &amp;amp; left", 'He said "no" & left'),
        ("bad\x00byte\x07 here", "badbyte here"),
        ("zero\u200bwidth\ufeff and soft\u00adhyphen", "zerowidth and softhyphen"),
        ("Great \ufffd\ufffd\ufffd news", "Great news"),
        ("cafe\u0301", "café"),
    ],
)
def test_typography(stage, before, after):
    assert run(stage, before).text == after


@pytest.mark.parametrize("text", ["10\u00a0km, “quoted” and ‘single’", "می\u200cخواهم", "👩\u200d💻 works"])
def test_content_characters_are_kept(stage, text):
    assert run(stage, text).text == text


def test_idempotent(stage):
    once = run(stage, "Le cafÃ© Ã©tait â€œfermÃ©â€\x9d &amp;quot; สวัสดี โ€“ ครับ").text
    assert run(stage, once).text == once


def test_long_single_line_is_capped_and_flagged():
    stage = RepairStage(RULES, Config(max_chars=50_000))
    text = ("cafÃ© " * 400_000)[:2_000_000]
    doc = run(stage, text)
    tail = [f for f in doc.flags if f.type == "unexamined"]
    assert len(tail) == 1 and tail[0].end == len(doc.text)
    assert doc.text.startswith("café café") and doc.text.endswith("Ã©" if text.endswith("Ã©") else text[-3:])


@pytest.mark.parametrize("text", ["\ufffd" * 500 + " ok", "\x00\x01\x02\x03binary\x04\x05" * 50])
def test_unreadable_text_is_flagged_not_searched(stage, text):
    doc = run(stage, text)
    assert doc.text == text and not doc.edits
    assert [f.type for f in doc.flags] == ["unexamined"]


@pytest.mark.parametrize(
    "text,page,damaged_part",
    [
        # A lone pair in a line of its own, explained by the chain that repairs the rest of the document.
        ("Viele Händler haben Sonderaktionen.\nDer Preis für Grafikkarten sinkt.", "windows-1251", None),
        # A lone pair glued to a word, with one reading only: repaired without ftfy's agreement.
        ("Der Preis für Grafikkarten sinkt.", "windows-1253", None),
        # Two equally plausible readings (ü in iso-8859-2, ß in windows-1250): the letter the page writes.
        ("Die Grünen, die Bürger, für alle, über alles, schöne Grüße. Die Bundestagsfraktion Bündnis 90 tagte.", "iso-8859-2", "Bundestagsfraktion Bündnis 90"),
        # A whole sentence of lone pairs: the line's one chain proves the damage.
        ("El niño llegó mañana a la estación de Logroño. ¿Dónde está la información?", "windows-1251", "El niño llegó mañana a la estación de Logroño."),
    ],
)
def test_weak_evidence_that_adds_up(stage, text, page, damaged_part):
    part = damaged_part or text
    damaged = text.replace(part, codepage(page).damage(part))
    assert run(stage, damaged).text == text


def test_document_damaged_twice_is_read_back_twice_everywhere(stage):
    """``Ä‚Ä˝`` read back once is ``ĂĽ``, which looks like a word; the document's chain says twice: ü."""
    text = "Der Küchenbereich ist groß.\nDas Anmieten ist ab 3 Nächten möglich, für alle Gäste."
    page = codepage("windows-1250")
    assert run(stage, page.damage(page.damage(text))).text == text


@pytest.mark.parametrize("text", ["“在‘益村’上，每天都有好多人向我订货。”", "„Äääähm….“ sagte er.", "Ich sag´s dir: geht´s?"])
def test_correct_text_that_looks_odd_is_kept(stage, text):
    assert run(stage, text).text == text
