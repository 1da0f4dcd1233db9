"""Plain text: every non-blank line is a block, every character is text.

Articles in ``.txt`` files keep the original path of :mod:`l10n.document` (their
behaviour predates the format layer and is exactly as it was); this module serves plain
text found inside other formats, such as a JSON field configured as ``text``.
"""

from __future__ import annotations

import re

from .base import Block, Region, text_pieces

__all__ = ["parse_regions"]

_LINE = re.compile(r"[^\n\r\u2028\u2029]+")


def parse_regions(text: str, start: int, end: int, label: str = "line") -> list[Region]:
    """One block per non-blank line of ``text[start:end]``, numbered ``line 1``..."""
    regions: list[Region] = []
    for match in _LINE.finditer(text, start, end):
        if match.group().strip():
            pieces = tuple(text_pieces(text, match.start(), match.end()))
            regions.append(Block(pieces, f"{label} {len(regions) + 1}", _verbatim))
    return regions


def _verbatim(text: str, line_start: bool = False) -> str:
    return text
