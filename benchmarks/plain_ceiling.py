"""How far the evidence in a flattened page can take boilerplate removal: two ceilings for the plain-text path.

``benchmarks/boilerplate.py`` measures the rules on ``trafilatura.html2txt`` (the whole page in one line).
This script asks what better decisions on the same text could reach, so that a missed target can be told
apart from badly tuned rules:

* ``window oracle``: for each page, the one contiguous stretch of text that keeps the most ``with``
  passages for the fewest ``without`` ones, chosen *knowing the answers*, on the raw text and on our
  output. It bounds any method that finds the article as one region and removes the rest.
* ``learned combiner``: a gradient-boosted classifier over every block the stage cuts the page into, fed
  with every rule's verdict and the shape measures the rules use (words, stop-word density, sentence end,
  position on the page and in the kept region, neighbours, capitals, digits, second-person words,
  closing punctuation), and with ``--words`` the block's words. It decides keep or drop per block, trained and scored with 5-fold
  cross-validation by page, so no page is judged by a model that saw it. It bounds what any re-weighting of
  the present evidence, hand-made or learned, could gain.

With ``--lines`` the same is measured on the page text with its line breaks (``boilerplate.visible_lines``,
the way WET files keep it) instead of ``html2txt``.

Passages are scored as in ``corpus.score_passages``. Needs scikit-learn (``pip install -e ".[bench]"``).

    python benchmarks/plain_ceiling.py [--limit N] [--words] [--lines]
"""

from __future__ import annotations

import argparse
import math
import sys
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import boilerplate_input, load_corpus, score_passages  # noqa: E402

from cleaner import Cleaner  # noqa: E402

# words that address the reader: widgets, teasers and forms do, article prose seldom does
SECOND_PERSON = frozenset("you your yours sie ihr ihre ihnen du dich dein vous votre vos usted tu pan państwo".split())
FOLDS = 5
WORD_BUCKETS = 256  # --words: the block's words hashed into this many counts
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9)


def window_oracle(texts: list[str], rows: list[dict], cost: float = 1.0) -> dict[str, float]:
    """Passage scores when every page keeps only its best contiguous stretch: the run of passages (in text
    order) maximising kept ``with`` minus ``cost`` times kept ``without``."""
    tp = fp = 0
    for text, row in zip(texts, rows):
        found = sorted(
            (text.find(p), label) for label, passages in ((1, row["with"]), (0, row["without"])) for p in passages if p in text
        )
        best = (0.0, 0, 0)
        for a in range(len(found)):
            kept = dropped = 0
            for b in range(a, len(found)):
                kept, dropped = kept + found[b][1], dropped + 1 - found[b][1]
                if kept - cost * dropped > best[0]:
                    best = (kept - cost * dropped, kept, dropped)
        tp, fp = tp + best[1], fp + best[2]
    total = sum(len(row["with"]) for row in rows)
    precision, recall = tp / max(tp + fp, 1), tp / max(total, 1)
    return {"precision": precision, "recall": recall, "f1": 2 * precision * recall / max(precision + recall, 1e-9)}


NEITHER, BOTH = -1, -2


def block_label(block, spans: list[tuple[int, int, int]]) -> int:
    """1 when the block holds (half of) a ``with`` passage, 0 for a ``without`` one; ``NEITHER`` or
    ``BOTH``, which are not learned from."""
    label = NEITHER
    for start, end, kind in spans:
        overlap = min(end, block.end) - max(start, block.start)
        if overlap > 0 and overlap >= 0.5 * min(end - start, block.end - block.start):
            if label == NEITHER:
                label = kind
            elif label != kind:
                return BOTH
    return label


def block_features(ctx, i: int, page_len: int, kept: list[int], kept_words: int, words_before: int) -> list[float]:
    blocks, verdicts = ctx.blocks, ctx.verdicts
    block, verdict = blocks[i], verdicts[i]
    tokens, text = block.tokens, block.text
    words = max(len(tokens), 1)
    last = text.rstrip()[-1:]
    first_kept, last_kept = (blocks[kept[0]].start, blocks[kept[-1]].end) if kept else (0, page_len)
    prev = blocks[i - 1] if i else None
    after = blocks[i + 1] if i + 1 < len(blocks) else None
    return [
        len(tokens),
        math.log1p(len(tokens)),
        block.density,
        block.sentence,
        ctx.prose[i],
        verdict is None,
        verdict is not None and verdict.kind == "drop_line" and verdict.rule in ("BP704",),
        verdict is not None and verdict.kind == "cut_tail",
        verdict is not None and verdict.rule not in ("BP704",) and verdict.kind != "cut_tail",
        block.start / page_len,
        (block.start - first_kept) / max(last_kept - first_kept, 1),
        words_before / max(kept_words, 1),
        len(kept),
        kept_words,
        sum(1 for w in text.split() if w[:1].isupper()) / max(len(text.split()), 1),
        sum(1 for t in tokens if t[:1].isdigit()) / words,
        sum(1 for t in tokens if t in SECOND_PERSON) / words,
        last == "?",
        last == "!",
        last == ":",
        "©" in text,
        text.count("|"),
        sum(map(len, tokens)) / words,
        prev is not None and verdicts[i - 1] is not None,
        after is not None and verdicts[i + 1] is not None,
        prev.words if prev else -1,
        after.words if after else -1,
        ctx.prose[i - 1] if prev else -1,
        ctx.prose[i + 1] if after else -1,
    ]


def word_features(block) -> list[int]:
    counts = [0] * WORD_BUCKETS
    for token in set(block.tokens):
        counts[zlib.crc32(token.encode("utf-8")) % WORD_BUCKETS] += 1
    return counts


def learned_combiner(cleaner: Cleaner, rows: list[dict], words: bool = False) -> list[tuple[float, dict[str, float]]]:
    """Cross-validated scores of the block classifier at each threshold on its probability of boilerplate;
    with ``words``, the block's words are features too (hashed), so it may learn phrase lists."""
    import numpy as np
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.model_selection import GroupKFold

    stage = cleaner.boilerplate
    pages, features, labels, groups, where = [], [], [], [], []
    for page, row in enumerate(rows):
        doc = boilerplate_input(cleaner, row["html2txt"])
        ctx = stage.judge(doc)
        pages.append(ctx)
        spans = [(doc.text.find(p), doc.text.find(p) + len(p), kind) for kind, ps in ((1, row["with"]), (0, row["without"])) for p in ps if p in doc.text]
        kept = [i for i, v in enumerate(ctx.verdicts) if v is None]
        kept_words = sum(ctx.blocks[i].words for i in kept)
        words_before = 0
        for i, block in enumerate(ctx.blocks):
            measures = block_features(ctx, i, max(len(doc.text), 1), kept, kept_words, words_before)
            features.append(measures + word_features(block) if words else measures)
            labels.append(block_label(block, spans))
            groups.append(page)
            where.append((page, i))
            if ctx.verdicts[i] is None:
                words_before += block.words
    x, y = np.array(features, dtype=float), np.array(labels)
    print(
        f"{len(y)} blocks: {(y == 1).sum()} hold a `with` passage, {(y == 0).sum()} a `without` one, "
        f"{(y == BOTH).sum()} both (the cutting is what limits those)"
    )
    boilerplate = np.zeros(len(y))
    for train, test in GroupKFold(FOLDS).split(x, y, np.array(groups)):
        train = train[y[train] >= 0]
        model = HistGradientBoostingClassifier(max_iter=200, learning_rate=0.05, random_state=0).fit(x[train], y[train])
        boilerplate[test] = model.predict_proba(x[test])[:, list(model.classes_).index(0)]
    results = []
    for threshold in THRESHOLDS:
        dropped = {(page, i) for (page, i), p in zip(where, boilerplate) if p > threshold}
        texts = [
            "".join(ctx.text[b.start : b.end] for i, b in enumerate(ctx.blocks) if (page, i) not in dropped) for page, ctx in enumerate(pages)
        ]
        results.append((threshold, score_passages(texts, rows)))
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--words", action="store_true", help="give the classifier the blocks' words as well")
    parser.add_argument("--lines", action="store_true", help="the page text with its line breaks instead of html2txt")
    args = parser.parse_args()
    rows = load_corpus(limit=args.limit)
    if args.lines:
        from boilerplate import visible_lines

        rows = [{**r, "html2txt": visible_lines(r["html"])} for r in rows]  # the input every measure below reads
    source = "lines" if args.lines else "html2txt"
    cleaner = Cleaner()
    ours = [cleaner.clean(r["html2txt"]).text for r in rows]
    s = score_passages(ours, rows)
    print(f"{len(rows)} pages; ours, on {source}: P {s['precision']:.3f} R {s['recall']:.3f} F1 {s['f1']:.3f}")
    for name, texts in ((f"raw {source}", [r["html2txt"] for r in rows]), ("ours", ours)):
        o = window_oracle(texts, rows)
        print(f"window oracle on {name:<12}: P {o['precision']:.3f} R {o['recall']:.3f} F1 {o['f1']:.3f}")
    for threshold, s in learned_combiner(cleaner, rows, args.words):
        print(
            f"learned combiner, {FOLDS}-fold by page, drop when p(boilerplate) > {threshold}: "
            f"P {s['precision']:.3f} R {s['recall']:.3f} F1 {s['f1']:.3f}"
        )


if __name__ == "__main__":
    main()
