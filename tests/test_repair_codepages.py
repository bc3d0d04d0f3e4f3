"""Generated damage on correct multilingual text: every supported code page, whole document and one
sentence, one and two layers; and the undamaged copies must come out unchanged."""

import json

import pytest

from cleaner.stages.repair.codepages import codepage
from conftest import FIXTURES, run_stage

SENTENCES = {k: v for k, v in json.loads((FIXTURES / "mojibake" / "sentences.json").read_text("utf-8")).items() if k[0] != "_"}
PAGES = [
    "windows-874", "windows-1252", "windows-1250", "windows-1251", "windows-1253", "windows-1254", "windows-1257",
    "latin-1", "iso-8859-2", "iso-8859-15", "macroman", "cp437", "windows-1255", "windows-1256", "windows-1258",
    "koi8-r", "koi8-u", "cp866", "mac-cyrillic", "cp850",
]


def cases(page, layers):
    """(damaged, expected) pairs: each language's document damaged whole, and with one sentence damaged."""
    def damage(text):
        for _ in range(layers):
            text = codepage(page).damage(text)
        return text

    out = []
    for lang, sentences in SENTENCES.items():
        doc = " ".join(sentences)
        out.append((damage(doc), doc))
        for i, sentence in enumerate(sentences):
            parts = list(sentences)
            parts[i] = damage(sentence)
            out.append((" ".join(parts), doc))
    return out


def _params():
    for page in PAGES:
        for layers in (1, 2):
            yield pytest.param(page, layers, id=f"{page}-{layers}")


@pytest.mark.parametrize("page,layers", list(_params()))
def test_restoration_rate(repair_stage, page, layers):
    results = [(run_stage(repair_stage, damaged).text, want, damaged) for damaged, want in cases(page, layers)]
    wrong = [(d, got) for got, want, d in results if got != want]
    assert len(wrong) <= 0.01 * len(results), f"{len(wrong)}/{len(results)} not restored, e.g. {wrong[:2]}"


def test_windows_1252_inside_other_damage(repair_stage):
    """Two different layers: UTF-8 read as windows-1252, the result read again as windows-1251."""
    text = "Le café était fermé, mais la crème brûlée était délicieuse."
    damaged = codepage("windows-1251").damage(codepage("windows-1252").damage(text))
    assert run_stage(repair_stage, damaged).text == text


def test_different_damage_per_paragraph(repair_stage):
    paragraphs = [" ".join(SENTENCES[lang]) for lang in ("ru", "th", "fr", "he")]
    damaged = "\n\n".join(codepage(p).damage(t) for p, t in zip(["koi8-r", "windows-874", "macroman", "windows-1255"], paragraphs))
    assert run_stage(repair_stage, damaged).text == "\n\n".join(paragraphs)


@pytest.mark.parametrize("lang", sorted(SENTENCES))
def test_correct_text_is_left_alone(repair_stage, lang):
    text = " ".join(SENTENCES[lang])
    doc = run_stage(repair_stage, text)
    assert doc.text == text and not doc.edits and not doc.flags
