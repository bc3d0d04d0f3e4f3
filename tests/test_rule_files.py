"""The conventions of rule files, checked so a new rule cannot quietly break them."""

import pytest

from cleaner.ruleset import RuleError, default_rules_dir, load_rules, parse_rule_file, run_examples

RULESET = load_rules()


def test_rule_ids_are_unique_across_files():
    seen = {}
    for path in sorted(default_rules_dir().rglob("*.toml")):
        for rule in parse_rule_file(path):
            assert rule.id not in seen, f"{rule.id} in {path.name} and {seen.get(rule.id)}"
            seen[rule.id] = path.name
    assert len(seen) == len(RULESET.rules)


def test_every_rule_has_a_why_and_both_kinds_of_example():
    for rule in RULESET.rules:
        assert len(rule.why) > 20, rule.id
        assert any(e.should_match for e in rule.examples), rule.id
        assert any(not e.should_match for e in rule.examples), rule.id


def _write(tmp_path, body):
    path = tmp_path / "mine.toml"
    path.write_text(body, encoding="utf-8")
    return path


RULE = """
[[rule]]
id = "BP901"
name = "mine.test"
stage = "boilerplate"
kind = "line"
action = "drop"
why = "A rule a user wrote, to check the loader."
phrases = ["Buy now"]
examples.match = ["Buy now"]
examples.no_match = ["We did not buy now, we waited."]
"""


@pytest.mark.parametrize(
    "change,field",
    [
        (("kind = \"line\"", "kind = \"lines\""), "kind"),
        (("action = \"drop\"", "action = \"delete\""), "action"),
        (("phrases = [\"Buy now\"]", "phrasez = [\"Buy now\"]"), "phrasez"),
        (("id = \"BP901\"", "id = \"bp901\""), "id"),
        (("examples.no_match = [\"We did not buy now, we waited.\"]", ""), "examples"),
        (("phrases = [\"Buy now\"]", "pattern = \"(unclosed\""), "pattern"),
        (("stage = \"boilerplate\"", "stage = \"cleanup\""), "stage"),
        (("id = \"BP901\"", "id = \"MT901\""), "starts with BP"),
        (("action = \"drop\"", "action = \"drop\"\nlangs = [\"english\"]"), "'english' is not a language code"),
        (("action = \"drop\"", "action = \"drop\"\nlangs = [\"en-US\"]"), "write 'en-US' as 'en'"),
        (("phrases = [\"Buy now\"]", "phrases = \"Buy now\""), "must be a list, not a string"),
        (("kind = \"line\"", "kind = \"lines\""), "not a rule kind of stage 'boilerplate'"),
    ],
)
def test_a_broken_rule_is_reported_with_file_id_and_field(tmp_path, change, field):
    path = _write(tmp_path, RULE.replace(*change))
    with pytest.raises(RuleError) as err:
        load_rules([path])
    message = str(err.value)
    assert "mine.toml" in message
    assert field in message


def test_user_rules_add_and_disable(tmp_path):
    from cleaner import Cleaner

    path = _write(tmp_path, RULE)
    cleaner = Cleaner(rules=(str(path),))
    text = "A real sentence about the storm that hit the coast.\n\nBuy now\n\nAnother real sentence follows here."
    doc = cleaner.clean(text)
    assert "Buy now" not in doc.text
    assert any(e.rule == "BP901" for e in doc.edits)
    off = Cleaner(rules=(str(path),), disable=("BP901",))
    assert "Buy now" in off.clean(text).text


def test_disabling_an_unknown_rule_is_an_error():
    with pytest.raises(RuleError, match="XX999"):
        load_rules(disabled=["XX999"])


def test_an_example_key_the_kind_does_not_read_fails_its_test(tmp_path):
    path = _write(tmp_path, RULE.replace('examples.match = ["Buy now"]', 'examples.match = [{ text = "Buy now", spna = "Buy now" }]'))
    failures = [message for _, _, message in run_examples(load_rules([path]), ["BP901"]) if message]
    assert len(failures) == 1 and "spna" in failures[0] and "span" in failures[0]


def test_messages_tell_two_rule_files_of_the_same_name_apart(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "mine.toml").write_text(RULE, encoding="utf-8")
    with pytest.raises(RuleError, match="b/mine.toml: rule id BP901 is already used in a/mine.toml"):
        load_rules(["a", "b"])

