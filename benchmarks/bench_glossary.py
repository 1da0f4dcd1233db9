"""Benchmark: finding glossary terms in sentences, by size of the glossary.

Not a test. For glossaries of 10 to ``--terms`` seeded two-word terms (half capitalised,
half lower case; ``--alike`` makes every word start alike, the worst case for a regular
expression) and ``--count`` seeded 20-word sentences (half of them with a term of the
glossary planted), it measures, in the same run:

* indexed: :meth:`l10n.glossary.TermList.find` (terms indexed by their first word),
  on a fresh glossary (patterns compiled on first use) and again (compiled);
* one regex: one alternation of every term, longest first (the obvious way, and the
  first version of the glossary), with the same boundaries and case rules.

Checks that both find the same occurrences. Prints milliseconds per 1,000 sentences.
Usage::

    python benchmarks/bench_glossary.py [--terms 5000] [--count 2000] [--alike]
"""

from __future__ import annotations

import argparse
import random
import re
import string
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from l10n.glossary import Glossary, Term, TermList


def one_regex(terms: tuple[Term, ...]) -> re.Pattern[str]:
    parts = []
    for term in sorted(terms, key=lambda t: (-len(t.source), t.source)):
        words = r"\s+".join(re.escape(word) for word in term.source.split())
        parts.append(words if any(c.isupper() for c in term.source) else f"(?i:{words})")
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)")


def words(rng: random.Random, alike: bool) -> list[str]:
    if alike:
        return [f"w{i}" for i in range(20000)]
    return ["".join(rng.choice(string.ascii_lowercase) for _ in range(6)) for _ in range(20000)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terms", type=int, default=5000)
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--alike", action="store_true")
    args = parser.parse_args()
    rng = random.Random(14)
    vocabulary = words(rng, args.alike)
    sentences = [
        " ".join(rng.choice(vocabulary).title() if rng.random() < 0.5 else rng.choice(vocabulary)
                 for _ in range(20))
        for _ in range(args.count)
    ]  # fmt: skip
    sizes = [10**k for k in range(1, 8) if 10**k < args.terms] + [args.terms]
    print(f"{args.count} sentences of 20 words; ms per 1,000 sentences")
    print(f"{'terms':>7} {'indexed, new':>13} {'indexed':>9} {'one regex':>10} {'found':>7}")
    for size in sizes:
        chosen = [" ".join(rng.sample(vocabulary, 2)) for _ in range(size)]
        terms = tuple(
            Term(text.title() if n % 2 else text) for n, text in enumerate(dict.fromkeys(chosen))
        )
        planted = [
            f"{sentence} {rng.choice(terms).source} end" if n % 2 else sentence
            for n, sentence in enumerate(sentences)
        ]  # half the sentences have a term of the glossary
        listed: TermList = Glossary(terms).for_language("uk")
        start = time.perf_counter()
        first = [[(o.start, o.end) for o in listed.find(s)] for s in planted]
        fresh = time.perf_counter() - start
        start = time.perf_counter()
        for sentence in planted:
            listed.find(sentence)
        warm = time.perf_counter() - start
        pattern = one_regex(terms)
        start = time.perf_counter()
        baseline = [[m.span() for m in pattern.finditer(s)] for s in planted]
        regex = time.perf_counter() - start
        assert first == baseline, "the index and the regex disagree"
        per = 1000 / len(sentences) * 1000
        found = sum(map(len, first))
        print(f"{size:>7} {fresh * per:>13.1f} {warm * per:>9.1f} {regex * per:>10.1f} {found:>7}")


if __name__ == "__main__":
    main()
