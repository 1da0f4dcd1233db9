"""The ``l10n`` command line: the only package that imports click.

Each command parses its options, calls one library function and prints the result.
Library errors (:class:`~l10n.errors.L10nError`) are caught once, in
:class:`~l10n.cli.base.L10nGroup`, and printed as one line: exit 1 for a handled error,
2 for usage, as click defines them. Heavy modules are imported inside the commands so
that ``l10n --help`` starts at once. Each module of this package adds its commands to
the one group, ``cli``.
"""

from . import (  # noqa: F401  (register the commands)
    catalogs,
    check,
    fmt,
    memory,
    mt,
    quality,
    review,
    xliff,
)
from .base import cli, main

__all__ = ["cli", "main"]
