"""Segmentation speed: l10n.segment against pySBD (and choppa) on a ~2 MB English text.

The text is the example article's paragraphs and pySBD's golden-rule texts, shuffled with
a fixed seed and repeated to about 2 MB, one paragraph per line. Every run happens in this
process, so the figures compare like with like; each is the median of several runs.
pySBD is given one paragraph at a time (it has no notion of our paragraphs); choppa's
iterator is pure Python and slow, so it gets a 100 kB slice. A last line times Ukrainian
(LanguageTool's rules plus l10n's) on the test suite's hard cases, shuffled to the same
size: a dense text, a sentence every 30 characters or so.

Usage: python benchmarks/bench_segment.py [--size CHARS] [--runs N]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from l10n.segment import Segmenter, SegmentSettings
from tests.test_golden_rules import GOLDEN_RULES
from tests.test_segment import UKRAINIAN


def build_text(size: int, seed: int = 20250623) -> str:
    article = (ROOT / "examples" / "article.txt").read_text(encoding="utf-8").splitlines()
    pool = [line for line in article if line.strip()] + [text for _, text, _ in GOLDEN_RULES]
    return shuffled_lines(pool, size, seed)


def shuffled_lines(pool: list[str], size: int, seed: int = 20250623) -> str:
    rng = random.Random(seed)
    lines: list[str] = []
    length = 0
    while length < size:
        batch = pool[:]
        rng.shuffle(batch)
        for line in batch:
            lines.append(line)
            length += len(line) + 1
    return "\n".join(lines) + "\n"


def median_seconds(run: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def pysbd_sentences(text: str) -> list[list[str]]:
    import pysbd

    segmenter = pysbd.Segmenter(language="en", clean=False)
    return [[s.strip() for s in segmenter.segment(line)] for line in text.split("\n") if line]


def choppa_sentences(text: str) -> list[str]:
    from choppa import DEFAULT_SRX_RULESET, SrxDocument, SrxTextIterator

    document = SrxDocument(ruleset=DEFAULT_SRX_RULESET)
    return [s for line in text.split("\n") for s in SrxTextIterator(document, "en", line)]


def l10n_sentences(segmenter: Segmenter, text: str) -> list[list[str]]:
    grouped: dict[int, list[str]] = {}
    for segment in segmenter.segment(text):
        grouped.setdefault(segment.paragraph, []).append(segment.text)
    return [grouped[n] for n in sorted(grouped)]


def report(name: str, chars: int, seconds: float) -> float:
    speed = chars / seconds
    print(f"{name:<42} {seconds:8.3f} s   {speed / 1e6:6.2f} M chars/s")
    return speed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=2_000_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    text = build_text(args.size)
    print(
        f"text: {len(text):,} chars, {text.count(chr(10)):,} paragraphs; "
        f"Python {sys.version.split()[0]}"
    )

    start = time.perf_counter()
    segmenter = Segmenter(SegmentSettings(lang="en"))
    print(f"{'l10n Segmenter() (parse + compile rules)':<42} {time.perf_counter() - start:8.3f} s")
    whole = Segmenter(SegmentSettings(lang="en", split_quotations=False))

    ours = report(
        f"l10n.segment (median of {args.runs})",
        len(text),
        median_seconds(lambda: segmenter.segment(text), args.runs),
    )
    report(
        f"l10n.segment split_quotations=False ({args.runs})",
        len(text),
        median_seconds(lambda: whole.segment(text), args.runs),
    )
    pysbd_runs = max(3, args.runs // 2)
    theirs = report(
        f"pysbd 0.3.4, per paragraph (median of {pysbd_runs})",
        len(text),
        median_seconds(lambda: pysbd_sentences(text), pysbd_runs),
    )
    sample = text[: text.index("\n", 100_000) + 1]
    report(
        "choppa SrxTextIterator, 100 kB (1 run)",
        len(sample),
        median_seconds(lambda: choppa_sentences(sample), 1),
    )
    print(f"l10n / pysbd speed ratio: {ours / theirs:.1f}x")
    ukrainian = shuffled_lines([text for text, _ in UKRAINIAN], len(text))
    uk = Segmenter(SegmentSettings(lang="uk"))
    report(
        f"l10n.segment lang=uk, hard cases ({args.runs})",
        len(ukrainian),
        median_seconds(lambda: uk.segment(ukrainian), args.runs),
    )

    # two segmenters' paragraphs: their counts may differ; pairs are compared while both last
    same = sum(
        a == b
        for a, b in zip(l10n_sentences(segmenter, text), pysbd_sentences(text), strict=False)
    )
    print(f"paragraphs split exactly as pysbd splits them: {same / text.count(chr(10)):.1%}")


if __name__ == "__main__":
    main()
