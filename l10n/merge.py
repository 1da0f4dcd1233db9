"""Merging a template into a catalog, as GNU ``msgmerge --previous`` does.

For each template entry, in template order:

- exact match (msgctxt + msgid) with an active or obsolete catalog entry: keeps its
  msgstr, flags (``fuzzy`` and the translator's own; format flags and ``no-wrap`` come from
  the template, as in msgmerge), translator comments and, while fuzzy, its ``#|`` previous
  msgid; takes references and extracted comments from the template. An obsolete entry
  comes back to life this way (``revived``).
- otherwise, with ``fuzzy_matching``, the most similar msgid among the catalog's
  translated entries (active and obsolete), if similar enough: its translation is copied,
  always marked ``fuzzy``, with ``#|`` naming the msgid it was made for.
- otherwise a new untranslated entry (``nplurals`` empty forms for a plural one).

Catalog entries the template no longer has become obsolete (``#~``) with translation,
comments and flags; untranslated ones are dropped, as msgmerge drops them. Unlike
msgmerge, an entry whose translation was copied to a fuzzy match is kept as obsolete too:
the translation stays with the exact sentence it was made for, so if that sentence comes
back (an edit undone) it gets its translation back exact and not fuzzy, and no sequence
of merges can drop a reviewed translation. The header is the catalog's, with the
template's ``POT-Creation-Date``.

A revived entry never gains a review it did not have: one whose text is still the
engine's (its ``l10n-mt`` record's output hash matches) and that nobody signed comes back
``fuzzy`` even when its flag is gone (Babel writes obsolete entries without ``fuzzy``).
So that machine output accepted in a PO editor (fuzzy cleared, nothing signed) keeps its
acceptance, such an entry is signed ``# l10n-reviewed: po-editor DATE`` when it becomes
obsolete.

Similarity is msgmerge's measure: ``2 * common / (len(a) + len(b))`` where ``common``
counts characters kept by the shortest insert/delete edit script (RapidFuzz's ``ratio``),
times 0.99 when the msgctxt differs. The threshold is stricter than msgmerge's 0.6, which
pairs unrelated sentences of similar length: see :data:`FUZZY_THRESHOLD`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from . import reviewstate as rs
from .po import Catalog, CatalogEntry, copy_entry
from .po.entry import has_translation

__all__ = ["FUZZY_THRESHOLD", "MergeResult", "merge_catalog"]

FUZZY_THRESHOLD = 0.75
"""Least similarity for a fuzzy match; msgmerge uses 0.6 (same measure, counted in bytes).

Why stricter: against 6,442 real English sentences (Python's docstrings), 41% of 400
new, unrelated sentences find some sentence at 0.6 or more ("Return the sample
arithmetic mean of data." / "Return the name of the parent of this widget.": 0.64), and
22% score between 0.6 and 0.75, where the pairs share little but their function words;
above 0.75 pairs are mostly one edit apart. What it costs, measured by
``benchmarks/bench_merge.py``: of 322 sentences edited by one to three words, 310 get
their old translation back at 0.75, 322 at 0.6 (msgmerge: 322)."""
_CONTEXT_PENALTY = 0.99
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class MergeResult:
    """The merged catalog and how its entries came to be."""

    catalog: Catalog
    kept: int  # exact matches of active entries
    fuzzy_matched: int  # new msgids given a similar entry's translation, fuzzy
    added: int  # new msgids left untranslated
    obsoleted: int  # active entries moved to the obsolete section
    revived: int  # obsolete entries whose msgid came back


def merge_catalog(
    catalog: Catalog,
    template: Catalog,
    *,
    fuzzy_matching: bool = True,
    today: date | None = None,
) -> MergeResult:
    """Bring ``catalog`` in step with ``template`` (see the module docstring).

    ``catalog`` is left as it was; the result keeps its file name, encoding and load
    state, so saving a merge that changed nothing writes nothing.
    """
    nplurals = catalog.nplurals or 2
    definitions = catalog.all_entries()
    by_key: dict[tuple[str | None, str], CatalogEntry] = {}
    for entry in definitions:
        by_key.setdefault((entry.msgctxt, entry.msgid), entry)
    used: set[int] = set()
    merged: list[CatalogEntry | None] = []
    kept = revived = 0
    references = _unique(template)
    for reference in references:
        found = by_key.get((reference.msgctxt, reference.msgid))
        if found is None:
            merged.append(None)
            continue
        used.add(id(found))
        merged.append(_merge_exact(found, reference, nplurals))
        kept += not found.obsolete
        revived += found.obsolete
    missing = [position for position, entry in enumerate(merged) if entry is None]
    sources: list[CatalogEntry | None] = [None] * len(missing)
    if fuzzy_matching and missing:
        sources = _similar([references[p] for p in missing], definitions)
    for position, source in zip(missing, sources, strict=True):
        reference = references[position]
        if source is None:
            merged[position] = _untranslated(reference, nplurals)
            continue
        merged[position] = _merge_fuzzy(source, reference, nplurals)
    obsolete, obsoleted = _obsolete(definitions, used, today or date.today())
    result = catalog.with_entries(
        [entry for entry in merged if entry is not None] + obsolete,
        metadata=_header(catalog, template),
    )
    return MergeResult(
        catalog=result,
        kept=kept,
        fuzzy_matched=len(missing) - sum(source is None for source in sources),
        added=sum(source is None for source in sources),
        obsoleted=obsoleted,
        revived=revived,
    )


def _unique(template: Catalog) -> list[CatalogEntry]:
    """The template's entries, a repeated msgctxt+msgid only once (a parsed file has none)."""
    seen: set[tuple[str | None, str]] = set()
    unique = []
    for entry in template:
        key = (entry.msgctxt, entry.msgid)
        if key not in seen:
            seen.add(key)
            unique.append(entry)
    return unique


def _obsolete(
    definitions: Sequence[CatalogEntry], used: set[int], today: date
) -> tuple[list[CatalogEntry], int]:
    """The obsolete section: entries not matched exactly, in catalog order, untranslated
    ones dropped (fuzzy-match sources are kept: see the module docstring)."""
    result = []
    count = 0
    for entry in definitions:
        if id(entry) in used or not has_translation(entry):
            continue
        if entry.obsolete:
            result.append(copy_entry(entry))
            continue
        kept = copy_entry(entry, obsolete=True, occurrences=[], comment="")
        rs.sign_editor_review(kept, on=today)
        result.append(kept)
        count += 1
    return result, count


def _header(catalog: Catalog, template: Catalog) -> dict[str, str]:
    """The catalog's header with the template's POT-Creation-Date (placed where GNU puts it)."""
    metadata = dict(catalog.metadata) or dict(template.metadata)
    date = template.metadata.get("POT-Creation-Date")
    if date is None:
        return metadata
    if "POT-Creation-Date" in metadata:
        metadata["POT-Creation-Date"] = date
        return metadata
    after = next((k for k in ("Report-Msgid-Bugs-To", "Project-Id-Version") if k in metadata), None)
    ordered = {} if after else {"POT-Creation-Date": date}
    for key, value in metadata.items():
        ordered[key] = value
        if key == after:
            ordered["POT-Creation-Date"] = date
    return ordered


def _flags(reference: CatalogEntry, own: Sequence[str], *, fuzzy: bool) -> list[str]:
    """Template flags, plus the translator's own ones (not format flags or wrapping)."""
    flags = ["fuzzy"] if fuzzy else []
    flags += [flag for flag in reference.flags if flag != "fuzzy" and flag not in flags]
    flags += [
        flag for flag in own if flag not in flags and flag != "fuzzy" and not _template_flag(flag)
    ]
    return flags


def _template_flag(flag: str) -> bool:
    return flag.endswith("-format") or flag in ("wrap", "no-wrap") or flag.startswith("range:")


def _translation(
    source: CatalogEntry, reference: CatalogEntry, nplurals: int
) -> tuple[str, dict[int, str], bool]:
    """msgstr and msgstr_plural for ``reference`` from ``source``; whether forms changed."""
    if reference.msgid_plural and source.msgid_plural:
        return "", dict(source.msgstr_plural), False
    if reference.msgid_plural:
        return "", dict.fromkeys(range(nplurals), source.msgstr), True
    if source.msgid_plural:
        return source.msgstr_plural.get(0, ""), {}, True
    return source.msgstr, {}, False


def _merge_exact(found: CatalogEntry, reference: CatalogEntry, nplurals: int) -> CatalogEntry:
    msgstr, forms, reshaped = _translation(found, reference, nplurals)
    lost_flag = found.obsolete and rs.is_unreviewed_machine_output(found)
    fuzzy = found.fuzzy or reshaped or lost_flag
    entry = copy_entry(
        reference,
        msgstr=msgstr,
        msgstr_plural=forms,
        tcomment=found.tcomment,
        flags=_flags(reference, found.flags, fuzzy=fuzzy),
        obsolete=False,
        previous_msgctxt=None,
        previous_msgid=None,
        previous_msgid_plural=None,
    )
    if reshaped:
        _set_previous(entry, found)
    elif fuzzy:
        entry.previous_msgctxt = found.previous_msgctxt
        entry.previous_msgid = found.previous_msgid
        entry.previous_msgid_plural = found.previous_msgid_plural
    return entry


def _merge_fuzzy(source: CatalogEntry, reference: CatalogEntry, nplurals: int) -> CatalogEntry:
    msgstr, forms, _ = _translation(source, reference, nplurals)
    entry = copy_entry(
        reference,
        msgstr=msgstr,
        msgstr_plural=forms,
        tcomment=source.tcomment,
        flags=_flags(reference, source.flags, fuzzy=True),
        obsolete=False,
    )
    if source.fuzzy and source.previous_msgid is not None:
        entry.previous_msgctxt = source.previous_msgctxt
        entry.previous_msgid = source.previous_msgid
        entry.previous_msgid_plural = source.previous_msgid_plural
    else:
        _set_previous(entry, source)
    return entry


def _set_previous(entry: CatalogEntry, source: CatalogEntry) -> None:
    entry.previous_msgctxt = source.msgctxt
    entry.previous_msgid = source.msgid
    entry.previous_msgid_plural = source.msgid_plural or None


def _untranslated(reference: CatalogEntry, nplurals: int) -> CatalogEntry:
    forms = dict.fromkeys(range(nplurals), "") if reference.msgid_plural else {}
    return copy_entry(
        reference,
        msgstr="",
        msgstr_plural=forms,
        flags=[flag for flag in reference.flags if flag != "fuzzy"],
        obsolete=False,
        previous_msgctxt=None,
        previous_msgid=None,
        previous_msgid_plural=None,
    )


def _similar(
    references: Sequence[CatalogEntry], definitions: Sequence[CatalogEntry]
) -> list[CatalogEntry | None]:
    """For each reference, the most similar translated definition above the threshold.

    Small merges compare every pair. Large ones, like msgmerge's own fuzzy index, first
    pick likely candidates (the definitions sharing the most uncommon words with the new
    msgid) and measure only those; a short msgid is still compared with every entry.
    """
    candidates = [entry for entry in definitions if has_translation(entry)]
    if not candidates:
        return [None] * len(references)
    texts = [entry.msgid for entry in candidates]
    everything = _Groups(range(len(texts)), candidates, texts)
    index = None
    if len(references) * len(texts) > _EXHAUSTIVE_PAIRS:
        index = _WordIndex(texts)
    results: list[CatalogEntry | None] = []
    for reference in references:
        groups = everything
        if index is not None and len(reference.msgid) >= _SHORT:
            likely = index.likely(reference.msgid)
            if likely is not None:
                groups = _Groups(likely, candidates, texts)
        best = groups.best(reference)
        results.append(None if best is None else candidates[best])
    return results


_EXHAUSTIVE_PAIRS = 400_000  # about 0.15 s of RapidFuzz comparisons
_SHORT = 60  # msgids shorter than this are compared with every candidate
_LIKELY = 100  # candidates measured per msgid in a large merge
_RAREST = 10  # of its words, the rarest that choose them


class _Groups:
    """Candidate msgids grouped by msgctxt (a different one costs a 1% penalty)."""

    def __init__(
        self, positions: Iterable[int], candidates: Sequence[CatalogEntry], texts: Sequence[str]
    ) -> None:
        self.groups: dict[str | None, tuple[list[int], list[str]]] = {}
        for position in positions:
            group = self.groups.setdefault(candidates[position].msgctxt, ([], []))
            group[0].append(position)
            group[1].append(texts[position])

    def best(self, reference: CatalogEntry) -> int | None:
        """Position of the best candidate (ties: the earliest), None below the threshold."""
        from rapidfuzz import fuzz, process

        cutoff = FUZZY_THRESHOLD * 100
        best: tuple[float, int] | None = None
        for context, (positions, choices) in self.groups.items():
            factor = 1.0 if context == reference.msgctxt else _CONTEXT_PENALTY
            found = process.extractOne(
                reference.msgid, choices, scorer=fuzz.ratio, score_cutoff=cutoff / factor
            )
            if found is None:
                continue
            score, position = found[1] * factor, positions[found[2]]
            if best is None or score > best[0] or (score == best[0] and position < best[1]):
                best = (score, position)
        return None if best is None else best[1]


class _WordIndex:
    """Which msgids share uncommon words with a text, weighted by rarity (words in over a
    tenth of the msgids are ignored)."""

    def __init__(self, texts: Sequence[str]) -> None:
        postings: dict[str, list[int]] = {}
        for position, text in enumerate(texts):
            for word in set(_WORD.findall(text.lower())):
                postings.setdefault(word, []).append(position)
        limit = max(32, len(texts) // 10)
        self.postings = {word: found for word, found in postings.items() if len(found) <= limit}

    def likely(self, text: str) -> list[int] | None:
        """The most likely candidates; None when the text has too few uncommon words."""
        lists = [self.postings.get(word) for word in set(_WORD.findall(text.lower()))]
        found = sorted((positions for positions in lists if positions), key=len)[:_RAREST]
        if len(found) < 2:
            return None
        scores: dict[int, float] = {}
        for positions in found:
            weight = 1.0 / len(positions)
            for position in positions:
                scores[position] = scores.get(position, 0.0) + weight
        best = sorted(scores, key=scores.__getitem__, reverse=True)[:_LIKELY]
        return sorted(best)
