from pathlib import Path

import pytest

from cleaner import Cleaner, Config, Document
from cleaner.ruleset import load_rules
from cleaner.stages.repair import RepairStage

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


@pytest.fixture(scope="session")
def repair_stage() -> RepairStage:
    """The repair stage alone, from the repair rules only: its tests must not depend on other stages' rules."""
    return RepairStage(load_rules([ROOT / "rules" / "repair"], include_defaults=False), Config())


def run_stage(stage, text: str, lang: str = "en") -> Document:
    doc = Document(text, lang=lang)
    stage.run(doc)
    return doc
