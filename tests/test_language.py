"""The language stage: langdetect's answers, deterministic, from a bounded sample."""

import functools
import json
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from langdetect.detector import Detector
from langdetect.detector_factory import DetectorFactory
from langdetect.lang_detect_exception import LangDetectException

from cleaner.config import Config
from cleaner.document import Document
from cleaner.ruleset import RuleError, RuleSet, parse_rule_file
from cleaner.stages.language import LanguageStage, sample_text
from cleaner.stages.language.detector import SEED, profiles
from conftest import ROOT

RULE_FILE = ROOT / "rules" / "language.toml"

EN = "The Kremlin has confirmed that the Chinese president will make a three-day visit to Russia next week."
DE = "Der Kreml hat bestätigt, dass der chinesische Präsident nächste Woche für drei Tage nach Russland reisen wird."
FR = "Le Kremlin a confirmé que le président chinois effectuera la semaine prochaine une visite de trois jours en Russie."
PL = "Kreml potwierdził, że chiński prezydent złoży w przyszłym tygodniu trzydniową wizytę w Rosji, pisze agencja."
RU = "Кремль подтвердил, что председатель КНР на следующей неделе посетит Россию с трёхдневным визитом. NATO, USA."
JA = "クレムリンは、中国の国家主席が来週ロシアを三日間訪問すると発表した。ひらがなとカタカナ。"
VI = unicodedata.normalize("NFD", "Điện Kremlin xác nhận rằng chủ tịch Trung Quốc sẽ thăm Nga ba ngày vào tuần tới.")
NOISY = "Contact: press@example.org or https://example.org/a?b=1   --   THE USA and NATO said:  42 % (2024) «quoted»"

SAMPLES = [EN, DE, FR, PL, RU, JA, VI, NOISY, EN + "\n" + DE, (DE + " ") * 20, "ÄÖÜ äöü ß " * 5, "a"]


def language_stage(**overrides) -> LanguageStage:
    """The stage with only the language rule file: its behaviour does not depend on other stages."""
    rule = parse_rule_file(RULE_FILE)[0]
    rule.params = {**rule.params, **overrides}
    return LanguageStage(RuleSet([rule]), Config())


@pytest.fixture(scope="module")
def stage() -> LanguageStage:
    return language_stage()


def detect(stage: LanguageStage, text: str) -> Document:
    doc = Document(text)
    stage.run(doc)
    return doc


@functools.lru_cache(maxsize=1)
def langdetect_factory() -> DetectorFactory:
    """langdetect itself, with the same seed and the profiles in the same (sorted) order."""
    from langdetect.detector_factory import PROFILES_DIRECTORY

    factory = DetectorFactory()
    factory.load_json_profile([(Path(PROFILES_DIRECTORY) / lang).read_text(encoding="utf-8") for lang in profiles().langs])
    factory.set_seed(SEED)
    return factory


@pytest.mark.parametrize("text", SAMPLES)
@pytest.mark.parametrize("trials", [3, 7])
def test_same_probabilities_as_langdetect(text, trials):
    detector = langdetect_factory().create()
    detector.n_trial = trials
    detector.append(text)
    try:
        expected = [(lang.lang, lang.prob) for lang in detector.get_probabilities()]
    except LangDetectException:
        expected = []
    reference = langdetect_factory().create()
    reference.append(text)
    reference.cleaning_text()
    grams = profiles().ngrams(text)
    assert grams == reference._extract_ngrams()
    assert (profiles().probabilities(grams, trials) if grams else []) == expected


def test_text_is_cut_where_langdetect_cuts_it():
    text = (EN + " ") * 20
    detector = langdetect_factory().create()
    detector.set_max_text_length(Detector(langdetect_factory()).max_text_length // 100)
    detector.append(text)
    detector.cleaning_text()
    assert profiles().ngrams(text, detector.max_text_length) == detector._extract_ngrams()


def test_same_result_twice(stage):
    first, second = detect(stage, EN + "\n" + DE), detect(stage, EN + "\n" + DE)
    assert (first.lang, first.lang_prob, first.notes) == (second.lang, second.lang_prob, second.notes)


def test_same_result_in_a_fresh_process(stage):
    texts = [EN, DE, EN + "\n" + DE, RU]
    script = (
        "import json, sys\n"
        "from cleaner.stages.language.detector import profiles\n"
        "texts = json.load(sys.stdin)\n"
        "print(json.dumps([profiles().probabilities(profiles().ngrams(t), 7) for t in texts]))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], input=json.dumps(texts), capture_output=True, text=True, check=True)
    here = [[list(pair) for pair in profiles().probabilities(profiles().ngrams(t), 7)] for t in texts]
    assert json.loads(out.stdout) == here


@pytest.mark.parametrize("text", ["", "   \n  ", "12 34 56 -- 7.8 %", "Hi there", "!!! ??? ... *** ###"])
def test_too_little_text_has_no_language(stage, text):
    doc = detect(stage, text)
    assert doc.lang is None and doc.lang_prob == 0.0 and "mixed_languages" not in doc.notes


@pytest.mark.parametrize("text,lang", [(EN, "en"), (DE, "de"), (FR, "fr"), (PL, "pl"), (RU, "ru"), (JA, "ja")])
def test_detects_the_language(stage, text, lang):
    doc = detect(stage, text)
    assert doc.lang == lang and 0.5 < doc.lang_prob <= 1.0
    assert "mixed_languages" not in doc.notes


def test_mixed_text_names_the_second_language(stage):
    doc = detect(stage, "\n".join([EN, DE, EN.replace("next week", "in May"), DE.replace("nächste Woche", "im Mai")]))
    assert doc.lang in ("en", "de")
    others = [lang for lang, _ in doc.notes["mixed_languages"]]
    assert others == [{"en": "de", "de": "en"}[doc.lang]]
    assert all(p >= stage.rules[0].mixed_threshold for _, p in doc.notes["mixed_languages"])


def test_a_given_language_is_kept(stage):
    doc = Document(EN, lang="de")
    stage.run(doc)
    assert doc.lang == "de" and doc.lang_prob == 1.0


@pytest.mark.parametrize("given", ["EN", "en-US", "en_GB", "eng", " en "])
def test_a_given_language_takes_the_code_the_rules_use(stage, given):
    doc = Document(EN, lang=given)
    stage.run(doc)
    assert doc.lang == "en" and doc.meta["lang_given"] == given


@pytest.mark.parametrize("given,code", [("zh-Hant-TW", "zh-tw"), ("zh_Hans", "zh-cn"), ("nb", "no"), ("NOB", "no")])
def test_chinese_and_norwegian_codes_map_to_the_detectors(stage, given, code):
    doc = Document(EN, lang=given)
    stage.run(doc)
    assert doc.lang == code


def test_a_given_code_is_kept_when_detection_is_off_or_a_rule_declares_it():
    undetected = LanguageStage(RuleSet([]), Config())
    doc = Document(EN, lang="gsw")
    undetected.run(doc)
    assert doc.lang == "gsw"
    swiss = parse_rule_file(RULE_FILE)[0]
    swiss.langs = ("gsw",)
    doc = Document(EN, lang="gsw")
    LanguageStage(RuleSet([swiss]), Config()).run(doc)
    assert doc.lang == "gsw" and doc.lang_prob == 1.0


@pytest.mark.parametrize("given", ["xx", "english", "123"])
def test_a_given_code_no_language_has_is_detected_instead(stage, given):
    doc = Document(EN, lang=given)
    stage.run(doc)
    assert doc.lang == "en" and doc.lang_prob < 1.0 and doc.meta["lang_given"] == given


def test_a_record_in_upper_case_language_is_checked_like_one_without(cleaner):
    seed = next((ROOT / "fixtures" / "seeds").glob("000_*.txt")).read_text(encoding="utf-8")
    plain = cleaner.clean_record({"id": "a", "text": seed})
    upper = cleaner.clean_record({"id": "a", "text": seed, "lang": "EN"})
    assert upper.text == plain.text and len(upper.flags) == len(plain.flags) > 0
    assert upper.quality["score"] == plain.quality["score"]


def test_sample_is_bounded_skips_short_lines_and_covers_the_text():
    lines = ["Home", "About us", DE, "Login", EN + " " + EN, "Menu"] + [FR] * 10 + [PL]
    sample = sample_text("\n".join(lines), 400)
    assert len(sample) <= 400
    assert "Login" not in sample and "Menu" not in sample
    assert DE[:20] in sample and PL[-20:] in sample  # from the beginning to the end, in order
    assert sample.index(DE[:20]) < sample.index(PL[-20:])
    assert sample_text("short text", 400) == "short text"


@pytest.mark.parametrize("size", [1, 100, 800, 5000])
def test_sample_of_one_long_line_is_bounded_and_cut_at_spaces(size):
    text = " ".join([EN, DE, FR, PL] * 200)
    sample = sample_text(text, size)
    assert 0 < len(sample) <= size
    if size >= 100:
        words = set(text.split())
        assert all(word in words for piece in sample.split("\n") for word in piece.split())


def test_a_text_of_short_lines_is_still_sampled():
    text = "\n".join(["Kontakt und Impressum", "Anmelden", "Suche"] * 200)
    sample = sample_text(text, 300)
    assert 0 < len(sample) <= 300 and "Anmelden" in sample


def test_only_the_sample_is_read(monkeypatch):
    stage = language_stage(sample_chars=300)
    seen = []
    real = stage.rules[0].profiles.ngrams
    monkeypatch.setattr(stage.rules[0].profiles, "ngrams", lambda text, *a: seen.append(len(text)) or real(text, *a))
    doc = detect(stage, "\n".join([DE] * 5000 + ["Menu"] * 5000))
    assert doc.lang == "de"
    assert seen and max(seen) <= 300


def test_a_long_german_page_with_short_english_menu_lines_is_german(stage):
    menu = ["Home", "News", "Contact us", "Privacy policy", "Sign in", "Share on Facebook"] * 40
    doc = detect(stage, "\n".join(menu[:120] + [DE, DE.replace("Russland", "China")] + menu[120:]))
    assert doc.lang == "de"


@pytest.mark.parametrize("field", ["sample_chars", "trials", "min_letters"])
def test_rule_parameters_must_be_positive(field):
    with pytest.raises(RuleError, match=field):
        language_stage(**{field: 0})
