"""The translation memory's index: an embedded SQLite file, a cache of its origins.

Each *origin* is a file the memory reads (a catalog, a TMX file), recorded with its size
and modification time; :meth:`MemoryIndex.refresh` reads again only the origins that
changed, drops those that are gone, and adds new ones, each in one transaction. The
file is a cache: the catalogs and TMX files stay the truth, and a missing, damaged or
older-format index is simply built again.

**Exact matches** are one indexed look-up (language pair, source text). **Near
matches** never scan the memory: the source's words are indexed (an inverted index,
word -> units, with each word's count per language pair), and a sentence's candidates
are the units that share one of its rarest words: a unit at least :data:`THRESHOLD`
similar shares most of its words, so it shares one of the rarest half of them (prefix
filtering). The candidates sharing the most of those words, within the length a
similar sentence can have, are scored with the Levenshtein similarity of the two
sources (rapidfuzz; 100 is identical), as Translate Toolkit and CAT tools measure it.
"""

from __future__ import annotations

import contextlib
import functools
import math
import os
import re
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..errors import CatalogError, L10nError

__all__ = [
    "FORMAT",
    "NEAR_LIMIT",
    "THRESHOLD",
    "Exact",
    "IndexStats",
    "MemoryIndex",
    "Near",
    "Origin",
    "RefreshReport",
    "Unit",
    "words",
]

FORMAT = 2  # 2: language pairs by pair_key (1 kept codes as written)
THRESHOLD = 75
"""Near matches are at least this similar (percent), Translate Toolkit's default."""
NEAR_LIMIT = 3
"""At most this many near matches per sentence, best first."""
_BATCH = 10_000  # units indexed at a time
_CANDIDATES = 64  # units scored per sentence, those sharing the most of its rare words
_PROBE_POSTINGS = 5_000  # at most this many postings read per sentence (frequent words)
_WORD = re.compile(r"\w+")

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
CREATE TABLE origins (
    id INTEGER PRIMARY KEY, path TEXT UNIQUE, shown TEXT, size INTEGER, mtime INTEGER
);
CREATE TABLE pairs (id INTEGER PRIMARY KEY, source TEXT, target TEXT, UNIQUE (source, target));
CREATE TABLE units (
    id INTEGER PRIMARY KEY, origin INTEGER, pair INTEGER, source TEXT, target TEXT,
    day TEXT, length INTEGER
);
CREATE INDEX units_by_source ON units (pair, source);
CREATE INDEX units_by_origin ON units (origin);
CREATE TABLE terms (id INTEGER PRIMARY KEY, term TEXT UNIQUE);
CREATE TABLE df (pair INTEGER, term INTEGER, n INTEGER, PRIMARY KEY (pair, term)) WITHOUT ROWID;
CREATE TABLE postings (
    pair INTEGER, term INTEGER, unit INTEGER, PRIMARY KEY (pair, term, unit)
) WITHOUT ROWID;
"""


def words(text: str) -> list[str]:
    """The distinct words of ``text``, lower-cased, in order: what the index knows."""
    return list(dict.fromkeys(_WORD.findall(text.lower())))



@functools.lru_cache(maxsize=256)
def pair_key(source: str, target: str) -> tuple[str, str]:
    """The language pair a unit is filed under: the source's language alone (a source
    sentence matches as written, whatever the region), the target's shortest code of the
    same variety (``uk_UA``, ``uk-UA`` -> ``uk``; ``pt_PT`` stays): so a TMX file from a
    CAT tool, in ``en-US``/``uk-UA``, is memory for a project's ``en`` -> ``uk``."""
    from ..languages import minimal_language

    return minimal_language(source).split("_")[0], minimal_language(target)

@dataclass(frozen=True, slots=True)
class Unit:
    """One reviewed translation: source and target text, languages and date."""

    source: str
    target: str
    source_lang: str
    target_lang: str
    day: date


@dataclass(frozen=True, slots=True)
class Origin:
    """A file the memory reads: its path, the name provenance shows, and its reader."""

    path: Path
    shown: str
    read: Callable[[Path], Iterable[Unit]]


@dataclass(frozen=True, slots=True)
class Exact:
    """An exact match: the translation, where it was found and its date."""

    text: str
    origin: str
    day: date


@dataclass(frozen=True, slots=True)
class Near:
    """A near match: similarity (percent), the similar source and its translation."""

    score: int
    source: str
    text: str
    origin: str
    day: date


@dataclass(frozen=True, slots=True)
class RefreshReport:
    read: int  # origins read (new or changed)
    dropped: int  # origins gone
    kept: int  # origins unchanged
    units: int  # units in the memory after the refresh
    failed: tuple[L10nError, ...] = ()  # origins that cannot be read: not in the memory


@dataclass(frozen=True, slots=True)
class IndexStats:
    origins: int
    units: int
    pairs: tuple[tuple[str, str, int], ...]  # (source, target, units)
    words: int


class MemoryIndex:
    """The index at ``path`` (created, or built again when unusable); close when done."""

    def __init__(self, path: Path) -> None:
        self.path = path
        with self._errors():
            self._db = self._open()
        self._pairs: dict[tuple[str, str], int] = {}
        self._terms: dict[str, int] = {}

    @contextlib.contextmanager
    def _errors(self) -> Iterator[None]:
        """SQLite's and the file system's failures as one line naming the index."""
        try:
            yield
        except (sqlite3.Error, OSError) as error:
            what = error.strerror if isinstance(error, OSError) else str(error)
            raise CatalogError(
                f"the translation memory's index cannot be written: {what} (it is a cache: "
                "--no-memory translates without it)",
                path=self.path,
            ) from None

    def _open(self) -> sqlite3.Connection:
        if self.path.is_symlink():  # a generated file: replaced, never written through
            self.path.unlink()
        try:
            db = self._connect()
            found = db.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
            if found is not None and found[0] == str(FORMAT):
                return db
            db.close()
        except sqlite3.Error:
            pass
        for suffix in ("", "-journal", "-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(f"{self.path}{suffix}")
        db = self._connect()
        with db:
            db.executescript(_SCHEMA)
            db.execute("INSERT INTO meta VALUES ('format', ?)", (str(FORMAT),))
        return db

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path, isolation_level=None)
        db.execute("PRAGMA journal_mode = DELETE")
        db.execute("PRAGMA synchronous = NORMAL")
        db.execute("PRAGMA cache_size = -65536")  # KiB: the postings' pages stay cached
        return db

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> MemoryIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- keeping it in step with its origins -------------------------------------------

    def refresh(self, origins: Sequence[Origin]) -> RefreshReport:
        """Read the origins that are new or changed, drop those not in ``origins``."""
        known = {
            row[0]: (row[1], row[2], row[3])
            for row in self._db.execute("SELECT path, id, size, mtime FROM origins")
        }
        wanted = {str(origin.path): origin for origin in origins}
        dropped = 0
        for path, (origin_id, _size, _mtime) in known.items():
            if path not in wanted:
                with self._transaction(), self._errors():
                    self._drop(origin_id)
                dropped += 1
        read = kept = 0
        failed: list[L10nError] = []
        for path, origin in wanted.items():
            stat = _stat(origin.path)
            old = known.get(path)
            if old is not None and stat is not None and (old[1], old[2]) == stat:
                kept += 1
                continue
            try:
                units = list(origin.read(origin.path))  # before the transaction
            except L10nError as error:  # the job that owns the file says what is wrong
                failed.append(error)
                units = None
            with self._transaction(), self._errors():
                if old is not None:
                    self._drop(old[0])
                if units is None:
                    continue
                size, mtime = stat or (-1, -1)
                cursor = self._db.execute(
                    "INSERT INTO origins (path, shown, size, mtime) VALUES (?, ?, ?, ?)",
                    (path, origin.shown, size, mtime),
                )
                origin_id = int(cursor.lastrowid or 0)
                for start in range(0, len(units), _BATCH):  # bounded memory for big files
                    self._add(origin_id, units[start : start + _BATCH])
            read += 1
        total = self._db.execute("SELECT count(*) FROM units").fetchone()[0]
        return RefreshReport(read, dropped, kept, total, tuple(failed))

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        with self._errors():
            self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                self._db.execute("ROLLBACK")
            self._pairs.clear()
            self._terms.clear()
            raise
        with self._errors():
            self._db.execute("COMMIT")

    def _pair(self, source: str, target: str, *, create: bool) -> int | None:
        key = pair_key(source, target)
        if key not in self._pairs:
            row = self._db.execute(
                "SELECT id FROM pairs WHERE source = ? AND target = ?", key
            ).fetchone()
            if row is None:
                if not create:
                    return None
                row = (self._db.execute("INSERT INTO pairs (source, target) VALUES (?, ?)",
                                        key).lastrowid,)  # fmt: skip
            self._pairs[key] = int(row[0])
        return self._pairs[key]

    def _term_ids(self, terms: Iterable[str]) -> dict[str, int]:
        missing = [term for term in dict.fromkeys(terms) if term not in self._terms]
        if missing:
            self._db.executemany(
                "INSERT OR IGNORE INTO terms (term) VALUES (?)", ((t,) for t in missing)
            )
            for start in range(0, len(missing), 500):
                chunk = missing[start : start + 500]
                marks = ",".join("?" * len(chunk))
                for term_id, term in self._db.execute(
                    f"SELECT id, term FROM terms WHERE term IN ({marks})", chunk
                ):
                    self._terms[term] = term_id
        return self._terms

    def _add(self, origin: int, units: Sequence[Unit]) -> None:
        rows = []
        for unit in units:
            pair = self._pair(unit.source_lang, unit.target_lang, create=True)
            rows.append((origin, pair, unit.source, unit.target, unit.day.isoformat(),
                         len(unit.source)))  # fmt: skip
        cursor = self._db.execute("SELECT coalesce(max(id), 0) FROM units")
        first = int(cursor.fetchone()[0]) + 1
        self._db.executemany(
            "INSERT INTO units (id, origin, pair, source, target, day, length) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            ((first + i, *row) for i, row in enumerate(rows)),
        )
        tokens = [words(unit.source) for unit in units]
        ids = self._term_ids(term for found in tokens for term in found)
        postings = [
            (row[1], ids[term], first + i)
            for i, (row, found) in enumerate(zip(rows, tokens, strict=True))
            for term in found
        ]
        postings.sort()  # in the table's order: B-tree pages filled in turn, not at random
        self._db.executemany("INSERT OR IGNORE INTO postings VALUES (?, ?, ?)", postings)
        counts = Counter((pair, term) for pair, term, _unit in postings)
        self._db.executemany(
            "INSERT INTO df VALUES (?, ?, ?) ON CONFLICT (pair, term) DO UPDATE SET n = n + "
            "excluded.n",
            ((pair, term, n) for (pair, term), n in counts.items()),
        )

    def _drop(self, origin: int) -> None:
        gone = self._db.execute(
            "SELECT id, pair, source FROM units WHERE origin = ?", (origin,)
        ).fetchall()
        ids = self._term_ids(term for _id, _pair, source in gone for term in words(source))
        postings = [
            (pair, ids[term], unit) for unit, pair, source in gone for term in words(source)
        ]
        self._db.executemany(
            "DELETE FROM postings WHERE pair = ? AND term = ? AND unit = ?", postings
        )
        counts = Counter((pair, term) for pair, term, _unit in postings)
        self._db.executemany(
            "UPDATE df SET n = n - ? WHERE pair = ? AND term = ?",
            ((n, pair, term) for (pair, term), n in counts.items()),
        )
        self._db.execute("DELETE FROM df WHERE n <= 0")
        self._db.execute("DELETE FROM units WHERE origin = ?", (origin,))
        self._db.execute("DELETE FROM origins WHERE id = ?", (origin,))

    # -- looking up ----------------------------------------------------------------------

    def exact(self, source: str, *, source_lang: str, target_lang: str) -> Exact | None:
        """The newest translation of exactly ``source`` (ties: by origin name)."""
        pair = self._pair(source_lang, target_lang, create=False)
        if pair is None:
            return None
        row = self._db.execute(
            "SELECT u.target, o.shown, u.day FROM units u JOIN origins o ON o.id = u.origin "
            "WHERE u.pair = ? AND u.source = ? ORDER BY u.day DESC, o.shown, u.id LIMIT 1",
            (pair, source),
        ).fetchone()
        return None if row is None else Exact(row[0], row[1], date.fromisoformat(row[2]))

    def near(
        self,
        source: str,
        *,
        source_lang: str,
        target_lang: str,
        threshold: int = THRESHOLD,
        limit: int = NEAR_LIMIT,
    ) -> list[Near]:
        """Translations of sentences at least ``threshold`` similar to ``source`` (not
        the same), best first, each distinct translation once, at most ``limit``."""
        from rapidfuzz.distance import Levenshtein

        pair = self._pair(source_lang, target_lang, create=False)
        terms = words(source)
        if pair is None or not terms:
            return []
        probe = self._probe(pair, terms)
        if not probe:
            return []
        low, high = len(source) * threshold / 100, len(source) * 100 / max(threshold, 1)
        marks = ",".join("?" * len(probe))
        rows = self._db.execute(
            "SELECT u.source, u.target, o.shown, u.day FROM ("
            f"  SELECT unit, count(*) AS hits FROM postings WHERE pair = ? AND term IN ({marks})"
            "   GROUP BY unit ORDER BY hits DESC, unit LIMIT ?"
            ") AS c JOIN units u ON u.id = c.unit JOIN origins o ON o.id = u.origin "
            "WHERE u.length BETWEEN ? AND ? AND u.source != ?",
            (pair, *probe, _CANDIDATES, math.floor(low), math.ceil(high), source),
        ).fetchall()
        scored = []
        for other, text, shown, day in rows:
            score = Levenshtein.normalized_similarity(source, other) * 100
            if score >= threshold:
                scored.append((score, day, other, text, shown))
        # best first; then the newest; then by source and origin, for a stable order
        scored.sort(key=lambda row: (row[2], row[4]))
        scored.sort(key=lambda row: (row[0], row[1]), reverse=True)
        found: dict[str, Near] = {}
        for score, day, other, text, shown in scored:
            if text not in found:
                found[text] = Near(math.floor(score), other, text, shown, date.fromisoformat(day))
        return list(found.values())[:limit]

    def _probe(self, pair: int, terms: list[str]) -> list[int]:
        """The words to look candidates up by: a unit that shares half of ``terms`` (what
        a similar sentence does) shares one of their rarest ``n - n/2 + 1``; words the
        memory lacks are the rarest of all. Empty when no unit can share half. At most
        :data:`_PROBE_POSTINGS` postings are read (the rarest word's always): a similar
        sentence made of nothing but very frequent words may be missed (the benchmark
        measures how often: recall)."""
        marks = ",".join("?" * len(terms))
        rows = self._db.execute(
            # CROSS JOIN: the words first (by their unique index), never a scan of df
            f"SELECT t.id, d.n FROM terms t CROSS JOIN df d ON d.pair = ? AND d.term = t.id "
            f"WHERE t.term IN ({marks}) ORDER BY d.n, t.id",
            (pair, *terms),
        ).fetchall()
        need = len(terms) - math.ceil(len(terms) / 2) + 1 - (len(terms) - len(rows))
        probe: list[int] = []
        postings = 0
        for term_id, n in rows[: max(0, need)]:
            if probe and postings + n > _PROBE_POSTINGS:
                break
            probe.append(term_id)
            postings += n
        return probe

    # -- everything --------------------------------------------------------------------

    def units(self, *, source_lang: str, target_lang: str) -> Iterator[tuple[Unit, str]]:
        """Every unit of the pair with its origin's name, in origin and file order."""
        pair = self._pair(source_lang, target_lang, create=False)
        if pair is None:
            return
        for source, target, day, shown in self._db.execute(
            "SELECT u.source, u.target, u.day, o.shown FROM units u "
            "JOIN origins o ON o.id = u.origin WHERE u.pair = ? ORDER BY o.shown, u.id",
            (pair,),
        ):
            unit = Unit(source, target, source_lang, target_lang, date.fromisoformat(day))
            yield unit, shown

    def stats(self) -> IndexStats:
        db = self._db
        pairs = db.execute(
            "SELECT p.source, p.target, count(u.id) FROM pairs p JOIN units u ON u.pair = p.id "
            "GROUP BY p.id ORDER BY p.source, p.target"
        ).fetchall()
        return IndexStats(
            origins=db.execute("SELECT count(*) FROM origins").fetchone()[0],
            units=db.execute("SELECT count(*) FROM units").fetchone()[0],
            pairs=tuple((str(s), str(t), int(n)) for s, t, n in pairs),
            words=db.execute("SELECT count(*) FROM df WHERE n > 0").fetchone()[0],
        )


def _stat(path: Path) -> tuple[int, int] | None:
    try:
        found = path.stat()
    except OSError:
        return None
    return found.st_size, found.st_mtime_ns
