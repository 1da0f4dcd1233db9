"""The review-state protocol: what a catalog entry's ``# l10n-*`` comments say, and its state.

Machine output and people's decisions are written as ``#`` translator-comment lines,
which GNU msgmerge and msgcat, polib, Babel and Poedit all carry through (flags and
``#.`` comments are not safe places: msgmerge rewrites ``#,`` format flags and replaces
``#.`` with the template's)::

    # l10n-alt: <text>                           another candidate of the engine's
    # l10n-near: <score>% <text>                 the memory's translation of a similar sentence
    # l10n-previous: <text>                      the translation of the previous source (#|)
    # l10n-mt-original: <text>                   the engine's words, when a person changed them
    # l10n-warning: <text>                       the output guard fired
    # l10n-warning: unknown words: @w #w         words the engine could not translate
    # l10n-mt: <provenance> src:<h8> out:<h8>    machine output: who, from what, into what
    # l10n-tm: <catalog or file> <date> src:<h8> the memory's reviewed translation of the
                                                 same sentence: where, of when, for which
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
- ``fuzzy``: other fuzzy translations of the current sentence (marked by a person, or
  an exact match of the translation memory: ``l10n-tm`` whose ``src`` is this msgid's;
  one whose ``src`` is another's is ``stale``).

``machine``, ``edited`` and ``fuzzy`` are drafts: they translate the current sentence
and are published only when the user asks for drafts (``--use-fuzzy``); ``stale`` ones
never are (:func:`publishable`).

Functions here read and change entries in memory; saving is the caller's.
"""

from __future__ import annotations

from .decisions import (
    accept,
    mark_skipped,
    reject,
    sign_editor_review,
    take_alternative,
    take_previous,
    write_machine_output,
    write_memory_match,
)
from .lines import (
    ALT_TAG,
    MT_TAG,
    NEAR_TAG,
    ORIGINAL_TAG,
    PREVIOUS_TAG,
    REJECTED_TAG,
    REVIEWED_TAG,
    SKIPPED_TAG,
    TM_TAG,
    WARN_TAG,
    MachineRecord,
    MemoryRecord,
    NearMatch,
    ReviewMark,
    alternatives,
    is_skipped,
    machine_output,
    machine_record,
    memory_record,
    near_matches,
    previous_translation,
    rejected_output,
    review_mark,
    short_hash,
    tag_values,
    unknown_words,
    warnings,
)
from .state import (
    DRAFT_STATES,
    NEEDS_REVIEW,
    STATES,
    ReviewCounts,
    can_translate_afresh,
    entry_state,
    is_unreviewed_machine_output,
    needs_review,
    publishable,
    review_counts,
)

__all__ = [
    "ALT_TAG",
    "DRAFT_STATES",
    "MT_TAG",
    "NEAR_TAG",
    "NEEDS_REVIEW",
    "ORIGINAL_TAG",
    "PREVIOUS_TAG",
    "REJECTED_TAG",
    "REVIEWED_TAG",
    "SKIPPED_TAG",
    "STATES",
    "TM_TAG",
    "WARN_TAG",
    "MachineRecord",
    "MemoryRecord",
    "NearMatch",
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
    "memory_record",
    "near_matches",
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
    "write_memory_match",
]
