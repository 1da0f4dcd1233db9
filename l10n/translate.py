"""Fill catalogs with machine translation, safely and reviewably.

Which entries an engine may write (states as :mod:`l10n.reviewstate` defines them):

- pending: untranslated entries (unless a reviewer rejected their machine output: then
  only with ``refresh``), and stale ones: translations made for an earlier version of
  the sentence (a fuzzy match ``update`` offered, or machine output of the old source).
  A stale entry is translated afresh and keeps its old translation as
  ``# l10n-previous:`` beside the ``#|`` source it was made for, since it is often the
  better starting point for the reviewer (unless a person changed the stale text: then
  it waits for them). With ``refresh``, also machine output that no
  person has edited (the msgstr is still what the engine wrote).
- never touched: reviewed entries (translated, not fuzzy), fuzzy entries a person has
  edited or marked, plural entries.
- each result is written ``fuzzy`` with one translator comment (``# l10n-mt: ...``) that
  msgmerge, polib, Babel and Poedit all keep: engine, package, version, model hash, pivot,
  and short hashes of the source and of the output. The output hash is how a later run
  knows whether a person has edited the entry.

With a translation memory (:mod:`l10n.memory`), pending sentences are looked up first:
an exact match fills its entries (``# l10n-tm: ...``) and never reaches the engine; near
matches go with the engine's output as ``# l10n-near:`` lines for the reviewer.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from . import reviewstate as rs

if TYPE_CHECKING:
    from .engine.base import Engine, Provenance, Translation
    from .glossary import Protected, TermList
    from .memory import Exact, Near
    from .po import Catalog, CatalogEntry

__all__ = [
    "CHUNK_SIZE",
    "MemoryLookup",
    "TranslateReport",
    "pending_entries",
    "translate_catalog",
]


CHUNK_SIZE = 256
"""Distinct sentences per engine call (and per save) unless the engine prefers another."""


def pending_entries(catalog: Catalog, *, refresh: bool = False) -> list[CatalogEntry]:
    """The entries an engine may (re)write, in catalog order.

    An entry whose machine output a reviewer rejected is pending only with ``refresh``
    (e.g. a new model), and even then gets nothing if the engine says the same again. A
    stale entry a person has changed, or whose old translation cannot be kept on a
    comment line (it spans lines), is left for a person.
    """
    earlier = {
        (entry.msgctxt, entry.msgid): entry.msgstr
        for entry in catalog.all_entries()
        if entry.msgstr
    }
    pending = []
    for entry in catalog:
        if entry.msgid_plural or not entry.msgid:
            continue
        state = rs.entry_state(entry)
        if state == "untranslated":
            if refresh or rs.rejected_output(entry) is None:
                pending.append(entry)
        elif state == "stale":
            previous = earlier.get((entry.previous_msgctxt, entry.previous_msgid or ""))
            if rs.can_translate_afresh(entry, earlier=previous):
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
    error: str | None = None  # set when the language failed (see l10n.pipeline)
    catalog: Path | None = None  # the catalog's file, when the pipeline knows it
    memory: int = 0  # entries filled from the translation memory's exact matches
    near: int = 0  # entries translated with the memory's near matches beside them


class MemoryLookup(Protocol):
    """What translation asks a translation memory (:class:`l10n.memory.Memory`)."""

    trust_exact: bool

    def exact(self, text: str, *, source: str, target: str) -> Exact | None: ...

    def near(self, text: str, *, source: str, target: str) -> Sequence[Near]: ...


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
    chunk_size: int | None = None,
    save: Saver | None = None,
    progress: Callable[[int], None] | None = None,
    clock: Callable[[], float] = time.monotonic,
    save_interval: float = SAVE_INTERVAL,
    save_factor: float = SAVE_FACTOR,
    glossary: TermList | None = None,
    memory: MemoryLookup | None = None,
) -> TranslateReport:
    """Translate the catalog's pending entries with ``engine``; returns counts.

    The work is sent to the engine in chunks of ``chunk_size`` distinct sentences (each
    one batched call). Without ``chunk_size``, an engine's ``preferred_batch(source,
    target)`` says how many (a fast engine asks for more), else :data:`CHUNK_SIZE`.
    ``save()`` is called between chunks, once ``save_interval`` seconds (by ``clock``) and
    ``save_factor`` times the last save's duration have passed since the last save, so
    that an interrupted run keeps most of what it finished while the time spent saving
    stays a small share of the run; it is called once more at the end, and when the
    engine fails (or the run is interrupted) during a chunk, with what the chunks before
    it finished. With nothing pending the engine is never asked anything, so no model is
    loaded. ``glossary`` (the terms of ``target``) keeps do-not-translate terms (and forced
    terms, where substitution is right) out of the engine's input (:mod:`l10n.glossary`).

    With ``memory``, each pending sentence is looked up first: an exact match fills its
    entries (and the engine never sees it: with every sentence found, no model is
    loaded); near matches are written beside the engine's output.
    """
    pending = pending_entries(catalog, refresh=refresh)
    if not pending:
        return TranslateReport(target, 0, 0, 0, None)
    by_msgid: dict[str, list[CatalogEntry]] = {}
    for entry in pending:
        by_msgid.setdefault(entry.msgid, []).append(entry)
    distinct = len(by_msgid)
    recalled, near = (0, {}) if memory is None else _recall(by_msgid, memory, source, target)
    texts = list(by_msgid)
    base = distinct - len(texts)  # sentences the memory had
    if progress is not None and base:
        progress(base)
    if not texts:
        if save is not None:
            save()
        return TranslateReport(target, 0, 0, len(pending), None, memory=recalled)
    provenance = engine.provenance(source=source, target=target)
    if chunk_size is None:
        preferred = getattr(engine, "preferred_batch", None)
        chunk_size = (None if preferred is None else preferred(source, target)) or CHUNK_SIZE
    done = warnings = written = 0
    saves = _Saves(save, clock, save_interval, save_factor)
    for chunk in _chunks(texts, chunk_size):
        offset = base + done

        def report(n: int, offset: int = offset) -> None:
            if progress is not None:
                progress(offset + n)

        sent = _protected(chunk, glossary)
        try:
            results = engine.translate_batch(
                [p.text for p in sent] if sent else chunk,
                source=source, target=target, progress=report,
            )  # fmt: skip
        except BaseException:
            saves.flush()  # what the chunks before this one finished
            raise
        for i, (text, output) in enumerate(zip(chunk, results, strict=True)):
            result = _mended(text, _restored(sent[i], output) if sent else output)
            for entry in by_msgid[text]:
                if rs.rejected_output(entry) == rs.short_hash(result.text):
                    continue  # the reviewer already said no to exactly this
                _apply(entry, result, provenance, near.get(text, ()))
                written += 1
            warnings += result.warning is not None
        done += len(chunk)
        if progress is not None:
            progress(base + done)
        saves.chunk_done()
    saves.flush()
    return TranslateReport(
        target, written, warnings, len(pending), str(provenance), memory=recalled,
        near=sum(len(by_msgid[text]) for text in near if text in by_msgid),
    )  # fmt: skip


def _recall(
    by_msgid: dict[str, list[CatalogEntry]], memory: MemoryLookup, source: str, target: str
) -> tuple[int, dict[str, list[rs.NearMatch]]]:
    """Fill the entries the memory has an exact match for (taking them out of
    ``by_msgid``); the near matches of the others, by sentence."""
    filled = 0
    near: dict[str, list[rs.NearMatch]] = {}
    for text in list(by_msgid):
        exact = memory.exact(text, source=source, target=target)
        if exact is None:
            found = memory.near(text, source=source, target=target)
            if found:
                near[text] = [rs.NearMatch(match.score, match.text) for match in found]
            continue
        left = []
        for entry in by_msgid[text]:
            if rs.rejected_output(entry) == rs.short_hash(exact.text):
                left.append(entry)  # a reviewer said no to it here: the engine's turn
                continue
            rs.write_memory_match(
                entry, text=exact.text, origin=exact.origin, on=exact.day,
                trusted=memory.trust_exact,
            )  # fmt: skip
            filled += 1
        if left:
            by_msgid[text] = left
        else:
            del by_msgid[text]
    return filled, near


def _chunks(items: Sequence[str], size: int) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), max(1, size)):
        yield items[start : start + size]


def _protected(chunk: Sequence[str], glossary: TermList | None) -> list[Protected]:
    """The texts of ``chunk`` as the engine gets them (glossary terms as placeholders),
    or nothing when no term occurs in them."""
    if not glossary:
        return []
    from .glossary import protect

    sent = [protect(text, glossary) for text in chunk]
    return sent if any(p.slots for p in sent) else []


def _restored(sent: Protected, result: Translation) -> Translation:
    """``result`` with the glossary's placeholders turned back into terms; a term the
    engine lost or repeated is a warning on the entry."""
    if not sent.slots:
        return result
    import dataclasses

    from .glossary import restore

    text, problems = restore(sent, result.text)
    alternatives = tuple(restore(sent, alternative)[0] for alternative in result.alternatives)
    warning = "; ".join(p for p in (result.warning, *problems) if p) or None
    return dataclasses.replace(result, text=text, alternatives=alternatives, warning=warning)


def _mended(source: str, result: Translation) -> Translation:
    """``result`` with the inline-markup placeholders the engine moved or lost repaired
    (:func:`l10n.formats.mend`), or flagged (a warning) when no repair is certain."""
    if "<" not in source and "<" not in result.text:
        return result
    import dataclasses

    from .formats import mend

    text, problem = mend(source, result.text)
    alternatives = tuple(mend(source, alternative)[0] for alternative in result.alternatives)
    if problem is not None and result.warning is not None:
        problem = f"{result.warning}; {problem}"
    return dataclasses.replace(
        result, text=text, alternatives=alternatives, warning=problem or result.warning
    )


_WARNING_MARKS = ("@", "#")
"""Unknown-word marks kept in the catalog for ``l10n check``: ``*`` (not in the source
dictionary) is mostly names, kept as they are; ``@`` and ``#`` are words left untranslated."""


def _apply(
    entry: CatalogEntry,
    result: Translation,
    provenance: Provenance,
    near: Sequence[rs.NearMatch] = (),
) -> None:
    rs.write_machine_output(
        entry,
        text=result.text,
        provenance=str(provenance),
        alternatives=result.alternatives,
        warning=result.warning,
        unknown=[word for word in result.unknown if word.startswith(_WARNING_MARKS)],
        near=near,
    )
