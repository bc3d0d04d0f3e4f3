"""ftfy's own test cases (copied with their licence into fixtures/mojibake/ftfy): every case ftfy passes we
pass, compared modulo the formatting ftfy applies by default and we do not (straight quotes, ligatures,
widths, line breaks) and the control characters we remove; every negative case comes out unchanged."""

import json
import re

import ftfy
import pytest

from cleaner.document import Document
from conftest import FIXTURES

CASES = FIXTURES / "mojibake" / "ftfy"
FORMAT_ONLY = ftfy.TextFixerConfig(
    unescape_html=False, fix_encoding=False, restore_byte_a0=False, replace_lossy_sequences=False,
    decode_inconsistent_utf8=False, fix_c1_controls=False, remove_control_chars=False, normalization="NFC",
)
CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
# ftfy's known failures that we repair; the others are strict xfail tests, so that a fix shows up.
FIXED_KNOWN_FAILURES = {
    "Misleading mix-up in Spanish", "Two levels of inconsistent mojibake", "Synthetic: Incomplete UTF-8 / Windows-1252 mixup in Arabic",
    "Italian UTF-8 / MacRoman mojibake that looks like math", "Latin-1 / MacRoman mixup in Spanish",
    "Latin-1 / MacRoman mixup in Spanish, 2 characters",
}


@pytest.fixture(scope="module")
def stage(repair_stage):
    return repair_stage


def formatted(text):
    return CONTROLS.sub("", ftfy.fix_text(text, FORMAT_ONLY))


def _cases(name):
    for case in json.loads((CASES / f"{name}.json").read_text("utf-8")):
        marks = []
        if name == "known-failures" and case["label"] not in FIXED_KNOWN_FAILURES:
            marks = [pytest.mark.xfail(strict=True, reason="not repaired yet")]
        yield pytest.param(case, marks=marks, id=case["label"][:60])


def _run(stage, text):
    doc = Document(text)
    stage.run(doc)
    return doc.text


@pytest.mark.parametrize("name", ["in-the-wild", "synthetic", "language-names"])
def test_ftfy_passes_them_so_must_we(stage, name):
    misses = []
    for param in _cases(name):
        case = param.values[0]
        if ftfy.fix_text(case["original"]) != case["fixed"]:
            continue
        if formatted(_run(stage, case["original"])) != formatted(case["fixed"]):
            misses.append(case["label"])
    assert not misses


@pytest.mark.parametrize("case", list(_cases("negative")))
def test_negative_cases_unchanged(stage, case):
    assert formatted(_run(stage, case["original"])) == formatted(case["fixed"])


@pytest.mark.parametrize("case", list(_cases("known-failures")))
def test_known_failures(stage, case):
    assert formatted(_run(stage, case["original"])) == formatted(case["fixed"])
