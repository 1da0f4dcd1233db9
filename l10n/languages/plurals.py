"""``Plural-Forms`` headers that do not depend on the installed Babel.

``l10n init`` writes, for a language GNU gettext knows, the formula ``msginit`` writes
(the table of gettext-tools' ``plural-table.c``, kept as data in
``l10n/data/plural-forms.txt``), byte for byte; for any other language, the formula
Babel derives from CLDR, rewritten in one canonical form (:func:`canonical`), so that
a Babel release that only spells a formula differently changes no catalog.

The expressions are gettext's C subset (``plural.y``): ``n``, decimal numbers,
``( )``, ``!``, ``* / %``, ``+ -``, ``< > <= >=``, ``== !=``, ``&&``, ``||`` and
``? :``, with C's precedence and associativity.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources

__all__ = ["PluralFormsError", "canonical", "gnu_plural_forms", "parse"]

# Binary operators by precedence (higher binds tighter); all are left-associative.
_BINARY = {
    "||": 2, "&&": 3, "==": 4, "!=": 4, "<": 5, ">": 5, "<=": 5, ">=": 5,
    "+": 6, "-": 6, "*": 7, "/": 7, "%": 7,
}  # fmt: skip
_TERNARY = 1
_ATOM = 9
_TOKEN = re.compile(r"\s*(?:([0-9]+)|(n)|(\|\||&&|==|!=|<=|>=|[<>+\-*/%!?:()]))")
_MAX_LENGTH = 2000  # longer than any language's formula; bounds the parser's work
_MAX_DEPTH = 100
_HEADER = re.compile(r"\s*nplurals\s*=\s*([0-9]+)\s*;\s*plural\s*=\s*(.*?)\s*;?\s*")


class PluralFormsError(ValueError):
    """A plural expression or ``Plural-Forms`` value that is not gettext's syntax."""


@dataclass(frozen=True, slots=True)
class Node:
    """One node of a plural expression: ``op`` is ``"n"``, ``"num"``, ``"!"``, a binary
    operator or ``"?"``; ``value`` the number of a ``"num"``; ``args`` the operands."""

    op: str
    args: tuple[Node, ...] = ()
    value: int = 0


def parse(expression: str) -> Node:
    """The syntax tree of a C plural expression; PluralFormsError if it is not one."""
    if len(expression) > _MAX_LENGTH:
        raise PluralFormsError(f"plural expression longer than {_MAX_LENGTH} characters")
    parser = _Parser(_tokens(expression))
    node = parser.expression(0)
    if parser.peek() is not None:
        raise PluralFormsError(f"unexpected {parser.peek()!r} in plural expression")
    return node


def canonical(forms: str) -> str:
    """``Plural-Forms`` value in canonical form: ``nplurals=N; plural=EXPR;``.

    EXPR has one space around each binary operator, ``?`` and ``:``, the parentheses
    that precedence needs and no others (but ``&&`` inside ``||`` and a conditional
    inside a conditional's first two operands are parenthesised), and the whole in
    parentheses unless it is a number or ``n``: ``nplurals=2; plural=(n != 1);``. Two
    spellings of one tree give the same text.
    """
    match = _HEADER.fullmatch(forms)
    if not match:
        raise PluralFormsError(f"not a Plural-Forms value: {forms!r}")
    node = parse(match.group(2))
    text = _format(node)
    if node.op not in {"n", "num"}:
        text = f"({text})"
    return f"nplurals={int(match.group(1))}; plural={text};"


def gnu_plural_forms(code: str) -> str | None:
    """The ``Plural-Forms`` ``msginit`` writes for ``code`` (``pt_BR``, ``sr_Latn``, ...),
    looked up like msginit: the whole code, then its language; None if GNU has none."""
    table = _gnu_table()
    return table.get(code) or table.get(re.split(r"[_@]", code)[0])


@functools.cache
def _gnu_table() -> dict[str, str]:
    text = resources.files("l10n").joinpath("data/plural-forms.txt").read_text("utf-8")
    table = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            code, forms = line.split("\t")
            table[code] = forms
    return table


def _tokens(expression: str) -> list[str]:
    tokens = []
    position = 0
    end = len(expression.rstrip())
    while position < end:
        match = _TOKEN.match(expression, position)
        if not match:
            raise PluralFormsError(
                f"unexpected {expression[position:].strip()[:10]!r} in plural expression"
            )
        tokens.append(match.group(match.lastindex or 0))
        position = match.end()
    return tokens


class _Parser:
    """Precedence climbing over the tokens of one expression."""

    def __init__(self, tokens: list[str]) -> None:
        self.tokens = tokens
        self.position = 0
        self.depth = 0

    def peek(self) -> str | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def take(self, expected: str | None = None) -> str:
        token = self.peek()
        if token is None or (expected is not None and token != expected):
            wanted = repr(expected) if expected else "an operand"
            raise PluralFormsError(f"plural expression: expected {wanted}, got {token!r}")
        self.position += 1
        return token

    def expression(self, minimum: int) -> Node:
        self.depth += 1
        if self.depth > _MAX_DEPTH:
            raise PluralFormsError("plural expression nested too deeply")
        node = self.unary()
        while True:
            token = self.peek()
            if token == "?" and minimum <= _TERNARY:
                self.take()
                then = self.expression(0)
                self.take(":")
                node = Node("?", (node, then, self.expression(_TERNARY)))
            elif token in _BINARY and _BINARY[token] >= minimum:
                self.take()
                node = Node(token, (node, self.expression(_BINARY[token] + 1)))
            else:
                break
        self.depth -= 1
        return node

    def unary(self) -> Node:
        token = self.take()
        if token == "!":
            self.depth += 1
            if self.depth > _MAX_DEPTH:
                raise PluralFormsError("plural expression nested too deeply")
            node = Node("!", (self.unary(),))
            self.depth -= 1
            return node
        if token == "(":
            node = self.expression(0)
            self.take(")")
            return node
        if token == "n":
            return Node("n")
        if token.isdigit():
            return Node("num", value=int(token))
        raise PluralFormsError(f"plural expression: expected an operand, got {token!r}")


def _precedence(node: Node) -> int:
    if node.op == "?":
        return _TERNARY
    return _BINARY.get(node.op, _ATOM)


def _format(node: Node) -> str:
    if node.op == "n":
        return "n"
    if node.op == "num":
        return str(node.value)
    if node.op == "!":
        return "!" + _wrap(node.args[0], _ATOM)
    if node.op == "?":
        condition, then, otherwise = node.args
        # The condition and the middle in parentheses when they are conditionals too;
        # a chain of conditionals (in the last operand) reads without them.
        return (
            f"{_wrap(condition, _TERNARY + 1)} ? {_wrap(then, _TERNARY + 1)} : "
            f"{_wrap(otherwise, _TERNARY)}"
        )
    left, right = node.args
    level = _BINARY[node.op]
    if node.op == "||":  # "a && b || c" needs none, but reads better as "(a && b) || c"
        return f"{_wrap(left, level, also='&&')} || {_wrap(right, level + 1, also='&&')}"
    return f"{_wrap(left, level)} {node.op} {_wrap(right, level + 1)}"


def _wrap(node: Node, level: int, *, also: str = "") -> str:
    """``node`` as an operand that needs at least precedence ``level`` (and parentheses
    around operator ``also`` too)."""
    text = _format(node)
    return f"({text})" if _precedence(node) < level or node.op == also else text
