"""scrape-cleaner: turn scraped web text into clean, trustworthy text, every change explained.

    from cleaner import Cleaner
    cleaner = Cleaner()               # loads and compiles the rules once
    doc = cleaner.clean(text)         # doc.text, doc.edits, doc.flags, doc.quality, doc.lang
"""

__version__ = "0.1.0"

from .config import Config, load_config
from .document import Document, Edit, Flag, replay_all
from .pipeline import Cleaner
from .ruleset import RuleError, load_rules

__all__ = ["Cleaner", "Config", "Document", "Edit", "Flag", "RuleError", "load_config", "load_rules", "replay_all", "__version__"]
