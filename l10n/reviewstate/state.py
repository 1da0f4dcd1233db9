"""An entry's state, the one definition every command uses (see :mod:`l10n.reviewstate`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..po.entry import is_translated
from .lines import (
    machine_record,
    memory_record,
    one_line,
    previous_translation,
    review_mark,
    short_hash,
)

if TYPE_CHECKING:
    from ..po import CatalogEntry

__all__ = [
    "DRAFT_STATES",
    "NEEDS_REVIEW",
    "STATES",
    "ReviewCounts",
    "can_translate_afresh",
    "entry_state",
    "is_unreviewed_machine_output",
    "needs_review",
    "publishable",
    "review_counts",
]

STATES = ("machine", "edited", "stale", "fuzzy", "untranslated", "translated")
NEEDS_REVIEW = ("machine", "edited", "stale", "fuzzy", "untranslated")
"""The states :func:`needs_review` is true of, in the order a review offers them."""
DRAFT_STATES = frozenset({"machine", "edited", "fuzzy"})
"""Unreviewed translations of the current source sentence: published only on request."""


def entry_state(entry: CatalogEntry) -> str:
    """The entry's state, one of :data:`STATES` (see the module docstring)."""
    if not is_translated(entry):
        return "untranslated"
    if not entry.fuzzy:
        return "translated"
    record = machine_record(entry)
    if record is not None:
        if record.source_hash != short_hash(entry.msgid):
            return "stale"
        return "machine" if short_hash(entry.msgstr) == record.output_hash else "edited"
    memory = memory_record(entry)
    if memory is not None and memory.source_hash is not None:  # filled from the memory
        return "fuzzy" if memory.source_hash == short_hash(entry.msgid) else "stale"
    return "stale" if entry.previous_msgid is not None else "fuzzy"


def is_unreviewed_machine_output(entry: CatalogEntry) -> bool:
    """Whether the entry's text is still the engine's and nobody signed it.

    Such an entry is machine output whatever its flag says: Babel, for one, writes
    obsolete entries without their ``fuzzy`` flag.
    """
    if review_mark(entry) is not None or not is_translated(entry):
        return False
    record = machine_record(entry)
    return record is not None and short_hash(entry.msgstr) == record.output_hash


def publishable(entry: CatalogEntry, *, drafts: bool = False) -> bool:
    """Whether a build may use the entry's translation: reviewed ones always; drafts
    (machine, edited, fuzzy) only with ``drafts``; stale and untranslated ones never."""
    state = entry_state(entry)
    return state == "translated" or (drafts and state in DRAFT_STATES)


def needs_review(entry: CatalogEntry) -> bool:
    """Whether a person still has to decide on the entry (fuzzy or untranslated)."""
    return entry_state(entry) != "translated"


@dataclass(frozen=True, slots=True)
class ReviewCounts:
    """A catalog's active entries by state (see :func:`entry_state`).

    ``reviewed`` counts the ``translated`` state; ``signed`` the reviewed entries that
    carry an ``l10n-reviewed`` line (accepted in ``l10n review``).
    """

    machine: int = 0
    edited: int = 0
    stale: int = 0
    fuzzy: int = 0
    reviewed: int = 0
    untranslated: int = 0
    signed: int = 0

    @property
    def total(self) -> int:
        return (
            self.machine + self.edited + self.stale + self.fuzzy + self.reviewed
            + self.untranslated
        )

    @property
    def needs_review(self) -> int:
        return self.total - self.reviewed

    @property
    def drafts(self) -> int:
        """Unreviewed translations of the current sentences (machine, edited, fuzzy)."""
        return self.machine + self.edited + self.fuzzy


def review_counts(entries: Iterable[CatalogEntry]) -> ReviewCounts:
    """Count ``entries`` (e.g. a :class:`~l10n.po.Catalog`: its active ones) by state."""
    counts = dict.fromkeys(
        ("machine", "edited", "stale", "fuzzy", "reviewed", "untranslated", "signed"), 0
    )
    for entry in entries:
        state = entry_state(entry)
        if state == "translated":
            counts["reviewed"] += 1
            counts["signed"] += review_mark(entry) is not None
        else:
            counts[state] += 1
    return ReviewCounts(**counts)


def _stale_machine_output(entry: CatalogEntry) -> bool:
    record = machine_record(entry)
    return record is not None and short_hash(entry.msgstr) == record.output_hash


def previous_to_keep(entry: CatalogEntry) -> str | None:
    """What a stale entry keeps as ``l10n-previous`` when translated afresh: its text, or,
    when that is the engine's output for the old source, the one it kept before."""
    if _stale_machine_output(entry):
        return previous_translation(entry)
    return one_line(entry.msgstr)


def can_translate_afresh(entry: CatalogEntry, *, earlier: str | None) -> bool:
    """Whether a stale entry may be machine-translated afresh, losing nothing.

    Yes when its text is the engine's output for the old source, or still exactly the
    fuzzy match ``update`` copied (``earlier``: the translation the catalog holds for
    the ``#|`` previous source) and fits a comment line to be kept as ``l10n-previous``.
    No when a person has changed it (it waits for review) or it spans lines.
    """
    if _stale_machine_output(entry):
        return True
    return entry.msgstr == earlier and one_line(entry.msgstr) is not None
