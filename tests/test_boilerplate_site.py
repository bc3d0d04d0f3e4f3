"""Per-site learning: lines repeated across the pages of one site go, but only when the caller asks."""

import pytest

from cleaner import Cleaner
from cleaner.document import Document
from cleaner.stages.boilerplate.kinds import site_of

FOOTER = "Unterstützen Sie unabhängigen Lokaljournalismus mit einem Abo der Stadtzeitung"
STORIES = [
    "Der Rat hat am Montag über den neuen Haushalt für die Schulen der Stadt beraten.",
    "In der alten Bahnhofshalle hat am Freitag eine neue Bäckerei eröffnet.",
    "Nach drei Tagen Regen ist der Fluss um zwei Meter gestiegen, die Uferwege sind gesperrt.",
    "Die Feuerwehr hat ein neues Löschfahrzeug bekommen, das erste seit zwanzig Jahren.",
]


def page(story):
    return f"Startseite\n{story}\n{FOOTER}\n"


@pytest.fixture(scope="module")
def stage(cleaner):
    return cleaner.boilerplate


@pytest.fixture(scope="module")
def learned(stage):
    pages = [(f"https://www.stadtzeitung.example/{i}", page(s), "de") for i, s in enumerate(STORIES)]
    pages.append(("https://other.example/a", page(STORIES[0]), "de"))
    return stage.learn_sites(pages)


def test_lines_repeated_across_a_site_are_learned_per_host(learned):
    keys = learned["stadtzeitung.example"]
    assert any("abo der stadtzeitung" in key for key in keys)
    assert not any("bäckerei" in key for key in keys)
    assert learned["other.example"] == frozenset()  # one page is no evidence


def test_learned_lines_are_removed_and_named(stage, learned):
    doc = Document(page("Der Markt zieht im Sommer auf den Platz vor der Kirche um."), lang="de", url="https://stadtzeitung.example/neu")
    doc.notes["site_lines"] = learned[site_of(doc.url)]
    stage.run(doc)
    assert FOOTER not in doc.text
    assert "Der Markt zieht im Sommer" in doc.text
    assert any(e.rule == "BP706" and FOOTER in e.before for e in doc.edits)


def test_without_learning_nothing_changes(stage):
    doc = Document(page(STORIES[0]) + "Noch ein Satz, damit der Text wie ein Artikel aussieht und lang genug ist.\n", lang="de")
    stage.run(doc)
    assert FOOTER in doc.text
    assert not any(e.rule == "BP706" for e in doc.edits)


def test_learning_does_not_depend_on_page_order(stage):
    pages = [(f"https://stadtzeitung.example/{i}", page(s), "de") for i, s in enumerate(STORIES)]
    assert stage.learn_sites(pages) == stage.learn_sites(list(reversed(pages)))


def test_site_of_ignores_www_and_scheme():
    assert site_of("https://www.example.org/a/b") == "example.org"
    assert site_of("example.org/x") == "example.org"
    assert site_of(None) is None


# -- through the Cleaner: records in, learned lines reported, removals named ----------------------------

MENU = "Town Crier Archive Letters Events"
IMPRINT = "Printed by the Town Crier press in Lowbridge since 1921"
SHARED = "The mayor said that the town would publish the full figures at the end of the month."
NEWS = [
    "The council met on Monday to discuss the new budget for the schools of the town and the library.",
    "A new bakery opened in the old station building on Friday morning, and the queue reached the square.",
    "The river rose by two metres after three days of heavy rain in the hills, and the paths are closed.",
    "The fire brigade received its first new engine in twenty years at a ceremony on Saturday afternoon.",
    "The summer market moves to the square in front of the church from the first week of June.",
]


def town_page(story, shared=False):
    return "\n".join([MENU, story, *([SHARED] if shared else []), IMPRINT]) + "\n"


def town_records():
    """Five pages of one site (the same sentence of content on two of them), a page of another site and a
    page without a url."""
    records = [{"id": f"t{i}", "url": f"https://www.towncrier.example/news/{i}", "text": town_page(s, shared=i < 2)} for i, s in enumerate(NEWS)]
    records.append({"id": "other", "url": "https://other.example/a", "text": town_page(NEWS[0])})
    records.append({"id": "nourl", "text": town_page(NEWS[1])})
    return records


@pytest.fixture(scope="module")
def town(cleaner):
    records = town_records()
    sites = cleaner.learn_sites(records)
    return records, sites, {d.id: d for d in cleaner.clean_many(records, sites=sites)}


def test_cleaner_learns_the_repeated_lines_of_each_site(town):
    _, sites, _ = town
    assert sites.pages == {"other.example": 1, "towncrier.example": 5}
    assert sites["towncrier.example"] == {"town crier archive letters events", "printed by the town crier press in lowbridge since 1921"}
    assert sites["other.example"] == frozenset()
    report = sites.to_json()["sites"]["towncrier.example"]
    assert report["pages"] == 5 and {line["pages"] for line in report["lines"]} == {5}


def test_learned_lines_go_from_the_pages_of_their_site_only(town):
    _, _, docs = town
    for i, story in enumerate(NEWS):
        doc = docs[f"t{i}"]
        assert MENU not in doc.text and IMPRINT not in doc.text and story in doc.text
        assert {e.rule for e in doc.edits if MENU in e.before or IMPRINT in e.before} == {"BP706"}
    for key in ("other", "nourl"):
        assert MENU in docs[key].text and IMPRINT in docs[key].text
        assert not any(e.rule == "BP706" for e in docs[key].edits)


def test_content_on_a_few_pages_of_a_site_stays(town):
    _, sites, docs = town
    assert SHARED in docs["t0"].text and SHARED in docs["t1"].text
    assert not any("mayor" in line for line in sites["towncrier.example"])


def test_output_does_not_depend_on_page_order(cleaner, town):
    records, sites, docs = town
    shuffled = records[::-1][3:] + records[::-1][:3]
    again = cleaner.learn_sites(shuffled)
    assert again == sites and again.to_json() == sites.to_json()
    assert {d.id: d.text for d in cleaner.clean_many(shuffled, sites=again)} == {k: d.text for k, d in docs.items()}


def test_a_page_fetched_twice_counts_once(cleaner):
    records = [{"url": "https://twice.example/a", "text": town_page(NEWS[0])}] * 3
    records.append({"url": "https://twice.example/b", "text": town_page(NEWS[1])})
    sites = cleaner.learn_sites(records)
    assert sites.pages["twice.example"] == 2 and sites["twice.example"] == frozenset()


def test_the_setting_learns_and_cleans_a_stream_running_each_stage_once(cleaner, town, monkeypatch):
    records, sites, docs = town
    learning = Cleaner(cleaner.config, ruleset=cleaner.ruleset, learn_sites=True)
    language = next(s for s in learning.stages if s.name == "language")
    calls = []
    monkeypatch.setattr(language, "run", lambda doc, run=language.run: calls.append(doc.id) or run(doc))
    assert [d.text for d in learning.clean_many(iter(records))] == [docs[r["id"]].text for r in records]
    assert sorted(calls) == sorted(r["id"] for r in records)
    learned, cleaned = learning.learn_and_clean(records)
    assert learned == sites and [d.to_record() for d in cleaned] == [docs[r["id"]].to_record() for r in records]
    assert MENU in cleaner.clean_record(records[0]).text  # off by default


def test_learning_does_not_touch_the_documents_it_reads(cleaner):
    docs = [Document(town_page(s), url=f"https://towncrier.example/{i}") for i, s in enumerate(NEWS)]
    sites = cleaner.learn_sites(docs)
    assert all(not d.edits and d.lang is None for d in docs)
    assert IMPRINT not in next(cleaner.clean_many(docs, sites=sites)).text


def test_a_disabled_rule_learns_nothing(cleaner):
    off = Cleaner(cleaner.config, disable=("BP706",))
    assert off.learn_sites(town_records()) == {}


def test_copies_of_one_article_that_differ_in_a_short_line_count_once(cleaner):
    records = [{"url": f"https://copies.example/a?v={i}", "text": town_page(NEWS[0] + f"\nUpdated 10:4{i}")} for i in range(3)]
    records += [{"url": f"https://copies.example/{i}", "text": town_page(NEWS[i])} for i in (1, 2)]
    sites = cleaner.learn_sites(records)
    assert sites.pages["copies.example"] == 3
    cleaned = {d.text for d in cleaner.clean_many(records[:1], sites=sites)}
    assert all(NEWS[0] in text for text in cleaned)
