"""Writing to an entry what happened to it: machine output, a person's decisions.

Functions here change entries in memory; saving is the caller's (see
:mod:`l10n.reviewstate` for the protocol).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from ..errors import UsageError
from ..po.entry import is_translated
from .lines import (
    ALT_TAG,
    MT_TAG,
    NEAR_TAG,
    ORIGINAL_TAG,
    PREVIOUS_TAG,
    REJECTED_TAG,
    REVIEW_TAGS,
    REVIEWED_TAG,
    SKIPPED_TAG,
    TAGS,
    TM_TAG,
    UNKNOWN_PREFIX,
    WARN_TAG,
    NearMatch,
    alternatives,
    machine_output,
    near_matches,
    one_line,
    previous_translation,
    short_hash,
    write_lines,
)
from .state import entry_state, is_unreviewed_machine_output, previous_to_keep

if TYPE_CHECKING:
    from ..po import CatalogEntry

__all__ = [
    "accept",
    "mark_skipped",
    "reject",
    "sign_editor_review",
    "take_alternative",
    "take_previous",
    "write_machine_output",
    "write_memory_match",
]


def write_machine_output(
    entry: CatalogEntry,
    *,
    text: str,
    provenance: str,
    alternatives: Iterable[str] = (),
    warning: str | None = None,
    unknown: Iterable[str] = (),
    near: Iterable[NearMatch] = (),
) -> None:
    """Make ``text`` the entry's translation as machine output: fuzzy, with its record.

    ``unknown``: words the engine marked as beyond it (``@word``, ``#word``), written on
    one ``l10n-warning: unknown words:`` line (see :func:`unknown_words`). ``near``: the
    translation memory's near matches, written as ``l10n-near`` lines for the reviewer.

    Replaces every earlier l10n line. A stale translation (made for the previous source,
    see :func:`entry_state`) is kept as ``l10n-previous`` for the reviewer, often the
    better starting point, with the ``#|`` previous source it translated; otherwise the
    ``#|`` fields go.
    """
    previous = previous_to_keep(entry) if entry_state(entry) == "stale" else None
    spaced = (" ".join(alt.split()) for alt in alternatives)
    add = [(ALT_TAG, alt) for alt in spaced if one_line(alt)]  # a comment can hold it
    add += [(NEAR_TAG, f"{match.score}% {match.text}") for match in near if one_line(match.text)]
    if previous is not None:
        add.append((PREVIOUS_TAG, previous))
    else:
        entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
    if warning:
        add.append((WARN_TAG, f"{warning}: check this translation"))
    words = [word for word in unknown if one_line(word) and not any(c.isspace() for c in word)]
    if words:
        add.append((WARN_TAG, f"{UNKNOWN_PREFIX} {' '.join(dict.fromkeys(words))}"))
    add.append((MT_TAG, f"{provenance} src:{short_hash(entry.msgid)} out:{short_hash(text)}"))
    entry.msgstr = text
    if "fuzzy" not in entry.flags:
        entry.flags.append("fuzzy")
    write_lines(entry, drop=TAGS, add=add)


def write_memory_match(
    entry: CatalogEntry, *, text: str, origin: str, on: date, trusted: bool = False
) -> None:
    """Make ``text``, the translation memory's exact match, the entry's translation, with
    an ``l10n-tm: <origin> <date> src:<h8>`` line (where it was found, how old it is,
    which sentence it translates): fuzzy, a draft to review, unless ``trusted`` (then
    it counts as reviewed, as the translation it repeats was).

    Replaces every earlier l10n line. A stale translation is kept as ``l10n-previous``
    with its ``#|`` source, as for machine output (not when trusted: a reviewed entry
    has no previous source).
    """
    previous = previous_to_keep(entry) if entry_state(entry) == "stale" else None
    add = []
    if previous is not None and not trusted:
        add.append((PREVIOUS_TAG, previous))
    else:
        entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
    where = " ".join(origin.split()) or "memory"
    add.append((TM_TAG, f"{where} {on.isoformat()} src:{short_hash(entry.msgid)}"))
    entry.msgstr = text
    if trusted:
        entry.flags[:] = [flag for flag in entry.flags if flag != "fuzzy"]
    elif "fuzzy" not in entry.flags:
        entry.flags.append("fuzzy")
    write_lines(entry, drop=TAGS, add=add)


def _signature(reviewer: str, on: date) -> str:
    who = " ".join(reviewer.split())
    if not who:
        raise UsageError("the reviewer's name is empty: pass --reviewer NAME")
    return f"{who} {on.isoformat()}"


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

    Keeps the ``l10n-mt`` record, so the file still says the text began as machine output
    (and, by its output hash, whether the reviewer changed it), and, when the accepted
    text differs from the machine output, the output itself as ``l10n-mt-original``
    (found in the msgstr, an alternative or an earlier such line by the record's hash),
    so that ``l10n eval`` can still compare the two. Drops alternatives, the previous
    translation, guard warnings and earlier review marks: they described candidates a
    person has now judged. :class:`UsageError` when there is no (complete) translation.
    """
    signature = _signature(reviewer, on)
    original = machine_output(entry)
    if text is not None:
        if entry.msgid_plural:
            raise UsageError("edit plural entries in a PO editor", msgid=entry.msgid)
        entry.msgstr = text
    if not is_translated(entry):
        raise UsageError("nothing to accept: the entry has no translation", msgid=entry.msgid)
    _settle(entry)
    add = []
    if original is not None and original != entry.msgstr and one_line(original):
        add.append((ORIGINAL_TAG, original))
    add.append((REVIEWED_TAG, signature))
    drop = (ALT_TAG, NEAR_TAG, PREVIOUS_TAG, WARN_TAG, ORIGINAL_TAG, *REVIEW_TAGS)
    write_lines(entry, drop=drop, add=add)


def reject(entry: CatalogEntry, *, reviewer: str, on: date) -> None:
    """Clear the translation (the entry stays, untranslated) and record who rejected it.

    Drops the machine record too (it describes text no longer there); the rejected
    text's hash stays in the ``l10n-rejected`` line for a later run to recognise it.
    """
    signature = _signature(reviewer, on)
    rejected = entry.msgstr if not entry.msgid_plural else "\n".join(entry.msgstr_plural.values())
    entry.msgstr = ""
    entry.msgstr_plural = dict.fromkeys(entry.msgstr_plural, "")
    _settle(entry)
    mark = signature + (f" out:{short_hash(rejected)}" if rejected else "")
    write_lines(
        entry,
        drop=(MT_TAG, TM_TAG, ORIGINAL_TAG, ALT_TAG, NEAR_TAG, PREVIOUS_TAG, WARN_TAG,
              *REVIEW_TAGS),
        add=[(REJECTED_TAG, mark)],
    )


def mark_skipped(entry: CatalogEntry, *, reviewer: str, on: date) -> None:
    """Record that the entry was looked at and left for later."""
    write_lines(entry, drop=(SKIPPED_TAG,), add=[(SKIPPED_TAG, _signature(reviewer, on))])


def sign_editor_review(entry: CatalogEntry, *, on: date) -> None:
    """Sign unchanged machine output that someone accepted in a PO editor (fuzzy cleared,
    no ``l10n-reviewed`` line) so the acceptance survives tools that drop flags."""
    if entry.fuzzy or not is_unreviewed_machine_output(entry):
        return
    write_lines(entry, drop=(), add=[(REVIEWED_TAG, f"po-editor {on.isoformat()}")])


def take_alternative(entry: CatalogEntry, number: int) -> None:
    """Make alternative ``number`` (1-based) the translation; the old one takes its place.

    The engine's alternatives (``l10n-alt``) come first, then the memory's near matches
    (``l10n-near``): a near match taken leaves its line, and the old translation becomes
    the last alternative. The entry stays (or becomes) fuzzy: choosing a candidate is
    not yet accepting it. Taking the same alternative's number again swaps back.
    :class:`UsageError` when there is no such alternative or the entry is a plural one.
    """
    engine = alternatives(entry)
    near = near_matches(entry)
    count = len(engine) + len(near)
    if entry.msgid_plural:
        raise UsageError("plural entries have no alternatives to take", msgid=entry.msgid)
    if not 1 <= number <= count:
        have = f"1-{count}" if count else "none"
        raise UsageError(f"no alternative {number} (alternatives: {have})", msgid=entry.msgid)
    replacement = " ".join(entry.msgstr.split())
    if number > len(engine):
        taken = near.pop(number - len(engine) - 1)
        chosen, others = taken.text, [*engine, *([replacement] if replacement else [])]
    else:
        chosen = engine[number - 1]
        others = [alt for position, alt in enumerate(engine, start=1) if position != number]
        if replacement:
            others.insert(number - 1, replacement)
    add = [(ALT_TAG, alt) for alt in others]
    add += [(NEAR_TAG, f"{match.score}% {match.text}") for match in near]
    write_lines(entry, drop=(ALT_TAG, NEAR_TAG), add=add)
    entry.msgstr = chosen
    if "fuzzy" not in entry.flags:
        entry.flags.append("fuzzy")


def take_previous(entry: CatalogEntry) -> None:
    """Make the previous translation (``l10n-previous``) the entry's text again, to adapt;
    the machine output becomes the first alternative. The entry stays fuzzy.
    :class:`UsageError` when the entry keeps no previous translation."""
    previous = previous_translation(entry)
    if previous is None:
        raise UsageError("no previous translation to take", msgid=entry.msgid)
    current = [" ".join(entry.msgstr.split())] if entry.msgstr.strip() else []
    others = [*current, *alternatives(entry)]
    write_lines(entry, drop=(ALT_TAG, PREVIOUS_TAG), add=[(ALT_TAG, alt) for alt in others])
    entry.msgstr = previous
    if "fuzzy" not in entry.flags:
        entry.flags.append("fuzzy")
