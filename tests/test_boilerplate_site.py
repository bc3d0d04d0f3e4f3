"""Per-site learning: lines repeated across the pages of one site go, but only when the caller asks."""

import pytest

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
    return next(s for s in cleaner.stages if s.name == "boilerplate")


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
