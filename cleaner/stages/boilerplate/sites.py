"""Per-site learning: the lines a site repeats on its pages are its chrome (menus, footers, newsletter boxes,
sign-offs), whatever their words. No single page shows this, so the lines are learned from many pages
first and then handed to every page of the site, where the ``site_repeated`` rule removes them.

Learning only counts, so the result does not depend on the order of the pages, and a page that occurs
twice (the same text under one host) counts once: a crawl that fetched one article three times has not
seen its sentences on three pages.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from typing import Any, Iterable, Iterator, Mapping

from .kinds import site_of


class SiteLines(Mapping[str, frozenset[str]]):
    """The learned lines of each host (``www.`` dropped), as the phrase keys the rule compares: the line's
    words, lower-cased, without punctuation. Read it like a dict of host → lines; ``pages`` and ``counts``
    say how much evidence each host and line had, for a report a person can review before trusting it."""

    def __init__(self, pages: Mapping[str, int], counts: Mapping[str, Mapping[str, int]], settings: Mapping[str, Any] | None = None):
        self.pages = dict(sorted(pages.items()))
        self.counts = {host: dict(sorted(counts.get(host, {}).items())) for host in self.pages}
        self.settings = dict(settings or {})
        self._lines = {host: frozenset(lines) for host, lines in self.counts.items()}

    def __getitem__(self, host: str) -> frozenset[str]:
        return self._lines[host]

    def __iter__(self) -> Iterator[str]:
        return iter(self._lines)

    def __len__(self) -> int:
        return len(self._lines)

    def __repr__(self) -> str:
        return f"SiteLines({self.summary()})"

    def for_url(self, url: str | None) -> frozenset[str]:
        return self._lines.get(site_of(url) or "", frozenset())

    @property
    def line_count(self) -> int:
        return sum(map(len, self._lines.values()))

    def summary(self) -> str:
        hosts = sum(1 for lines in self._lines.values() if lines)
        return (
            f"{self.line_count} repeated line(s) on {hosts} of {len(self)} site(s), "
            f"from {sum(self.pages.values())} distinct page(s) with a url"
        )

    @classmethod
    def from_json(cls, data: Any) -> "SiteLines":
        """What :meth:`to_json` wrote (a ``--sites-report``), so lines learned on one sample of a crawl can
        clean the rest of it, or a person can review and edit them first. Raises ValueError on anything else."""
        sites = data.get("sites") if isinstance(data, dict) else None
        if not isinstance(sites, dict):
            raise ValueError("not a sites report: expected an object with 'sites' (what --sites-report writes)")
        pages: dict[str, int] = {}
        counts: dict[str, dict[str, int]] = {}
        for host, entry in sites.items():
            lines = entry.get("lines") if isinstance(entry, dict) else None
            if not isinstance(entry, dict) or not isinstance(entry.get("pages"), int) or not isinstance(lines, list):
                raise ValueError(f"site {host!r}: expected 'pages' (a whole number) and 'lines' (a list)")
            if not all(isinstance(item, dict) and isinstance(item.get("line"), str) and isinstance(item.get("pages"), int) for item in lines):
                raise ValueError(f"site {host!r}: each line needs 'line' (text) and 'pages' (a whole number)")
            pages[host] = entry["pages"]
            counts[host] = {item["line"]: item["pages"] for item in lines}
        return cls(pages, counts, data.get("settings") if isinstance(data.get("settings"), dict) else None)

    def to_json(self) -> dict[str, Any]:
        """Every host with its page count and its lines, each with the number of pages it was on (most first)."""
        return {
            "settings": self.settings,
            "sites": {
                host: {
                    "pages": self.pages[host],
                    "lines": [{"line": line, "pages": n} for line, n in sorted(self.counts[host].items(), key=lambda kv: (-kv[1], kv[0]))],
                }
                for host in self.pages
            },
        }


DIGEST_MIN_WORDS = 8


def page_digest(text: str) -> bytes:
    """What tells two copies of a page apart from two pages (a stable hash, the same in every process). It
    is taken over the page's lines of at least ``DIGEST_MIN_WORDS`` words, its prose, so that copies of one
    article that differ in a short line ("Updated 10:42", a view count) count as one page and cannot teach
    the article's own lines as the site's; a page with no such line is hashed whole."""
    prose = [line.strip() for line in text.split("\n") if len(line.split()) >= DIGEST_MIN_WORDS]
    return hashlib.blake2b("\n".join(prose or [text]).encode("utf-8", "surrogatepass"), digest_size=16).digest()


class SiteLearner:
    """Counts, for each host, on how many distinct pages each short line occurs; :meth:`result` keeps the
    lines found on at least ``min_pages`` pages and on ``min_share`` of the host's pages."""

    def __init__(self, min_pages: int, min_share: float, max_words: int):
        self.min_pages, self.min_share, self.max_words = min_pages, min_share, max_words
        self._counts: dict[str, Counter[str]] = {}
        self._seen: dict[str, set[bytes]] = {}

    def add(self, host: str, digest: bytes, keys: Iterable[str]) -> None:
        """One page of ``host``: its :func:`page_digest` and its lines' keys."""
        seen = self._seen.setdefault(host, set())
        if digest in seen:
            return
        seen.add(digest)
        self._counts.setdefault(host, Counter()).update(set(keys))

    def result(self) -> SiteLines:
        pages = {host: len(seen) for host, seen in self._seen.items()}
        counts = {
            host: {k: n for k, n in counter.items() if n >= self.min_pages and n >= self.min_share * pages[host]}
            for host, counter in self._counts.items()
        }
        settings = {"min_pages": self.min_pages, "min_share": self.min_share, "max_words": self.max_words}
        return SiteLines(pages, counts, settings)
