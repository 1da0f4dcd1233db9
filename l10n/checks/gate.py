"""The publish gate: one catalog's check issues and whether it may be published.

:func:`check_catalog` runs the checks over a catalog and adds the gate's own issue
when too little of it is translated. A catalog passes when it has no error.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import UsageError
from ..model import Issue
from . import CHECKS, run_checks, validate_check_names

if TYPE_CHECKING:
    from ..glossary import TermList
    from ..po import Catalog

__all__ = ["GATE_CHECK", "CatalogCheck", "check_catalog"]

GATE_CHECK = "min-translated"


@dataclass(frozen=True, slots=True)
class CatalogCheck:
    """The result of checking one catalog.

    ``checked`` counts the entries the checks looked at; ``percent`` is the share of
    entries translated and reviewed (not fuzzy), as ``l10n stats`` counts it;
    ``checks`` names the checks that ran, the gate included when it was asked for.
    """

    lang: str
    path: str
    issues: tuple[Issue, ...]
    checked: int
    entries: int
    percent: float
    checks: tuple[str, ...]

    @property
    def errors(self) -> int:
        return sum(1 for issue in self.issues if issue.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for issue in self.issues if issue.severity == "warning")

    @property
    def passed(self) -> bool:
        return self.errors == 0


def check_catalog(
    catalog: Catalog,
    *,
    lang: str,
    source_lang: str,
    path: str = "",
    include_fuzzy: bool = True,
    disable: Collection[str] = (),
    min_translated: float | None = None,
    glossary: TermList | None = None,
) -> CatalogCheck:
    """Check ``catalog``; with ``min_translated`` (a percentage), gate on translation too."""
    if min_translated is not None and not 0 <= min_translated <= 100:
        raise UsageError(f"min-translated must be a percentage, not {min_translated:g}")
    skipped = set(validate_check_names(disable))
    issues = run_checks(
        catalog, lang=lang, source_lang=source_lang, include_fuzzy=include_fuzzy, path=path,
        disable=skipped, glossary=glossary,
    )
    stats = catalog.stats()
    checks = tuple(check.name for check in CHECKS if check.name not in skipped)
    if min_translated is not None:
        checks += (GATE_CHECK,)
        if stats.percent < min_translated:
            message = (
                f"{stats.percent:.1f}% translated and reviewed, "
                f"below the minimum of {min_translated:g}%"
            )
            issues.append(Issue(GATE_CHECK, "error", message, "", lang=lang, path=path))
    checked = sum(
        1
        for entry in catalog
        if entry.msgid
        and (include_fuzzy or not entry.fuzzy)
        and (entry.msgstr or any(entry.msgstr_plural.values()))
    )
    return CatalogCheck(
        lang=lang,
        path=path,
        issues=tuple(issues),
        checked=checked,
        entries=stats.entries,
        percent=stats.percent,
        checks=checks,
    )
