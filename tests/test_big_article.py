"""Big articles (issue 5, section 4): chunked segmenting with progress, same segments.

The 50 MB figures (time, peak memory) come from ``benchmarks/bench_big_article.py``.
"""

from __future__ import annotations

import random
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from l10n import po as cat
from l10n.config import load_project
from l10n.document import segment_chunked
from l10n.model import Message
from l10n.pipeline import extract, load_documents
from l10n.segment import Segmenter, SegmentSettings

SEGMENTER = Segmenter(SegmentSettings(lang="en"))
PIECES = st.sampled_from(
    ["Dr. Smith", " came home.", " He said: “Stop. Now.”", " e.g. this", "\n", "\n\n", "  ",
     " Mr.", " U.S.", " 3.5 km.", "?", "!", " «Oui. Non.»", " (see p. 4.)", "\t", "ok",
     " A", ".", " b", "…", "\n \n", " 1.", " Ende"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=60).map("".join), st.integers(min_value=1, max_value=40))
def test_chunked_segmenting_gives_the_segments_of_one_call(text: str, chunk: int) -> None:
    calls: list[tuple[int, int]] = []
    chunked = segment_chunked(SEGMENTER, text, progress=lambda *p: calls.append(p), chunk=chunk)
    assert chunked == SEGMENTER.segment(text)
    assert calls and calls[-1] == (len(text), len(text))
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)


def _article(megabytes: float) -> str:
    rng = random.Random(7)
    words = ["council", "bridge", "winter", "energy", "report", "drone", "harbour", "market"]
    paragraphs, size, number = [], 0, 0
    while size < megabytes * 1_000_000:
        sentences = []
        for _ in range(5):
            sentences.append(
                f"The {rng.choice(words)} number {number} had {rng.choice(words)} news."
            )
            number += 1
        paragraphs.append(" ".join(sentences))
        size += len(paragraphs[-1]) + 1
    return "\n".join(paragraphs) + "\n"


def test_a_big_article_is_extracted_with_monotonic_progress(tmp_path: Path) -> None:
    text = _article(2.2)
    (tmp_path / "big.txt").write_text(text, encoding="utf-8")
    (tmp_path / "l10n.toml").write_text(
        'domain = "big"\nsources = ["big.txt"]\nlanguages = ["uk"]\n', encoding="utf-8"
    )
    project = load_project(tmp_path / "l10n.toml")
    fractions: list[float] = []
    report = extract(project, progress=fractions.append)
    assert len(fractions) >= 2  # one call per megabyte or so
    assert fractions == sorted(fractions) and fractions[-1] == 1.0 and fractions[0] > 0
    template = cat.load_catalog(report.path)
    expected = SEGMENTER.segment(text)
    assert report.messages == len(expected) == len(template)
    assert [entry.msgid for entry in template] == [s.text for s in expected]
    last = list(template)[-1]
    assert last.occurrences == [("big.txt", str(text.count("\n")))]


def test_progress_is_shared_between_sources_by_size(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("One. Two.\n" * 10, encoding="utf-8")
    (tmp_path / "b.txt").write_text("Three. Four.\n" * 30, encoding="utf-8")
    (tmp_path / "l10n.toml").write_text('sources = ["a.txt", "b.txt"]\n', encoding="utf-8")
    fractions: list[float] = []
    documents = load_documents(load_project(tmp_path / "l10n.toml"), progress=fractions.append)
    assert [d.path for d in documents] == ["a.txt", "b.txt"]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert abs(fractions[0] - 100 / 490) < 1e-9  # a.txt is 100 of the 490 bytes


MESSAGES = st.lists(
    st.builds(
        Message,
        msgid=st.sampled_from(["A.", "B.", "C."]),
        locations=st.lists(
            st.tuples(st.sampled_from(["a.txt", "b.txt"]), st.integers(1, 3)), max_size=3
        ).map(tuple),
        comments=st.lists(st.sampled_from(["p1", "p2", "p3"]), max_size=3).map(tuple),
    ),
    max_size=8,
)


@given(MESSAGES)
def test_template_merges_repeated_msgids_in_order(messages: list[Message]) -> None:
    template = cat.new_template(messages, domain="d", source_lang="en")
    expected: dict[str, tuple[dict[tuple[str, str], None], dict[str, None]]] = {}
    for message in messages:
        places, notes = expected.setdefault(message.msgid, ({}, {}))
        places.update(((path, str(line)), None) for path, line in message.locations)
        notes.update(dict.fromkeys(message.comments))
    got = {e.msgid: (e.occurrences, e.comment) for e in template}
    assert got == {k: (list(p), "\n".join(n)) for k, (p, n) in expected.items()}
    assert [e.msgid for e in template] == list(expected)
