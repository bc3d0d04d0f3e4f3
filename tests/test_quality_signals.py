"""Each quality signal pinned on a small hand-made text, so that a change to a formula shows up here.

The expected values are worked out by hand in the comments, not copied from a run.
"""

import pytest

from cleaner.document import Document, Edit, Flag
from cleaner.stages.quality.signals import compute_signals, sentence_case_breaks
from cleaner.stages.quality.words import SEA_CHARS_PER_WORD, split_words


def signals(text, stopwords=frozenset(), **notes):
    doc = Document(text, lang="en", lang_prob=0.9)
    doc.notes.update(notes)
    return compute_signals(doc, frozenset(stopwords))


# "The cat sat." twice and "A dog ran home!": 3 lines, 10 words, 41 characters.
REPEAT = "The cat sat.\nThe cat sat.\nA dog ran home!"


@pytest.mark.parametrize(
    "name,value",
    [
        ("chars", 41),
        ("lines", 3),
        ("word_count", 10),
        ("mean_word_length", 2.9),  # (3+3+3)*2 + 1+3+3+4 = 29 letters / 10 words
        ("alpha_words", 1.0),
        ("dup_line_frac", 1 / 3),
        ("dup_line_char_frac", 12 / 41),  # the second "The cat sat." over all characters
        ("dup_line_char_ratio", 12 / 39),  # FineWeb: over the characters that are not newlines
        ("dup_para_frac", 0.0),
        ("top_2gram_char_frac", 14 / 41),  # "the cat" (7 chars) twice
        ("top_3gram_char_frac", 22 / 41),  # "the cat sat" (11 chars) twice
        ("top_4gram_char_frac", 0.0),  # no 4-gram repeats
        ("dup_5gram_char_frac", 0.0),
        ("terminal_punct_lines", 1.0),
        ("line_punct_ratio", 1.0),
        ("short_line_ratio", 1.0),
        ("newline_word_ratio", 0.2),  # 2 line breaks between 3 lines / 10 words
        ("unique_word_ratio", 0.7),  # the cat sat a dog ran home
        ("title_run_share", 0.0),
        ("long_segment_share", 0.0),
        ("line_start_lower", 0.0),
        ("caps_word_share", 0.0),  # fewer than 20 cased words: no evidence
        ("stop_words", 2),  # with the list {the, a}
        ("stop_word_share", 0.3),  # the, the, a
        ("stopless_run_share", 0.0),  # longest run without a stop word is 3 words
    ],
)
def test_repetition_text(name, value):
    assert signals(REPEAT, {"the", "a"})[name] == pytest.approx(value)


# 5 lines, 14 whitespace tokens of which 4 are symbols ("#", "-", "-", "•") and 10 are words.
SYMBOLS = "# Title\n- item one...\n- item two…\n• third item\nPlain line here"


@pytest.mark.parametrize(
    "name,value",
    [
        ("word_count", 10),
        ("mean_word_length", 4.1),  # Title item one item two third item Plain line here: 41 letters
        ("hash_ratio", 0.1),
        ("ellipsis_ratio", 0.2),  # "..." and "…"
        ("bullet_lines", 0.6),
        ("ellipsis_lines", 0.4),
        ("alpha_words", 10 / 14),  # symbol tokens count in the denominator, as in Gopher
    ],
)
def test_gopher_quality_text(name, value):
    assert signals(SYMBOLS)[name] == pytest.approx(value)


C4_TEXT = "Lorem ipsum dolor.\nPlease enable JavaScript.\nWe use cookies; see the privacy policy.\nvar x = {a: 1};"


@pytest.mark.parametrize(
    "name,value",
    [("lorem_ipsum", 1), ("javascript_lines", 1), ("policy_lines", 1), ("curly_brackets", 1), ("terminal_punct_lines", 0.75), ("line_punct_ratio", 0.75)],
)
def test_c4_text(name, value):
    assert signals(C4_TEXT)[name] == pytest.approx(value)


def test_c4_and_fineweb_line_ends_differ_on_ellipsis_and_unicode():
    s = signals("Wait for it...\n你好。\nDone!")
    assert s["terminal_punct_lines"] == pytest.approx(1 / 3)  # C4: "..." does not count, "。" is not in its set
    assert s["line_punct_ratio"] == pytest.approx(1.0)  # FineWeb's Unicode set has both


def test_no_stop_list_means_no_stop_word_signals():
    s = signals(REPEAT)
    assert "stop_word_share" not in s and "stop_words" not in s and "stopless_run_share" not in s


def test_stopless_runs():
    # 10 words without a stop word, then "the", then 3 more: 10 of 14 words in a run of >= 8.
    text = "Home News Sport Weather Contact Jobs Shop Events Videos Photos the cat sat down"
    assert signals(text, {"the"})["stopless_run_share"] == pytest.approx(10 / 14)


def test_title_runs_and_caps():
    text = "Home News Sport Weather Contact and then the storm came"  # 5 capitalised in a row, 10 words
    assert signals(text)["title_run_share"] == pytest.approx(0.5)
    shout = " ".join(["NEWS"] * 5 + ["word"] * 15)
    assert signals(shout)["caps_word_share"] == pytest.approx(0.25)


def test_long_segments():
    long = " ".join(["word"] * 45)
    text = long + ".\nShort line here.\n" + " ".join(["word"] * 5) + "."
    assert signals(text)["long_segment_share"] == pytest.approx(45 / 53)


def test_url_and_email_density():
    s = signals("See https://a.example/x and www.example.org/y or mail me@example.com now")
    assert s["word_count"] == 8
    assert s["url_density"] == pytest.approx(2 / 8)
    assert s["email_density"] == pytest.approx(1 / 8)


def test_sentence_case_breaks_counts_lower_case_after_a_sentence_end():
    good = ["Wir gehen. Wir kommen. Sie lachen. Sie weinen. Sie singen. Alle tanzen. Ende"]
    shuffled = ["wir gehen. wir kommen. sie lachen. sie weinen. sie singen. alle tanzen. ende"]
    assert sentence_case_breaks(good) == 0.0
    assert sentence_case_breaks(shuffled) == 1.0
    # Abbreviations that recur before lower case ("proc.") are not sentence ends.
    assert sentence_case_breaks(["Rate 3,1 proc. w marcu. Rate 3,2 proc. w maju. Gehen. Wohin. Gehen. Wohin. Gehen. Wohin. Gehen."]) == 0.0
    # Fewer than five sentence ends: no signal.
    assert sentence_case_breaks(["wir gehen. wir kommen. sie lachen."]) == 0.0


def test_document_findings():
    doc = Document("The café was flooded at a a summit.", lang="en", lang_prob=0.75)
    doc.notes.update(boilerplate_removed_chars=15, mt_suspected=1.5, mixed_languages=[("de", 0.2), ("nl", 0.05)])
    doc.edits = [
        Edit("repair", "RP100", "codepage", 0, 1, "x", "y", "UTF-8 read as windows-874"),
        Edit("repair", "RP200", "ftfy", 0, 1, "x", "y", "ftfy: [('encode', 'sloppy-windows-1252'), ('decode', 'utf-8')]"),
        Edit("repair", "RP001", "substitute", 0, 1, "‘", "’"),
        Edit("boilerplate", "BP001", "drop_line", 0, 1, "x", ""),
    ]
    doc.add_flag(Flag("mojibake", "RP300", 4, 8, "café"))
    doc.add_flag(Flag("doubled_word", "MT201", 24, 27, "a a"))
    s = compute_signals(doc)
    assert s["boilerplate_share"] == pytest.approx(15 / (35 + 15))
    assert s["mojibake_repaired"] == 2  # the code-page and ftfy repairs, not the typographic one
    assert s["mojibake_left"] == 1
    assert s["artifact_flags"] == 1  # mojibake is counted apart
    assert s["artifact_flag_density"] == pytest.approx(1000 / 8)
    assert s["mt_suspected"] == 1.0  # clamped to [0, 1]
    assert s["extraction_damage"] == 0.0  # missing counts as 0
    assert s["lang_prob"] == 0.75
    assert s["mixed_language_share"] == pytest.approx(0.25)


@pytest.mark.parametrize("bad", [None, "high", True, [0.5]])
def test_malformed_notes_count_as_zero(bad):
    assert signals(REPEAT, mt_suspected=bad)["mt_suspected"] == 0.0


def test_words_ignore_punctuation_tokens():
    words = split_words("Well — this is it, isn't it? (Yes.) 2024 | ok")
    assert words.count == 9  # Well this is it isn't it Yes 2024 ok
    assert words.symbol_tokens == 2  # "—" and "|"
    assert words.tokens[4] == "isn't"


def test_words_in_unspaced_scripts():
    zh = split_words("我们是中国人。Hello世界")
    assert zh.count == 9  # six Han characters, "Hello", two more
    assert zh.tokens == ["我", "们", "是", "中", "国", "人", "hello", "世", "界"]
    assert zh.spaced == ["Hello"]
    thai = split_words("ประเทศไทย")  # nine Thai letters, no combining marks
    assert thai.count == pytest.approx(9 / SEA_CHARS_PER_WORD)


def test_empty_text():
    s = signals("")
    assert s["word_count"] == 0 and s["chars"] == 0 and s["alpha_words"] == 0
