"""The HTML path: trafilatura with the measured settings, then the same text rules as plain text."""

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
