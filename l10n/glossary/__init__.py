"""The project's glossary: terms kept verbatim or translated one way, enforced and checked.

A glossary is a CSV (``source,target,lang,note``) or TBX file named in ``l10n.toml``
(``[glossary] file = "glossary.csv"``), read by :mod:`.read`. An empty target means "do
not translate". :mod:`.protect` keeps terms out of the engine's way (placeholders in,
terms out); :mod:`.morph` finds a target term in a translation in any inflected form
(pymorphy3 for Ukrainian and Russian); the ``glossary`` check (:mod:`l10n.checks.glossary`)
uses both.
"""

from __future__ import annotations

from pathlib import Path

from .model import Glossary, Occurrence, Term, TermList, language_base
from .protect import CASE_LANGUAGES, Protected, protect, restore, substitutes

__all__ = [
    "CASE_LANGUAGES",
    "Glossary",
    "Occurrence",
    "Protected",
    "Term",
    "TermList",
    "language_base",
    "load_glossary",
    "protect",
    "restore",
    "substitutes",
]


def load_glossary(path: Path, *, source_lang: str, shown: str | None = None) -> Glossary:
    """The glossary in the file at ``path`` (CSV, or TBX by its ``.tbx`` extension);
    :class:`~l10n.errors.ConfigError` naming the file and line when it is malformed."""
    from .read import read_glossary

    terms = read_glossary(path, source_lang=source_lang, shown=shown)
    return Glossary(tuple(terms), shown or str(path))
