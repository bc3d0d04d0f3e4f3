"""`cleaner check` throughput and peak memory on ten times the trafilatura evaluation corpus.

The batch is the corpus's ``main`` texts, each repeated ten times with small variations (a sentence added,
a word changed, paragraphs swapped), so near-duplicate detection has real work to do. Two runs, each in a
fresh process so peak memory is its own:

* raw: every document goes through the pipeline, then into the check (what `cleaner check batch.jsonl` does
  on input it has to clean);
* records: the same documents as records `cleaner clean` wrote (`cleaner check --input cleaned`): the
  check's own cost.

Usage: python benchmarks/check.py [--copies 10] [--workers 1] [--html out.html]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))


def variants(text: str, copies: int) -> list[str]:
    """The text and ``copies - 1`` light edits of it."""
    paragraphs = [p for p in text.split("\n") if p.strip()]
    out = [text]
    for k in range(1, copies):
        kind = k % 3
        if kind == 1:
            out.append(text + f"\nUpdated edition {k}: corrections were made to this article.")
        elif kind == 2 and len(paragraphs) > 1:
            swapped = paragraphs[1:2] + paragraphs[:1] + paragraphs[2:]
            out.append("\n".join(swapped))
        else:
            words = text.split(" ")
            words[len(words) // 2] = f"variant{k}"
            out.append(" ".join(words))
    return out


def build_batch(path: Path, copies: int) -> int:
    from corpus import load_corpus

    n = 0
    with path.open("w", encoding="utf-8") as out:
        for i, row in enumerate(load_corpus()):
            if not row["main"].strip():
                continue
            for k, text in enumerate(variants(row["main"], copies)):
                out.write(json.dumps({"id": f"{i}-{k}", "url": row["url"], "text": text}, ensure_ascii=False) + "\n")
                n += 1
    return n


def peak_rss_kb() -> int:
    """This process's own peak (VmHWM); ru_maxrss would also count the parent it was forked from."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def run_one(batch: str, mode: str, workers: int, html: str | None, cleaned_out: str | None) -> None:
    """In a child process: check the batch, print docs/s and peak RSS as JSON."""
    from cleaner import Cleaner
    from cleaner.check import CheckSettings, aggregate_documents, build_report, new_aggregate
    from cleaner.check.reports import write_report
    from cleaner.io import read_documents

    settings = CheckSettings(max_low_share=0.2, max_duplicate_share=0.5)
    agg = new_aggregate(settings, 0.5)
    docs = read_documents([batch])
    if cleaned_out:  # keep the cleaned records for the 'records' run
        sink = open(cleaned_out, "w", encoding="utf-8")
        original = agg.add

        def add_and_keep(record, where, *, cleaned_here):
            sink.write(json.dumps(record, ensure_ascii=False) + "\n")
            original(record, where, cleaned_here=cleaned_here)

        agg.add = add_and_keep
    start = time.perf_counter()
    aggregate_documents(docs, agg, mode=mode, make_cleaner=Cleaner, workers=workers)
    report = build_report(agg, settings, inputs=[batch])
    elapsed = time.perf_counter() - start
    if cleaned_out:
        sink.close()
    if html:
        write_report("html", report, html)
    peak_kb = peak_rss_kb()
    children_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({
        "docs": report["documents"]["checked"], "bad": report["documents"]["bad"], "seconds": elapsed,
        "docs_per_s": report["documents"]["checked"] / elapsed, "peak_rss_mb": peak_kb / 1024, "worker_peak_rss_mb": children_kb / 1024,
        "exact": report["duplicates"]["exact"], "near": report["duplicates"]["near"], "shared_passages": report["passages"]["shared"],
        "mean_score": report["scores"]["mean"],
    }))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--copies", type=int, default=10)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--html", help="also write the HTML report of the records run here")
    parser.add_argument("--child", nargs=3, metavar=("BATCH", "MODE", "KEEP"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        batch, mode, keep = args.child
        run_one(batch, mode, args.workers, args.html, None if keep == "-" else keep)
        return
    with tempfile.TemporaryDirectory() as tmp:
        batch, cleaned = Path(tmp) / "batch.jsonl", Path(tmp) / "cleaned.jsonl"
        n = build_batch(batch, args.copies)
        print(f"batch: {n} documents ({args.copies} variants of each non-empty 'main' text of the eval corpus), {batch.stat().st_size / 1e6:.1f} MB")
        results = {}
        runs = (("raw (clean + check)", batch, "raw", str(cleaned), None), ("records (check only)", cleaned, "cleaned", "-", args.html))
        for label, source, mode, keep, html in runs:
            cmd = [sys.executable, __file__, "--workers", str(args.workers), "--child", str(source), mode, keep]
            if html:
                cmd += ["--html", html]
            out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
            results[label] = json.loads(out.strip().splitlines()[-1])
        print(f"{'run':24} {'docs':>6} {'seconds':>8} {'docs/s':>8} {'peak RSS MB':>12} {'workers MB':>11}")
        for label, r in results.items():
            print(f"{label:24} {r['docs']:>6} {r['seconds']:>8.1f} {r['docs_per_s']:>8.0f} {r['peak_rss_mb']:>12.0f} {r['worker_peak_rss_mb']:>11.0f}")
        r = results["records (check only)"]
        print(f"found: {r['exact']} exact and {r['near']} near duplicates, {r['shared_passages']} shared passages; mean score {r['mean_score']:.3f}; bad records {r['bad']}")


if __name__ == "__main__":
    main()
