"""The ``# l10n-*`` lines of an entry's translator comment: read (wrapped lines joined)
and written (the translator's own lines first, l10n's after them, free text before
records). See :mod:`l10n.reviewstate` for the protocol.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..po import CatalogEntry

__all__ = [
    "ALT_TAG",
    "MT_TAG",
    "NEAR_TAG",
    "ORIGINAL_TAG",
    "PREVIOUS_TAG",
    "REJECTED_TAG",
    "REVIEWED_TAG",
    "REVIEW_TAGS",
    "SKIPPED_TAG",
    "TAGS",
    "TM_TAG",
    "UNKNOWN_PREFIX",
    "WARN_TAG",
    "MachineRecord",
    "MemoryRecord",
    "NearMatch",
    "ReviewMark",
    "alternatives",
    "is_skipped",
    "machine_output",
    "machine_record",
    "memory_record",
    "near_matches",
    "one_line",
    "previous_translation",
    "rejected_output",
    "review_mark",
    "short_hash",
    "tag_values",
    "unknown_words",
    "warnings",
    "write_lines",
]

MT_TAG = "l10n-mt:"
ALT_TAG = "l10n-alt:"
WARN_TAG = "l10n-warning:"
PREVIOUS_TAG = "l10n-previous:"
ORIGINAL_TAG = "l10n-mt-original:"
REVIEWED_TAG = "l10n-reviewed:"
REJECTED_TAG = "l10n-rejected:"
SKIPPED_TAG = "l10n-skipped:"
TM_TAG = "l10n-tm:"
NEAR_TAG = "l10n-near:"
UNKNOWN_PREFIX = "unknown words:"
_FREE_TEXT = (ALT_TAG, NEAR_TAG, PREVIOUS_TAG, ORIGINAL_TAG, WARN_TAG)
_RECORDS = (MT_TAG, TM_TAG, REVIEWED_TAG, REJECTED_TAG, SKIPPED_TAG)
TAGS = _FREE_TEXT + _RECORDS
REVIEW_TAGS = (REVIEWED_TAG, REJECTED_TAG, SKIPPED_TAG)
_WRAP_WIDTH = 76  # columns of comment text polib and Babel keep on a line
_RECORD = re.compile(r"(?P<what>.*?) src:(?P<src>[0-9a-f]{8}) out:(?P<out>[0-9a-f]{8})\s*$")
_MEMORY = re.compile(
    r"(?P<origin>\S.*?)\s+(?P<date>\d{4}-\d{2}-\d{2})(?:\s+src:(?P<src>[0-9a-f]{8}))?\s*$"
)
_NEAR = re.compile(r"(?P<score>\d{1,3})% (?P<text>\S.*)$")
_MARK = re.compile(
    r"(?P<who>\S.*?)\s+(?P<date>\d{4}-\d{2}-\d{2})(?:\s+out:(?P<out>[0-9a-f]{8}))?\s*$"
)


def short_hash(text: str) -> str:
    """The first 8 hex digits of the text's SHA-256: how records name texts."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


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
        tag = next((tag for tag in TAGS if line.startswith(tag)), None)
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
            # strip: a wrapper moves a value too long for the tag's line down whole
            match = pattern.match(" ".join(pieces[:count]).strip())
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


@dataclass(frozen=True, slots=True)
class MemoryRecord:
    """What an ``# l10n-tm:`` line says: the translation came from the translation
    memory, from a reviewed translation of the same sentence in ``origin`` (a catalog or
    TMX file) dated ``date``; ``source_hash`` names the sentence it was found for (None
    when the line does not say)."""

    origin: str
    date: date
    source_hash: str | None = None

    def __str__(self) -> str:
        src = "" if self.source_hash is None else f" src:{self.source_hash}"
        return f"{TM_TAG} {self.origin} {self.date.isoformat()}{src}"


def memory_record(entry: CatalogEntry) -> MemoryRecord | None:
    """The translation-memory record in the entry's translator comment, if any."""
    match = _match(entry, TM_TAG, _MEMORY, lambda match: _is_date(match["date"]))
    if match is None:
        return None
    return MemoryRecord(match["origin"], date.fromisoformat(match["date"]), match["src"])


@dataclass(frozen=True, slots=True)
class NearMatch:
    """A near match of the translation memory (``# l10n-near: 87% <text>``): the
    translation of a similar sentence, and how similar it is (a percentage)."""

    score: int
    text: str

    def __str__(self) -> str:
        return f"{NEAR_TAG} {self.score}% {self.text}"


def near_matches(entry: CatalogEntry) -> list[NearMatch]:
    """The near matches the memory offered (``l10n-near`` lines), best first."""
    found = []
    for value in tag_values(entry, NEAR_TAG):
        match = _NEAR.match(value)
        if match is not None and int(match["score"]) <= 100:
            found.append(NearMatch(int(match["score"]), match["text"]))
    return found


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


def write_lines(
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
        tag = next((tag for tag in TAGS if line.startswith(tag)), None)
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
    order = {tag: position for position, tag in enumerate(TAGS)}
    own.sort(key=lambda pair: order[pair[0]])  # stable: same tags keep their order
    text = [line for index, line in enumerate(lines) if index not in owned]
    text += [f"{tag} {value}".rstrip() for tag, value in own]
    entry.tcomment = "\n".join(text)


def one_line(text: str) -> str | None:
    """``text`` as a comment value, or None when a comment line cannot hold it exactly
    (a line break; spaces at either end; a final backslash, which GNU gettext reads as
    joining the next line)."""
    if not text or "\n" in text or "\r" in text or text != text.strip() or text[-1] == "\\":
        return None
    return text
