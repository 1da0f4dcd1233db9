"""Reviewing a catalog one entry at a time: the session that a terminal UI drives.

A :class:`ReviewSession` holds the queue of entries to look at, the position in it, and
the decisions made so far; it applies each decision to the entry (through
:mod:`l10n.reviewstate`, so the file records it), calls ``save()`` after every change,
and undoes the last one on :meth:`~ReviewSession.back`. It does no terminal I/O: a UI
shows :meth:`~ReviewSession.view` and calls the decision methods.

The queue (:func:`review_queue`): entries that need review, machine output first, then
machine output a person edited, stale translations (of an earlier source sentence),
other fuzzy entries, untranslated ones; catalog order
within each group; entries skipped in an earlier session after all of those. Since
every decision is saved, the next session starts at the first entry still needing
review: that is how a review resumes. With ``include_reviewed``, reviewed entries
follow, in catalog order.

:class:`ReviewFile` is the edge to the file system: it loads a catalog and saves it
atomically under the catalog lock, refusing to overwrite a file another process changed
during the session.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from . import reviewstate as rs
from .errors import CatalogError, UsageError
from .lock import DEFAULT_TIMEOUT
from .model import Issue

if TYPE_CHECKING:
    from .po import Catalog, CatalogEntry

__all__ = [
    "Checker",
    "Decision",
    "EntryView",
    "Neighbour",
    "ReviewFile",
    "ReviewSession",
    "review_queue",
]

Checker = Callable[["CatalogEntry"], Sequence[Issue]]
"""Returns the check issues of one entry (e.g. built on ``l10n.checks``)."""


@dataclass(frozen=True, slots=True)
class Neighbour:
    """The entry before or after, in catalog order: context for the reviewer."""

    source: str
    translation: str


@dataclass(frozen=True, slots=True)
class EntryView:
    """Everything a reviewer is shown about the current entry."""

    number: int  # 1-based position in the queue
    total: int
    where: str  # "paragraph 2, sentence 1" (extracted comment), else a reference
    state: str  # l10n.reviewstate.entry_state
    source: str
    translation: str
    previous_source: str | None  # the #| msgid of a fuzzy match
    previous_translation: str | None  # its translation, kept when translated afresh
    alternatives: tuple[str, ...]  # the engine's, then the memory's near matches
    warnings: tuple[str, ...]
    issues: tuple[Issue, ...]
    mark: rs.ReviewMark | None  # who accepted it, when
    skipped: bool
    plural: bool
    before: Neighbour | None
    after: Neighbour | None
    near: tuple[rs.NearMatch, ...] = ()  # the last of ``alternatives``, with their scores
    memory: rs.MemoryRecord | None = None  # the translation came from the memory


@dataclass(frozen=True, slots=True)
class Decision:
    """One change made in a session: ``accepted``, ``edited``, ``rejected``, ``skipped``
    or ``alternative`` (a candidate taken, entry still to be decided)."""

    action: str
    index: int  # position in the queue
    msgid: str
    msgctxt: str | None


@dataclass(frozen=True, slots=True)
class _Snapshot:
    msgstr: str
    msgstr_plural: dict[int, str]
    flags: list[str]
    tcomment: str
    previous: tuple[str | None, str | None, str | None]

    @classmethod
    def of(cls, entry: CatalogEntry) -> _Snapshot:
        previous = (entry.previous_msgid, entry.previous_msgid_plural, entry.previous_msgctxt)
        return cls(entry.msgstr, dict(entry.msgstr_plural), list(entry.flags), entry.tcomment,
                   previous)  # fmt: skip

    def restore(self, entry: CatalogEntry) -> None:
        entry.msgstr = self.msgstr
        entry.msgstr_plural = dict(self.msgstr_plural)
        entry.flags[:] = self.flags
        entry.tcomment = self.tcomment
        entry.previous_msgid, entry.previous_msgid_plural, entry.previous_msgctxt = self.previous


def review_queue(
    entries: Iterable[CatalogEntry], *, include_reviewed: bool = False
) -> list[CatalogEntry]:
    """The entries to review, in the order a session offers them (see the module doc)."""
    rank = {state: i for i, state in enumerate(rs.NEEDS_REVIEW)}
    keyed = []
    for position, entry in enumerate(entries):
        state = rs.entry_state(entry)
        reviewed = state == "translated"
        if reviewed and not include_reviewed:
            continue
        key = (reviewed, rs.is_skipped(entry), rank.get(state, len(rank)), position)
        keyed.append((key, entry))
    keyed.sort(key=lambda pair: pair[0])
    return [entry for _, entry in keyed]


class ReviewSession:
    """A review of one catalog's entries: queue, position, decisions, apply and undo.

    ``catalog`` is iterated for the active entries (a :class:`~l10n.po.Catalog`);
    decisions change its entries in place and call ``save()`` after each. When ``save``
    raises, the entry is restored first, so what is in memory stays what is on disk.
    """

    def __init__(
        self,
        catalog: Iterable[CatalogEntry],
        *,
        reviewer: str,
        today: date,
        save: Callable[[], object] | None = None,
        include_reviewed: bool = False,
        checker: Checker | None = None,
    ) -> None:
        self.reviewer = reviewer
        self.today = today
        self._save = save
        self._checker = checker
        self._entries = list(catalog)
        self._order = {id(entry): i for i, entry in enumerate(self._entries)}
        self.queue = review_queue(self._entries, include_reviewed=include_reviewed)
        self.position = 0
        self._history: list[tuple[Decision, _Snapshot]] = []

    # -- where we are ------------------------------------------------------------------

    @property
    def done(self) -> bool:
        """Whether every entry of the queue has been decided or skipped."""
        return self.position >= len(self.queue)

    @property
    def current(self) -> CatalogEntry:
        """The entry under review; :class:`UsageError` when the queue is done."""
        if self.done:
            raise UsageError("the review is finished: no entry left in the queue")
        return self.queue[self.position]

    @property
    def checks(self) -> bool:
        """Whether entries are shown with check issues (a checker was given)."""
        return self._checker is not None

    @property
    def decisions(self) -> tuple[Decision, ...]:
        """This session's changes still in effect, oldest first."""
        return tuple(decision for decision, _ in self._history)

    def summary(self) -> Counter[str]:
        """How many entries were accepted, edited, rejected, skipped in this session."""
        final = {decision.index: decision.action for decision in self.decisions}
        return Counter(action for action in final.values() if action != "alternative")

    def view(self) -> EntryView:
        """What to show for the current entry."""
        entry = self.current
        near = tuple(rs.near_matches(entry))
        return EntryView(
            number=self.position + 1,
            total=len(self.queue),
            where=_where(entry),
            state=rs.entry_state(entry),
            source=_source(entry),
            translation=_translation(entry),
            previous_source=entry.previous_msgid,
            previous_translation=rs.previous_translation(entry),
            alternatives=(*rs.alternatives(entry), *(match.text for match in near)),
            warnings=tuple(rs.warnings(entry)),
            issues=tuple(self._checker(entry)) if self._checker is not None else (),
            mark=rs.review_mark(entry),
            skipped=rs.is_skipped(entry),
            plural=bool(entry.msgid_plural),
            before=self._neighbour(entry, -1),
            after=self._neighbour(entry, +1),
            near=near,
            memory=rs.memory_record(entry),
        )

    def _neighbour(self, entry: CatalogEntry, step: int) -> Neighbour | None:
        index = self._order[id(entry)] + step
        if not 0 <= index < len(self._entries):
            return None
        other = self._entries[index]
        return Neighbour(_source(other), _translation(other))

    # -- decisions ---------------------------------------------------------------------

    def accept(self) -> None:
        """Accept the translation as it is; next entry."""
        self._decide("accepted", lambda e: rs.accept(e, reviewer=self.reviewer, on=self.today))

    def edit(self, text: str) -> None:
        """Replace the translation with ``text`` and accept it; next entry.

        Text equal to the current translation is a plain accept. Empty text is a
        :class:`UsageError` (reject clears a translation).
        """
        entry = self.current
        if entry.msgid_plural:
            raise UsageError("edit plural entries in a PO editor", msgid=entry.msgid)
        if not text.strip():
            raise UsageError("the new translation is empty (to clear it, reject)")
        if text == entry.msgstr:
            self.accept()
            return
        self._decide(
            "edited", lambda e: rs.accept(e, reviewer=self.reviewer, on=self.today, text=text)
        )

    def reject(self) -> None:
        """Clear the translation (the entry stays); next entry."""
        self._decide("rejected", lambda e: rs.reject(e, reviewer=self.reviewer, on=self.today))

    def skip(self) -> None:
        """Leave the entry for later (it comes after the others next time); next entry."""
        self._decide(
            "skipped", lambda e: rs.mark_skipped(e, reviewer=self.reviewer, on=self.today)
        )

    def take_alternative(self, number: int) -> None:
        """Swap in alternative ``number`` (1-based); stay on the entry to accept or edit."""
        self._decide("alternative", lambda e: rs.take_alternative(e, number), advance=False)

    def take_previous(self) -> None:
        """Swap in the translation of the previous source; stay on the entry to adapt it."""
        self._decide("alternative", rs.take_previous, advance=False)

    def back(self) -> bool:
        """Undo this session's last change and return to its entry; False if none."""
        if not self._history:
            return False
        decision, snapshot = self._history.pop()
        entry = self.queue[decision.index]
        after = _Snapshot.of(entry)
        snapshot.restore(entry)
        try:
            self._persist()
        except BaseException:
            after.restore(entry)
            self._history.append((decision, snapshot))
            raise
        self.position = decision.index
        return True

    def _decide(
        self, action: str, apply: Callable[[CatalogEntry], None], *, advance: bool = True
    ) -> None:
        entry = self.current
        before = _Snapshot.of(entry)
        try:
            apply(entry)
            self._persist()
        except BaseException:
            before.restore(entry)
            raise
        self._history.append((Decision(action, self.position, entry.msgid, entry.msgctxt), before))
        if advance:
            self.position += 1

    def _persist(self) -> None:
        if self._save is not None:
            self._save()


def _where(entry: CatalogEntry) -> str:
    comments = [line for line in (entry.comment or "").splitlines() if line.strip()]
    if comments:
        more = f" (+{len(comments) - 1} more)" if len(comments) > 1 else ""
        return comments[0] + more
    if entry.occurrences:
        path, line = entry.occurrences[0]
        return f"{path}:{line}" if line else path
    return ""


def _source(entry: CatalogEntry) -> str:
    return f"{entry.msgid}\n{entry.msgid_plural}" if entry.msgid_plural else entry.msgid


def _translation(entry: CatalogEntry) -> str:
    if not entry.msgid_plural:
        return entry.msgstr
    return "\n".join(f"[{n}] {text}" for n, text in sorted(entry.msgstr_plural.items()))


# -- the file ------------------------------------------------------------------------------


class ReviewFile:
    """A catalog file under review: loaded once, saved after each decision.

    Each save holds the catalog lock (``<lock_folder>/.l10n.lock``) only while it
    writes, so other l10n commands can run during a long review; a save refuses, with a
    :class:`CatalogError`, to overwrite the file when its bytes changed since this
    session last read or wrote it (another command wrote it meanwhile). A save that
    changes the file also sets the header's ``Last-Translator`` to ``translator`` and
    ``PO-Revision-Date`` to ``clock()`` (an aware datetime), as PO editors do, for
    whichever of the two is given.
    """

    def __init__(
        self,
        path: Path,
        *,
        lock_folder: Path,
        lock_timeout: float = DEFAULT_TIMEOUT,
        translator: str | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.path = path
        self.lock_folder = lock_folder
        self.lock_timeout = lock_timeout
        self.translator = translator
        self.clock = clock
        self._seen: str | None = None
        self._catalog: Catalog | None = None

    def load(self) -> Catalog:
        from .po import parse_catalog

        data = self._read()
        self._catalog = parse_catalog(data, path=str(self.path))
        self._seen = _digest(data)
        return self._catalog

    def save(self) -> None:
        from .lock import catalog_lock
        from .po import save_catalog

        if self._catalog is None:
            raise CatalogError("nothing loaded to save", path=self.path)
        with catalog_lock(self.lock_folder, timeout=self.lock_timeout):
            if _digest(self._read()) != self._seen:
                raise CatalogError(
                    "changed on disk during the review (another l10n command?); nothing "
                    "saved of the last decision: run `l10n review` again to resume",
                    path=self.path,
                )
            if self._catalog.changed:
                self._stamp(self._catalog)
            save_catalog(self._catalog, self.path)
            self._seen = _digest(self._read())

    def _stamp(self, catalog: Catalog) -> None:
        if self.translator is not None:
            catalog.metadata["Last-Translator"] = " ".join(self.translator.split())
        if self.clock is not None:
            catalog.metadata["PO-Revision-Date"] = self.clock().strftime("%Y-%m-%d %H:%M%z")

    def _read(self) -> bytes:
        try:
            return self.path.read_bytes()
        except FileNotFoundError:
            raise CatalogError("no such catalog (run `l10n init`)", path=self.path) from None
        except OSError as error:
            raise CatalogError(f"cannot read: {error.strerror}", path=self.path) from None


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
