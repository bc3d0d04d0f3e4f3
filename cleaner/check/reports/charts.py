"""SVG charts drawn here, so the HTML report needs no script, no library and no network: a histogram and
horizontal bar charts, sized to their data, with their numbers written on them."""

from __future__ import annotations

import math
from html import escape

AXIS = "#9aa5b1"
GRID = "#e6eaef"
INK = "#1f2933"
MUTED = "#616e7c"


def nice_step(top: float, ticks: int = 4) -> float:
    """A round tick step (1, 2, 2.5, 5 × 10^k) that covers ``top`` in about ``ticks`` steps."""
    if top <= 0:
        return 1.0
    raw = top / ticks
    power = 10 ** math.floor(math.log10(raw))
    for mult in (1, 2, 2.5, 5, 10):
        if raw <= mult * power:
            return max(mult * power, 1.0)
    return 10 * power


def score_color(x: float) -> str:
    """Red (0) through amber to green (1), for the score histogram."""
    stops = ((0.0, (214, 69, 65)), (0.5, (240, 173, 78)), (1.0, (46, 160, 103)))
    for (x0, c0), (x1, c1) in zip(stops, stops[1:]):
        if x <= x1:
            t = (x - x0) / (x1 - x0)
            return "#%02x%02x%02x" % tuple(round(a + (b - a) * t) for a, b in zip(c0, c1))
    return "#2ea067"


def histogram(counts: list[int], bin_width: float, marker: float | None = None, *, width: int = 600, height: int = 240) -> str:
    left, right, top, bottom = 44, 12, 16, 34
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max(counts) if counts else 0
    step = nice_step(peak)
    ymax = step * max(1, math.ceil(peak / step))
    parts = [f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-label="Score histogram">']
    y = 0.0
    while y <= ymax + 1e-9:
        py = top + plot_h - y / ymax * plot_h
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{py:.1f}" y2="{py:.1f}" stroke="{GRID}"/>')
        parts.append(f'<text x="{left - 6}" y="{py + 4:.1f}" text-anchor="end" font-size="11" fill="{MUTED}">{y:g}</text>')
        y += step
    n = len(counts)
    bar_w = plot_w / n if n else plot_w
    for i, count in enumerate(counts):
        h = max(count / ymax * plot_h, 3.0) if count else 0.0  # a lone document stays visible
        x = left + i * bar_w
        lo, hi = i * bin_width, (i + 1) * bin_width
        parts.append(
            f'<rect x="{x + 1:.1f}" y="{top + plot_h - h:.1f}" width="{max(bar_w - 2, 1):.1f}" height="{h:.1f}" rx="2" '
            f'fill="{score_color((lo + hi) / 2)}"><title>{lo:.2f}–{hi:.2f}: {count} document(s)</title></rect>'
        )
        if count and bar_w >= 18:
            parts.append(f'<text x="{x + bar_w / 2:.1f}" y="{top + plot_h - h - 4:.1f}" text-anchor="middle" font-size="10" fill="{INK}">{count}</text>')
    for tick in (0, 0.25, 0.5, 0.75, 1.0):
        px = left + tick * plot_w
        parts.append(f'<text x="{px:.1f}" y="{height - 14}" text-anchor="middle" font-size="11" fill="{MUTED}">{tick:g}</text>')
    parts.append(f'<line x1="{left}" x2="{width - right}" y1="{top + plot_h}" y2="{top + plot_h}" stroke="{AXIS}"/>')
    if marker is not None:
        mx = left + marker * plot_w
        parts.append(f'<line x1="{mx:.1f}" x2="{mx:.1f}" y1="{top - 4}" y2="{top + plot_h}" stroke="{INK}" stroke-dasharray="4 3"/>')
        parts.append(f'<text x="{mx + 5:.1f}" y="{top + 6}" font-size="11" fill="{INK}">min-score {marker:g}</text>')
    parts.append(f'<text x="{left + plot_w / 2:.1f}" y="{height - 1}" text-anchor="middle" font-size="11" fill="{MUTED}">quality score</text>')
    parts.append("</svg>")
    return "".join(parts)


def bars(items: list[tuple[str, float, str, str]], *, width: int = 600, label_w: int = 210, total: float | None = None, empty: str = "none") -> str:
    """Horizontal bars: (label, value, colour, tooltip). ``total`` adds a share after each count."""
    if not items:
        return f'<p class="empty">{escape(empty)}</p>'
    row, top = 24, 4
    height = top + row * len(items) + 4
    peak = max(v for _, v, _, _ in items) or 1
    plot_w = width - label_w - 80
    parts = [f'<svg class="chart" viewBox="0 0 {width} {height}" role="img">']
    for i, (label, value, color, tip) in enumerate(items):
        y = top + i * row
        w = max(value / peak * plot_w, 2)
        shown = label if len(label) <= 36 else label[:35] + "…"
        figure = f"{value:g}" + (f" · {value / total:.0%}" if total else "")
        parts.append(f'<g><title>{escape(tip or label)}: {value:g}</title>')
        parts.append(f'<text x="{label_w - 8}" y="{y + 16}" text-anchor="end" font-size="12" fill="{INK}">{escape(shown)}</text>')
        parts.append(f'<rect x="{label_w}" y="{y + 4}" width="{w:.1f}" height="{row - 8}" rx="3" fill="{color}"/>')
        parts.append(f'<text x="{label_w + w + 6:.1f}" y="{y + 16}" font-size="11" fill="{MUTED}">{figure}</text></g>')
    parts.append("</svg>")
    return "".join(parts)
