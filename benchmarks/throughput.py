"""Throughput on one core, side by side with the tools a crawler would otherwise run, and peak memory.

On the real pages of trafilatura's evaluation set (``benchmarks/corpus.py``), in one process:

* our text path, ``Cleaner().clean(text)`` on each page's whole visible text (``trafilatura.html2txt``),
  and our HTML path, ``Cleaner().clean_html(html, url)``;
* ``trafilatura.extract`` alone on the HTML and ``ftfy.fix_text`` alone on the plain text;
* datatrove's GopherQuality → GopherRepetition → C4Quality → FineWebQuality filters → FTFYFormatter on
  the same plain text, both as datatrove runs a chain (a dropped document skips the later steps) and with
  every step on every document (the cost of all the checks);
* where our time goes: the time spent in each stage's ``run``, per path;
* peak RSS while streaming 1x and 10x the corpus through ``Cleaner.clean_many`` (one fresh process per
  size, reading the cached corpus line by line), which must not grow with the number of documents.

    python benchmarks/throughput.py [--limit N] [--skip-datatrove] [--skip-html] [--skip-memory]
                                    [--memory-sizes 1,10] [--memory-path text|html]

Times are CPU seconds of the benchmark process (``time.process_time``), so the figures are per core and
do not depend on what else the machine runs. MB/s counts the UTF-8 bytes of each contender's input (plain text or HTML). Needs the ``bench`` extra
(``pip install -e '.[bench]'``) for the datatrove rows; everything runs offline.
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable, Iterable, Iterator

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import CACHE, load_corpus  # noqa: E402

# CPU time of this process: the figure for one core, and steady on a machine other jobs share.
CLOCK = time.process_time
DATATROVE_BASELINE = 21.0  # docs/s per core, measured for the chain on whole-page text (issue 2)


def mb(texts: Iterable[str]) -> float:
    return sum(len(t.encode("utf-8")) for t in texts) / 1e6


def timed(fn: Callable[[str], object], inputs: list[str], warm: bool = True) -> float:
    """Seconds for one pass over ``inputs`` (one pass only: a second would find every cache warm)."""
    if warm:
        fn(inputs[0])  # lazy loads (profiles, tokenizers) are set-up, not throughput
    start = CLOCK()
    for item in inputs:
        fn(item)
    return CLOCK() - start


def report(name: str, seconds: float, n: int, megabytes: float) -> dict:
    row = {"name": name, "docs": n, "seconds": round(seconds, 3), "docs_per_s": n / seconds, "mb_per_s": megabytes / seconds}
    print(f"{name:<58} {row['docs_per_s']:>9.1f} {row['mb_per_s']:>8.3f} {seconds:>8.2f}", flush=True)
    return row


# -- datatrove ---------------------------------------------------------------------------------------


def datatrove_steps() -> list:
    from datatrove.pipeline.filters import (
        C4QualityFilter,
        FineWebQualityFilter,
        GopherQualityFilter,
        GopherRepetitionFilter,
    )
    from datatrove.pipeline.formatters import FTFYFormatter

    return [GopherQualityFilter(), GopherRepetitionFilter(), C4QualityFilter(), FineWebQualityFilter(), FTFYFormatter()]


def datatrove_chain(texts: list[str]) -> tuple[float, int]:
    """Seconds for the chain as datatrove runs it, and how many documents came out of it."""
    from datatrove.data import Document

    steps = datatrove_steps()
    warm: Iterator = iter([Document(text=texts[0], id="warm")])
    for step in steps:
        warm = step.run(warm)
    list(warm)
    docs: Iterator = (Document(text=t, id=str(i)) for i, t in enumerate(texts))
    start = CLOCK()
    for step in steps:
        docs = step.run(docs)
    kept = sum(1 for _ in docs)
    return CLOCK() - start, kept


def datatrove_every_step(texts: list[str]) -> tuple[float, dict[str, float]]:
    """Seconds for every step on every document, and the share of each step."""
    from datatrove.data import Document

    steps = datatrove_steps()
    per_step = {type(s).__name__: 0.0 for s in steps}
    docs = [Document(text=t, id=str(i)) for i, t in enumerate(texts)]
    for step in steps:  # warm up
        step.filter(docs[0]) if hasattr(step, "filter") else step.format(docs[0].text)
    for step in steps:
        name = type(step).__name__
        start = CLOCK()
        if hasattr(step, "filter"):
            for doc in docs:
                step.filter(doc)
        else:
            for doc in docs:
                step.format(doc.text)
        per_step[name] = CLOCK() - start
    return sum(per_step.values()), per_step


# -- ours --------------------------------------------------------------------------------------------


def instrument(cleaner) -> dict[str, float]:
    """Wrap each stage's ``run`` with a timer; returns the dict the timers add to."""
    spent: dict[str, float] = {stage.name: 0.0 for stage in cleaner.stages}
    for stage in cleaner.stages:
        run = stage.run

        def timed_run(doc, run=run, name=stage.name):
            start = CLOCK()
            try:
                run(doc)
            finally:
                spent[name] += CLOCK() - start

        stage.run = timed_run
    return spent


def print_breakdown(title: str, spent: dict[str, float], total: float, n: int) -> None:
    print(f"\n{title}: time in each Stage.run ({n} docs, {total:.2f} s in total)")
    print(f"  {'stage':<12} {'seconds':>8} {'ms/doc':>8} {'share':>7}")
    for name, seconds in spent.items():
        print(f"  {name:<12} {seconds:>8.3f} {1000 * seconds / n:>8.3f} {100 * seconds / total:>6.1f}%")
    other = total - sum(spent.values())
    print(f"  {'(outside)':<12} {other:>8.3f} {1000 * other / n:>8.3f} {100 * other / total:>6.1f}%")


# -- memory ------------------------------------------------------------------------------------------


def stream_records(times: int, limit: int, path: str) -> Iterator[dict]:
    """The cached corpus read line by line, ``times`` over: nothing is held but the current page."""
    for _ in range(times):
        with gzip.open(CACHE, "rt", encoding="utf-8") as handle:
            for i, line in enumerate(handle):
                if limit and i >= limit:
                    break
                row = json.loads(line)
                if path == "html":
                    yield {"id": row["file"], "url": row["url"], "html": row["html"]}
                else:
                    yield {"id": row["file"], "url": row["url"], "text": row["html2txt"]}


def rss_mb(field: str) -> float:
    """``VmRSS`` (now) or ``VmHWM`` (peak) of this process, in MB.

    ``/proc`` rather than ``getrusage``: Linux carries ``ru_maxrss`` across ``exec``, so a child started by
    a parent holding the whole corpus would report the parent's peak.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def memory_child(times: int, limit: int, path: str) -> None:
    from cleaner import Cleaner

    cleaner = Cleaner()
    cleaner.clean("Warm up: build every lazy table before measuring the baseline.")
    before = rss_mb("VmRSS")
    start = CLOCK()
    n = sum(1 for _ in cleaner.clean_many(stream_records(times, limit, path)))
    print(json.dumps({"docs": n, "seconds": CLOCK() - start, "rss_before": before, "rss_peak": rss_mb("VmHWM")}))


def memory(sizes: list[int], limit: int, path: str) -> list[dict]:
    print(f"\nPeak RSS streaming the corpus through Cleaner.clean_many ({path} path, one process per size)")
    print(f"  {'size':>5} {'docs':>7} {'docs/s':>8} {'RSS after setup MB':>19} {'peak RSS MB':>12}")  # docs/s: CPU time
    rows = []
    for times in sizes:
        out = subprocess.run(
            [sys.executable, __file__, "--memory-child", str(times), "--limit", str(limit), "--memory-path", path],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        row = json.loads(out.strip().splitlines()[-1])
        row["size"] = f"{times}x"
        rows.append(row)
        print(
            f"  {row['size']:>5} {row['docs']:>7} {row['docs'] / row['seconds']:>8.1f} "
            f"{row['rss_before']:>19.1f} {row['rss_peak']:>12.1f}",
            flush=True,
        )
    return rows


# -- main --------------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description="Throughput and memory of scrape-cleaner on the eval pages.")
    parser.add_argument("--limit", type=int, default=0, help="use the first N pages only")
    parser.add_argument("--skip-datatrove", action="store_true", help="leave out the datatrove rows")
    parser.add_argument("--skip-html", action="store_true", help="leave out the HTML path and trafilatura.extract")
    parser.add_argument("--skip-memory", action="store_true", help="leave out the peak RSS runs")
    parser.add_argument("--memory-sizes", default="1,10", help="corpus multiples to stream, e.g. 1,10")
    parser.add_argument("--memory-path", choices=("text", "html"), default="text")
    parser.add_argument("--memory-child", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    if args.memory_child:
        memory_child(args.memory_child, args.limit, args.memory_path)
        return

    rows = load_corpus(limit=args.limit)
    texts = [r["html2txt"] for r in rows]
    htmls = [r["html"] for r in rows]
    urls = {id(h): r["url"] for h, r in zip(htmls, rows)}
    text_mb, html_mb = mb(texts), mb(htmls)
    print(f"{len(rows)} pages: plain text {text_mb:.1f} MB (mean {1e6 * text_mb / len(rows):,.0f} B), HTML {html_mb:.1f} MB")

    from cleaner import Cleaner

    start = CLOCK()
    cleaner = Cleaner()
    print(f"Cleaner() built in {CLOCK() - start:.2f} s (once per process)\n")
    results: dict = {"pages": len(rows), "text_mb": text_mb, "html_mb": html_mb, "rows": []}
    print(f"{'one core (CPU time)':<58} {'docs/s':>9} {'MB/s':>8} {'seconds':>8}")

    text_spent = instrument(cleaner)
    cleaner.clean(texts[0])
    for name in text_spent:  # the warm-up call is not part of the breakdown
        text_spent[name] = 0.0
    seconds = timed(cleaner.clean, texts, warm=False)
    ours = report("scrape-cleaner text path: Cleaner().clean(html2txt)", seconds, len(texts), text_mb)
    results["rows"].append(ours)
    text_total = seconds

    import ftfy

    results["rows"].append(report("ftfy.fix_text(html2txt) alone", timed(ftfy.fix_text, texts), len(texts), text_mb))

    if not args.skip_datatrove:
        chain_s, kept = datatrove_chain(texts)
        row = report("datatrove chain as run (dropped docs skip later steps)", chain_s, len(texts), text_mb)
        row["kept"] = kept
        results["rows"].append(row)
        every_s, per_step = datatrove_every_step(texts)
        row = report("datatrove chain, every step on every doc", every_s, len(texts), text_mb)
        row["per_step"] = per_step
        results["rows"].append(row)

    html_total = 0.0
    if not args.skip_html:
        html_cleaner = Cleaner()
        html_spent = instrument(html_cleaner)
        html_cleaner.clean_html(htmls[0])
        for name in html_spent:
            html_spent[name] = 0.0
        start = CLOCK()
        for html in htmls:
            html_cleaner.clean_html(html, url=urls[id(html)])
        html_total = CLOCK() - start
        results["rows"].append(report("scrape-cleaner HTML path: Cleaner().clean_html(html)", html_total, len(htmls), html_mb))
        import trafilatura

        extract = lambda html: trafilatura.extract(html, url=urls[id(html)])  # noqa: E731
        results["rows"].append(report("trafilatura.extract(html) alone", timed(extract, htmls), len(htmls), html_mb))

    print(
        f"\nText path vs the {DATATROVE_BASELINE:.0f} docs/s datatrove baseline: "
        f"{ours['docs_per_s'] / DATATROVE_BASELINE:.1f}x (goal: 10x = {10 * DATATROVE_BASELINE:.0f} docs/s)"
    )
    if not args.skip_datatrove:
        measured = results["rows"][2]["docs_per_s"]
        print(f"Text path vs the datatrove chain measured in this run: {ours['docs_per_s'] / measured:.1f}x")
        print("datatrove, seconds per step on every doc: " + ", ".join(f"{k} {v:.2f}" for k, v in per_step.items()))

    print_breakdown("Text path", text_spent, text_total, len(texts))
    results["text_stages"] = text_spent
    if not args.skip_html:
        print_breakdown("HTML path", html_spent, html_total, len(htmls))
        results["html_stages"] = html_spent

    if not args.skip_memory:
        sizes = [int(s) for s in args.memory_sizes.split(",") if s]
        results["memory"] = memory(sizes, args.limit, args.memory_path)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
