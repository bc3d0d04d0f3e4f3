"""`cleaner check` end to end on fixtures/check: each exit status and each report format."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cleaner.cli import app

from conftest import FIXTURES

CHECK = FIXTURES / "check"
CONFIG = str(CHECK / "check.toml")
runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, ["check", *args])


def report_of(tmp_path: Path, *args: str) -> tuple[int, dict, object]:
    out = tmp_path / "report.json"
    result = run(*args, "--report-json", str(out))
    return result.exit_code, json.loads(out.read_text(encoding="utf-8")), result


def test_passing_batch_exits_0(tmp_path):
    code, report, result = report_of(tmp_path, str(CHECK / "good.jsonl"), "--config", CONFIG)
    assert code == 0, result.output
    assert report["status"] == "pass"
    assert report["documents"]["checked"] == 6 and report["documents"]["from_records"] == 6
    assert {c["name"] for c in report["checks"]} == {"max-low-share", "max-duplicate-share", "max-mt-share", "max-mojibake-share", "require-lang"}
    assert all(c["passed"] for c in report["checks"])


def test_breaches_exit_1_and_name_value_and_limit(tmp_path):
    code, report, result = report_of(tmp_path, str(CHECK / "bad.jsonl"), "--config", CONFIG)
    assert code == 1
    failed = {c["name"]: c for c in report["checks"] if not c["passed"]}
    assert set(failed) == {"max-low-share", "max-duplicate-share", "max-mt-share", "max-mojibake-share", "require-lang"}
    low = failed["max-low-share"]
    assert low["value"] == pytest.approx(2 / 7) and low["limit"] == 0.1
    assert "FAIL max-low-share" in result.output and "0.2857 > 0.1" in result.output
    assert report["duplicates"]["exact"] == 1 and report["duplicates"]["near"] == 1
    kinds = {(e["doc"], e["duplicate_of"], e["kind"]) for e in report["duplicates"]["examples"]}
    assert kinds == {("doc-01", "doc-00", "exact"), ("doc-03", "doc-02", "near")}
    assert report["worst"][0]["doc"] == "doc-04" and report["worst"][0]["reasons"][0]["signal"] == "word_count"


def test_command_line_overrides_config(tmp_path):
    code, report, _ = report_of(tmp_path, str(CHECK / "bad.jsonl"), "--config", CONFIG, "--max-low-share", "0.5", "--max-duplicate-share", "0.3",
                                "--max-mt-share", "0.2", "--max-mojibake-share", "0.2", "--max-other-lang-share", "0.2")
    assert code == 0, [c["message"] for c in report["checks"] if not c["passed"]]


def test_corrupt_file_exits_2_with_line_number(tmp_path):
    code, report, result = report_of(tmp_path, str(CHECK / "corrupt.jsonl"))
    assert code == 2
    assert "corrupt.jsonl line 2" in result.stderr
    assert report["status"] == "error" and report["documents"]["bad"] == 1
    assert report["documents"]["checked"] == 2  # the readable records are still checked and counted


@pytest.mark.parametrize(
    "args, message",
    [
        (["no/such/file.jsonl"], "no such file"),
        ([str(CHECK / "good.jsonl"), "--max-low-share", "1.5"], "less than or equal to 1"),
        ([str(CHECK / "good.jsonl"), "--baseline", str(CHECK / "good.jsonl")], "--baseline"),
    ],
)
def test_usage_errors_exit_2(args, message):
    result = run(*args)
    assert result.exit_code == 2
    assert message in result.output + result.stderr


def test_unknown_config_setting_exits_2(tmp_path):
    config = tmp_path / "check.toml"
    config.write_text("[check]\nmax-lo-share = 0.1\n", encoding="utf-8")
    result = run(str(CHECK / "good.jsonl"), "--config", str(config))
    assert result.exit_code == 2 and "max-lo-share" in result.stderr


def test_pyproject_table_is_read(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text("[tool.cleaner.check]\nmax-duplicate-share = 0.1\n", encoding="utf-8")
    shutil.copy(CHECK / "bad.jsonl", tmp_path / "bad.jsonl")
    monkeypatch.chdir(tmp_path)
    result = run("bad.jsonl")
    assert result.exit_code == 1 and "FAIL max-duplicate-share" in result.output


def test_cleaned_mode_refuses_raw_text_with_exit_2():
    result = run(str(CHECK / "raw" / "c.txt"), "--input", "cleaned")
    assert result.exit_code == 2 and "not a record written by 'cleaner clean'" in result.stderr


def test_missing_signal_cannot_pass(tmp_path):
    record = json.loads((CHECK / "good.jsonl").read_text(encoding="utf-8").splitlines()[0])
    del record["quality"]["signals"]["mt_suspected"]
    batch = tmp_path / "old.jsonl"
    batch.write_text(json.dumps(record) + "\n", encoding="utf-8")
    code, report, _ = report_of(tmp_path, str(batch), "--max-mt-share", "0.5")
    assert code == 1
    assert report["checks"][0]["value"] is None and "missing" in report["checks"][0]["message"]


def test_baseline_regression_fails(tmp_path):
    base = tmp_path / "base.json"
    assert run(str(CHECK / "good.jsonl"), "--report-json", str(base)).exit_code == 0
    code, report, _ = report_of(tmp_path, str(CHECK / "good.jsonl"), "--baseline", str(base))
    assert code == 0 and {c["kind"] for c in report["checks"]} == {"baseline"}
    code, report, result = report_of(tmp_path, str(CHECK / "bad.jsonl"), "--baseline", str(base), "--tolerance", "0.05")
    assert code == 1
    failed = {c["name"] for c in report["checks"] if not c["passed"]}
    assert {"baseline-mean-score", "baseline-duplicate-share", "baseline-low-share"} <= failed
    boilerplate = next(c for c in report["checks"] if c["name"] == "baseline-boilerplate-share")
    assert boilerplate["baseline"] == pytest.approx(0.05) and boilerplate["change"] == pytest.approx((0.05 * 6 + 0.6) / 7 - 0.05)


def test_junit_has_one_case_per_check(tmp_path):
    out = tmp_path / "check.xml"
    result = run(str(CHECK / "bad.jsonl"), "--config", CONFIG, "--junit", str(out))
    assert result.exit_code == 1
    suite = ET.parse(out).getroot()
    cases = suite.findall("testcase")
    assert len(cases) == 6  # five limits and "records are readable"
    assert int(suite.get("failures")) == 5 == len(suite.findall("testcase/failure"))
    assert suite.find("testcase[@name='max-low-share']/failure").get("message").startswith("max-low-share:")


def test_junit_reports_unreadable_records_as_an_error(tmp_path):
    out = tmp_path / "check.xml"
    assert run(str(CHECK / "corrupt.jsonl"), "--junit", str(out)).exit_code == 2
    error = ET.parse(out).getroot().find("testcase[@name='records are readable']/error")
    assert error is not None and "line 2" in error.text


def test_github_annotations(tmp_path):
    result = run(str(CHECK / "bad.jsonl"), "--config", CONFIG, "--github")
    lines = result.stdout.splitlines()
    errors = [l for l in lines if l.startswith("::error title=cleaner check%3A ")]
    assert len(errors) == 5
    warnings = [l for l in lines if l.startswith("::warning ")]
    assert any("file=" in w and "line=5" in w for w in warnings)  # doc-04 is on line 5 of bad.jsonl
    assert lines[-1].startswith("::notice title=cleaner check fail::")
    corrupt = run(str(CHECK / "corrupt.jsonl"), "--github").stdout
    assert "line=2,title=unreadable record::" in corrupt


def test_github_step_summary_gets_markdown(tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    run(str(CHECK / "good.jsonl"), "--github")
    assert summary.read_text(encoding="utf-8").startswith("## ✅ cleaner check: pass")


def test_markdown_summary(tmp_path):
    out = tmp_path / "check.md"
    run(str(CHECK / "bad.jsonl"), "--config", CONFIG, "--markdown", str(out))
    text = out.read_text(encoding="utf-8")
    assert text.startswith("## ❌ cleaner check: fail")
    assert "| ❌ | max-low-share | 0.286 | ≤ 0.1 |" in text
    assert "doc-04" in text  # among the lowest-scoring documents


class _Resources(HTMLParser):
    """Every tag and every attribute that could make a browser fetch something."""

    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.fetches: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("src", "href", "srcset", "poster", "data", "action", "xlink:href") and value and not value.startswith("#"):
                self.fetches.append(f"{tag} {name}={value}")


def test_html_is_one_offline_file(tmp_path):
    out = tmp_path / "report" / "check.html"
    result = run(str(CHECK / "bad.jsonl"), "--config", CONFIG, "--html", str(out))
    assert result.exit_code == 1
    assert [p.name for p in out.parent.iterdir()] == ["check.html"]
    page = out.read_text(encoding="utf-8")
    parser = _Resources()
    parser.feed(page)
    assert parser.fetches == []
    assert "script" not in parser.tags and "link" not in parser.tags and "iframe" not in parser.tags
    assert "url(" not in page and "@import" not in page and "http://" not in page.replace("https://example.org/", "")
    assert parser.tags.count("svg") == 4  # histogram, languages, flags, rules
    assert "default-src 'none'" in page
    assert "max-low-share" in page and "doc-04" in page and "too short to be an article" in page


def test_an_empty_batch_cannot_pass_a_limit_or_a_baseline(tmp_path):
    base = tmp_path / "base.json"
    assert run(str(CHECK / "good.jsonl"), "--report-json", str(base)).exit_code == 0
    blank = tmp_path / "blank.jsonl"
    blank.write_text("\n\n", encoding="utf-8")
    code, report, _ = report_of(tmp_path, str(blank), "--config", CONFIG, "--baseline", str(base))
    assert code == 1 and report["checks"] and not any(c["passed"] for c in report["checks"])
    assert all("cannot be" in c["message"] for c in report["checks"])
    empty_base = tmp_path / "empty-base.json"
    run(str(blank), "--report-json", str(empty_base))
    result = run(str(CHECK / "good.jsonl"), "--baseline", str(empty_base))
    assert result.exit_code == 2 and "checked no documents" in result.stderr


def test_required_languages_take_any_common_form():
    assert run(str(CHECK / "good.jsonl"), "--require-lang", "EN,de-DE,deu").exit_code == 0


def test_a_change_equal_to_the_tolerance_passes(tmp_path):
    from cleaner.check.baseline import compare

    def report(low_share):
        return {"documents": {"checked": 10}, "scores": {"below_min_share": low_share, "min_score": 0.5}}

    [check] = compare(report(0.1), report(0.08), 0.02)
    assert check["passed"]
    [check] = compare(report(0.1), {**report(0.08), "scores": {"below_min_share": 0.08, "min_score": 0.9}}, 0.02)
    assert not check["passed"] and "min-score" in check["message"]


def test_json_on_stdout_stays_json_with_github_annotations():
    result = run(str(CHECK / "bad.jsonl"), "--config", CONFIG, "--github", "--report-json", "-")
    assert json.loads(result.stdout)["status"] == "fail"
    assert "::error" in result.stderr


def test_a_record_with_an_impossible_score_is_named_as_bad(tmp_path):
    record = json.loads((CHECK / "good.jsonl").read_text(encoding="utf-8").splitlines()[0])
    lines = []
    for score in (1.7, "high"):
        record["quality"]["score"] = score
        lines.append(json.dumps(record))
    batch = tmp_path / "forged.jsonl"
    batch.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, report, _ = report_of(tmp_path, str(batch), "--input", "cleaned")
    assert code == 2 and report["documents"]["bad"] == 2
    assert "1.7" in report["documents"]["bad_examples"][0]["error"]
