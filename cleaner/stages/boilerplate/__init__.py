"""Stage 5, boilerplate: remove widget, navigation and republishing residue, every removal explained.

The stage judges blocks (lines, or sentence-sized pieces of a page flattened into one line) with rules
from ``rules/boilerplate/``: phrase rules in many languages first, then structural rules that catch what
no list names. See ``docs/boilerplate.md``.
"""

from .stage import BoilerplateStage

__all__ = ["BoilerplateStage"]
