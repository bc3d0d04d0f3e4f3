"""The HTML path: trafilatura with the measured settings, then the same text rules as plain text."""

import pytest

from cleaner import replay_all

ARTICLE = (
    "<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article><h1>Storm floods villages</h1>"
    "<p>The storm that crossed the coast on Monday flooded three villages and cut power to thousands of homes, officials said on Tuesday morning.</p>"
    "<p>Rescue teams worked through the night to reach people trapped by the water, and the regional government opened emergency shelters in two schools.</p>"
    "<p>Share this:</p>"
    "<p>The council will meet on Friday to decide how to pay for the repairs, which could take the rest of the year to finish.</p>"
    "</article><div id='comments' class='comments'><h3>2 Comments</h3><div class='comment'><p>Anna says: terrible news, my brother lives there and lost everything in the water last night.</p></div></div>"
    "<footer>Copyright 2024 Example Media</footer></body></html>"
)


def test_extractor_settings_are_the_measured_ones(cleaner):
    kind = cleaner.ruleset.compiled(cleaner.ruleset.get("EX001"))
    assert kind.options["include_comments"] is False
    assert kind.options["deduplicate"] is False


def test_html_path_extracts_then_applies_the_text_rules(cleaner):
    doc = cleaner.clean_html(ARTICLE, "https://example.org/storm")
    assert "Rescue teams worked through the night" in doc.text
    assert "The council will meet on Friday" in doc.text
    assert "Share this:" not in doc.text
    assert "my brother lives there" not in doc.text
    assert doc.notes.get("extracted") is True
    assert any(e.stage == "extract" and e.rule == "EX001" for e in doc.edits)
    assert any(e.stage == "boilerplate" and e.rule == "BP200" for e in doc.edits)


def test_page_too_large_to_extract_falls_back_to_its_visible_text(cleaner):
    from cleaner import Cleaner

    small = Cleaner(cleaner.config, ruleset=cleaner.ruleset, max_html_bytes=len(ARTICLE) - 1)
    doc = small.clean_html(ARTICLE)
    assert "Rescue teams worked through the night" in doc.text
    assert not doc.notes.get("extracted")
    assert any(e.stage == "extract" and e.rule == "EX002" for e in doc.edits)


CTA_PAGE = (
    "<html><body><article><h1>Storm floods villages</h1>"
    "<p>The storm that crossed the coast on Monday flooded three villages and cut power to thousands of homes, officials said on Tuesday morning.</p>"
    "<section class='cta'><p>Enjoying our coverage? Get the Coast Courier briefing every morning, straight to your inbox.</p></section>"
    "<p>Rescue teams worked through the night to reach people trapped by the water, and the regional government opened emergency shelters in two schools.</p>"
    "</article><footer>Copyright 2024 Example Media</footer></body></html>"
)


@pytest.mark.parametrize(
    "fragment",
    [
        "<p>The storm that crossed the coast on Monday flooded three villages and cut power to thousands of homes.</p>",
        "The storm that crossed the coast on <b>Monday</b> flooded three villages and cut power to thousands of homes.",
        "<body><div><p>The storm that crossed the coast on Monday flooded three villages and cut power to thousands of homes.</p></div></body>",
    ],
)
def test_an_html_fragment_gives_its_text(cleaner, fragment):
    doc = cleaner.clean_html(fragment)
    assert doc.error is None
    assert "flooded three villages and cut power to thousands of homes." in doc.text
    extract = next(e for e in doc.edits if e.stage == "extract")
    assert (extract.start, extract.end) == (0, len(fragment))  # offsets into the record's own markup, not the wrapper


def test_surrogates_in_html_markup_are_mended_as_provenance_and_the_record_replays(cleaner):
    page = ARTICLE.replace("on Monday", "on Monday \ud83d\ude00").replace("Rescue teams", "Rescue \ud800teams")
    doc = cleaner.clean_html(page)
    assert "Monday \U0001F600" in doc.text and "Rescue \ufffdteams" in doc.text
    mended = [e for e in doc.edits if e.rule == "DC008"]
    assert [e.step for e in mended] == [0] and mended[0].end == len(page)
    extract = next(e for e in doc.edits if e.stage == "extract" and e.step == 0)
    assert extract.end == len(page)  # offsets into the record's own markup
    assert replay_all(extract.after, doc.edits) == doc.text


def test_text_past_the_parsers_depth_limit_is_not_lost(cleaner):
    unclosed = "<html><body>" + "".join(f"<p><font>Paragraph {i} of the story tells what the council decided." for i in range(400)) + "</body></html>"
    doc = cleaner.clean_html(unclosed)
    assert doc.text.count("Paragraph") == 400 and "Paragraph 399 " in doc.text
    assert "parsed again" in doc.meta["html_parse"]
    runaway = "<html><body>" + "<div>" * 10000 + "<p>Deep text that must survive here.</p>" + "</div>" * 10000 + "<p>After it.</p></body></html>"
    doc = cleaner.clean_html(runaway)
    assert "Deep text that must survive here." in doc.text and "After it." in doc.text
    assert "removing the tags" in doc.meta["html_parse"]
    assert any(e.rule == "EX002" and "tags removed" in e.note for e in doc.edits)


def test_tags_stripped_as_a_last_resort_keep_lines_and_drop_unclosed_scripts():
    from cleaner.stages.extract import _stripped_text

    page = "<div><p>One &amp; two.</p><!-- note --><p>Three</p><br>four <b>five</b></div><script>var x = '<p>'; <!-- never closed"
    assert _stripped_text(page) == "One & two.\nThree\nfour five"


def test_a_page_over_max_html_bytes_gives_all_its_text(cleaner):
    from cleaner import Cleaner

    page = "<html><body>" + "".join(f"<p>Paragraph {i} of a very long page.</p>" for i in range(3000)) + "<p>The last words.</p></body></html>"
    small = Cleaner(cleaner.config, ruleset=cleaner.ruleset, max_html_bytes=len(page) // 3)
    doc = small.clean_html(page)
    assert "Paragraph 2999 of a very long page." in doc.text and "The last words." in doc.text
    assert any(e.rule == "EX002" and "larger than max_html_bytes" in e.note for e in doc.edits)


def boxes_kind(cleaner):
    return cleaner.ruleset.compiled(cleaner.ruleset.get("EX003"))


@pytest.mark.parametrize("page", ["ARTICLE", "CTA_PAGE"])
def test_html_edits_replay_from_the_extracted_text(cleaner, page):
    doc = cleaner.clean_html(globals()[page], "https://example.org/storm")
    extracted = next(e for e in doc.edits if e.stage == "extract" and e.step == 0).after
    assert extracted and replay_all(extracted, doc.edits) == doc.text


def test_lines_of_a_widget_box_are_removed_as_edits_after_extraction(cleaner):
    doc = cleaner.clean_html(CTA_PAGE, "https://example.org/storm")
    assert "Coast Courier briefing" not in doc.text
    assert "The storm that crossed the coast" in doc.text
    assert "Rescue teams worked through the night" in doc.text
    removed = [e for e in doc.edits if e.rule == "EX003"]
    assert len(removed) == 1 and "Coast Courier briefing" in removed[0].before
    assert removed[0].stage == "extract" and removed[0].step > 0


def test_widget_box_lines_are_matched_whole_or_when_long_enough(cleaner):
    from trafilatura.utils import load_html

    kind = boxes_kind(cleaner)
    page = (
        "<html><body><article><p>" + "The council met on Friday to discuss the budget for the coming year. " * 5 + "</p>"
        "<p>Share</p></article><div class='newsletter-box'><h3>Share</h3>"
        "<p>Our weekly briefing, every Friday in your inbox. No spam.</p></div></body></html>"
    )
    pieces, wholes = kind.boxes(load_html(page))
    text = "The council met on Friday.\nShare\nOur weekly briefing, every Friday in your inbox.\nNo spam.\nThe end of the story came later."
    edits = kind.edits(text, pieces, wholes)
    gone = [e.before for e in edits]
    # "Share" is the whole text of an element in the box; the briefing line is a long part of the box's
    # text; "No spam." is part of it but too short to be sure of
    assert gone == ["Share\nOur weekly briefing, every Friday in your inbox.\n"]


def test_widget_boxes_holding_most_of_the_page_are_left_alone(cleaner):
    from trafilatura.utils import load_html

    kind = boxes_kind(cleaner)
    article = "The storm that crossed the coast on Monday flooded three villages and cut power to thousands of homes. " * 4
    page = f"<html><body><div class='copyright-wrapper'><p>{article}</p></div><p>Home</p></body></html>"
    pieces, wholes = kind.boxes(load_html(page))
    assert not pieces and not wholes
    assert kind.edits(article, pieces, wholes) == []


def test_widget_box_lines_are_kept_when_they_would_be_most_of_the_text(cleaner):
    kind = boxes_kind(cleaner)
    text = "Subscribe to the briefing for the latest news every morning.\nA short note."
    pieces = {"Subscribe to the briefing for the latest news every morning."}
    assert kind.edits(text, pieces, list(pieces)) == []


def test_a_short_extraction_is_retried_for_recall_and_the_longer_text_kept(cleaner, monkeypatch):
    import trafilatura

    kind = cleaner.ruleset.compiled(cleaner.ruleset.get("EX001"))
    assert kind.retry_below > 0
    calls = []

    def fake_extract(page, **options):
        calls.append(options)
        return "Recall mode found the whole article text." if options["favor_recall"] else "Short."

    monkeypatch.setattr(trafilatura, "extract", fake_extract)
    assert kind.extract("<html></html>", None) == "Recall mode found the whole article text."
    assert [c["favor_recall"] for c in calls] == [False, True]
    assert calls[1]["include_comments"] is False


def test_a_long_enough_extraction_is_not_retried(cleaner, monkeypatch):
    import trafilatura

    kind = cleaner.ruleset.compiled(cleaner.ruleset.get("EX001"))
    long_text = "word " * kind.retry_below
    calls = []

    def fake_extract(page, **options):
        calls.append(options)
        return long_text

    monkeypatch.setattr(trafilatura, "extract", fake_extract)
    assert kind.extract("<html></html>", None) == long_text
    assert len(calls) == 1


RESIDUE_PAGE = (
    "<html><body><article><h1>Puerto reabre tras la tormenta</h1>"
    "<p>El puerto de la ciudad reabrió el martes después de tres días cerrado por la tormenta, según informó la autoridad portuaria en un comunicado.</p>"
    "<p>Le puede interesar: El Congreso aprueba la reforma fiscal</p>"
    "<p>Los barcos que esperaban en la bahía comenzaron a entrar por la mañana y las operaciones se normalizarán durante la semana, dijo el director.</p>"
    "<p>¡Suscríbete a nuestro canal de YouTube!</p>"
    "<h2>Notas relacionadas</h2><p>Otra tormenta amenaza la costa norte</p><p>El gobierno anuncia ayudas para pescadores</p>"
    "</article></body></html>"
)


def test_extracted_residue_rules_remove_teasers_prompts_and_related_lists(cleaner):
    doc = cleaner.clean_html(RESIDUE_PAGE, "https://example.org/puerto")
    assert "El puerto de la ciudad reabrió el martes" in doc.text
    assert "Los barcos que esperaban en la bahía" in doc.text
    for gone in ("Le puede interesar", "canal de YouTube", "Notas relacionadas", "Otra tormenta amenaza", "ayudas para pescadores"):
        assert gone not in doc.text
    rules = {e.rule for e in doc.edits if e.stage == "boilerplate"}
    assert {"BP800", "BP801", "BP802"} <= rules
