"""The degenerate-output guard: decoding bounds, repetition loops, runaway length."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from l10n.engine import EngineSettings
from l10n.engine.guard import decoding_bound, degenerate, length_step, longest_repeat, nominal_bound
from l10n.errors import UsageError

TOKENS = st.sampled_from(["▁a", "▁b", "c", "▁d", "e", ",", "."])


@given(st.integers(min_value=0, max_value=2000))
def test_the_bound_covers_the_nominal_bound_within_half_again(length: int) -> None:
    bound = decoding_bound(length)
    assert nominal_bound(length) <= bound <= nominal_bound(max(8, int(1.5 * length) + 1))


@given(st.integers(min_value=1, max_value=2000), st.integers(min_value=1, max_value=2000))
def test_the_bound_never_shrinks_as_sources_grow(a: int, b: int) -> None:
    shorter, longer = sorted((a, b))
    assert decoding_bound(shorter) <= decoding_bound(longer)


def test_few_distinct_bounds_cover_ordinary_sentences() -> None:
    assert sorted({length_step(n) for n in range(1, 200)}) == [8, 12, 18, 27, 41, 62, 93, 140, 210]


@given(
    st.lists(TOKENS, min_size=1, max_size=5),
    st.integers(min_value=4, max_value=8),
    st.lists(TOKENS, max_size=5),
)
def test_a_phrase_repeated_four_times_is_a_loop(
    phrase: list[str], times: int, tail: list[str]
) -> None:
    output = ["▁start", *phrase * times, *tail]
    source = [f"▁s{i}" for i in range(20)]
    assert degenerate(source, output, bound=1000) == "repetition loop"


@given(st.lists(st.text(min_size=1, max_size=4), unique=True, max_size=40))
def test_output_without_repeats_is_not_flagged(output: list[str]) -> None:
    source = [f"▁s{i}" for i in range(len(output))]
    assert degenerate(source, output, bound=decoding_bound(len(output))) is None


def test_repeats_already_in_the_source_are_not_a_loop() -> None:
    source = ["▁ha"] * 5 + ["!"]
    assert degenerate(source, ["▁ха"] * 5 + ["!"], bound=100) is None
    assert degenerate(source, ["▁ха"] * 7 + ["!"], bound=100) == "repetition loop"


def test_ordinary_repetition_is_not_a_loop() -> None:
    output = ["▁very", ",", "▁very", "▁good", ",", "▁and", "▁the", "▁cat", "▁and", "▁the", "."]
    assert degenerate(output, output, bound=100) is None


def test_runaway_length_is_flagged() -> None:
    source = ["▁w"] * 10
    assert degenerate(source, [f"▁t{i}" for i in range(31)], bound=100) == "runaway length"
    assert degenerate(source, [f"▁t{i}" for i in range(30)], bound=100) is None
    assert degenerate(source, [f"▁t{i}" for i in range(12)], bound=12) == "runaway length"


@pytest.mark.parametrize(
    ("tokens", "period", "expected"),
    [
        (["a", "a", "a", "b"], 1, 3),
        (["x", "a", "b", "a", "b", "a", "b"], 2, 3),
        (["a", "b", "c"], 1, 1),
        ([], 1, 0),
        (["a"], 2, 0),
    ],
)
def test_longest_repeat(tokens: list[str], period: int, expected: int) -> None:
    assert longest_repeat(tokens, period) == expected


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"beam_size": 0}, "beam size must be at least 1"),
        ({"max_batch_tokens": 0}, "max batch tokens must be at least 1"),
        ({"alternatives": -1}, "alternatives must not be negative"),
        ({"device": "tpu"}, "unknown device 'tpu'; choose cpu or cuda"),
    ],
)
def test_bad_settings_are_usage_errors(options: dict[str, object], message: str) -> None:
    with pytest.raises(UsageError, match=message):
        EngineSettings(**options)  # type: ignore[arg-type]
