"""Invariants of the checks and of the JUnit writer, as Hypothesis properties."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from l10n.checks import CHECKS, TextView, make_context, run_checks
from l10n.checks.locale import number_style
from l10n.checks.numbers import find_numbers
from l10n.checks.punctuation import end_mark, scan_pairs
from l10n.checks.repetition import longest_repeat
from l10n.junit import JUnitCase, JUnitSuite, format_junit
from l10n.po import Catalog, make_entry

TRICKY = "aZ 09.,:;!?…-–«»„“”\"'’()[]{}<>/%$@#\n\t\u00a0ЖжЇї"
texts = st.text(alphabet=st.sampled_from(TRICKY), max_size=60) | st.text(max_size=30)
flag_sets = st.sets(
    st.sampled_from(["c-format", "python-format", "python-brace-format", "no-c-format"])
)


@settings(max_examples=150, deadline=None)
@given(texts, texts, flag_sets, st.sampled_from(["uk", "de", "en", "ja"]))
def test_checks_never_raise_and_return_issues(
    source: str, translation: str, flags: set[str], lang: str
) -> None:
    catalog = Catalog([make_entry(msgid=source or "x", msgstr=translation)])
    context = make_context(catalog, lang=lang, source_lang="en")
    view = TextView(source, translation, source, flags=tuple(sorted(flags)))
    for check in CHECKS:
        for issue in check.function(view, context):
            assert issue.check == check.name
            assert issue.severity in ("error", "warning")
            assert issue.message and "\n" not in issue.message


@settings(max_examples=150, deadline=None)
@given(texts, flag_sets)
def test_a_same_language_copy_has_no_errors_but_untranslated(text: str, flags: set[str]) -> None:
    catalog = Catalog([make_entry(msgid=text + "x", msgstr=text + "x", flags=sorted(flags))])
    issues = run_checks(catalog, lang="en", source_lang="en")
    assert [i for i in issues if i.severity == "error" and i.check != "untranslated"] == []


@settings(max_examples=200, deadline=None)
@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False))
def test_numbers_written_each_languages_way_are_equal(value: Decimal) -> None:
    from babel.numbers import format_decimal

    english = format_decimal(value, locale="en")
    ukrainian = format_decimal(value, locale="uk")
    en_values = [n.value for n in find_numbers(f"It cost {english} dollars.", number_style("en"))]
    uk_values = [
        n.value for n in find_numbers(f"Це коштувало {ukrainian} доларів.", number_style("uk"))
    ]
    assert en_values == uk_values and len(en_values) == 1


plain = st.text(alphabet=st.sampled_from("ab .,"), max_size=12)


@given(plain, plain, plain, st.data())
def test_a_quotation_split_anywhere_leaves_one_side_open_and_one_closed(
    before: str, inside: str, after: str, data: st.DataObject
) -> None:
    text = f"{before}«{inside}„{inside}“»{after}"
    cut = data.draw(st.integers(0, len(text)))
    pairs = (("«", "»"), ("„", "“"))
    left, right = scan_pairs(text[:cut], pairs, own=pairs), scan_pairs(text[cut:], pairs, own=pairs)
    assert len(left.unclosed) == len(right.unopened)
    assert not left.unopened and not right.unclosed


@given(
    st.text(alphabet=st.sampled_from("ab. !?"), max_size=20),
    st.text(alphabet=st.sampled_from("”»)]\"’ "), max_size=4),
)
def test_closing_quotes_and_brackets_do_not_change_the_end_mark(text: str, closing: str) -> None:
    if text.rstrip() == text:
        assert end_mark(text + closing) == end_mark(text)


words = st.lists(
    st.text(alphabet="абвгд", min_size=2, max_size=5), min_size=1, max_size=8, unique=True
)


@given(words, st.integers(3, 6), st.integers(0, 8))
def test_a_repeated_word_is_a_loop(vocabulary: list[str], times: int, at: int) -> None:
    sentence = list(vocabulary)
    position = min(at, len(sentence))
    sentence[position:position] = [vocabulary[0]] * times
    assert longest_repeat(sentence, 1)[0] >= times
    assert longest_repeat(vocabulary, 1)[0] == 1


cases = st.builds(
    JUnitCase,
    name=st.text(max_size=20),
    classname=st.text(max_size=10),
    failure=st.none() | st.text(max_size=40),
    output=st.text(max_size=40),
)


@given(
    st.lists(
        st.builds(
            JUnitSuite, name=st.text(max_size=20), cases=st.lists(cases, max_size=4).map(tuple)
        ),
        max_size=3,
    )
)
def test_junit_xml_parses_and_counts(suites: list[JUnitSuite]) -> None:
    root = ET.fromstring(format_junit(suites).encode("utf-8"))
    parsed = root.findall("testsuite")
    assert len(parsed) == len(suites)
    assert int(root.get("tests", "")) == sum(len(s.cases) for s in suites)
    assert int(root.get("failures", "")) == sum(s.failures for s in suites)
    for element, suite in zip(parsed, suites, strict=True):
        assert int(element.get("tests", "")) == len(element.findall("testcase")) == len(suite.cases)
        assert int(element.get("failures", "")) == len(element.findall("testcase/failure"))
