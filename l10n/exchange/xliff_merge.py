"""An agency's XLIFF merged into the project's catalog, never onto the wrong sentence and
never over human work done since the export.

For each unit of the document (obsolete ones are skipped: they are not for translation):

- the entry is found by context and msgid; when it is gone, or its source text (or
  plural source) differs, the catalog changed since the export: **mismatch**, skipped;
- a unit in state ``initial``, or whose translation and state are as exported, is left
  alone (**untouched**): the agency did nothing to it;
- the same translation as the catalog's with state ``reviewed``/``final`` marks a draft
  **reviewed** (fuzzy cleared, signed ``l10n-reviewed: xliff <file> <date>``);
- a different translation is **applied** when the catalog's translation is still the one
  exported, or is no human work (machine output, untranslated); state
  ``reviewed``/``final`` makes it reviewed, ``translated`` an unreviewed human
  translation (fuzzy: ``edited`` when it began as machine output). Otherwise it is a
  **conflict**: someone changed the catalog's translation since the export, and both
  versions are human work; the catalog's stays.
- Replacing human work keeps the replaced text as an ``l10n-alt`` line that ``l10n
  review`` offers; where a comment line cannot hold it (a plural entry, several
  lines), it is a **conflict** instead.

An incomplete target (a plural form missing) is never applied (**incomplete**).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from ..reviewstate import (
    ALT_TAG,
    MT_TAG,
    ORIGINAL_TAG,
    PREVIOUS_TAG,
    accept,
    entry_state,
    machine_output,
    machine_record,
    short_hash,
)
from ..reviewstate.lines import REVIEW_TAGS, one_line, write_lines
from .xliff import STATE_OF, translation_hash, unit_id

if TYPE_CHECKING:
    from ..po import Catalog, CatalogEntry
    from .xliff_read import XliffDocument, XliffUnit

__all__ = ["ImportReport", "UnitProblem", "merge_translations"]

_HUMAN = frozenset({"translated", "edited", "fuzzy", "stale"})


@dataclass(frozen=True)
class UnitProblem:
    """A unit not applied: its id, the entry's msgid, and why."""

    uid: str
    msgid: str
    kind: str  # "mismatch", "conflict", "incomplete"
    reason: str


@dataclass
class ImportReport:
    """What an import did (or, dry, would do) to a catalog."""

    applied: int = 0
    reviewed: int = 0
    untouched: int = 0
    obsolete: int = 0
    problems: list[UnitProblem] = field(default_factory=list)

    def count(self, kind: str) -> int:
        return sum(1 for problem in self.problems if problem.kind == kind)


def merge_translations(
    catalog: Catalog, document: XliffDocument, *, signer: str, on: date
) -> ImportReport:
    """Merge the document's translations into ``catalog`` (in memory; see the module)."""
    report = ImportReport()
    active = {(entry.msgctxt, entry.msgid): entry for entry in catalog}
    for unit in document.units:
        if unit.entry.obsolete:
            report.obsolete += 1
            continue
        _merge_unit(active, unit, report, signer=signer, on=on)
    return report


def _forms(entry: CatalogEntry) -> tuple[str, ...]:
    if entry.msgid_plural:
        return tuple(entry.msgstr_plural[k] for k in sorted(entry.msgstr_plural))
    return (entry.msgstr,)


def _problem(report: ImportReport, unit: XliffUnit, kind: str, reason: str) -> None:
    report.problems.append(UnitProblem(unit.uid, unit.entry.msgid, kind, reason))


def _merge_unit(
    active: dict[tuple[str | None, str], CatalogEntry],
    unit: XliffUnit,
    report: ImportReport,
    *,
    signer: str,
    on: date,
) -> None:
    new = unit.entry
    entry = active.get((new.msgctxt, new.msgid))
    if unit.uid.split("_")[0] != unit_id(new.msgctxt, new.msgid):
        _problem(report, unit, "mismatch", "its source text is not the one exported")
        return
    if entry is None:
        _problem(report, unit, "mismatch", "no longer in the catalog (the source changed)")
        return
    if entry.msgid_plural != new.msgid_plural:
        _problem(report, unit, "mismatch", "its plural source differs from the catalog's")
        return
    wanted = _forms(new)
    as_exported = unit.exported == short_hash("\x00".join(wanted))
    if unit.state == "initial" or not unit.has_target or (
        as_exported and unit.exported_state is not None
        and unit.state == STATE_OF.get(unit.exported_state)
    ):  # fmt: skip
        report.untouched += 1
        return
    if len(wanted) != len(_forms(entry)) or not all(wanted):
        _problem(report, unit, "incomplete", "a translation (or plural form) is empty")
        return
    final = unit.state in ("reviewed", "final")
    if wanted == _forms(entry):
        if final and entry_state(entry) != "translated":
            accept(entry, reviewer=signer, on=on)
            report.reviewed += 1
        else:
            report.untouched += 1
        return
    state = entry_state(entry)
    unchanged_since = unit.exported == translation_hash(entry)
    if not unchanged_since and state in _HUMAN:
        _problem(report, unit, "conflict", f"the catalog's translation ({state}) changed "
                 "since the export; kept it")  # fmt: skip
        return
    keepable, kept = _kept_text(entry, state)
    if not keepable:
        _problem(report, unit, "conflict", f"the catalog's {state} translation spans lines "
                 "or forms and would be lost; kept it")  # fmt: skip
        return
    _apply(entry, wanted, final=final, kept=kept, signer=signer, on=on)
    report.applied += 1


def _kept_text(entry: CatalogEntry, state: str) -> tuple[bool, str | None]:
    """Whether the translation a change replaces can be kept, and the human translation
    to keep as an alternative (None: nothing to keep, it is no human work)."""
    if state not in _HUMAN or (state == "stale" and machine_output(entry) == entry.msgstr):
        return True, None
    text = None if entry.msgid_plural else one_line(entry.msgstr)
    return text is not None, text


def _apply(
    entry: CatalogEntry,
    forms: tuple[str, ...],
    *,
    final: bool,
    kept: str | None,
    signer: str,
    on: date,
) -> None:
    original = machine_output(entry)
    record = machine_record(entry)
    if entry.msgid_plural:
        entry.msgstr_plural = dict(enumerate(forms))
    else:
        entry.msgstr = forms[0]
    drop: tuple[str, ...] = (PREVIOUS_TAG, *REVIEW_TAGS)
    add = []
    if record is not None and record.source_hash != short_hash(entry.msgid):
        drop += (MT_TAG, ORIGINAL_TAG)  # output for an earlier source: describes nothing now
    elif original is not None and original != entry.msgstr and one_line(original):
        drop += (ORIGINAL_TAG,)
        add.append((ORIGINAL_TAG, original))
    write_lines(entry, drop=drop, add=add)
    entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
    if final:
        accept(entry, reviewer=signer, on=on)
    elif "fuzzy" not in entry.flags:
        entry.flags.append("fuzzy")
    if kept is not None:  # after accept, which drops alternatives
        write_lines(entry, drop=(), add=[(ALT_TAG, kept)])
