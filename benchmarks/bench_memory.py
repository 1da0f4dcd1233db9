"""Benchmark: the translation memory against Translate Toolkit's ``pretranslate --tm``.

Not a test; needs translate-toolkit (the ``test`` extra). Generates (seeded) a memory of
``--units`` (100,000) distinct news-like English sentences (8 to 30 words drawn from a
Zipf-distributed vocabulary of 30,000 words and the common function words) with
"translations", written as one reviewed catalog, and ``--queries`` (10,000) sentences to
look up: half of them memory sentences verbatim (exact matches), half memory sentences
with one or two words changed (near matches only). Then, in the same run, each in a
child process of its own (so its peak resident memory is its own):

* build: :class:`l10n.memory.MemoryIndex` built from the catalog (reading it included),
  then a refresh with nothing changed (what every ``run`` does first);
* lookup: each query looked up as ``l10n translate`` does (:class:`l10n.memory.Memory`:
  the exact match, else the near matches at 75%, at most three);
* Translate Toolkit: ``pretranslate --tm memory.po -i queries.po`` (75%, its default),
  on the first ``--tt-queries`` queries (half exact, half near: it compares each
  sentence with every memory unit of a similar length: all 10,000 take over an hour)
  and on one (its start-up and loading of the memory), reported per sentence beyond
  that.

Prints wall time, sentences per second and peak RSS of each, the ratio of per-sentence
lookup times, and what each found: exact matches, near matches, and for near queries
whether the sentence they were made from was found (recall), for the queries both ran.
Usage::

    python benchmarks/bench_memory.py [--units 100000] [--queries 10000] [--tt-queries 200]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FUNCTION_WORDS = [
    "the", "the", "the", "the", "of", "of", "of", "and", "and", "to", "to", "in", "in", "a",
    "a", "that", "is", "was", "for", "on", "with", "as", "by", "at", "from", "it", "his",
    "her", "their", "said", "has", "have", "had", "will", "would", "after", "before",
    "over", "about",
]
SYLLABLES = [
    "ka", "ro", "mi", "te", "su", "la", "no", "vi", "de", "pa", "ri", "zo", "be", "lu",
    "ma", "ne", "si", "to", "ga", "fe",
]


def vocabulary(rng: random.Random, size: int) -> list[str]:
    words: dict[str, None] = {}
    while len(words) < size:
        words["".join(rng.choices(SYLLABLES, k=rng.randint(2, 4)))] = None
    return list(words)


def sentences(count: int, seed: int) -> list[str]:
    """``count`` distinct sentences, capitalised, ending with a full stop."""
    rng = random.Random(seed)
    words = vocabulary(rng, 30_000)
    weights = list(itertools.accumulate(1 / rank for rank in range(1, len(words) + 1)))
    found: dict[str, None] = {}
    while len(found) < count:
        length = rng.randint(8, 30)
        picked = rng.choices(words, cum_weights=weights, k=length)
        text = [w if rng.random() > 0.35 else rng.choice(FUNCTION_WORDS) for w in picked]
        found[" ".join(text).capitalize() + "."] = None
    return list(found)


def translation(source: str) -> str:
    return "uk " + " ".join(reversed(source.split()))


def near_variant(rng: random.Random, source: str, memory: set[str]) -> str:
    while True:
        words = source.rstrip(".").split()
        for _ in range(rng.choice((1, 1, 2))):
            words[rng.randrange(1, len(words))] = rng.choice(("sudden", "nothing", "zeppelin"))
        text = " ".join(words) + "."
        if text not in memory:
            return text


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_po(path: Path, pairs: list[tuple[str, str]]) -> None:
    head = (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Language: uk\\n"\n"PO-Revision-Date: 2026-11-25 09:40+0000\\n"\n\n'
    )
    body = "".join(f"msgid {_quote(s)}\nmsgstr {_quote(t)}\n\n" for s, t in pairs)
    path.write_text(head + body, encoding="utf-8")


def prepare(folder: Path, units: int, queries: int, seed: int) -> dict[str, object]:
    memory = sentences(units, seed)
    (folder / "locales/uk/LC_MESSAGES").mkdir(parents=True)
    write_po(folder / "locales/uk/LC_MESSAGES/memory.po", [(s, translation(s)) for s in memory])
    rng = random.Random(seed + 1)
    picked = rng.sample(memory, queries)
    known = set(memory)
    half = queries // 2
    exact = picked[:half]
    near = [near_variant(rng, s, known) for s in picked[half:]]
    asked = [text for pair in zip(exact, near, strict=False) for text in pair]  # interleaved
    (folder / "queries.json").write_text(
        json.dumps({"queries": asked, "exact": exact, "near": dict(zip(near, picked[half:],
                                                                       strict=True))}),
        encoding="utf-8",
    )  # fmt: skip
    return {"units": len(memory), "queries": len(asked)}


# -- the phases, each in a child process ---------------------------------------------------


def phase_build(folder: Path) -> dict[str, object]:
    from l10n.memory import MemoryIndex, Origin, catalog_units

    path = folder / "locales/uk/LC_MESSAGES/memory.po"
    origin = Origin(path, "memory.po", lambda p: catalog_units(p, source_lang="en"))
    start = time.perf_counter()
    with MemoryIndex(folder / "locales/.l10n-memory.sqlite") as index:
        report = index.refresh([origin])
        built = time.perf_counter() - start
        start = time.perf_counter()
        again = index.refresh([origin])
        unchanged = time.perf_counter() - start
    size = (folder / "locales/.l10n-memory.sqlite").stat().st_size
    assert report.units > 0 and again.read == 0
    return {"seconds": built, "unchanged_refresh": unchanged, "units": report.units,
            "index_bytes": size}  # fmt: skip


def phase_lookup(folder: Path) -> dict[str, object]:
    from l10n.memory import Memory, MemoryIndex

    data = json.loads((folder / "queries.json").read_text(encoding="utf-8"))
    exact = near = 0
    found: dict[str, list[str]] = {}
    start = time.perf_counter()
    with MemoryIndex(folder / "locales/.l10n-memory.sqlite") as index:
        memory = Memory(index)
        for text in data["queries"]:
            if memory.exact(text, source="en", target="uk") is not None:
                exact += 1
                continue
            matches = memory.near(text, source="en", target="uk")
            near += bool(matches)
            found[text] = [m.source for m in matches]
    seconds = time.perf_counter() - start
    (folder / "ours.json").write_text(json.dumps(found), encoding="utf-8")
    return {"seconds": seconds, "exact": exact, "near": near}


def run_child(args: list[str]) -> tuple[dict[str, object], int]:
    """Run a child process; its JSON answer (or {}) and its peak RSS in KiB."""
    process = subprocess.Popen(args, stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    output = process.stdout.read()
    _pid, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{args[:3]} failed ({process.returncode})")
    lines = output.strip().splitlines()
    answer = json.loads(lines[-1]) if lines and lines[-1].startswith("{") else {}
    return answer, usage.ru_maxrss


def translate_toolkit(folder: Path, count: int) -> tuple[float, int, dict[str, object]]:
    data = json.loads((folder / "queries.json").read_text(encoding="utf-8"))
    asked = data["queries"][:count]
    write_po(folder / "queries.po", [(text, "") for text in asked])
    write_po(folder / "empty.po", [])  # pretranslate needs a template (an earlier version)
    tool = Path(sys.executable).with_name("pretranslate")
    start = time.perf_counter()
    _answer, rss = run_child([
        str(tool), "--progress=none", "--tm", str(folder / "locales/uk/LC_MESSAGES/memory.po"),
        "-t", str(folder / "empty.po"), "-i", str(folder / "queries.po"),
        "-o", str(folder / "tt.po"),
    ])  # fmt: skip
    seconds = time.perf_counter() - start
    from translate.storage import factory

    store = factory.getobject(str(folder / "tt.po"))
    exact = near = recalled = 0
    expected_near = data["near"]
    for unit in store.units:
        if unit.isheader() or not unit.target:
            continue
        if unit.isfuzzy():
            near += 1
            recalled += unit.target == translation(expected_near.get(unit.source, ""))
        else:
            exact += 1
    return seconds, rss, {"exact": exact, "near": near, "recalled": recalled}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=10_000)
    parser.add_argument("--tt-queries", type=int, default=200)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--phase", choices=("build", "lookup"), help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase is not None:
        phases = {"build": phase_build, "lookup": phase_lookup}
        print(json.dumps(phases[args.phase](args.folder)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        report(Path(tmp), args)


def report(folder: Path, args: argparse.Namespace) -> None:
    say = print
    start = time.perf_counter()
    sizes = prepare(folder, args.units, args.queries, args.seed)
    say(f"data: {sizes['units']:,} memory units, {sizes['queries']:,} queries (half exact, "
        f"half near) in {time.perf_counter() - start:.1f} s")  # fmt: skip
    me = [sys.executable, __file__, "--folder", str(folder), "--phase"]
    build, build_rss = run_child([*me, "build"])
    say(f"l10n build: {build['seconds']:.1f} s for {build['units']:,} units "
        f"({build['units'] / build['seconds']:,.0f}/s), peak RSS {build_rss / 1024:.0f} MiB, "
        f"index {build['index_bytes'] / 2**20:.0f} MiB; "
        f"refresh with nothing changed {build['unchanged_refresh'] * 1000:.1f} ms")  # fmt: skip
    lookup, lookup_rss = run_child([*me, "lookup"])
    queries = sizes["queries"]
    assert isinstance(queries, int)
    ours_each = float(lookup["seconds"]) / queries  # type: ignore[arg-type]
    say(f"l10n lookup: {lookup['seconds']:.1f} s for {queries:,} sentences "
        f"({1 / ours_each:,.0f}/s, {ours_each * 1000:.2f} ms each), peak RSS "
        f"{lookup_rss / 1024:.0f} MiB; exact {lookup['exact']:,}, near {lookup['near']:,}")
    data = json.loads((folder / "queries.json").read_text(encoding="utf-8"))
    ours = json.loads((folder / "ours.json").read_text(encoding="utf-8"))
    count = max(2, min(args.tt_queries, queries))
    tt_seconds, tt_rss, tt = translate_toolkit(folder, count)
    tt_load, _rss, _found = translate_toolkit(folder, 1)  # loading the memory, mostly
    tt_each = (tt_seconds - tt_load) / (count - 1)
    say(f"Translate Toolkit pretranslate --tm: {tt_seconds:.1f} s for {count:,} sentences, "
        f"{tt_load:.1f} s for one (start-up and loading the memory): {tt_each * 1000:.1f} ms "
        f"a sentence beyond that (all {queries:,} would take "
        f"~{(tt_load + tt_each * queries) / 60:.0f} min), peak RSS {tt_rss / 1024:.0f} MiB; "
        f"exact {tt['exact']}, near {tt['near']}")  # fmt: skip
    subset = data["queries"][:count]
    near_asked = [q for q in subset if q in data["near"]]
    our_recall = sum(data["near"][q] in ours.get(q, []) for q in near_asked)
    say(f"recall on the {len(near_asked)} near queries both ran: l10n found the sentence "
        f"they were made from for {our_recall}, Translate Toolkit for {tt['recalled']}")
    all_near = list(data["near"])
    recall_all = sum(data["near"][q] in ours.get(q, []) for q in all_near)
    say(f"l10n recall on all {len(all_near):,} near queries: {recall_all:,}")
    say(f"per sentence looked up, Translate Toolkit / l10n: {tt_each / ours_each:,.0f}x; "
        f"{queries:,} sentences from nothing, build included: l10n "
        f"{float(build['seconds']) + float(lookup['seconds']):.0f} s, Translate Toolkit "  # type: ignore[arg-type]
        f"~{tt_load + tt_each * queries:.0f} s")


if __name__ == "__main__":
    main()
