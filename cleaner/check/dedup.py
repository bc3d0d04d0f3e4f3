"""Duplicates across a batch, from signatures only: exact (hash of the normalized text), near (MinHash LSH
from datasketch), and passages shared across documents (hash of each normalized sentence).

Nothing here keeps a document's text. The near-duplicate index is the one structure that grows with the
batch (a few KB per document); it stops growing at ``index_limit`` documents, after which later documents
are still compared with the indexed ones but not added, and the report says so.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from dataclasses import dataclass
from typing import Iterator

import numpy as np
from datasketch import MinHash, MinHashLSH

WORD_RE = re.compile(r"\w+")
# Where a passage ends: a stop (with a closing quote or bracket) before a space, a CJK stop, a line break.
END_RE = re.compile(r"[.!?…][\"'”’»)\]]?(?=\s)|[。！？]|\n")
SEED = 1
_MIX = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93, 0xFF51AFD7ED558CCD], dtype=np.uint64)


def _digest(data: bytes) -> int:
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "little")


def _band_digest(data: bytes) -> bytes:
    """LSH bucket keys as 8-byte digests instead of raw band values: a third of the memory per band."""
    return hashlib.blake2b(data, digest_size=8).digest()


def _given(value: int) -> int:
    return value


@dataclass(frozen=True)
class Passage:
    text: str
    words: list[str]


def passages(text: str) -> Iterator[Passage]:
    """Sentences (or lines) of a text with their case- and punctuation-free words."""
    at = 0
    for end in (*(m.end() for m in END_RE.finditer(text)), len(text)):
        piece = text[at:end].strip()
        at = end
        if piece:
            yield Passage(piece, WORD_RE.findall(piece.casefold()))


class Duplicates:
    """Exact and near duplicates of earlier documents in the batch, in input order (the first one is the original)."""

    def __init__(self, threshold: float = 0.8, num_perm: int = 128, shingle: int = 5, index_limit: int = 1_000_000, examples: int = 20):
        self.threshold = threshold
        self.num_perm = num_perm
        self.shingle = shingle
        self.index_limit = index_limit
        self.max_examples = examples
        self.lsh = MinHashLSH(threshold=threshold, num_perm=num_perm, hashfunc=_band_digest)
        template = MinHash(num_perm=num_perm, seed=SEED)
        self._permutations, self._scheme = template.permutations, template.scheme
        self._exact: dict[int, int] = {}
        self._names: list[str] = []
        self.exact = 0
        self.near = 0
        self.indexed = 0
        self.examples: list[dict[str, str]] = []

    def add(self, name: str, words: list[str]) -> str | None:
        """Record one document; say whether it is an exact or near duplicate of an earlier one."""
        if not words:
            return None
        key = _digest(" ".join(words).encode("utf-8"))
        first = self._exact.get(key)
        if first is not None:
            self.exact += 1
            self._example(name, first, "exact")
            return "exact"
        signature = self._signature(words)
        candidates = self.lsh.query(signature)
        full = self.indexed >= self.index_limit
        if not full:
            ordinal = len(self._names)
            self._names.append(name)
            self._exact[key] = ordinal
            self.lsh.insert(ordinal, signature, check_duplication=False)
            self.indexed += 1
        if candidates:
            self.near += 1
            self._example(name, min(candidates), "near")
            return "near"
        return None

    def _signature(self, words: list[str]) -> MinHash:
        """MinHash of the word shingles; each word is hashed once, shingles combine word hashes."""
        hashes = np.fromiter((zlib.crc32(w.encode("utf-8")) for w in words), dtype=np.uint64, count=len(words))
        n = len(hashes) - self.shingle + 1
        if n <= 0:
            combined = (hashes * _MIX[: len(hashes)]).sum(dtype=np.uint64, keepdims=True)
        else:
            combined = np.zeros(n, dtype=np.uint64)
            for i in range(self.shingle):
                combined += hashes[i : i + n] * _MIX[i % len(_MIX)]
        values = ((combined >> np.uint64(32)) ^ (combined & np.uint64(0xFFFFFFFF))).tolist()
        m = MinHash(num_perm=self.num_perm, hashfunc=_given, permutations=self._permutations, scheme=self._scheme)
        m.update_batch(values)
        return m

    def _example(self, name: str, ordinal: int, kind: str) -> None:
        if len(self.examples) < self.max_examples:
            self.examples.append({"doc": name, "duplicate_of": self._names[ordinal], "kind": kind})

    def summary(self, documents: int) -> dict:
        b, r = self.lsh.b, self.lsh.r
        found = self.exact + self.near
        return {
            "exact": self.exact,
            "near": self.near,
            "share": found / documents if documents else 0.0,
            "examples": self.examples,
            "method": {
                "exact": "blake2b-64 of the text's words, case and punctuation ignored",
                "near": "MinHash LSH (datasketch)",
                "shingle_words": self.shingle,
                "num_perm": self.num_perm,
                "threshold": self.threshold,
                "bands": b,
                "rows": r,
                "detection_probability": {f"{s:.2f}": round(1 - (1 - s**r) ** b, 4) for s in (0.5, 0.7, 0.8, 0.9, 0.95)},
                "index_limit": self.index_limit,
                "indexed": self.indexed,
            },
        }


class SharedPassages:
    """Sentences that occur in more than one document, ignoring case, punctuation and spacing.

    Memory is capped at ``capacity`` distinct passages: past it, passages are kept by hash (a passage is
    either followed in every document or in none), so the count of every passage reported is exact and
    only the sampling rate, reported too, changes.
    """

    def __init__(self, min_words: int = 8, capacity: int = 100_000, top: int = 20, variants: int = 3, chars: int = 240):
        self.min_words = min_words
        self.capacity = capacity
        self.top = top
        self.variants = variants
        self.chars = chars
        self.level = 0
        self.table: dict[int, list] = {}
        self.docs_with_shared = 0

    def add(self, name: str, where: str, items: list[Passage]) -> None:
        mask = (1 << self.level) - 1
        seen: set[int] = set()
        shared = False
        for passage in items:
            if len(passage.words) < self.min_words:
                continue
            key = _digest(" ".join(passage.words).encode("utf-8"))
            if key & mask or key in seen:
                continue
            seen.add(key)
            entry = self.table.get(key)
            seen_in = {"doc": name, "where": where, "text": passage.text[: self.chars]}
            if entry is None:
                self.table[key] = [1, [seen_in]]
                continue
            entry[0] += 1
            shared = True
            if len(entry[1]) < self.variants:
                entry[1].append(seen_in)
        if shared:
            self.docs_with_shared += 1
        while len(self.table) > self.capacity:
            self.level += 1
            mask = (1 << self.level) - 1
            self.table = {k: v for k, v in self.table.items() if not k & mask}

    def summary(self, documents: int) -> dict:
        shared = sorted((v for v in self.table.values() if v[0] > 1), key=lambda v: (-v[0], v[1][0]["text"]))
        return {
            "shared": len(shared),
            "docs_with_shared": self.docs_with_shared,
            "docs_with_shared_share": self.docs_with_shared / documents if documents else 0.0,
            "min_words": self.min_words,
            "sample_rate": 1 / (1 << self.level),
            "top": [{"docs": count, "seen_in": seen_in} for count, seen_in in shared[: self.top]],
        }
