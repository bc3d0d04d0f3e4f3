"""Mojibake repair: per code page, our restoration rate next to ftfy.fix_text and ftfy.fix_encoding, and
documents per second on clean and on damaged text; and every edit made to a clean page, to be judged.

The damaged documents are generated from real pages (the main text of the trafilatura evaluation set,
German, English, Polish, French, Spanish…) plus the multilingual sentences of fixtures/mojibake: each text
is damaged as a whole (one layer and two layers) and in one sentence only. A repair counts when the
output equals the original exactly (after NFC, which all three apply or keep). Speeds are in CPU time of this
process, so that other work on the machine does not skew the ratio.

    python benchmarks/mojibake.py [--pages 40] [--chars 1500]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from pathlib import Path

import ftfy

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from corpus import load_corpus  # noqa: E402

from cleaner.config import Config  # noqa: E402
from cleaner.document import Document  # noqa: E402
from cleaner.ruleset import load_rules  # noqa: E402
from cleaner.stages.repair import RepairStage  # noqa: E402
from cleaner.stages.repair.codepages import codepage  # noqa: E402

PAGES = [
    "windows-874", "windows-1252", "windows-1250", "windows-1251", "windows-1253", "windows-1254", "windows-1257",
    "latin-1", "iso-8859-2", "iso-8859-15", "macroman", "cp437", "windows-1255", "windows-1256", "windows-1258",
    "koi8-r", "koi8-u", "cp866", "mac-cyrillic", "cp850",
]
EDITS_SHOWN = 5  # edits listed per changed clean page
SENTENCE_END = re.compile(r"(?<=[.!?。])\s+")


def texts(n_pages: int, chars: int) -> list[str]:
    rows = [r for r in load_corpus() if len(r.get("main") or "") > 300]
    step = max(1, len(rows) // n_pages)
    out = [r["main"][:chars].rsplit(" ", 1)[0] for r in rows[::step][:n_pages]]
    fixture = json.loads((HERE.parent / "fixtures" / "mojibake" / "sentences.json").read_text("utf-8"))
    out += [" ".join(v) for k, v in fixture.items() if not k.startswith("_")]
    return [unicodedata.normalize("NFC", t) for t in out]


def damaged_set(page: str, originals: list[str]) -> list[tuple[str, str]]:
    cp = codepage(page)
    pairs = []
    for text in originals:
        if text.isascii():
            continue
        pairs.append((cp.damage(text), text))
        pairs.append((cp.damage(cp.damage(text)), text))
        sentences = SENTENCE_END.split(text)
        pick = max(range(len(sentences)), key=lambda i: sum(c > "\x7f" for c in sentences[i]))
        sentences[pick] = cp.damage(sentences[pick])
        pairs.append((" ".join(sentences), " ".join(SENTENCE_END.split(text))))
    return pairs


def changed_part(before: str, after: str, context: int = 12) -> tuple[str, str]:
    """The part of an edit that differs, with a little context (ftfy's edits may span a whole line)."""
    head = 0
    while head < min(len(before), len(after)) and before[head] == after[head]:
        head += 1
    tail = 0
    while tail < min(len(before), len(after)) - head and before[-1 - tail] == after[-1 - tail]:
        tail += 1
    start = max(0, head - context)
    return before[start : len(before) - max(0, tail - context)], after[start : len(after) - max(0, tail - context)]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=40)
    ap.add_argument("--chars", type=int, default=1500)
    args = ap.parse_args()
    stage = RepairStage(load_rules([HERE.parent / "rules" / "repair"], include_defaults=False), Config())

    def ours(text: str) -> str:
        doc = Document(text)
        stage.run(doc)
        return doc.text

    systems = {"ours": ours, "ftfy.fix_text": ftfy.fix_text, "ftfy.fix_encoding": ftfy.fix_encoding}
    originals = texts(args.pages, args.chars)
    print(f"{len(originals)} source texts; per code page: whole (1 layer), whole (2 layers), one sentence\n")
    print("| code page | docs | ours | ftfy.fix_text | ftfy.fix_encoding |")
    print("|---|---:|---:|---:|---:|")
    damaged_time = 0.0
    damaged_docs = 0
    for page in PAGES:
        pairs = damaged_set(page, originals)
        rates = {}
        for name, fix in systems.items():
            started = time.process_time()
            good = sum(unicodedata.normalize("NFC", fix(d)) == want for d, want in pairs)
            if name == "ours":
                damaged_time += time.process_time() - started
                damaged_docs += len(pairs)
            rates[name] = good / len(pairs)
        print(f"| {page} | {len(pairs)} | {rates['ours']:.1%} | {rates['ftfy.fix_text']:.1%} | {rates['ftfy.fix_encoding']:.1%} |")
    rows = [r for r in load_corpus() if r.get("main")]
    clean = [r["main"] for r in rows]
    changed = []
    for row in rows:
        doc = Document(row["main"])
        stage.run(doc)
        if doc.text != row["main"]:
            changed.append((row["file"], doc))
    unchanged = len(clean) - len(changed)
    speeds = {}
    for name, fix in systems.items():
        started = time.process_time()
        for t in clean:
            fix(t)
        speeds[name] = len(clean) / (time.process_time() - started)
    print(f"\nclean text: {len(clean)} extracted pages; unchanged by ours: {unchanged}/{len(clean)} (other rules, e.g. NFC or entities, may edit)")
    for name, doc in changed:
        print(f"  changed: {name}")
        for edit in doc.edits[:EDITS_SHOWN]:
            before, after = changed_part(edit.before, edit.after)
            print(f"    {edit.rule} {before!r} -> {after!r}  {edit.note[:60]}")
        if len(doc.edits) > EDITS_SHOWN:
            print(f"    … and {len(doc.edits) - EDITS_SHOWN} more edits")
    print("| system | clean docs/s |")
    print("|---|---:|")
    for name, s in speeds.items():
        print(f"| {name} | {s:,.0f} |")
    print(f"\nclean-text speed ratio, ours vs ftfy.fix_text: {speeds['ours'] / speeds['ftfy.fix_text']:.1f}x")
    print(f"damaged text, ours: {damaged_docs / damaged_time:,.0f} docs/s ({damaged_docs} docs of up to {args.chars} chars)")


if __name__ == "__main__":
    main()
