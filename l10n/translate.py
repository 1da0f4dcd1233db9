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
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from . import reviewstate as rs

if TYPE_CHECKING:
    from .catalog import Catalog, CatalogEntry
    from .engine.base import Engine, Provenance, Translation

__all__ = [
    "CHUNK_SIZE",
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


class Saver(Protocol):
    def __call__(self) -> None: ...


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
) -> TranslateReport:
    """Translate the catalog's pending entries with ``engine``; returns counts.

    The work is sent to the engine in chunks of ``chunk_size`` distinct sentences (each
    one batched call), and ``save()`` is called after each chunk so that an interrupted
    run keeps what it finished. Without ``chunk_size``, an engine's
    ``preferred_batch(source, target)`` says how many (a fast engine asks for more: each
    chunk costs a save of the whole catalog), else :data:`CHUNK_SIZE`. With nothing
    pending the engine is never asked anything, so no model is loaded.
    """
    pending = pending_entries(catalog, refresh=refresh)
    if not pending:
        return TranslateReport(target, 0, 0, 0, None)
    provenance = engine.provenance(source=source, target=target)
    if chunk_size is None:
        preferred = getattr(engine, "preferred_batch", None)
        chunk_size = CHUNK_SIZE if preferred is None else preferred(source, target)
    by_msgid: dict[str, list[CatalogEntry]] = {}
    for entry in pending:
        by_msgid.setdefault(entry.msgid, []).append(entry)
    texts = list(by_msgid)
    done = warnings = written = 0
    for chunk in _chunks(texts, chunk_size):
        offset = done

        def report(n: int, offset: int = offset) -> None:
            if progress is not None:
                progress(offset + n)

        results = engine.translate_batch(chunk, source=source, target=target, progress=report)
        for text, result in zip(chunk, results, strict=True):
            for entry in by_msgid[text]:
                if rs.rejected_output(entry) == rs.short_hash(result.text):
                    continue  # the reviewer already said no to exactly this
                _apply(entry, result, provenance)
                written += 1
            warnings += result.warning is not None
        done += len(chunk)
        if progress is not None:
            progress(done)
        if save is not None:
            save()
    return TranslateReport(target, written, warnings, len(pending), str(provenance))


def _chunks(items: Sequence[str], size: int) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), max(1, size)):
        yield items[start : start + size]


_WARNING_MARKS = ("@", "#")
"""Unknown-word marks kept in the catalog for ``l10n check``: ``*`` (not in the source
dictionary) is mostly names, kept as they are; ``@`` and ``#`` are words left untranslated."""


def _apply(entry: CatalogEntry, result: Translation, provenance: Provenance) -> None:
    rs.write_machine_output(
        entry,
        text=result.text,
        provenance=str(provenance),
        alternatives=result.alternatives,
        warning=result.warning,
        unknown=[word for word in result.unknown if word.startswith(_WARNING_MARKS)],
    )
