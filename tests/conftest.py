from pathlib import Path

import pytest

from cleaner import Cleaner, Document

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def cleaner() -> Cleaner:
    """One Cleaner for the whole run: building it is the expensive part, as in real use."""
    return Cleaner()


@pytest.fixture(scope="module")
def stage(cleaner):
    """The artifacts stage of the shared Cleaner, run directly on prepared documents."""
    return next(s for s in cleaner.stages if s.name == "artifacts")


def run_stage(stage, text: str, lang: str = "en") -> Document:
    doc = Document(text, lang=lang)
    stage.run(doc)
    return doc
