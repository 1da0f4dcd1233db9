"""Review state kept in the catalog itself, as translator comments every PO tool keeps.

A person's decisions are written as ``#`` translator-comment lines, which GNU msgmerge
and msgcat, polib, Babel and Poedit all carry through unchanged (flags and ``#.``
comments are not safe places: msgmerge rewrites ``#,`` format flags and replaces ``#.``
with the template's)::

    # l10n-reviewed: <who> <YYYY-MM-DD>          accepted: translated, no longer fuzzy
    # l10n-mt-original: <text>                    the engine's words, when a person changed them
    # l10n-rejected: <who> <YYYY-MM-DD> out:<h8>  translation cleared; h8 = hash of it
    # l10n-skipped: <who> <YYYY-MM-DD>           looked at, left for later

Whether an entry is reviewed is the gettext fact (translated and not ``fuzzy``); the
``l10n-reviewed`` line says who accepted it and when. Accepting keeps the ``l10n-mt``
record, so the file still says the text began as machine output (and, by its output
hash, whether the reviewer changed it), keeps the engine's words as ``l10n-mt-original``
when the accepted text differs (``l10n eval`` compares the two), and drops
``l10n-alt``/``l10n-warning`` lines: they described candidates a person has now judged,
and would go stale and clutter every PO editor's comment pane. Rejecting
drops the machine record too, since it describes text no longer there; the rejected
text's hash stays in the ``l10n-rejected`` line for a later run to recognise it.

Functions here change entries in memory; saving is the caller's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from .errors import UsageError
from .translate import (
    ALT_TAG,
    MT_TAG,
    WARN_TAG,
    entry_state,
    machine_record,
    short_hash,
    tagged_match,
)

if TYPE_CHECKING:
    from .catalog import CatalogEntry

__all__ = [
    "NEEDS_REVIEW",
    "ORIGINAL_TAG",
    "REJECTED_TAG",
    "REVIEWED_TAG",
    "SKIPPED_TAG",
    "ReviewCounts",
    "ReviewMark",
    "accept",
    "alternatives",
    "is_skipped",
    "machine_output",
    "mark_skipped",
    "needs_review",
    "reject",
    "rejected_output",
    "review_counts",
    "review_mark",
    "take_alternative",
    "warnings",
]

REVIEWED_TAG = "l10n-reviewed:"
REJECTED_TAG = "l10n-rejected:"
SKIPPED_TAG = "l10n-skipped:"
ORIGINAL_TAG = "l10n-mt-original:"  # as l10n.evaluate reads it
_REVIEW_TAGS = (REVIEWED_TAG, REJECTED_TAG, SKIPPED_TAG)
_MARK = re.compile(r"(?P<who>\S.*?)\s+(?P<date>\d{4}-\d{2}-\d{2})(?:\s+out:(?P<out>[0-9a-f]{8}))?\s*$")
NEEDS_REVIEW = ("machine", "edited", "fuzzy", "untranslated")
"""The states :func:`needs_review` is true of, in the order a review offers them."""


@dataclass(frozen=True, slots=True)
class ReviewMark:
    """Who made a review decision, and on which day."""

    reviewer: str
    date: date


@dataclass(frozen=True, slots=True)
class ReviewCounts:
    """A catalog's active entries by review state (see :func:`l10n.translate.entry_state`).

    ``machine``: unedited machine output; ``edited``: machine output a person changed,
    not yet accepted; ``fuzzy``: other fuzzy entries (fuzzy matches); ``reviewed``:
    translated and not fuzzy; ``untranslated``. ``signed`` counts the reviewed entries
    that carry an ``l10n-reviewed`` line (accepted in ``l10n review``).
    """

    machine: int = 0
    edited: int = 0
    fuzzy: int = 0
    reviewed: int = 0
    untranslated: int = 0
    signed: int = 0

    @property
    def total(self) -> int:
        return self.machine + self.edited + self.fuzzy + self.reviewed + self.untranslated

    @property
    def needs_review(self) -> int:
        return self.total - self.reviewed


def review_counts(entries: Iterable[CatalogEntry]) -> ReviewCounts:
    """Count ``entries`` (e.g. a :class:`~l10n.catalog.Catalog`: its active ones) by state."""
    counts = dict.fromkeys(("machine", "edited", "fuzzy", "reviewed", "untranslated", "signed"), 0)
    for entry in entries:
        state = entry_state(entry)
        if state == "translated":
            counts["reviewed"] += 1
            counts["signed"] += review_mark(entry) is not None
        else:
            counts[state] += 1
    return ReviewCounts(**counts)


def needs_review(entry: CatalogEntry) -> bool:
    """Whether a person still has to decide on the entry (fuzzy or untranslated)."""
    return entry_state(entry) != "translated"


# -- reading the marks -------------------------------------------------------------------


def _lines(entry: CatalogEntry) -> list[str]:
    return (entry.tcomment or "").splitlines()


def _tagged(entry: CatalogEntry, tag: str) -> list[str]:
    return [line[len(tag) :].strip() for line in _lines(entry) if line.startswith(tag)]


def _mark(entry: CatalogEntry, tag: str) -> re.Match[str] | None:
    """The first well-formed ``tag`` line (read whole when a tool wrapped it)."""
    return tagged_match(entry, tag, _MARK, lambda match: _is_date(match["date"]))


def _is_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def review_mark(entry: CatalogEntry) -> ReviewMark | None:
    """Who accepted the entry and when, from its ``l10n-reviewed`` line (None if none)."""
    match = _mark(entry, REVIEWED_TAG)
    return None if match is None else ReviewMark(match["who"], date.fromisoformat(match["date"]))


def rejected_output(entry: CatalogEntry) -> str | None:
    """The short hash of the translation a reviewer rejected, if the entry records one."""
    match = _mark(entry, REJECTED_TAG)
    return None if match is None else match["out"]


def is_skipped(entry: CatalogEntry) -> bool:
    """Whether a reviewer skipped the entry (it comes after the others next time)."""
    return _mark(entry, SKIPPED_TAG) is not None


def alternatives(entry: CatalogEntry) -> list[str]:
    """The engine's other candidates (``l10n-alt`` lines), best first."""
    return _tagged(entry, ALT_TAG)


def warnings(entry: CatalogEntry) -> list[str]:
    """The output guard's warnings (``l10n-warning`` lines)."""
    return _tagged(entry, WARN_TAG)


# -- writing decisions -------------------------------------------------------------------


def _signature(reviewer: str, on: date) -> str:
    who = " ".join(reviewer.split())
    if not who:
        raise UsageError("the reviewer's name is empty: pass --reviewer NAME")
    return f"{who} {on.isoformat()}"


def _rewrite(entry: CatalogEntry, *, drop: tuple[str, ...], add: str | None = None) -> None:
    lines = [line for line in _lines(entry) if not line.startswith(drop)]
    if add is not None:
        lines.append(add)
    entry.tcomment = "\n".join(lines)


def _translated(entry: CatalogEntry) -> bool:
    if entry.msgid_plural:
        return all(entry.msgstr_plural.values()) and bool(entry.msgstr_plural)
    return bool(entry.msgstr)


def _settle(entry: CatalogEntry) -> None:
    entry.flags[:] = [flag for flag in entry.flags if flag != "fuzzy"]
    entry.previous_msgid = None
    entry.previous_msgid_plural = None
    entry.previous_msgctxt = None


def accept(
    entry: CatalogEntry, *, reviewer: str, on: date, text: str | None = None
) -> None:
    """Accept the entry's translation (``text`` replaces it first): clear ``fuzzy`` and
    ``#|``, sign it.

    Keeps the ``l10n-mt`` record and, when the accepted text differs from the machine
    output, the output itself as ``l10n-mt-original`` (found in the msgstr, an
    alternative or an earlier such line by the record's hash), so that ``l10n eval``
    can still compare the two. Drops alternatives, guard warnings and earlier review
    marks. :class:`UsageError` when there is no (complete) translation to accept.
    """
    signature = _signature(reviewer, on)
    original = machine_output(entry)
    if text is not None:
        if entry.msgid_plural:
            raise UsageError("edit plural entries in a PO editor", msgid=entry.msgid)
        entry.msgstr = text
    if not _translated(entry):
        raise UsageError("nothing to accept: the entry has no translation", msgid=entry.msgid)
    _settle(entry)
    drop = (ALT_TAG, WARN_TAG, ORIGINAL_TAG, *_REVIEW_TAGS)
    lines = [line for line in _lines(entry) if not line.startswith(drop)]
    keep = original is not None and original != entry.msgstr
    if keep and original is not None and "\n" not in original and original == original.strip():
        lines.append(f"{ORIGINAL_TAG} {original}")
    lines.append(f"{REVIEWED_TAG} {signature}")
    entry.tcomment = "\n".join(lines)


def machine_output(entry: CatalogEntry) -> str | None:
    """The engine's words for the entry, when the file still holds them.

    The text whose hash is the ``l10n-mt`` record's output hash: the msgstr (unedited),
    an ``l10n-alt`` line (after a reviewer took an alternative) or an
    ``l10n-mt-original`` line. None without a record or when the words are gone.
    """
    record = machine_record(entry)
    if record is None:
        return None
    candidates = [entry.msgstr, *_tagged(entry, ORIGINAL_TAG), *alternatives(entry)]
    for candidate in candidates:
        if candidate and short_hash(candidate) == record.output_hash:
            return candidate
    return None


def reject(entry: CatalogEntry, *, reviewer: str, on: date) -> None:
    """Clear the translation (the entry stays, untranslated) and record who rejected it."""
    signature = _signature(reviewer, on)
    rejected = entry.msgstr if not entry.msgid_plural else "\n".join(entry.msgstr_plural.values())
    entry.msgstr = ""
    entry.msgstr_plural = dict.fromkeys(entry.msgstr_plural, "")
    _settle(entry)
    mark = f"{REJECTED_TAG} {signature}"
    if rejected:
        mark += f" out:{short_hash(rejected)}"
    _rewrite(entry, drop=(MT_TAG, ORIGINAL_TAG, ALT_TAG, WARN_TAG, *_REVIEW_TAGS), add=mark)


def mark_skipped(entry: CatalogEntry, *, reviewer: str, on: date) -> None:
    """Record that the entry was looked at and left for later."""
    _rewrite(entry, drop=(SKIPPED_TAG,), add=f"{SKIPPED_TAG} {_signature(reviewer, on)}")


def take_alternative(entry: CatalogEntry, number: int) -> None:
    """Make alternative ``number`` (1-based) the translation; the old one takes its place.

    The entry stays (or becomes) fuzzy: choosing a candidate is not yet accepting it.
    Taking the same number again swaps back. :class:`UsageError` when there is no such
    alternative or the entry is a plural one.
    """
    candidates = alternatives(entry)
    if entry.msgid_plural:
        raise UsageError("plural entries have no alternatives to take", msgid=entry.msgid)
    if not 1 <= number <= len(candidates):
        have = f"1-{len(candidates)}" if candidates else "none"
        raise UsageError(f"no alternative {number} (alternatives: {have})", msgid=entry.msgid)
    chosen, previous = candidates[number - 1], entry.msgstr
    replacement = " ".join(previous.split())
    lines, seen = [], 0
    for line in _lines(entry):
        if line.startswith(ALT_TAG):
            seen += 1
            if seen == number:
                if not replacement:
                    continue
                line = f"{ALT_TAG} {replacement}"
        lines.append(line)
    entry.tcomment = "\n".join(lines)
    entry.msgstr = chosen
    if "fuzzy" not in entry.flags:
        entry.flags.append("fuzzy")
