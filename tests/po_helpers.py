"""GNU gettext as the reference in tests: msgfmt --check, msgcat, msgfmt, msgmerge.

Tests that use these fail (not skip) when GNU gettext is missing: CI installs it
(``apt-get install gettext``), and without it the catalogs written are unchecked.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

__all__ = [
    "gnu",
    "msgcat",
    "msgfmt",
    "msgfmt_check",
    "msgmerge",
    "plural_function",
    "plural_values",
]


def gnu(tool: str, *args: str | Path, check: bool = True) -> subprocess.CompletedProcess[bytes]:
    """Run a GNU gettext tool; the test fails with its stderr when it does."""
    if shutil.which(tool) is None:
        pytest.fail(f"{tool} not found: install GNU gettext (apt-get install gettext)")
    env = {**os.environ, "LC_ALL": "C.UTF-8"}
    done = subprocess.run([tool, *map(str, args)], capture_output=True, env=env, check=False)
    if check and done.returncode != 0:
        pytest.fail(
            f"{tool} {' '.join(map(str, args))} failed:\n{done.stderr.decode(errors='replace')}"
        )
    return done


def msgfmt_check(path: Path) -> None:
    """Fail the test unless ``msgfmt --check`` accepts the catalog at ``path``."""
    gnu("msgfmt", "--check", "-o", os.devnull, path)


def msgcat(path: Path) -> bytes:
    """What ``msgcat`` (width 79) writes for the catalog at ``path``."""
    return gnu("msgcat", path).stdout


def msgfmt(path: Path, output: Path, *, use_fuzzy: bool = False) -> bytes:
    """The ``.mo`` bytes ``msgfmt`` compiles from ``path``."""
    gnu("msgfmt", *(["--use-fuzzy"] if use_fuzzy else []), "-o", output, path)
    return output.read_bytes()


def msgmerge(catalog: Path, template: Path, *, fuzzy: bool = True) -> bytes:
    """What ``msgmerge --previous`` writes when merging ``template`` into ``catalog``."""
    options = ["--previous", "-q", "-o", "-"] + ([] if fuzzy else ["--no-fuzzy-matching"])
    return gnu("msgmerge", *options, catalog, template).stdout


def plural_values(
    forms: str, *, upto: int = 1000, bounded: bool = True
) -> tuple[int, tuple[int, ...]]:
    """``nplurals`` and the form chosen for n = 0..upto by a ``Plural-Forms`` value.

    Two values are the same formula when these are equal, however they are written. The
    expression is evaluated by :func:`plural_function`. Every form must be below
    ``nplurals`` unless ``bounded`` is false.
    """
    match = re.fullmatch(r"\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*(.+?)\s*;?\s*", forms)
    assert match, f"not a Plural-Forms value: {forms!r}"
    nplurals = int(match.group(1))
    plural = plural_function(match.group(2))
    values = tuple(plural(n) for n in range(upto + 1))
    assert not bounded or all(value < nplurals for value in values), (forms, max(values))
    return nplurals, values


_C_TOKEN = re.compile(r"\s*([0-9]+|n|\|\||&&|[=!<>]=|[-+*/%<>!?:()])")
_C_BINARY = {
    "||": 1, "&&": 2, "==": 3, "!=": 3, "<": 4, ">": 4, "<=": 4, ">=": 4,
    "+": 5, "-": 5, "*": 6, "/": 6, "%": 6,
}  # fmt: skip
_ULONG = 2**64


def plural_function(expression: str) -> Callable[[int], int]:
    """A C plural expression (gettext's ``plural.y`` grammar) as a Python function.

    The tests' own evaluator, safe (it only parses; nothing is executed) and independent
    of l10n's: values are C's ``unsigned long`` as in gettext's ``plural-eval``; an
    expression that is not gettext's syntax fails the test.
    """
    tokens = []
    position, end = 0, len(expression.rstrip())
    while position < end:
        match = _C_TOKEN.match(expression, position)
        assert match, f"bad plural expression {expression!r} at {position}"
        tokens.append(match.group(1))
        position = match.end()
    tokens.append("")
    at = 0

    def take() -> str:
        nonlocal at
        at += 1
        return tokens[at - 1]

    def operand() -> Callable[[int], int]:
        token = take()
        if token == "!":
            inner = operand()
            return lambda n: int(not inner(n))
        if token == "(":
            inner = binary(0)
            assert take() == ")", f"unbalanced parentheses in {expression!r}"
            return inner
        if token == "n":
            return lambda n: n
        assert token.isdigit(), f"bad plural expression {expression!r}: {token!r}"
        return lambda n: int(token)

    def binary(minimum: int) -> Callable[[int], int]:
        left = operand()
        while True:
            token = tokens[at]
            if token == "?" and minimum == 0:
                take()
                then = binary(0)
                assert take() == ":", f"'?' without ':' in {expression!r}"
                otherwise = binary(0)
                left = _c_conditional(left, then, otherwise)
            elif _C_BINARY.get(token, -1) >= max(minimum, 1):
                take()
                right = binary(_C_BINARY[token] + 1)
                left = _c_operation(token, left, right)
            else:
                return left

    function = binary(0)
    assert tokens[at] == "", f"bad plural expression {expression!r}: {tokens[at]!r}"
    return function


def _c_conditional(
    condition: Callable[[int], int], then: Callable[[int], int], otherwise: Callable[[int], int]
) -> Callable[[int], int]:
    return lambda n: then(n) if condition(n) else otherwise(n)


def _c_operation(
    op: str, left: Callable[[int], int], right: Callable[[int], int]
) -> Callable[[int], int]:
    if op == "&&":
        return lambda n: int(bool(left(n)) and bool(right(n)))
    if op == "||":
        return lambda n: int(bool(left(n)) or bool(right(n)))
    operations: dict[str, Callable[[int, int], int]] = {
        "+": lambda a, b: (a + b) % _ULONG, "-": lambda a, b: (a - b) % _ULONG,
        "*": lambda a, b: (a * b) % _ULONG, "/": lambda a, b: a // b, "%": lambda a, b: a % b,
        "==": lambda a, b: int(a == b), "!=": lambda a, b: int(a != b),
        "<": lambda a, b: int(a < b), ">": lambda a, b: int(a > b),
        "<=": lambda a, b: int(a <= b), ">=": lambda a, b: int(a >= b),
    }  # fmt: skip
    operation = operations[op]
    return lambda n: operation(left(n), right(n))
