"""Fill catalogs with machine translation, safely and reviewably.

Which entries an engine may write, and how its output is recorded:

- pending: untranslated entries; with ``refresh``, also machine output that no person
  has edited (the msgstr is still what the engine wrote), including machine output that
  ``update`` carried over as a fuzzy match when the source sentence changed.
- never touched: reviewed entries (translated, not fuzzy), fuzzy entries a person has
  edited (their msgstr is no longer what the engine wrote), fuzzy matches of human
  translations, plural entries. A fuzzy match is a person's to adapt, so without
  ``refresh`` even stale machine output stays for review next to its ``#|`` source.
- each result is written ``fuzzy`` with one translator comment (``# l10n-mt: ...``) that
  msgmerge, polib, Babel and Poedit all keep: engine, package, version, model hash, pivot,
  and short hashes of the source and of the output. The output hash is how a later run
  knows whether a person has edited the entry.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from .catalog import Catalog, CatalogEntry
    from .engine.base import Engine, Provenance, Translation

__all__ = [
    "MachineRecord",
    "TranslateReport",
    "entry_state",
    "machine_record",
    "pending_entries",
    "tagged_match",
    "translate_catalog",
]

MT_TAG = "l10n-mt:"
ALT_TAG = "l10n-alt:"
WARN_TAG = "l10n-warning:"
_OWN_TAGS = (MT_TAG, ALT_TAG, WARN_TAG)
_RECORD = re.compile(r"(?P<what>.*?) src:(?P<src>[0-9a-f]{8}) out:(?P<out>[0-9a-f]{8})\s*$")


def short_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


@dataclass(frozen=True)
class MachineRecord:
    """What an ``# l10n-mt:`` comment says: who translated, from which source, into what."""

    provenance: str
    source_hash: str
    output_hash: str

    def __str__(self) -> str:
        return f"{MT_TAG} {self.provenance} src:{self.source_hash} out:{self.output_hash}"


def tagged_match(
    entry: CatalogEntry,
    tag: str,
    pattern: re.Pattern[str],
    valid: Callable[[re.Match[str]], bool] = lambda _: True,
) -> re.Match[str] | None:
    """``pattern`` matched on the first well-formed ``tag`` line of the translator comment.

    A line that a tool wrapped (Babel writes comments at 76 columns, so ``pybabel
    update`` splits it) is read together with the untagged lines that follow it.
    """
    lines = (entry.tcomment or "").splitlines()
    for index, line in enumerate(lines):
        if not line.startswith(tag):
            continue
        value = line[len(tag) :].strip()
        for follow in [None, *lines[index + 1 : index + 4]]:
            if follow is not None:
                if follow.startswith("l10n-"):  # the next mark
                    break
                value = f"{value} {follow.strip()}"
            match = pattern.match(value)
            if match and valid(match):
                return match
    return None


def machine_record(entry: CatalogEntry) -> MachineRecord | None:
    """The machine-translation record in the entry's translator comment, if any."""
    match = tagged_match(entry, MT_TAG, _RECORD)
    return None if match is None else MachineRecord(match["what"], match["src"], match["out"])


def entry_state(entry: CatalogEntry) -> str:
    """One of ``untranslated``, ``machine``, ``edited``, ``fuzzy``, ``translated``.

    ``machine``: unedited machine output (for this source sentence or, after an
    update, for its previous version); ``edited``: machine output a person changed
    but has not yet accepted (still fuzzy); ``fuzzy``: other fuzzy entries (e.g. a
    merge's fuzzy match); ``translated``: translated and not fuzzy.
    """
    if entry.msgid_plural:
        done = any(entry.msgstr_plural.values())
    else:
        done = bool(entry.msgstr)
    if not done:
        return "untranslated"
    if "fuzzy" not in entry.flags:
        return "translated"
    record = machine_record(entry)
    if record is None:
        return "fuzzy"
    return "machine" if short_hash(entry.msgstr) == record.output_hash else "edited"


def pending_entries(catalog: Catalog, *, refresh: bool = False) -> list[CatalogEntry]:
    """The entries an engine may (re)write, in catalog order.

    An entry whose machine output a reviewer rejected is pending only with ``refresh``
    (e.g. a new model), and even then gets nothing if the engine says the same again.
    """
    from .reviewstate import rejected_output

    pending = []
    for entry in catalog:
        if entry.msgid_plural or not entry.msgid:
            continue
        state = entry_state(entry)
        if state == "untranslated":
            if refresh or rejected_output(entry) is None:
                pending.append(entry)
        elif state == "machine" and refresh:
            pending.append(entry)
    return pending


@dataclass(frozen=True)
class TranslateReport:
    lang: str
    translated: int
    warnings: int
    pending: int
    provenance: str | None


class Saver(Protocol):
    def __call__(self) -> None: ...


SAVE_INTERVAL = 1.0
"""Seconds of work between two saves, at the least."""
SAVE_FACTOR = 10.0
"""... and at least this many times what the last save took, so that saving takes at most
a tenth of the run, whatever the size of the catalog."""


class _Saves:
    """When to save while translating: spaced by time, adapting to what a save costs.

    A save rewrites the whole catalog, so saving after a fixed amount of work makes a
    run quadratic in the catalog's size. Here a save comes only once the work since the
    last one took ``interval`` seconds and ``factor`` times what the last save took: the
    time spent saving stays below ``1 / factor`` of the run (linear), and a ``kill -9``
    loses at most the work of that span plus the chunk under way.
    """

    def __init__(
        self, save: Saver | None, clock: Callable[[], float], interval: float, factor: float
    ) -> None:
        self.save = save
        self.clock = clock
        self.interval = interval
        self.factor = factor
        self.last_end = clock()
        self.last_cost = 0.0
        self.unsaved = False

    def chunk_done(self) -> None:
        self.unsaved = True
        now = self.clock()
        if now - self.last_end >= max(self.interval, self.factor * self.last_cost):
            self.flush(now)

    def flush(self, start: float | None = None) -> None:
        """Save now if anything is unsaved."""
        if self.save is None or not self.unsaved:
            return
        start = self.clock() if start is None else start
        self.save()
        self.last_end = self.clock()
        self.last_cost = self.last_end - start
        self.unsaved = False


def translate_catalog(
    catalog: Catalog,
    *,
    engine: Engine,
    source: str,
    target: str,
    refresh: bool = False,
    chunk_size: int = 256,
    save: Saver | None = None,
    progress: Callable[[int], None] | None = None,
    clock: Callable[[], float] = time.monotonic,
    save_interval: float = SAVE_INTERVAL,
    save_factor: float = SAVE_FACTOR,
) -> TranslateReport:
    """Translate the catalog's pending entries with ``engine``; returns counts.

    The work is sent to the engine in chunks of ``chunk_size`` distinct sentences (each
    one batched call). ``save()`` is called between chunks, once ``save_interval``
    seconds (by ``clock``) and ``save_factor`` times the last save's duration have passed
    since the last save, so that an interrupted run keeps most of what it finished while
    the time spent saving stays a small share of the run; it is called once more at the
    end, and when the engine fails (or the run is interrupted) during a chunk, with what
    the chunks before it finished. With nothing pending the engine is never asked
    anything, so no model is loaded.
    """
    pending = pending_entries(catalog, refresh=refresh)
    if not pending:
        return TranslateReport(target, 0, 0, 0, None)
    provenance = engine.provenance(source=source, target=target)
    by_msgid: dict[str, list[CatalogEntry]] = {}
    for entry in pending:
        by_msgid.setdefault(entry.msgid, []).append(entry)
    texts = list(by_msgid)
    done = warnings = written = 0
    saves = _Saves(save, clock, save_interval, save_factor)
    from .reviewstate import rejected_output

    for chunk in _chunks(texts, chunk_size):
        offset = done

        def report(n: int, offset: int = offset) -> None:
            if progress is not None:
                progress(offset + n)

        try:
            results = engine.translate_batch(chunk, source=source, target=target, progress=report)
        except BaseException:
            saves.flush()  # what the chunks before this one finished
            raise
        for text, result in zip(chunk, results, strict=True):
            for entry in by_msgid[text]:
                if rejected_output(entry) == short_hash(result.text):
                    continue  # the reviewer already said no to exactly this
                _apply(entry, result, provenance)
                written += 1
            warnings += result.warning is not None
        done += len(chunk)
        if progress is not None:
            progress(done)
        saves.chunk_done()
    saves.flush()
    return TranslateReport(target, written, warnings, len(pending), str(provenance))


def _chunks(items: Sequence[str], size: int) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), max(1, size)):
        yield items[start : start + size]


def _apply(entry: CatalogEntry, result: Translation, provenance: Provenance) -> None:
    entry.msgstr = result.text
    if "fuzzy" not in entry.flags:
        entry.flags.append("fuzzy")
    entry.previous_msgid = None
    entry.previous_msgid_plural = None
    entry.previous_msgctxt = None
    record = MachineRecord(str(provenance), short_hash(entry.msgid), short_hash(result.text))
    lines = [
        line
        for line in (entry.tcomment or "").splitlines()
        if not line.startswith(_OWN_TAGS)
    ]
    lines.append(str(record))
    if result.warning:
        lines.append(f"{WARN_TAG} {result.warning}: check this translation")
    lines.extend(f"{ALT_TAG} {' '.join(alt.split())}" for alt in result.alternatives)
    entry.tcomment = "\n".join(lines)
