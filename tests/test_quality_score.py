"""The score: soft penalties from rules, every reason listed, per-language parameters, calibrated ends."""

import random
import sys

import pytest

from cleaner import Cleaner
from cleaner.document import Document
from cleaner.ruleset import RuleError, load_rules
from conftest import FIXTURES, ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from quality import duplicate_lines, shuffle_words  # noqa: E402  (the benchmark's negatives, built the same way)

QUALITY = FIXTURES / "quality"
ARTICLES = {lang: (QUALITY / f"{lang}.txt").read_text(encoding="utf-8") for lang in ("en", "de", "fr", "es", "pl")}


def _rule_file(tmp_path, body):
    path = tmp_path / "q.toml"
    path.write_text(body, encoding="utf-8")
    return path


PENALTY = """
[[rule]]
id = "QS901"
name = "test.penalty"
stage = "quality"
kind = "penalty"
why = "A rule written in a test, to check the penalty arithmetic."
signal = "word_count"
below = 100
full_at = 20
weight = 0.8
examples.match = ["few words"]
examples.no_match = ["{long}"]
""".replace("{long}", " ".join(["word"] * 120))


def test_penalty_is_linear_between_threshold_and_full(tmp_path):
    ruleset = load_rules([_rule_file(tmp_path, PENALTY)])
    kind = ruleset.compiled(ruleset.get("QS901"))
    assert kind.penalty({"word_count": 100}, "en") == 0.0
    assert kind.penalty({"word_count": 60}, "en") == pytest.approx(0.4)  # halfway: half the weight
    assert kind.penalty({"word_count": 20}, "en") == pytest.approx(0.8)
    assert kind.penalty({"word_count": 0}, "en") == pytest.approx(0.8)  # capped at the weight
    assert kind.penalty({}, "en") == 0.0  # a missing signal never penalises


@pytest.mark.parametrize(
    "change,field",
    [
        (("below = 100", "below = 100\nabove = 5"), "above"),
        (("weight = 0.8", "weight = 1.5"), "weight"),
        (("full_at = 20", "full_at = 200"), "full_at"),
        (("weight = 0.8", "weight = 0.8\nby_lang = { de = { limit = 3 } }"), "by_lang"),
        (("weight = 0.8", "weight = 0.8\nby_lang = { de = { above = 3 } }"), "by_lang"),
    ],
)
def test_a_malformed_penalty_is_refused(tmp_path, change, field):
    with pytest.raises(RuleError, match=field):
        load_rules([_rule_file(tmp_path, PENALTY.replace(*change))])


def test_by_lang_overrides_thresholds(tmp_path):
    body = PENALTY.replace("weight = 0.8", "weight = 0.8\nby_lang = { de = { below = 50 }, zh = { weight = 0.0 } }")
    ruleset = load_rules([_rule_file(tmp_path, body)])
    kind = ruleset.compiled(ruleset.get("QS901"))
    assert kind.penalty({"word_count": 60}, "en") > 0
    assert kind.penalty({"word_count": 60}, "de") == 0.0
    assert kind.penalty({"word_count": 0}, "zh-cn") == 0.0  # "zh-cn" falls back to "zh"


@pytest.fixture(scope="module")
def scored(cleaner):
    return {lang: cleaner.clean(text) for lang, text in ARTICLES.items()}


@pytest.mark.parametrize("lang", sorted(ARTICLES))
def test_clean_articles_score_high_in_every_language(scored, lang):
    doc = scored[lang]
    assert doc.lang == lang
    assert doc.quality["score"] >= 0.9, doc.quality["reasons"]
    assert doc.keep


def _quality_only(cleaner, text, lang, **notes):
    """Run only the quality stage, on text taken as already cleaned."""
    doc = Document(text, lang=lang, lang_prob=1.0)
    doc.notes.update(notes)
    next(stage for stage in cleaner.stages if stage.name == "quality").run(doc)
    return doc


def test_german_is_judged_with_german_stop_words(cleaner):
    german = _quality_only(cleaner, ARTICLES["de"], "de")
    assert german.quality["signals"]["stop_word_share"] > 0.3
    assert german.quality["score"] >= 0.9
    as_english = _quality_only(cleaner, ARTICLES["de"], "en")  # the English list condemns German prose
    assert any(r["signal"] == "stop_word_share" for r in as_english.quality["reasons"])
    assert as_english.quality["score"] < german.quality["score"]


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda t: (QUALITY / "menu_dump.txt").read_text(encoding="utf-8"), id="menu-dump"),
        pytest.param(lambda t: shuffle_words(t, random.Random(0)), id="word-shuffled"),
        pytest.param(duplicate_lines, id="line-duplicated"),
        pytest.param(lambda t: " ".join(t.split()[:20]), id="cut-to-20-words"),
    ],
)
@pytest.mark.parametrize("lang", ["en", "de"])
def test_damaged_text_scores_low(cleaner, scored, make, lang):
    doc = cleaner.clean(make(ARTICLES[lang]))
    assert doc.quality["score"] < 0.5, doc.quality["reasons"]
    assert not doc.keep
    assert doc.quality["score"] < scored[lang].quality["score"]


def test_every_reason_is_listed_with_value_and_threshold(cleaner):
    doc = cleaner.clean((QUALITY / "menu_dump.txt").read_text(encoding="utf-8"))
    reasons = doc.quality["reasons"]
    assert len(reasons) >= 3
    product = 1.0
    for r in reasons:
        assert {"rule", "signal", "value", "threshold", "penalty", "why"} <= set(r)
        assert r["value"] == doc.quality["signals"][r["signal"]]
        assert (r["value"] > r["threshold"]) if r["side"] == "above" else (r["value"] < r["threshold"])
        product *= 1 - r["penalty"]
    assert doc.quality["score"] == pytest.approx(product, abs=1e-3)


def test_signals_the_check_command_reads_are_always_there(scored):
    for name in ("boilerplate_share", "mojibake_repaired", "mojibake_left", "mt_suspected", "extraction_damage", "word_count"):
        assert name in scored["en"].quality["signals"]


@pytest.mark.parametrize("note", ["mt_suspected", "extraction_damage"])
def test_machine_translation_and_damage_lower_the_score(cleaner, note):
    base = _quality_only(cleaner, ARTICLES["en"], "en").quality["score"]
    docs = [_quality_only(cleaner, ARTICLES["en"], "en", **{note: value}) for value in (0.2, 0.5, 0.9)]
    scores = [doc.quality["score"] for doc in docs]
    assert scores[0] == base
    assert base > scores[1] > scores[2]
    assert any(r["signal"] == note for r in docs[-1].quality["reasons"])


def test_min_score_decides_keep():
    text = " ".join(ARTICLES["en"].split()[:40])  # 40 words: a mild length penalty
    lenient, strict = Cleaner(min_score=0.1).clean(text), Cleaner(min_score=0.9).clean(text)
    assert lenient.quality["score"] == strict.quality["score"] < 0.9
    assert lenient.keep and not strict.keep


def test_a_refused_record_scores_zero(cleaner):
    doc = cleaner.clean_record({"id": 1})
    assert doc.error and doc.quality["score"] == 0.0 and not doc.keep
