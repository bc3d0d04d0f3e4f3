"""Bytes to text: BOM, declared charset (record field, HTML meta), strict UTF-8, detection, replacement,
binary refusal, and the decision recorded as a provenance edit."""

import pytest

from cleaner.config import Config
from cleaner.document import Document
from cleaner.ruleset import load_rules
from cleaner.stages.decode import DecodeStage
from conftest import ROOT

STAGE = DecodeStage(load_rules([ROOT / "rules" / "decode.toml"], include_defaults=False), Config())


def decode(data, **source):
    doc = Document("", raw=data, source=source)
    STAGE.run(doc)
    return doc


def decision(doc):
    [edit] = [e for e in doc.edits if e.stage == "decode"]
    return edit.rule, edit.note


FRENCH = "Le café était très agréable, et la crème brûlée délicieuse. Nous y retournerons l'été prochain, n'est-ce pas ?"


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-32"])
def test_byte_order_mark(encoding):
    doc = decode(FRENCH.encode(encoding))
    assert doc.text == FRENCH and decision(doc)[0] == "DC002"


def test_utf8_wins_over_a_wrong_declaration():
    doc = decode(FRENCH.encode("utf-8"), charset="iso-8859-1")
    assert doc.text == FRENCH and decision(doc) == ("DC003", "utf-8")


@pytest.mark.parametrize("how", ["field", "meta"])
def test_declared_charset(how):
    text = "Zażółć gęślą jaźń"
    if how == "field":
        doc = decode(text.encode("iso-8859-2"), charset="iso-8859-2")
    else:
        doc = decode(b'<meta charset="iso-8859-2"><p>' + text.encode("iso-8859-2") + b"</p>")
    assert text in doc.text and decision(doc)[0] == "DC004"


def test_utf16_without_bom_is_not_refused_as_binary():
    doc = decode(FRENCH.encode("utf-16-le"), charset="utf-16-le")
    assert doc.error is None and FRENCH in doc.text


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_without_bom_are_read_in_their_byte_order(encoding):
    doc = decode(FRENCH.encode(encoding))
    assert doc.text == FRENCH and "\x00" not in doc.text
    assert decision(doc) == ("DC007", f"{encoding} without a byte-order mark")


def test_a_cut_off_last_code_unit_is_marked_not_dropped():
    doc = decode(FRENCH.encode("utf-16-le") + b"x")
    assert doc.text == FRENCH + "\ufffd" and doc.meta["undecodable_bytes"] == 1


def test_text_padded_with_nul_bytes_is_not_refused_as_binary():
    doc = decode(FRENCH.encode("utf-8") + b"\x00" * 3000)
    assert doc.error is None and doc.text.startswith(FRENCH)


def test_text_with_a_few_nul_bytes_is_still_utf8():
    data = "Plain text\x00 with a stray NUL byte, read as UTF-8 like any other.".encode("utf-8")
    assert decision(decode(data))[0] == "DC003"


def test_detected_charset():
    doc = decode(FRENCH.encode("cp1252"))
    rule, note = decision(doc)
    assert rule == "DC005" and note.startswith("detected charset") and doc.text == FRENCH


def test_binary_refused_with_a_reason():
    doc = decode(b"\x00\x01\x02PK\x03\x04" + bytes(range(32)) * 20)
    assert doc.text == "" and "binary" in doc.error and decision(doc)[0] == "DC001"


def test_undecodable_bytes_replaced_and_counted():
    doc = decode(b"ok \xff\xfe\xfd then text")
    assert "\ufffd" in doc.text and doc.meta.get("undecodable_bytes", 0) >= 1


def test_text_input_gets_its_surrogates_mended_as_edits():
    from cleaner import replay_all

    text = "A lone \ud800 and a pair \ud83d\ude00 given as two halves."
    doc = Document(text)
    STAGE.run(doc)
    assert doc.text == "A lone \ufffd and a pair \U0001F600 given as two halves."
    assert [(e.rule, e.before) for e in doc.edits] == [("DC008", "\ud800"), ("DC008", "\ud83d\ude00")]
    assert replay_all(text, doc.edits) == doc.text

