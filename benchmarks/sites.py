"""Per-site learning: what the extra pass costs, and what it changes, on the trafilatura evaluation set.

Two ways are timed against cleaning alone (CPU time, one process): ``learn_and_clean`` (what
``--learn-sites`` and the ``learn_sites`` setting do: every stage runs once, prepared pages wait in a
temporary file) and ``learn_sites`` followed by ``clean_many(sites=...)`` (two passes; the stages before
boilerplate run twice). The set has nearly one page per host (35 pages
under one placeholder host, 21 from web.archive.org), so it shows the cost and that learning does no harm
there, not what it gains on a crawl of whole sites.

    python benchmarks/sites.py [--limit N] [--html] [--write-jsonl PATH]

``--html`` cleans the pages' HTML (extraction runs in both passes) instead of their plain text
(``html2txt``); ``--write-jsonl`` also writes the input records, for timing ``cleaner clean --learn-sites``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from corpus import load_corpus, score_passages  # noqa: E402

from cleaner import Cleaner  # noqa: E402
from cleaner.stages.boilerplate.kinds import site_of  # noqa: E402


def pick(rows: list[dict], limit: int) -> list[dict]:
    """The pages of every host with 3+ pages first (the only ones learning can act on), then the rest."""
    hosts = Counter(site_of(r["url"]) for r in rows)
    many = [r for r in rows if hosts[site_of(r["url"])] >= 3]
    rest = [r for r in rows if hosts[site_of(r["url"])] < 3]
    return (many + rest)[: limit or None]


def timed(fn):
    started = time.process_time()
    result = fn()
    return result, time.process_time() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=400)
    parser.add_argument("--html", action="store_true")
    parser.add_argument("--write-jsonl")
    args = parser.parse_args()
    rows = pick(load_corpus(), args.limit)
    field = "html" if args.html else "html2txt"
    records = [{"id": r["file"], "url": r["url"], ("html" if args.html else "text"): r[field]} for r in rows]
    if args.write_jsonl:
        with open(args.write_jsonl, "w", encoding="utf-8") as out:
            out.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    cleaner = Cleaner()
    list(cleaner.clean_many(records[:20]))  # warm up lazy tables so neither run pays for them
    n = len(records)
    plain, t_plain = timed(lambda: [d.text for d in cleaner.clean_many(records)])
    sites, t_learn = timed(lambda: cleaner.learn_sites(records))
    docs, t_clean = timed(lambda: list(cleaner.clean_many(records, sites=sites)))
    (once_sites, once), t_once = timed(lambda: (lambda s, d: (s, list(d)))(*cleaner.learn_and_clean(records)))
    assert once_sites == sites and [d.text for d in once] == [d.text for d in docs]
    learned = [d.text for d in docs]
    removals = [e for d in docs for e in d.edits if e.rule == "BP706"]
    touched = sum(any(e.rule == "BP706" for e in d.edits) for d in docs)

    print(f"{n} pages ({field}); {sites.summary()}")
    for host, lines in sites.items():
        if lines:
            print(f"  {host}: {len(lines)} line(s) from {sites.pages[host]} page(s), e.g. {sorted(lines)[:3]}")
    print(f"BP706 removed {len(removals)} run(s) of lines, {sum(len(e.before) for e in removals)} chars, on {touched} page(s)")
    print()
    print("| run | CPU s | docs/s |")
    print("|---|---|---|")
    print(f"| clean (no learning) | {t_plain:.2f} | {n / t_plain:.0f} |")
    print(f"| learn_and_clean (--learn-sites) | {t_once:.2f} | {n / t_once:.0f} |")
    print(f"| learn_sites pass alone | {t_learn:.2f} | {n / t_learn:.0f} |")
    print(f"| clean_many(sites=...) | {t_clean:.2f} | {n / t_clean:.0f} |")
    total = t_learn + t_clean
    print(f"| learn_sites + clean_many (two passes) | {total:.2f} | {n / total:.0f} |")
    print(f"\n--learn-sites takes {t_once / t_plain:.2f}x the CPU time of cleaning alone; two passes take {total / t_plain:.2f}x")
    print()
    print("| run | precision | recall | F1 |")
    print("|---|---|---|---|")
    for name, texts in (("without learning", plain), ("with learning", learned)):
        s = score_passages(texts, rows)
        print(f"| {name} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} |")


if __name__ == "__main__":
    main()
