"""Every example of every rule, one test each: `pytest -k BP001` runs one rule's examples."""

import pytest

from cleaner.ruleset import load_rules

RULESET = load_rules()
CASES = [
    pytest.param(rule, example, id=f"{rule.id}-{'match' if example.should_match else 'no_match'}-{i}")
    for rule in RULESET.rules
    for i, example in enumerate(rule.examples)
]


@pytest.mark.parametrize("rule,example", CASES)
def test_rule_example(rule, example):
    problem = RULESET.compiled(rule).check_example(example)
    assert problem is None, f"{rule.id} ({rule.path.name}): {problem}"
