"""The machine-readable report: everything, in the documented ``cleaner-check/1`` schema."""

from __future__ import annotations

import json


def render(report: dict) -> str:
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"
