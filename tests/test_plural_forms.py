"""``Plural-Forms`` that ``l10n init`` writes do not depend on the installed Babel.

Languages GNU gettext knows get msginit's formula (checked against the installed msginit);
others get Babel's formula in one canonical form, so that a Babel release that writes a
formula differently (Babel 2.19 dropped the outer parentheses of Ukrainian's) changes no
catalog. Formulas are compared by value (``plural_values``: nplurals and the form of
n = 0..1000), never as text, except where the text is the point: the committed catalogs.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from click.testing import Result
from hypothesis import given
from hypothesis import strategies as st

from l10n import languages
from l10n import po as cat
from l10n.languages.plurals import PluralFormsError, canonical, gnu_plural_forms, parse
from tests.po_helpers import gnu, msgfmt_check, plural_function, plural_values

Run = Callable[..., Result]
ROOT = Path(__file__).resolve().parent.parent
TABLE = ROOT / "l10n" / "data" / "plural-forms.txt"
GNU_CODES = [
    line.split("\t")[0]
    for line in TABLE.read_text(encoding="utf-8").splitlines()
    if line and not line.startswith("#")
]
# Languages outside GNU's table, with 1 to 6 forms, and two inside it.
LANGUAGES = ["uk", "pt_BR", "ar", "cy", "kw", "gd", "mt", "zh", "is", "bs"]


def test_gnu_languages_get_the_formula_msginit_writes(tmp_path: Path) -> None:
    pot = tmp_path / "x.pot"
    pot.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n')
    known = 0
    for code in GNU_CODES:
        po = tmp_path / f"{code}.po"
        gnu("msginit", "--no-translator", "-l", code, "-i", pot, "-o", po)
        header = cat.load_catalog(po).metadata
        if "Plural-Forms" not in header:  # an older msginit's table (0.21 lacks "ca")
            continue
        known += 1
        assert plural_values(languages.plural_forms(code)) == plural_values(header["Plural-Forms"])
        assert languages.plural_forms(code) == gnu_plural_forms(code)
    assert known >= len(GNU_CODES) - 1, known


def test_regional_and_script_variants_use_their_language_like_msginit() -> None:
    assert languages.plural_forms("pt-br") == gnu_plural_forms("pt_BR") != gnu_plural_forms("pt")
    assert languages.plural_forms("pt_PT") == gnu_plural_forms("pt")
    assert (
        languages.plural_forms("sr_Latn") == languages.plural_forms("sr") == gnu_plural_forms("sr")
    )
    assert languages.plural_forms("de_CH") == gnu_plural_forms("de")
    assert gnu_plural_forms("ar") is None


def test_init_writes_the_committed_catalogs_plural_forms(
    example_project: Path, run_cli: Run
) -> None:
    """The example catalogs never churn: init writes their header's value, byte for byte."""
    committed = sorted((ROOT / "locales").glob("*/LC_MESSAGES/*.po"))
    assert committed
    run_cli("extract")
    for path in committed:
        lang = path.parent.parent.name
        run_cli("init", "-l", lang)
        expected = cat.load_catalog(path).metadata["Plural-Forms"]
        written = example_project / "locales" / lang / "LC_MESSAGES" / path.name
        assert cat.load_catalog(written).metadata["Plural-Forms"] == expected
        assert _plural_lines(written) == _plural_lines(path)


def _plural_lines(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    start = text.index('"Plural-Forms:')
    return text[start : text.index("\\n", start)]


def _respelled(expression: str) -> str:
    """The same formula written another way: each comparison in parentheses, no spaces,
    the whole in two more parentheses."""
    compared = re.sub(r"n(?: % \d+)? (?:[=!<>]=|[<>]) \d+", lambda m: f"({m.group(0)})", expression)
    return "((" + re.sub(r"\s+", "", compared) + "))"


def test_init_output_does_not_depend_on_how_babel_writes_a_formula(
    example_project: Path, run_cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    run_cli("extract")
    run_cli("init", *(f"-l{lang}" for lang in LANGUAGES))
    first = {path: path.read_bytes() for path in (example_project / "locales").rglob("*.po")}
    assert len(first) == len(LANGUAGES)
    shutil.rmtree(example_project / "locales")
    run_cli("extract")

    import babel.messages.plurals

    real = babel.messages.plurals.get_plural

    def respelled(locale: Any = None) -> SimpleNamespace:
        rule = real(locale)
        if str(locale).split("_")[0] in {"uk", "pt"}:  # GNU's table wins: Babel not asked
            expression = "n % 7"
        else:
            expression = _respelled(rule.plural_expr)
            assert expression != rule.plural_expr or rule.num_plurals == 1
            old = f"nplurals={rule.num_plurals}; plural={rule.plural_expr};"
            new = f"nplurals={rule.num_plurals}; plural={expression};"
            assert plural_values(new) == plural_values(old)
        return SimpleNamespace(
            num_plurals=rule.num_plurals,
            plural_expr=expression,
            plural_forms=f"nplurals={rule.num_plurals}; plural={expression};",
        )

    monkeypatch.setattr(babel.messages.plurals, "get_plural", respelled)
    run_cli("init", *(f"-l{lang}" for lang in LANGUAGES))
    second = {path: path.read_bytes() for path in (example_project / "locales").rglob("*.po")}
    assert second == first


@pytest.mark.parametrize("lang", LANGUAGES)
def test_new_catalogs_plural_forms_pass_msgfmt(lang: str, tmp_path: Path) -> None:
    template = cat.new_template([], domain="x", source_lang="en")
    template.append(cat.make_entry(msgid="%d file", msgid_plural="%d files"))
    po = cat.new_catalog(template, lang=lang)
    assert cat.save_catalog(po, tmp_path / "x.po")
    msgfmt_check(tmp_path / "x.po")  # checks the expression, and each value < nplurals
    assert po.nplurals == plural_values(po.metadata["Plural-Forms"])[0]


def test_canonical_form_keeps_every_babel_formula_and_is_a_fixed_point() -> None:
    from babel.localedata import locale_identifiers
    from babel.messages.plurals import get_plural

    formulas = set()
    for locale in locale_identifiers():
        rule = get_plural(locale)
        formulas.add(f"nplurals={rule.num_plurals}; plural={rule.plural_expr};")
    assert len(formulas) > 20
    for forms in formulas:
        once = canonical(forms)
        assert plural_values(once) == plural_values(forms), forms
        assert canonical(once) == once


@pytest.mark.parametrize(
    ("spellings", "expected"),
    [
        (
            ["nplurals=2; plural=n!=1;", "nplurals=2;plural=((n != 1));"],
            "nplurals=2; plural=(n != 1);",
        ),
        (["nplurals=1; plural=0", " nplurals = 1 ; plural = (0) ; "], "nplurals=1; plural=0;"),
        (
            [
                "nplurals=3; plural=n==1 ? 0 : (n==0 || (n%100 > 0 && n%100 < 20)) ? 1 : 2;",
                "nplurals=3; plural=(n == 1 ? 0 : (n == 0 || n % 100 > 0 && n % 100 < 20 ? 1 : 2))",
            ],
            "nplurals=3; plural=(n == 1 ? 0 : n == 0 || (n % 100 > 0 && n % 100 < 20) ? 1 : 2);",
        ),
        (
            ["nplurals=3; plural=n==1||n==2||n==3 ? 0 : n%10==4&&n>20||n==0&&!n ? 1 : 2;"],
            (
                "nplurals=3; plural=(n == 1 || n == 2 || n == 3 ? 0 : (n % 10 == 4 && n > 20) || "
                "(n == 0 && !n) ? 1 : 2);"
            ),
        ),
        (
            ["nplurals=2; plural=n == 1 || (n == 2 || n == 3);"],
            "nplurals=2; plural=(n == 1 || (n == 2 || n == 3));",
        ),
        (
            ["nplurals=2; plural=(n-1)*2 - (n/3) % 2;"],
            "nplurals=2; plural=((n - 1) * 2 - n / 3 % 2);",
        ),
        (
            ["nplurals=3; plural=(n ? 1 : 2) ? 0 : !(n > 1);"],
            "nplurals=3; plural=((n ? 1 : 2) ? 0 : !(n > 1));",
        ),
    ],
)
def test_canonical_spelling(spellings: list[str], expected: str) -> None:
    for forms in spellings:
        assert canonical(forms) == expected
        assert plural_values(forms, bounded=False) == plural_values(expected, bounded=False)


@pytest.mark.parametrize(
    "expression",
    [
        "",
        "n +",
        "n ? 1",
        "n ? 1 : ",
        "m",
        "-1",
        "n = 1",
        "(n",
        "n)",
        "1 2",
        "n ** 2",
        "n != \u0661",  # ARABIC-INDIC DIGIT ONE: C knows only 0-9
        "!" * 200 + "n",
        "(" * 150 + "n" + ")" * 150,
        "n + " * 600 + "1",
    ],
)
def test_what_is_not_gettexts_syntax_is_refused(expression: str) -> None:
    with pytest.raises(PluralFormsError):
        parse(expression)
    with pytest.raises(PluralFormsError):
        canonical(f"nplurals=2; plural={expression};")


# -- any spelling of any tree -------------------------------------------------------------

# A tree: ("n",), ("num", k), ("!", a), (op, a, b) or ("?", a, b, c). Divisors are
# positive numbers (gettext stops at a division by zero); arithmetic is unsigned long.
_COMPARE = ["==", "!=", "<", ">", "<=", ">="]
_LEAVES = st.one_of(st.just(("n",)), st.integers(0, 120).map(lambda k: ("num", k)))


def _extend(inner: st.SearchStrategy[tuple[Any, ...]]) -> st.SearchStrategy[tuple[Any, ...]]:
    return st.one_of(
        st.tuples(st.just("!"), inner),
        st.tuples(st.sampled_from(["+", "-", "*", "&&", "||", *_COMPARE]), inner, inner),
        st.tuples(
            st.sampled_from(["/", "%"]), inner, st.integers(1, 120).map(lambda k: ("num", k))
        ),
        st.tuples(st.just("?"), inner, inner, inner),
    )


TREES = st.recursive(_LEAVES, _extend, max_leaves=12)


def _value(tree: tuple[Any, ...], n: int) -> int:
    """The tree's value by C's rules (the tests' own evaluator)."""
    op, *args = tree
    if op == "n":
        return n
    if op == "num":
        return int(args[0])
    if op == "!":
        return int(not _value(args[0], n))
    if op == "?":
        return _value(args[1], n) if _value(args[0], n) else _value(args[2], n)
    left = _value(args[0], n)
    if op == "&&":
        return int(bool(left) and bool(_value(args[1], n)))
    if op == "||":
        return int(bool(left) or bool(_value(args[1], n)))
    right = _value(args[1], n)
    operations: dict[str, Callable[[int, int], int]] = {
        "+": lambda a, b: (a + b) % 2**64, "-": lambda a, b: (a - b) % 2**64,
        "*": lambda a, b: (a * b) % 2**64, "/": lambda a, b: a // b,
        "%": lambda a, b: a % b, "==": lambda a, b: int(a == b), "!=": lambda a, b: int(a != b),
        "<": lambda a, b: int(a < b), ">": lambda a, b: int(a > b),
        "<=": lambda a, b: int(a <= b), ">=": lambda a, b: int(a >= b),
    }  # fmt: skip
    return operations[op](left, right)


def _spell(tree: tuple[Any, ...], draw: Callable[[st.SearchStrategy[Any]], Any]) -> str:
    """One fully parenthesised spelling of the tree, with random spaces and extra parens."""
    op, *args = tree

    def space() -> str:
        return str(draw(st.sampled_from(["", " ", "  ", "\t"])))

    if op == "n":
        text = "n"
    elif op == "num":
        text = str(args[0])
    elif op == "!":
        text = f"!{space()}({_spell(args[0], draw)})"
    elif op == "?":
        a, b, c = (_spell(arg, draw) for arg in args)
        text = f"({a}){space()}?{space()}({b}){space()}:{space()}({c})"
    else:
        text = f"({_spell(args[0], draw)}){space()}{op}{space()}({_spell(args[1], draw)})"
    return _paren(text, draw)


def _paren(text: str, draw: Callable[[st.SearchStrategy[Any]], Any]) -> str:
    extra = draw(st.integers(0, 2))
    return "(" * extra + text + ")" * extra


@given(tree=TREES, data=st.data())
def test_any_two_spellings_of_a_formula_have_one_canonical_form(tree: Any, data: Any) -> None:
    spelled = _spell(tree, data.draw)
    first = canonical(f"nplurals=1; plural={spelled};")
    second = canonical(f"nplurals=1;plural={_spell(tree, data.draw)}")
    assert first == second
    assert canonical(first) == first
    numbers = range(0, 300, 7)
    expected = [_value(tree, n) for n in numbers]
    for expression in (spelled, first.split("plural=", 1)[1][:-1]):
        evaluate = plural_function(expression)
        assert [evaluate(n) for n in numbers] == expected, expression
