"""C1 controls left by a single-byte page other than windows-1252 read as latin-1 (RP009): the page whose
reading makes words wins; ftfy's windows-1252 reading stays the default."""

import pytest

from cleaner.stages.repair import apply_c1_plan, replay
from conftest import run_stage


def test_macroman_letters_read_as_latin_1(repair_stage):
    doc = run_stage(repair_stage, "El museo ofrece visitas guiadas en espa\x96ol y una cafeter\x92a para los ni\x96os.")
    assert doc.text == "El museo ofrece visitas guiadas en español y una cafetería para los niños."
    c1 = [e for e in doc.edits if e.rule == "RP009"]
    assert c1 and all(e.note == "macroman bytes read as latin-1" and replay(e) == e.after for e in c1)


def test_windows_1252_controls_are_left_to_ftfy(repair_stage):
    doc = run_stage(repair_stage, "We didn\x92t know that it\x92s the last one, said the owner of the shop.")
    assert doc.text == "We didn’t know that it’s the last one, said the owner of the shop."
    assert not [e for e in doc.edits if e.rule == "RP009"]


def test_a_control_standing_alone_is_no_evidence(repair_stage):
    text = "Das ist ein Test \x81 und der Rest ist nicht mit dem Text verbunden."
    assert not [e for e in run_stage(repair_stage, text).edits if e.rule == "RP009"]


def test_plan_names_only_known_pages():
    assert apply_c1_plan("tur\x92stico", "macroman bytes read as latin-1") == "turístico"
    with pytest.raises(ValueError):
        apply_c1_plan("tur\x92stico", "utf-16 bytes read as latin-1")
