"""The command line as a user meets it: outputs, exit codes and messages."""

import gzip
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cleaner.cli import app
from conftest import FIXTURES

SEED = str(FIXTURES / "seeds" / "002_bea3a5beceb944b2.txt")
runner = CliRunner()


def run(*args, input=None):
    return runner.invoke(app, list(args), input=input)


def clean_file(tmp_path, name, content, *args):
    """``cleaner clean`` on one file written with ``content``, as JSONL: the result and the records."""
    src = tmp_path / name
    src.write_text(content, encoding="utf-8")
    result = run("clean", str(src), "--format", "jsonl", *args)
    return result, [json.loads(line) for line in result.stdout.splitlines()]


def test_clean_text_output_is_the_cleaned_text():
    result = run("clean", SEED)
    assert result.exit_code == 0, result.output
    assert "Xi to visit Moscow for Putin meeting" in result.stdout
    assert "Translate »" not in result.stdout


def test_clean_jsonl_record_shape():
    result = run("clean", SEED, "--format", "jsonl")
    assert result.exit_code == 0
    (line,) = result.stdout.splitlines()
    record = json.loads(line)
    for key in ("text", "lang", "quality", "flags", "edits", "meta", "keep"):
        assert key in record
    assert 0 <= record["quality"]["score"] <= 1
    assert all({"stage", "rule", "kind", "start", "end", "before", "after"} <= set(e) for e in record["edits"])


def test_output_file_with_jsonl_name_implies_jsonl(tmp_path):
    out = tmp_path / "out.jsonl"
    result = run("clean", SEED, "-o", str(out))
    assert result.exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8").splitlines()[0])["lang"] == "en"


def test_jsonl_input_keeps_fields_and_order(tmp_path):
    src = tmp_path / "in.jsonl.gz"
    records = [{"id": f"r{i}", "text": f"Paragraph number {i} is a real sentence about the weather.\n\nTranslate »", "source": "crawl-7"} for i in range(5)]
    with gzip.open(src, "wt", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record) + "\n")
    result = run("clean", str(src), "--format", "jsonl")
    assert result.exit_code == 0
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in out] == [r["id"] for r in records]
    assert all(r["source"] == "crawl-7" for r in out)
    assert all("Translate" not in r["text"] for r in out)


def test_malformed_jsonl_line_is_written_with_an_error_and_exit_1(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a", "text": "Fine text here."}\n{"id": "b", "text": \n{"id": "c", "text": "More fine text."}\n', encoding="utf-8")
    result = run("clean", str(src), "--format", "jsonl")
    assert result.exit_code == 1
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(out) == 3
    assert "error" in out[1] and "line 2" in out[1]["error"]
    assert out[0]["id"] == "a" and out[2]["id"] == "c"
    assert "could not be cleaned" in result.stderr


def test_lone_surrogates_in_jsonl_neither_stop_the_run_nor_lose_a_field(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(
        '{"id": "s1", "text": "A lone surrogate \\ud800 in a sentence, and a pair \\ud83d\\ude00 split in two.", "title": "T \\udc00"}\n'
        '{"id": "s2", "text": "Fine text."}\n',
        encoding="ascii",
    )
    out = tmp_path / "out.jsonl"
    result = run("clean", str(src), "-o", str(out))
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == ["s1", "s2"]
    assert records[0]["text"] == "A lone surrogate \ufffd in a sentence, and a pair \U0001F600 split in two."
    assert records[0]["title"] == "T \udc00"  # another field, written back exactly (escaped)
    assert [e["rule"] for e in records[0]["edits"] if e["stage"] == "decode"] == ["DC008"]  # JSON joined the pair already
    text_out = tmp_path / "out.txt"
    assert run("clean", str(src), "--disable", "DC008", "-o", str(text_out)).exit_code == 0
    assert "A lone surrogate \ufffd in a sentence" in text_out.read_text(encoding="utf-8")
    # the explanation shows DC008's own edit, whose 'before' is the surrogate, on the standard output
    explained = run("clean", str(src), "--explain", "-o", str(out))
    assert explained.exit_code == 0, explained.output
    assert "DC008" in explained.stdout and "\\ud800" in explained.stdout


def test_a_record_with_a_surrogate_is_escaped_only_there(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "ru", "text": "Городской совет утвердил бюджет \\ud800 на следующий год."}\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert run("clean", str(src), "-o", str(out)).exit_code == 0
    line = out.read_text(encoding="utf-8")
    assert "Городской совет" in line and "\\ud800" in line  # readable, and the edit's surrogate escaped
    assert json.loads(line)["edits"][0]["before"] == "\ud800"


def test_json_lines_python_cannot_parse_are_marked_and_the_run_goes_on(tmp_path):
    src = tmp_path / "in.jsonl"
    lines = [
        '{"id": "a", "text": "Fine text here."}',
        "[" * 100000 + "]" * 100000,  # deeper than Python's parser recurses
        '{"id": "big", "text": "x", "n": ' + "9" * 5000 + "}",  # longer than Python converts to an int
        '{"id": "c", "text": "More fine text."}',
    ]
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "latin.jsonl").write_bytes('{"id": "l", "text": "café"}\n'.encode("latin-1"))
    out = tmp_path / "out.jsonl"
    result = run("clean", str(src), str(tmp_path / "latin.jsonl"), "-o", str(out))
    assert result.exit_code == 1, result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == ["a", f"{src}:2", f"{src}:3", "c", f"{tmp_path / 'latin.jsonl'}:1"]
    assert "malformed JSON" in records[1]["error"] and "malformed JSON" in records[2]["error"]
    assert "not UTF-8" in records[4]["error"] and "re-encode" in records[4]["error"]
    assert "caf\\xe9" in records[4]["raw"]  # the byte shown, not lost


def test_input_fields_named_like_ours_go_under_original(tmp_path):
    line = '{"id": "e", "text": "Fine text here.", "error": "upstream fetch failed", "original": {"a": 1}}\n'
    result, (record,) = clean_file(tmp_path, "in.jsonl", line)
    assert result.exit_code == 0
    assert "error" not in record and record["original"] == {"error": "upstream fetch failed", "original": {"a": 1}}


def test_broken_links_in_a_folder_are_named_and_the_rest_cleaned(tmp_path):
    (tmp_path / "a.txt").write_text("Some text about the weather in the hills.", encoding="utf-8")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    result = run("clean", str(tmp_path))
    assert result.exit_code == 0
    assert "weather in the hills" in result.stdout
    assert "skipped 1 broken link(s)" in result.stderr and "gone.txt" in result.stderr


def test_output_that_is_also_an_input_is_refused_before_it_is_emptied(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a", "text": "Fine text here."}\n', encoding="utf-8")
    result = run("clean", str(src), "-o", str(src))
    assert result.exit_code == 2 and "also an input" in result.stderr
    assert src.read_text(encoding="utf-8") == '{"id": "a", "text": "Fine text here."}\n'


def test_output_that_is_standard_input_is_refused(tmp_path):
    import subprocess
    import sys

    src = tmp_path / "a.jsonl"
    src.write_text('{"id": "a", "text": "Fine text here."}\n', encoding="utf-8")
    script = "import sys; from cleaner.cli import main; sys.argv = ['cleaner'] + sys.argv[1:]; main()"
    with open(src, "rb") as stdin:
        done = subprocess.run([sys.executable, "-c", script, "clean", "-", "-o", str(src), "--stdin-format", "jsonl"], stdin=stdin, capture_output=True, text=True)
    assert done.returncode == 2 and "standard input" in done.stderr
    assert src.read_text(encoding="utf-8") == '{"id": "a", "text": "Fine text here."}\n'


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_is_a_message_and_exit_2():
    result = run("clean", SEED, "-o", "/dev/full")
    assert result.exit_code == 2 and "No space left" in result.stderr


def test_inputs_over_max_input_bytes_are_marked_not_read(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text("[tool.cleaner]\nmax_input_bytes = 1000\n", encoding="utf-8")
    (tmp_path / "big.txt.gz").write_bytes(gzip.compress(b"word " * 1000))
    (tmp_path / "in.jsonl").write_text(
        '{"id": "a", "text": "Fine text here."}\n{"id": "long", "text": "' + "x" * 3000 + '"}\n{"id": "c", "text": "More text."}\n', encoding="utf-8"
    )
    result = run("clean", "big.txt.gz", "in.jsonl", "--format", "jsonl")
    assert result.exit_code == 1
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in records] == ["big.txt.gz", "a", "in.jsonl:2", "c"]
    assert all("max_input_bytes" in records[i]["error"] for i in (0, 2))
    assert records[3]["text"] == "More text."


def test_record_without_text_is_marked_not_dropped(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a", "body": "no text field"}\n[1, 2]\n', encoding="utf-8")
    result = run("clean", str(src), "--format", "jsonl")
    assert result.exit_code == 1
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(out) == 2 and all("error" in r for r in out)
    assert out[0]["body"] == "no text field"


def test_missing_path_exits_2_with_a_clear_message():
    result = run("clean", "no/such/file.txt")
    assert result.exit_code == 2
    assert "no such file or directory" in result.stderr


def test_binary_file_is_refused_with_a_reason(tmp_path):
    src = tmp_path / "image.txt"
    src.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    result = run("clean", str(src), "--format", "jsonl")
    assert result.exit_code == 1
    record = json.loads(result.stdout)
    assert "binary" in record["error"]
    assert record["text"] == "" and record["quality"]["score"] == 0


def test_empty_file_gives_empty_text_score_0_and_a_reason(tmp_path):
    result, (record,) = clean_file(tmp_path, "empty.txt", "   \n\n  ")
    assert result.exit_code == 0
    assert record["text"] == ""
    assert record["quality"]["score"] == 0
    assert record["quality"]["reasons"]
    assert record["keep"] is False


def test_undecodable_bytes_are_decoded_with_a_recorded_edit(tmp_path):
    """Text that is UTF-8 but for a few stray bytes stays UTF-8; it is not re-guessed as a legacy charset."""
    src = tmp_path / "bad.txt"
    src.write_bytes("The café opened on Monday and served coffee to the whole street all day long.".encode("utf-8") + b"\xff\xfe trailing words")
    result = run("clean", str(src), "--format", "jsonl")
    assert result.exit_code == 0
    record = json.loads(result.stdout)
    assert "The café opened on Monday" in record["text"]
    assert any(e["stage"] == "decode" for e in record["edits"])


def test_directory_input_is_read_recursively_in_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "a.txt").write_text("First document text about the harbour.", encoding="utf-8")
    (tmp_path / "b" / "c.txt").write_text("Second document text about the river.", encoding="utf-8")
    result = run("clean", str(tmp_path), "--format", "jsonl")
    ids = [json.loads(line)["id"] for line in result.stdout.splitlines()]
    assert [i.rsplit("/", 1)[-1] for i in ids] == ["a.txt", "c.txt"]


def test_stdin_text():
    result = run("clean", "-", input="A sentence from standard input about the council meeting.\n\nScroll Top\n")
    assert result.exit_code == 0
    assert "Scroll Top" not in result.stdout and "council meeting" in result.stdout


def test_html_file_goes_through_extraction(tmp_path):
    page = tmp_path / "page.html"
    body = " ".join(["The river rose overnight and flooded the lower town, forcing hundreds of families to leave their homes."] * 4)
    page.write_text(f"<html><body><nav><a href='/'>Home</a></nav><article><h1>Flood</h1><p>{body}</p></article></body></html>", encoding="utf-8")
    result = run("clean", str(page), "--format", "jsonl")
    record = json.loads(result.stdout)
    assert "flooded the lower town" in record["text"]
    assert any(e["stage"] == "extract" for e in record["edits"])


def test_explain_names_rules():
    result = run("clean", SEED, "--explain")
    assert result.exit_code == 0
    assert "BP004 republish.source_link" in result.stderr and "cut_tail" in result.stderr
    assert "BP004" not in result.stdout  # the cleaned text stays clean


def test_disable_switches_a_rule_off():
    result = run("clean", SEED, "--disable", "BP008", "--disable", "BP004")
    assert "#visit #Moscow" in result.stdout
    unknown = run("clean", SEED, "--disable", "ZZ999")
    assert unknown.exit_code == 2 and "ZZ999" in unknown.stderr


def test_min_score_marks_keep_false_but_still_writes():
    result = run("clean", SEED, "--format", "jsonl", "--min-score", "1.0")
    record = json.loads(result.stdout)
    if record["quality"]["score"] < 1.0:
        assert record["keep"] is False
    result = run("clean", SEED, "--format", "jsonl", "--min-score", "0.0")
    assert json.loads(result.stdout)["keep"] is True


def test_score_json_and_table():
    result = run("score", SEED, "--json")
    row = json.loads(result.stdout)
    assert set(row) >= {"id", "score", "keep", "reasons"}
    table = run("score", SEED)
    assert "002_bea3a5beceb944b2" in table.stdout


def test_rules_list_and_test():
    listing = run("rules", "list")
    assert "BP001" in listing.stdout and "comment_form.leave_a_reply" in listing.stdout
    tested = run("rules", "test")
    assert tested.exit_code == 0
    assert tested.stdout.strip().splitlines()[-1].endswith("0 failed")


def test_rules_list_shows_what_the_settings_file_loads_and_disables(tmp_path, monkeypatch):
    (tmp_path / "my-rules").mkdir()
    (tmp_path / "my-rules" / "mine.toml").write_text(
        '[[rule]]\nid = "BP950"\nname = "mine.buy_now"\nstage = "boilerplate"\nkind = "line"\naction = "drop"\n'
        'why = "A user rule named in the settings file."\nphrases = ["Buy now"]\n'
        'examples.match = ["Buy now"]\nexamples.no_match = ["We did not buy now."]\n',
        encoding="utf-8",
    )
    (tmp_path / "pyproject.toml").write_text('[tool.cleaner]\nrules = ["my-rules"]\ndisable = ["BP010"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    listing = run("rules", "list", "--stage", "boilerplate")
    assert listing.exit_code == 0, listing.output
    rows = {line.split("│")[1].strip(): line for line in listing.stdout.splitlines() if line.count("│") > 2}
    assert "BP950" in rows and "my-rules/mine.toml" in rows["BP950"]
    assert "disabled" in rows["BP010"] and "disabled" not in rows["BP001"]
    (tmp_path / "pyproject.toml").write_text("[tool.cleaner\n", encoding="utf-8")
    assert run("rules", "list").exit_code == 2


def test_rules_test_refuses_an_id_it_does_not_have(tmp_path):
    result = run("rules", "test", "--id", "BP999")
    assert result.exit_code == 2 and "BP999" in result.stderr
    both = run("rules", "test", "--id", "BP001,BP002")
    assert both.exit_code == 0 and not both.stdout.strip().endswith("0 passed, 0 failed")


def test_rules_test_reports_a_failing_user_rule(tmp_path):
    rule = tmp_path / "mine.toml"
    rule.write_text(
        '[[rule]]\nid = "BP950"\nname = "mine.buy_now"\nstage = "boilerplate"\nkind = "line"\naction = "drop"\n'
        'why = "A user rule whose no_match example is wrong on purpose."\nphrases = ["Buy now"]\n'
        'examples.match = ["Buy now"]\nexamples.no_match = ["buy now!"]\n',
        encoding="utf-8",
    )
    result = run("rules", "test", str(rule))
    assert result.exit_code == 1
    assert "BP950" in result.stdout and "1 failed" in result.stdout


def test_config_file_settings_apply(tmp_path):
    cfg = tmp_path / "cleaner.toml"
    cfg.write_text('disable = ["BP008"]\n', encoding="utf-8")
    result = run("clean", SEED, "--config", str(cfg), "--disable", "BP004")
    assert "#visit #Moscow" in result.stdout
    bad = tmp_path / "bad.toml"
    bad.write_text('disabel = ["BP008"]\n', encoding="utf-8")
    result = run("clean", SEED, "--config", str(bad))
    assert result.exit_code == 2 and "disabel" in result.stderr


def test_help_answers():
    result = run("clean", "--help")
    assert result.exit_code == 0
    assert "--explain" in result.stdout and "--min-score" in result.stdout


def test_help_keeps_setting_table_names():
    """Help text goes through rich markup, where a bare ``[tool.cleaner]`` is a style tag and vanishes."""
    clean = runner.invoke(app, ["clean", "--help"], env={"COLUMNS": "200"})
    check = runner.invoke(app, ["check", "--help"], env={"COLUMNS": "200"})
    assert "[tool.cleaner])" in clean.stdout
    assert "[tool.cleaner.check] in pyproject.toml" in check.stdout


def _site_pages(tmp_path):
    menu, footer = "Town Crier Archive Letters Events", "Printed by the Town Crier press in Lowbridge since 1921"
    stories = [
        "The council met on Monday to discuss the new budget for the schools of the town and the library.",
        "A new bakery opened in the old station building on Friday morning, and the queue reached the square.",
        "The river rose by two metres after three days of heavy rain in the hills, and the paths are closed.",
        "The fire brigade received its first new engine in twenty years at a ceremony on Saturday afternoon.",
    ]
    rows = [{"id": str(i), "url": f"https://towncrier.example/{i}", "text": f"{menu}\n{s}\n{footer}\n"} for i, s in enumerate(stories)]
    rows.append({"id": "elsewhere", "url": "https://other.example/", "text": f"{menu}\n{stories[0]}\n{footer}\n"})
    path = tmp_path / "pages.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path, menu, footer


def test_learn_sites_reads_files_twice_reports_and_explains(tmp_path):
    path, menu, footer = _site_pages(tmp_path)
    report = tmp_path / "sites.json"
    result = run("clean", str(path), "--learn-sites", "--sites-report", str(report), "-f", "jsonl", "--explain")
    assert result.exit_code == 0, result.stderr
    assert "learned 2 repeated line(s) on 1 of 2 site(s)" in result.stderr
    assert "BP706" in result.stderr  # the explanation goes to stderr when JSONL goes to stdout
    records = {r["id"]: r for r in map(json.loads, result.stdout.splitlines())}
    assert footer not in records["0"]["text"] and menu not in records["3"]["text"]
    assert footer in records["elsewhere"]["text"]
    learned = json.loads(report.read_text(encoding="utf-8"))["sites"]
    assert learned["towncrier.example"]["pages"] == 4 and len(learned["towncrier.example"]["lines"]) == 2
    assert "BP706" not in run("clean", str(path), "-f", "jsonl").stdout  # off by default


def test_learn_sites_reads_stdin_once_but_check_needs_files(tmp_path):
    path, _, footer = _site_pages(tmp_path)
    from_file = run("clean", str(path), "--learn-sites", "-f", "jsonl").stdout
    result = run("clean", "-", "--learn-sites", "--stdin-format", "jsonl", "-f", "jsonl", input=path.read_text(encoding="utf-8"))
    assert result.exit_code == 0 and "learned 2 repeated line(s)" in result.stderr
    assert result.stdout.replace(f"{path}:", "<stdin>:") == from_file.replace(f"{path}:", "<stdin>:") and footer not in json.loads(result.stdout.split("\n")[0])["text"]
    result = run("check", "-", "--learn-sites", "--stdin-format", "jsonl", input=path.read_text(encoding="utf-8"))
    assert result.exit_code == 2 and "needs files or directories" in result.stderr
    result = run("clean", str(path), "--sites-report", str(tmp_path / "x.json"))
    assert result.exit_code == 2 and "--learn-sites" in result.stderr


def test_learn_sites_setting_and_check(tmp_path):
    path, _, footer = _site_pages(tmp_path)
    cfg = tmp_path / "cleaner.toml"
    cfg.write_text("learn_sites = true\n", encoding="utf-8")
    result = run("clean", str(path), "--config", str(cfg))
    assert result.exit_code == 0 and result.stdout.count(footer) == 1
    assert run("clean", str(path), "--config", str(cfg), "--no-learn-sites").stdout.count(footer) == 5
    result = run("check", str(path), "--learn-sites", "--report-json", str(tmp_path / "r.json"))
    assert result.exit_code == 0 and "learned 2 repeated line(s)" in result.stderr
    result = run("check", str(path), "--learn-sites", "--input", "cleaned")
    assert result.exit_code == 2 and "--input cleaned cleans none" in result.stderr
    cfg.write_text('learn_sites = "yes"\n', encoding="utf-8")
    assert run("clean", str(path), "--config", str(cfg)).exit_code == 2


def test_learned_sites_are_reused_from_their_report(tmp_path):
    path, menu, footer = _site_pages(tmp_path)
    report = tmp_path / "sites.json"
    learned = run("clean", str(path), "--learn-sites", "--sites-report", str(report), "-f", "jsonl").stdout
    reused = run("clean", str(path), "--sites", str(report), "-f", "jsonl")
    assert reused.exit_code == 0 and reused.stdout == learned and footer not in json.loads(reused.stdout.split("\n")[0])["text"]
    scored = run("score", str(path), "--sites", str(report), "--json")
    assert scored.exit_code == 0 and len(scored.stdout.splitlines()) == 5
    assert run("check", str(path), "--sites", str(report)).exit_code == 0
    both = run("clean", str(path), "--sites", str(report), "--learn-sites")
    assert both.exit_code == 2 and "one of them" in both.stderr
    bad = tmp_path / "bad.json"
    bad.write_text('{"sites": {"a.example": {"pages": "many", "lines": []}}}', encoding="utf-8")
    result = run("clean", str(path), "--sites", str(bad))
    assert result.exit_code == 2 and "a.example" in result.stderr


def _three_records(tmp_path):
    path = tmp_path / "three.jsonl"
    path.write_text('{"id": "a", "text": "The council met on Monday to discuss the budget of the town schools."}\n'
                    '{broken\n'
                    '{"id": "c", "text": "A new bakery opened in the old station building on Friday morning."}\n', encoding="utf-8")
    return path


def test_text_output_accounts_for_every_record(tmp_path):
    result = run("clean", str(_three_records(tmp_path)))
    assert result.exit_code == 1
    assert result.stdout.count("==> ") == 3
    assert "[not cleaned: malformed JSON" in result.stdout
    assert "2 of 3" not in result.stderr and "1 of 3 record(s) could not be cleaned and are marked in the output" in result.stderr


def test_score_json_counts_records_not_files(tmp_path):
    result = run("score", str(_three_records(tmp_path)), "--json")
    assert len(result.stdout.splitlines()) == 3
    assert "1 of 3 record(s)" in result.stderr


def test_unwritable_output_is_a_usage_error(tmp_path):
    blocker = tmp_path / "a_file"
    blocker.write_text("x", encoding="utf-8")
    result = run("clean", SEED, "-o", str(blocker / "out.jsonl"))
    assert result.exit_code == 2 and "cannot write" in result.stderr


def test_missing_output_directory_is_created_and_said(tmp_path):
    target = tmp_path / "new" / "out.jsonl"
    result = run("clean", SEED, "-o", str(target))
    assert result.exit_code == 0 and target.exists()
    assert "created directory" in result.stderr


def test_empty_directory_and_repeated_stdin_are_usage_errors(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run("clean", str(empty)).exit_code == 2
    assert run("score", str(empty)).exit_code == 2
    repeated = run("clean", "-", "-", input="Some text.")
    assert repeated.exit_code == 2 and "only once" in repeated.stderr and "pass '-'" not in repeated.stderr


@pytest.mark.parametrize("setting", ['min_score = "high"', "min_score = 1.5", "max_chars = -1", "max_html_bytes = 0", 'disable = [1, 2]', "learn_sites = 1"])
def test_bad_setting_values_are_usage_errors(tmp_path, setting):
    cfg = tmp_path / "cleaner.toml"
    cfg.write_text(setting + "\n", encoding="utf-8")
    result = run("clean", SEED, "--config", str(cfg))
    assert result.exit_code == 2 and setting.split()[0] in result.stderr


def test_disable_takes_a_comma_separated_list():
    result = run("clean", SEED, "--disable", "BP004,BP008")
    assert result.exit_code == 0 and "#visit #Moscow" in result.stdout


def test_rules_list_rejects_an_unknown_stage():
    result = run("rules", "list", "--stage", "cleanup")
    assert result.exit_code == 2 and "boilerplate" in result.stderr


def test_a_text_field_that_is_not_a_string_is_named(tmp_path):
    path = tmp_path / "numbers.jsonl"
    path.write_text('{"id": "n", "text": 12345}\n', encoding="utf-8")
    record = json.loads(run("clean", str(path), "-f", "jsonl").stdout)
    assert record["error"].endswith("record field 'text' is int, not a string")


def test_a_single_record_that_could_not_be_cleaned_is_marked_in_text_output(tmp_path):
    path = tmp_path / "one.jsonl"
    path.write_text("{broken\n", encoding="utf-8")
    result = run("clean", str(path))
    assert result.exit_code == 1 and result.stdout.startswith("[not cleaned: malformed JSON")


def test_disable_in_a_settings_file_takes_a_comma_separated_list(tmp_path):
    cfg = tmp_path / "cleaner.toml"
    cfg.write_text('disable = ["BP004,BP008"]\n', encoding="utf-8")
    assert "#visit #Moscow" in run("clean", SEED, "--config", str(cfg)).stdout


def test_a_record_without_an_id_is_named_by_its_file_and_line(tmp_path):
    path = tmp_path / "anonymous.jsonl"
    path.write_text('{"text": "The council met on Monday to discuss the budget of the town schools."}\n', encoding="utf-8")
    record = json.loads(run("clean", str(path), "-f", "jsonl").stdout)
    assert record["id"] == f"{path}:1"


def test_gzipped_html_pages_in_a_directory_are_read(tmp_path):
    page = "<html><body><article><p>The storm that crossed the coast on Monday flooded three villages and cut power to thousands of homes, officials said.</p></article></body></html>"
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "a.html.gz").write_bytes(gzip.compress(page.encode("utf-8")))
    result = run("clean", str(tmp_path / "pages"))
    assert result.exit_code == 0 and "flooded three villages" in result.stdout


def test_a_binary_file_is_named_in_its_error(tmp_path):
    blob = tmp_path / "blob.bin"
    blob.write_bytes(bytes(range(256)) * 20)
    result = run("clean", str(blob), "-f", "jsonl")
    assert result.exit_code == 1 and str(blob) in json.loads(result.stdout)["error"]


def test_a_settings_file_with_two_places_for_settings_is_refused(tmp_path):
    cfg = tmp_path / "cleaner.toml"
    cfg.write_text('[check]\nmax-low-share = 0.1\n\n[tool.cleaner.check]\nmax-low-share = 0.5\n', encoding="utf-8")
    result = run("clean", SEED, "--config", str(cfg))
    assert result.exit_code == 2 and "keep one place" in result.stderr
