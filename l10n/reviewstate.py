"""The review-state protocol: what a catalog entry's ``# l10n-*`` comments say, and its state.

Machine output and people's decisions are written as ``#`` translator-comment lines,
which GNU msgmerge and msgcat, polib, Babel and Poedit all carry through (flags and
``#.`` comments are not safe places: msgmerge rewrites ``#,`` format flags and replaces
``#.`` with the template's)::

    # l10n-alt: <text>                           another candidate of the engine's
    # l10n-previous: <text>                      the translation of the previous source (#|)
    # l10n-mt-original: <text>                   the engine's words, when a person changed them
    # l10n-warning: <text>                       the output guard fired
    # l10n-warning: unknown words: @w #w         words the engine could not translate
    # l10n-mt: <provenance> src:<h8> out:<h8>    machine output: who, from what, into what
    # l10n-reviewed: <who> <YYYY-MM-DD>          accepted: translated, no longer fuzzy
    # l10n-rejected: <who> <YYYY-MM-DD> out:<h8> translation cleared; h8 = hash of it
    # l10n-skipped: <who> <YYYY-MM-DD>           looked at, left for later

``h8`` is the first 8 hex digits of the text's SHA-256 (:func:`short_hash`). l10n writes
its lines after the translator's own, free text first and the records last, so that a
line a person adds at the end never follows a free-text line.

**Wrapped lines.** polib (78 columns with ``# ``) and Babel (76 columns of text) wrap
long comment lines at spaces, so a tag's value may continue on the following lines. A
following line continues the value when it is no ``l10n-`` line and the wrap explains
it: the previous piece fits in 76 columns and the next word does not fit after it (how
a greedy wrapper decides). Records are also checked against their pattern.

**States** (:func:`entry_state`, the one definition every command uses):

- ``untranslated``: not every form translated (:func:`l10n.po.entry.is_translated`);
- ``translated``: translated and not ``fuzzy`` (reviewed, by l10n review or a PO editor);
- ``machine``: fuzzy, unedited machine output of the current source sentence;
- ``edited``: fuzzy machine output of the current sentence that a person changed;
- ``stale``: fuzzy, made for another source sentence: a fuzzy match ``update`` offered
  (``#|`` previous msgid), or machine output whose ``src`` hash is not this msgid's;
- ``fuzzy``: other fuzzy translations of the current sentence (marked by a person).

``machine``, ``edited`` and ``fuzzy`` are drafts: they translate the current sentence
and are published only when the user asks for drafts (``--use-fuzzy``); ``stale`` ones
never are (:func:`publishable`).

Functions here read and change entries in memory; saving is the caller's.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from .errors import UsageError
from .po.entry import is_translated

if TYPE_CHECKING:
    from .po import CatalogEntry

__all__ = [
    "ALT_TAG",
    "DRAFT_STATES",
    "MT_TAG",
    "NEEDS_REVIEW",
    "ORIGINAL_TAG",
    "PREVIOUS_TAG",
    "REJECTED_TAG",
    "REVIEWED_TAG",
    "SKIPPED_TAG",
    "STATES",
    "WARN_TAG",
    "MachineRecord",
    "ReviewCounts",
    "ReviewMark",
    "accept",
    "alternatives",
    "can_translate_afresh",
    "entry_state",
    "is_skipped",
    "is_unreviewed_machine_output",
    "machine_output",
    "machine_record",
    "mark_skipped",
    "needs_review",
    "previous_translation",
    "publishable",
    "reject",
    "rejected_output",
    "review_counts",
    "review_mark",
    "short_hash",
    "sign_editor_review",
    "tag_values",
    "take_alternative",
    "take_previous",
    "unknown_words",
    "warnings",
    "write_machine_output",
]

MT_TAG = "l10n-mt:"
ALT_TAG = "l10n-alt:"
WARN_TAG = "l10n-warning:"
PREVIOUS_TAG = "l10n-previous:"
ORIGINAL_TAG = "l10n-mt-original:"
REVIEWED_TAG = "l10n-reviewed:"
REJECTED_TAG = "l10n-rejected:"
SKIPPED_TAG = "l10n-skipped:"
UNKNOWN_PREFIX = "unknown words:"
_FREE_TEXT = (ALT_TAG, PREVIOUS_TAG, ORIGINAL_TAG, WARN_TAG)
_RECORDS = (MT_TAG, REVIEWED_TAG, REJECTED_TAG, SKIPPED_TAG)
_TAGS = _FREE_TEXT + _RECORDS
_REVIEW_TAGS = (REVIEWED_TAG, REJECTED_TAG, SKIPPED_TAG)
_WRAP_WIDTH = 76  # columns of comment text polib and Babel keep on a line
_RECORD = re.compile(r"(?P<what>.*?) src:(?P<src>[0-9a-f]{8}) out:(?P<out>[0-9a-f]{8})\s*$")
_MARK = re.compile(
    r"(?P<who>\S.*?)\s+(?P<date>\d{4}-\d{2}-\d{2})(?:\s+out:(?P<out>[0-9a-f]{8}))?\s*$"
)

STATES = ("machine", "edited", "stale", "fuzzy", "untranslated", "translated")
NEEDS_REVIEW = ("machine", "edited", "stale", "fuzzy", "untranslated")
"""The states :func:`needs_review` is true of, in the order a review offers them."""
DRAFT_STATES = frozenset({"machine", "edited", "fuzzy"})
"""Unreviewed translations of the current source sentence: published only on request."""


def short_hash(text: str) -> str:
    """The first 8 hex digits of the text's SHA-256: how records name texts."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


# -- reading the lines -----------------------------------------------------------------------


def _lines(entry: CatalogEntry) -> list[str]:
    return (entry.tcomment or "").splitlines()


def _continues(piece: str, following: str) -> bool:
    """Whether ``following`` is the rest of ``piece`` that a greedy wrapper moved down."""
    words = following.split()
    if not words or following.startswith("l10n-") or len(piece) > _WRAP_WIDTH:
        return False
    return len(piece) + 1 + len(words[0]) > _WRAP_WIDTH


def _tagged(lines: list[str], *, lenient: int = 0) -> Iterator[tuple[str, list[str]]]:
    """(tag, pieces) of each tagged line with the wrapped pieces that follow it.

    With ``lenient``, up to that many following lines that are no ``l10n-`` line are
    taken even where the wrap rule does not explain them (for records, which their
    pattern checks): another wrapper may have cut elsewhere.
    """
    for index, line in enumerate(lines):
        if not line.startswith("l10n-"):
            continue
        tag = next((tag for tag in _TAGS if line.startswith(tag)), None)
        if tag is None:
            continue
        pieces = [line[len(tag) :].strip()]
        previous = line
        for count, following in enumerate(lines[index + 1 :], start=1):
            wrapped = _continues(previous, following)
            if not wrapped and (count > lenient or following.startswith("l10n-")):
                break
            pieces.append(following.strip())
            previous = following
        yield tag, pieces


def tag_values(entry: CatalogEntry, tag: str) -> list[str]:
    """The values of the entry's ``tag`` lines, wrapped lines joined, in file order."""
    if tag not in (entry.tcomment or ""):
        return []
    return [" ".join(pieces) for found, pieces in _tagged(_lines(entry)) if found == tag]


def _match(
    entry: CatalogEntry,
    tag: str,
    pattern: re.Pattern[str],
    valid: Callable[[re.Match[str]], bool] = lambda _: True,
) -> re.Match[str] | None:
    """``pattern`` matched on the first well-formed ``tag`` value (shortest joining first)."""
    if tag not in (entry.tcomment or ""):
        return None  # the common case, without splitting lines
    for found, pieces in _tagged(_lines(entry), lenient=3):
        if found != tag:
            continue
        for count in range(1, len(pieces) + 1):
            match = pattern.match(" ".join(pieces[:count]))
            if match and valid(match):
                return match
    return None


@dataclass(frozen=True)
class MachineRecord:
    """What an ``# l10n-mt:`` comment says: who translated, from which source, into what."""

    provenance: str
    source_hash: str
    output_hash: str

    def __str__(self) -> str:
        return f"{MT_TAG} {self.provenance} src:{self.source_hash} out:{self.output_hash}"


def machine_record(entry: CatalogEntry) -> MachineRecord | None:
    """The machine-translation record in the entry's translator comment, if any."""
    match = _match(entry, MT_TAG, _RECORD)
    return None if match is None else MachineRecord(match["what"], match["src"], match["out"])


@dataclass(frozen=True, slots=True)
class ReviewMark:
    """Who made a review decision, and on which day."""

    reviewer: str
    date: date


def _is_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _mark(entry: CatalogEntry, tag: str) -> re.Match[str] | None:
    return _match(entry, tag, _MARK, lambda match: _is_date(match["date"]))


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
    return tag_values(entry, ALT_TAG)


def warnings(entry: CatalogEntry) -> list[str]:
    """The output guard's warnings (``l10n-warning`` lines but unknown words)."""
    return [v for v in tag_values(entry, WARN_TAG) if not v.startswith(UNKNOWN_PREFIX)]


def unknown_words(entry: CatalogEntry) -> list[str]:
    """The words the engine marked as beyond it (``l10n-warning: unknown words:``
    lines), each with its mark: ``@word`` not in its bilingual dictionary, ``#word``
    not generated (see :class:`l10n.engine.base.Translation`)."""
    words: list[str] = []
    for value in tag_values(entry, WARN_TAG):
        if value.startswith(UNKNOWN_PREFIX):
            words.extend(value[len(UNKNOWN_PREFIX) :].split())
    return words


def previous_translation(entry: CatalogEntry) -> str | None:
    """The translation the entry had for its previous source, kept when it was
    machine-translated afresh (``l10n-previous``), if any."""
    values = tag_values(entry, PREVIOUS_TAG)
    return values[0] if values else None


def machine_output(entry: CatalogEntry) -> str | None:
    """The engine's words for the entry, when the file still holds them.

    The text whose hash is the ``l10n-mt`` record's output hash: the msgstr (unedited),
    an ``l10n-mt-original`` line, an ``l10n-alt`` line (after a reviewer took an
    alternative). None without a record or when the words are gone.
    """
    record = machine_record(entry)
    if record is None:
        return None
    candidates = [entry.msgstr, *tag_values(entry, ORIGINAL_TAG), *alternatives(entry)]
    for candidate in candidates:
        if candidate and short_hash(candidate) == record.output_hash:
            return candidate
    return None


# -- states ----------------------------------------------------------------------------------


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


# -- writing ---------------------------------------------------------------------------------


def _write(
    entry: CatalogEntry, *, drop: tuple[str, ...], add: Iterable[tuple[str, str]] = ()
) -> None:
    """Rewrite the entry's comment: the translator's own lines first, then l10n's (free
    text before records); lines tagged ``drop`` go, ``add`` (tag, value) pairs join.

    Wrapped values are joined again, so a file that a tool wrapped comes out whole.
    """
    lines = _lines(entry)
    owned: set[int] = set()
    kept: list[tuple[str, str]] = []
    for index, line in enumerate(lines):
        tag = next((tag for tag in _TAGS if line.startswith(tag)), None)
        if tag is None or index in owned:
            continue
        owned.add(index)
        pieces = [line[len(tag) :].strip()]
        previous = line
        for offset, following in enumerate(lines[index + 1 :], start=index + 1):
            if not _continues(previous, following):
                break
            owned.add(offset)
            pieces.append(following.strip())
            previous = following
        if tag not in drop:
            kept.append((tag, " ".join(pieces)))
    own = [*kept, *add]
    order = {tag: position for position, tag in enumerate(_TAGS)}
    own.sort(key=lambda pair: order[pair[0]])  # stable: same tags keep their order
    text = [line for index, line in enumerate(lines) if index not in owned]
    text += [f"{tag} {value}".rstrip() for tag, value in own]
    entry.tcomment = "\n".join(text)


def _one_line(text: str) -> str | None:
    """``text`` as a comment value, or None when a comment line cannot hold it exactly."""
    if not text or "\n" in text or "\r" in text or text != text.strip():
        return None
    return text


def write_machine_output(
    entry: CatalogEntry,
    *,
    text: str,
    provenance: str,
    alternatives: Iterable[str] = (),
    warning: str | None = None,
    unknown: Iterable[str] = (),
) -> None:
    """Make ``text`` the entry's translation as machine output: fuzzy, with its record.

    ``unknown``: words the engine marked as beyond it (``@word``, ``#word``), written on
    one ``l10n-warning: unknown words:`` line (see :func:`unknown_words`).

    Replaces every earlier l10n line. A stale translation (made for the previous source,
    see :func:`entry_state`) is kept as ``l10n-previous`` for the reviewer, often the
    better starting point, with the ``#|`` previous source it translated; otherwise the
    ``#|`` fields go.
    """
    previous = _previous_to_keep(entry) if entry_state(entry) == "stale" else None
    add = [(ALT_TAG, " ".join(alt.split())) for alt in alternatives]
    if previous is not None:
        add.append((PREVIOUS_TAG, previous))
    else:
        entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
    if warning:
        add.append((WARN_TAG, f"{warning}: check this translation"))
    words = [word for word in unknown if word and not any(c.isspace() for c in word)]
    if words:
        add.append((WARN_TAG, f"{UNKNOWN_PREFIX} {' '.join(dict.fromkeys(words))}"))
    add.append((MT_TAG, f"{provenance} src:{short_hash(entry.msgid)} out:{short_hash(text)}"))
    entry.msgstr = text
    if "fuzzy" not in entry.flags:
        entry.flags.append("fuzzy")
    _write(entry, drop=_TAGS, add=add)


def _stale_machine_output(entry: CatalogEntry) -> bool:
    record = machine_record(entry)
    return record is not None and short_hash(entry.msgstr) == record.output_hash


def _previous_to_keep(entry: CatalogEntry) -> str | None:
    """What a stale entry keeps as ``l10n-previous`` when translated afresh: its text, or,
    when that is the engine's output for the old source, the one it kept before."""
    if _stale_machine_output(entry):
        return previous_translation(entry)
    return _one_line(entry.msgstr)


def can_translate_afresh(entry: CatalogEntry, *, earlier: str | None) -> bool:
    """Whether a stale entry may be machine-translated afresh, losing nothing.

    Yes when its text is the engine's output for the old source, or still exactly the
    fuzzy match ``update`` copied (``earlier``: the translation the catalog holds for
    the ``#|`` previous source) and fits a comment line to be kept as ``l10n-previous``.
    No when a person has changed it (it waits for review) or it spans lines.
    """
    if _stale_machine_output(entry):
        return True
    return entry.msgstr == earlier and _one_line(entry.msgstr) is not None


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
    if original is not None and original != entry.msgstr and _one_line(original):
        add.append((ORIGINAL_TAG, original))
    add.append((REVIEWED_TAG, signature))
    _write(entry, drop=(ALT_TAG, PREVIOUS_TAG, WARN_TAG, ORIGINAL_TAG, *_REVIEW_TAGS), add=add)


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
    _write(
        entry,
        drop=(MT_TAG, ORIGINAL_TAG, ALT_TAG, PREVIOUS_TAG, WARN_TAG, *_REVIEW_TAGS),
        add=[(REJECTED_TAG, mark)],
    )


def mark_skipped(entry: CatalogEntry, *, reviewer: str, on: date) -> None:
    """Record that the entry was looked at and left for later."""
    _write(entry, drop=(SKIPPED_TAG,), add=[(SKIPPED_TAG, _signature(reviewer, on))])


def sign_editor_review(entry: CatalogEntry, *, on: date) -> None:
    """Sign unchanged machine output that someone accepted in a PO editor (fuzzy cleared,
    no ``l10n-reviewed`` line) so the acceptance survives tools that drop flags."""
    if entry.fuzzy or not is_unreviewed_machine_output(entry):
        return
    _write(entry, drop=(), add=[(REVIEWED_TAG, f"po-editor {on.isoformat()}")])


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
    chosen, replacement = candidates[number - 1], " ".join(entry.msgstr.split())
    others = [alt for position, alt in enumerate(candidates, start=1) if position != number]
    if replacement:
        others.insert(number - 1, replacement)
    _write(entry, drop=(ALT_TAG,), add=[(ALT_TAG, alt) for alt in others])
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
    _write(entry, drop=(ALT_TAG, PREVIOUS_TAG), add=[(ALT_TAG, alt) for alt in others])
    entry.msgstr = previous
    if "fuzzy" not in entry.flags:
        entry.flags.append("fuzzy")
