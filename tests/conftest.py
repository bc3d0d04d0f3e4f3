from pathlib import Path

import pytest

from cleaner import Cleaner

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def cleaner() -> Cleaner:
    """One Cleaner for the whole run: building it is the expensive part, as in real use."""
    return Cleaner()
