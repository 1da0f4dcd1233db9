"""Numbers: every number written in digits in the source is in the translation.

Numbers are compared by value, each side read the way its language writes numbers
(CLDR symbols through Babel): "1,000.5" in English is "1 000,5" in Ukrainian, and an
ungrouped "1000" matches either. A number the translation keeps written the source's
way ("1,000" in Ukrainian, where it reads as one point zero) is an error that names the
right spelling. Numbers spelled out in the source ("six people") need no digits,
and a number may become a Roman numeral ("21st century" -> "XXI століття"); digits
only the translation has are a warning. URLs, addresses, tags and placeholders
are left to their own checks.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from ..model import Issue
from .base import CheckContext, NumberStyle, TextView, strip_codes

__all__ = ["check_numbers", "find_numbers"]


@dataclass(frozen=True, slots=True)
class Number:
    text: str  # as written
    value: str  # canonical: digits, optional "." and fraction digits


@lru_cache(maxsize=32)
def _pattern(style: NumberStyle) -> re.Pattern[str]:
    groups = "".join(re.escape(g) for g in sorted(style.groups))
    decimal = re.escape(style.decimal)
    return re.compile(
        rf"(?<!\d)(?<!\d[{groups}{decimal}])"
        rf"(?P<int>\d{{1,3}}(?:[{groups}]\d{{3}})+(?!\d)|\d+)"
        rf"(?:{decimal}(?P<frac>\d+))?(?!\d)"
    )


def _canonical(int_part: str, frac: str | None) -> str:
    digits = re.sub(r"\D", "", int_part).lstrip("0") or "0"
    frac = (frac or "").rstrip("0")
    return f"{digits}.{frac}" if frac else digits


def find_numbers(text: str, style: NumberStyle) -> list[Number]:
    """The numbers written in digits in ``text``, read with ``style``."""
    return [
        Number(m.group(0), _canonical(m["int"], m["frac"]))
        for m in _pattern(style).finditer(strip_codes(text))
    ]


def _written(value: str, style: NumberStyle) -> str:
    """``value`` written in ``style`` (groups of three from four digits up)."""
    int_part, _, frac = value.partition(".")
    group = " " if " " in style.groups or "\u00a0" in style.groups else min(style.groups)
    chunks: list[str] = []
    while len(int_part) > 3:
        chunks.insert(0, int_part[-3:])
        int_part = int_part[:-3]
    text = group.join([int_part, *chunks])
    return f"{text}{style.decimal}{frac}" if frac else text


def check_numbers(view: TextView, context: CheckContext) -> list[Issue]:
    source = find_numbers(view.source, context.source_numbers)
    if not source and not re.search(r"\d", view.translation):
        return []
    target = find_numbers(view.translation, context.target_numbers)
    missing = Counter(n.value for n in source) - Counter(n.value for n in target)
    extra = Counter(n.value for n in target) - Counter(n.value for n in source)
    issues = []
    for number in source:
        if missing[number.value] > 0 and _kept_source_style(number, view.translation, context):
            missing[number.value] -= 1
            extra -= Counter(n.value for n in find_numbers(number.text, context.target_numbers))
            right = _written(number.value, context.target_numbers)
            message = (
                f"{number.text!r} is written the {context.source_base} way; "
                f"{context.target_base}: {right!r}"
            )
            issues.append(view.issue(context, "numbers", "error", message))
    for value in list(missing):
        if _roman(value) and re.search(rf"\b{_roman(value)}\b", view.translation):
            del missing[value]  # "21st century" -> "XXI століття"
    missing, extra = +missing, +extra
    if sum(missing.values()) == 1 and sum(extra.values()) == 1:
        was = next(n.text for n in source if n.value in missing)
        now = next(n.text for n in target if n.value in extra)
        return [*issues, view.issue(context, "numbers", "error", f"{was!r} became {now!r}")]
    for number in source:
        if missing[number.value] > 0:
            missing[number.value] -= 1
            issues.append(view.issue(context, "numbers", "error", f"{number.text!r} is missing"))
    for number in target:
        if extra[number.value] > 0:
            extra[number.value] -= 1
            message = f"{number.text!r} is not in the source"
            issues.append(view.issue(context, "numbers", "warning", message))
    return issues


def _roman(value: str) -> str:
    """``value`` in Roman numerals ("" unless a whole number from 1 to 3999)."""
    if not value.isdigit() or not 0 < int(value) < 4000:
        return ""
    number, numeral = int(value), ""
    for amount, letters in _ROMAN:
        count, number = divmod(number, amount)
        numeral += letters * count
    return numeral


_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))  # fmt: skip


def _kept_source_style(number: Number, translation: str, context: CheckContext) -> bool:
    """Whether ``translation`` holds ``number`` as the source wrote it, read otherwise."""
    if context.source_numbers == context.target_numbers:
        return False
    if _written(number.value, context.target_numbers) == number.text:
        return False
    pattern = rf"(?<![\d.,]){re.escape(number.text)}(?!\d|[.,]\d)"
    return re.search(pattern, translation) is not None
