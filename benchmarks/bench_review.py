"""Benchmark: what a reviewer waits for after each key in ``l10n review``.

Not a test. Builds (seeded) a catalog of ``--entries`` article-like sentences, all
machine output of the fake engine with two alternatives each, writes it to a temporary
folder, and times, per decision (median of ``--decisions`` decisions):

* baseline: ``save_catalog`` alone (format + atomic write), after changing one entry;
* ``ReviewSession.accept`` with ``ReviewFile.save``: the decision, the catalog lock, the
  check that nobody else changed the file, the atomic save, and re-reading the file;
* showing the next entry: ``ReviewSession.view()`` with the ``l10n.checks`` checker
  when that package is there (else without checks);

plus the one-off start-up cost: loading the file and building the queue. Usage::

    python benchmarks/bench_review.py [--entries 6442] [--decisions 30] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from l10n import po as cat
from l10n.engine import EngineSettings, FakeEngine
from l10n.model import Message
from l10n.review import ReviewFile, ReviewSession
from l10n.translate import translate_catalog

WORDS = [
    "the", "government", "said", "on", "Monday", "that", "talks", "with", "officials", "in",
    "London", "would", "continue", "after", "a", "meeting", "of", "ministers", "about",
    "defence", "production", "drones", "Ukraine", "Russia", "peace", "cooperation",
    "long-range", "weapons", "president", "country", "week", "agreement", "plan", "support",
]


def sentences(count: int, rng: random.Random) -> list[str]:
    made: dict[str, None] = {}
    while len(made) < count:
        words = rng.choices(WORDS, k=rng.randint(8, 30))
        made[" ".join(words).capitalize() + f" {len(made)}."] = None
    return list(made)


def build(path: Path, count: int, seed: int) -> None:
    rng = random.Random(seed)
    messages = [
        Message(
            s, locations=(("article.txt", n + 1),), comments=(f"paragraph {n + 1}, sentence 1",)
        )
        for n, s in enumerate(sentences(count, rng))
    ]
    template = cat.new_template(messages, domain="article", source_lang="en")
    catalog = cat.new_catalog(template, lang="uk")
    engine = FakeEngine(EngineSettings(alternatives=2))
    translate_catalog(catalog, engine=engine, source="en", target="uk")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(cat.format_catalog(catalog))


def checker_for(catalog: cat.Catalog) -> Callable[[Any], Any] | None:
    try:
        from l10n.checks import CHECKS, entry_views, make_context
    except ImportError:
        return None
    context = make_context(catalog, lang="uk", source_lang="en", path="uk.po")
    return lambda entry: [
        i for v in entry_views(entry) for c in CHECKS for i in c.function(v, context)
    ]


def ms(samples: list[float]) -> str:
    return f"{statistics.median(samples) * 1000:8.1f} ms (max {max(samples) * 1000:.1f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=6442)
    parser.add_argument("--decisions", type=int, default=30)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        locales = Path(tmp) / "locales"
        path = locales / "uk" / "LC_MESSAGES" / "article.po"
        build(path, args.entries, args.seed)
        size = path.stat().st_size

        baseline_catalog = cat.load_catalog(path)
        entries = list(baseline_catalog)
        baseline = []
        for n in range(args.decisions):
            entries[n].flags.remove("fuzzy")
            start = time.perf_counter()
            cat.save_catalog(baseline_catalog, path)
            baseline.append(time.perf_counter() - start)
        build(path, args.entries, args.seed)  # start the review from the same file

        start = time.perf_counter()
        store = ReviewFile(path, lock_folder=locales)
        catalog = store.load()
        loaded = time.perf_counter() - start
        start = time.perf_counter()
        checker = checker_for(catalog)
        session = ReviewSession(
            catalog, reviewer="Bench <bench@example.org>", today=date(2026, 1, 1),
            save=store.save, checker=checker,
        )  # fmt: skip
        queued = time.perf_counter() - start
        decide, show = [], []
        for _ in range(args.decisions):
            start = time.perf_counter()
            session.accept()
            decide.append(time.perf_counter() - start)
            start = time.perf_counter()
            session.view()
            show.append(time.perf_counter() - start)

    print(f"catalog: {args.entries} entries, {size / 1e6:.1f} MB; {args.decisions} decisions")
    print(f"start: load {loaded * 1000:.0f} ms, queue + checks context {queued * 1000:.0f} ms")
    print(f"baseline save_catalog per change:    {ms(baseline)}")
    print(f"accept + guarded save per decision:  {ms(decide)}")
    checks = "with checks" if checker is not None else "no l10n.checks"
    print(f"view of the next entry ({checks}): {ms(show)}")
    ratio = statistics.median(decide) / statistics.median(baseline)
    print(f"decision / baseline: {ratio:.2f}x")


if __name__ == "__main__":
    main()
