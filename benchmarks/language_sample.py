"""How much text does language detection need? Cost and accuracy of langdetect against sample size.

For every page of the evaluation set, and for both texts the pipeline sees (``html2txt``: the whole page
on the text path; ``main``: trafilatura's extraction on the HTML path), the reference is langdetect on
the *whole* text with its default seven trials. Each configuration (sample size; how the sample is
chosen: the pipeline's ``sample_text`` (windows spread over the longer lines), windows spread over the whole
text, the longest lines, or the prefix; number of trials) is then timed per document on one core and scored by how often its top
language agrees with the reference. The pipeline's ``sample_chars`` and ``trials`` (rule LG001) were chosen
from this table.

    python benchmarks/language_sample.py [--limit N]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import load_corpus  # noqa: E402

from cleaner.stages.language import _LETTER, sample_text, spread  # noqa: E402
from cleaner.stages.language.detector import profiles  # noqa: E402

SIZES = (200, 300, 500, 800, 1200, 2000, 4000)
TRIALS = (1, 2, 3, 5, 7)
CLOCK = time.process_time  # CPU seconds: one core, whatever else the machine runs
MIN_LETTERS = 20
MIXED = 0.2


def prefix(text: str, limit: int) -> str:
    return text[:limit]


def lines(text: str, limit: int) -> str:
    """The longest lines, in document order."""
    if len(text) <= limit:
        return text
    rows = text.split("\n")
    order = sorted(range(len(rows)), key=lambda i: (-len(rows[i]), i))
    chosen, total = [], 0
    for i in order:
        if total >= limit:
            break
        chosen.append(i)
        total += len(rows[i]) + 1
    return "\n".join(rows[i] for i in sorted(chosen))[:limit]


STRATEGIES = {"pipeline": sample_text, "lines": lines, "spread": spread, "prefix": prefix}


def detect(text: str, trials: int, max_length: int = 10000) -> tuple[str | None, bool]:
    """(top language, whether a second language reaches MIXED)."""
    found: list = []
    if len(_LETTER.findall(text)) >= MIN_LETTERS:
        grams = profiles().ngrams(text, max_length)
        if grams:
            found = profiles().probabilities(grams, trials)
    return (found[0][0], any(p >= MIXED for _, p in found[1:])) if found else (None, False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=0, help="use the first N pages only")
    args = parser.parse_args()
    rows = load_corpus(limit=args.limit)
    profiles().ngrams("warm up the profiles")
    configs = [("pipeline", s, t) for s in SIZES for t in TRIALS]
    configs += [(how, s, 3) for how in ("lines", "spread", "prefix") for s in SIZES]
    for field in ("html2txt", "main"):
        texts = [row[field] for row in rows]
        start = CLOCK()
        reference = [detect(text, 7, max(len(text), 1)) for text in texts]
        full_ms = 1000 * (CLOCK() - start) / len(texts)
        mean_chars = sum(map(len, texts)) / len(texts)
        print(f"\n## {field}: {len(texts)} pages, mean {mean_chars:,.0f} chars; whole-text detection {full_ms:.2f} ms/doc, "
              f"{sum(m for _, m in reference)} pages mixed (a second language >= {MIXED})")
        print(f"{'sample':>9} {'chars':>6} {'trials':>6} {'ms/doc':>7} {'agree %':>8} {'mixed':>6} {'mixed agree %':>14}")
        for how, size, trials in configs:
            pick = STRATEGIES[how]
            agree = mixed = mixed_agree = 0
            start = CLOCK()
            found = [detect(pick(text, size), trials) for text in texts]
            took = CLOCK() - start
            for (lang, is_mixed), (want, want_mixed) in zip(found, reference):
                agree += lang == want
                mixed += is_mixed
                mixed_agree += is_mixed == want_mixed
            print(f"{how:>9} {size:>6} {trials:>6} {1000 * took / len(texts):>7.3f} {100 * agree / len(texts):>8.2f} "
                  f"{mixed:>6.0f} {100 * mixed_agree / len(texts):>14.2f}")


if __name__ == "__main__":
    main()
