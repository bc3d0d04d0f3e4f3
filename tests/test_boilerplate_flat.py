"""Flat page dumps (a whole page joined into one line): widget labels and photo credits glued to the text
around them, and the end of the article, where comments and teasers that read as prose begin."""

import pytest

from conftest import FIXTURES, run_stage as run

from cleaner.stages.boilerplate.text import Labels, phrase_key, split_blocks, stopwords, tokens_of

ARTICLE = (FIXTURES / "boilerplate" / "flat_en.txt").read_text(encoding="utf-8")
STORY = (
    "Die Stadt hat am Montag die neue Brücke über den Fluss für den Verkehr freigegeben, nach drei Jahren Bauzeit. "
    "Der Bürgermeister sprach von einem wichtigen Tag für die ganze Region, denn Pendler sparen bis zu zwanzig "
    "Minuten am Tag, weil der Umweg über die Autobahn nicht mehr nötig ist. Die Kosten des Projekts waren etwas "
    "höher als geplant, und der Rat will die Abrechnung im Sommer prüfen, bevor er über weitere Vorhaben "
    "entscheidet. Ingenieure des Landesamts haben das Bauwerk am Sonntag geprüft und keine Mängel gefunden, sagte "
    "eine Sprecherin. Die alte Brücke aus dem Jahr 1962 wird im nächsten Jahr abgerissen, und der Fluss wird für "
    "zwei Wochen für Boote gesperrt, während die Arbeiten laufen. Geschäfte in der Nähe der Brücke hoffen, dass "
    "der neue Übergang mehr Kunden in die Altstadt bringt, die seit der Sperrung zu kämpfen hat. Auch die "
    "Radfahrer bekommen auf der neuen Brücke einen eigenen Weg, der von der Fahrbahn durch ein Geländer getrennt "
    "ist, und an beiden Ufern sollen im Herbst neue Abstellplätze für Fahrräder entstehen. Zur Eröffnung kamen am "
    "Montag mehrere hundert Menschen, die zum ersten Mal zu Fuß über die Brücke gehen wollten."
)


@pytest.fixture(scope="module")
def stage(cleaner):
    return cleaner.boilerplate


def removed_by(doc, fragment):
    return {e.rule for e in doc.edits if fragment in e.before}


def test_label_glued_to_a_sentence_is_cut_out_and_named(stage):
    text = STORY + " Schreibe einen Kommentar Anna sagt, dass sie sich über die neue Brücke sehr freut."
    doc = run(stage, text, "de")
    assert "Schreibe einen Kommentar" not in doc.text
    assert removed_by(doc, "Schreibe einen Kommentar")
    assert "Der Bürgermeister sprach von einem wichtigen Tag" in doc.text


def test_comments_after_the_article_go_with_its_end(stage):
    comment = "Anna sagt, dass sie sich über die neue Brücke sehr freut und jeden Tag darüber fährt."
    doc = run(stage, STORY + " Schreibe einen Kommentar " + comment, "de")
    assert comment not in doc.text
    assert "BP705" in removed_by(doc, comment)
    assert "zum ersten Mal zu Fuß über die Brücke gehen wollten." in doc.text


def test_short_last_sentence_of_the_article_stays_with_it(stage):
    menu = "Startseite Verein Mannschaften Termine Kontakt Impressum Datenschutz Galerie Archiv Sponsoren Presse Shop"
    footer = "Vereinsheim Sportplatz Nord Anfahrt Öffnungszeiten Mitgliedschaft Satzung Downloads Partner Sponsoren"
    doc = run(stage, f"{menu} {STORY} Für uns ein tolles Ergebnis. {footer}", "de")
    assert "Für uns ein tolles Ergebnis." in doc.text
    assert "Mitgliedschaft" not in doc.text and "Galerie" not in doc.text


@pytest.mark.parametrize(
    "sentence",
    [
        "Die Nutzer können jeden Artikel bewerten.",
        "Vielen Bloggern gefällt das.",
        "Wir mussten leider einige Quellen ausblenden.",
        "Danach wollten die Leser den Artikel drucken.",
    ],
)
def test_a_sentence_ending_in_label_words_keeps_them(stage, sentence):
    first, rest = STORY.split(". ", 1)
    doc = run(stage, f"{first}. {sentence} {rest}", "de")
    assert sentence in doc.text


def test_a_marker_early_on_the_page_does_not_cut_the_article(stage):
    first, rest = STORY.split(". ", 1)
    doc = run(stage, first + ". Ähnliche Beiträge " + rest, "de")
    assert "Der Bürgermeister sprach von einem wichtigen Tag" in doc.text
    assert "zum ersten Mal zu Fuß über die Brücke gehen wollten." in doc.text
    assert not removed_by(doc, "Der Bürgermeister")


def test_one_word_label_that_starts_a_sentence_stays(stage):
    sentence = "Teilen Sie uns mit, was Sie von der neuen Brücke halten, und schreiben Sie an die Redaktion."
    doc = run(stage, STORY + " " + sentence + " " + STORY, "de")
    assert sentence in doc.text


def test_label_inside_a_sentence_stays(stage):
    sentence = "Viele Leser wollten den Artikel mit Freunden teilen, weil die Brücke so lange gebaut wurde."
    doc = run(stage, STORY + " " + sentence + " " + STORY, "de")
    assert sentence in doc.text


def test_photo_credit_glued_to_a_sentence_moves_to_meta(stage):
    sentence = "Die Polizei hat am Montag in der Innenstadt einen Mann festgenommen, der seit Wochen gesucht wurde."
    doc = run(stage, STORY + " Foto: dpa/Kappeler " + sentence + " " + STORY, "de")
    assert "dpa/Kappeler" not in doc.text
    assert sentence in doc.text
    assert any("dpa/Kappeler" in credit for credit in doc.meta.get("credit", []))


def test_a_sentence_about_a_photo_stays(stage):
    sentence = "Foto: Die Ausstellung im Rathaus zeigt Bilder der alten Brücke aus den sechziger Jahren."
    doc = run(stage, STORY + " " + sentence + " " + STORY, "de")
    assert sentence in doc.text


def test_label_pieces_carry_their_own_words():
    text = ARTICLE.replace("The cost of the project", "Share this Related Posts The cost of the project")
    labels = Labels([phrase_key("Share this"), phrase_key("Related Posts"), phrase_key("Contact")])
    blocks = split_blocks(text, 1000, stopwords("en"), labels)
    assert any(b.text == "Share this" for b in blocks) and any(b.text == "Related Posts" for b in blocks)
    for block in blocks:
        assert text[block.start : block.start + len(block.text)] == block.text
        assert block.tokens == tokens_of(block.text)
    assert [b.start for b in blocks] == sorted(b.start for b in blocks)
    assert all(a.end <= b.start for a, b in zip(blocks, blocks[1:]))


def test_labels_are_found_by_any_of_their_words():
    labels = Labels(["leave a reply", "über uns", "teilen"])
    assert labels.find(tokens_of("Great story Leave a Reply Anna")) == (2, 5)
    assert labels.find(tokens_of("Impressum Über uns Kontakt")) == (1, 3)
    assert labels.find(tokens_of("Teilen Drucken")) == (0, 1)
    assert labels.find(tokens_of("Bitte teilen")) is None  # one word only at the start of a piece
    assert labels.find(tokens_of("Leave a comment")) is None


def test_phrase_index_agrees_with_every_rule_on_its_own(stage):
    # the index skips patterns by keyword, length bound and word count; it must find what the rules find
    lines = [line for name in ("page_de.txt", "page_fr.txt", "flat_en.txt", "all_boilerplate.txt")
             for line in (FIXTURES / "boilerplate" / name).read_text(encoding="utf-8").split("\n") if line.strip()]
    lines += ["Foto: dpa/Michael Kappeler", "Diese Website verwendet Akismet, um Spam zu reduzieren.", "© 2024 Example Media"]
    for lang in ("de", "fr", "en"):
        index = stage.phrases_for(lang)
        rules = [r for r in stage.line_rules if r.rule.applies_to(lang) or r.rule.applies_to("en")]
        for line in lines:
            line = line.strip()
            assert (index.rule_for(line) is not None) == any(r.matches(line) for r in rules), line


def test_flat_text_breaks_after_short_words_but_not_after_abbreviations():
    text = (
        STORY + " Der Rat sagt, das Geld reicht nicht aus. Dr. Meier sieht das anders, bzw. er sagt es so. Er hat. Nun kommt Nr. 5 dran."
        " Am 14. Juni kommen z.B. Äpfel und Birnen. Seit 1990. Mai ist das so. Das reicht. Ende."
    )
    blocks = [b.text for b in split_blocks(text, 1000, stopwords("de"))]
    assert "Dr. Meier sieht das anders, bzw. er sagt es so." in blocks
    assert "Er hat." in blocks
    assert "Nun kommt Nr. 5 dran." in blocks
    assert "Am 14. Juni kommen z.B. Äpfel und Birnen." in blocks
    assert "Seit 1990. Mai ist das so." in blocks  # a number before the period: a date, not a sentence end
    assert "Das reicht." in blocks and "Ende." in blocks


def test_pieces_without_words_stay_blocks():
    # a run of separators ("| • |") makes a piece with no words; cutting labels must keep it a block
    text = ARTICLE.replace("The cost of the project", "| • | The cost of the project").replace("Engineers from", "Share this Engineers from")
    labels = Labels([phrase_key("Share this")])
    with_labels = split_blocks(text, 1000, stopwords("en"), labels)
    without = split_blocks(text, 1000, stopwords("en"))
    assert any(not b.tokens for b in without)
    assert {b.start for b in without} <= {b.start for b in with_labels}


def test_list_separators_break_a_flat_line_once_per_run():
    text = STORY + " Home | | News • Sport » Kultur. Wetter | heute. " + STORY
    blocks = [b.text for b in split_blocks(text, 1000, stopwords("de"))]
    # a piece ends after its separator; "| |" breaks once, so the second one opens the next piece
    assert ["Home |", "| News •", "Sport »", "Kultur.", "Wetter |", "heute."] == blocks[8:14]
