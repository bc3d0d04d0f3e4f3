"""``cleaner check``: a gate for a batch of scraped data. It aggregates what the pipeline found over the
batch (scores, boilerplate, mojibake, flags, machine translation, duplicates) in bounded memory, holds it
against limits and an earlier report, and writes reports for people (HTML, Markdown) and machines (JSON,
JUnit, GitHub annotations)."""

from .aggregate import Aggregate
from .run import aggregate_documents, build_report, is_cleaned, new_aggregate
from .thresholds import CheckSettings, SettingsError

__all__ = ["Aggregate", "CheckSettings", "SettingsError", "aggregate_documents", "build_report", "is_cleaned", "new_aggregate"]
