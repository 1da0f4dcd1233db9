"""Benchmark: the Apertium engine against Apertium itself, and what the catalog costs.

Not a test; needs ``apertium apertium-eng-spa``. On 2,000 distinct English sentences
(seeded, news-like, 8 to 30 words; plus the example article's) it measures, in the same
run, en→es:

* raw: the pair's own NUL-flushing pipeline (``apertium-wblank-mode -z``, run by bash)
  fed every sentence at once from a file, each as ``apertium-destxt`` would write it:
  the most Apertium does on this machine; start-up included;
* engine: ``ApertiumEngine.translate_batch`` over the same sentences, from a new engine
  (start-up and probe included: the same work as raw, plus escaping, a writer thread,
  reading records and decoding them), and again with its pipeline already running;
* one ``apertium eng-spa`` call per sentence, what a client of the ``apertium`` command
  does, on the first ``--per-call`` sentences (it takes 0.3 s each), reported per
  sentence;
* ``l10n translate -l es`` on a catalog of the 2,000 sentences, ``--engine apertium``
  against ``--engine fake`` (what the catalog handling costs: load, pending entries,
  write the records, save), each a new process from the same untranslated catalog;
* ``translate_catalog`` in this process with the pipeline running, 256 sentences a call
  and a save (as before engines could say how many they take) against the engine's
  preferred batch.

Checks that the engine's output is the raw pipeline's, decoded, for every sentence.
Prints sentences per second (medians of ``--repeat`` interleaved rounds after a warm-up
round) and the ratios, each the median of the rounds' own.
Usage::

    python benchmarks/bench_apertium.py [--count 2000] [--repeat 3] [--per-call 50]
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from l10n.engine.apertium import ApertiumEngine
from l10n.engine.apertium import modes as m
from l10n.engine.apertium.stream import decode, encode
from l10n.translate import CHUNK_SIZE

SUBJECTS = [
    "The president", "Ukraine's prime minister", "A local official", "The mayor of the city",
    "Our correspondent", "Many residents", "The new government", "Several witnesses",
    "The foreign minister", "A spokesman for the army", "The European Union", "Rescue workers",
    "The opposition leader", "Two senior diplomats", "The head of the agency", "Farmers",
    "The central bank", "Teachers in the region", "The United Nations", "A young doctor",
]
VERBS = [
    "said", "announced", "denied", "confirmed", "warned", "reported", "insisted", "admitted",
    "claimed", "explained", "suggested", "told reporters",
]
CLAUSES = [
    "the talks would continue next week", "the attack had destroyed several houses",
    "prices were rising faster than expected", "the new bridge would open in the spring",
    "hundreds of families had left their homes", "the agreement was a step towards peace",
    "the hospital needed more doctors and nurses", "the schools would remain closed",
    "the drones were shot down over the river", "the elections must be held on time",
    "the company planned to build a new factory", "the weather had delayed the harvest",
    "the budget would be approved before the summer", "the police had arrested three men",
    "the border crossing was closed for the night", "the museum would reopen in June",
    "the soldiers were trained in the United Kingdom", "the city had no electricity",
    "the missiles hit a residential building", "the ceasefire was broken again",
]
TAILS = [
    "", " on Monday", " on Tuesday evening", " after a long meeting", " in a statement",
    " during a visit to the capital", " despite strong criticism", " earlier this month",
    " in an interview with local television", " according to official figures",
]


def sentences(count: int, *, seed: int = 0) -> list[str]:
    """``count`` distinct sentences: the example article's, then seeded news-like ones."""
    from l10n.segment import segment_text

    text = (ROOT / "examples" / "article.txt").read_text(encoding="utf-8")
    out = list(dict.fromkeys(segment.text for segment in segment_text(text)))[:count]
    rng = random.Random(seed)
    seen = set(out)
    while len(out) < count:
        first = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} that {rng.choice(CLAUSES)}"
        second = rng.choice(["", f", and {rng.choice(CLAUSES)}", f" because {rng.choice(CLAUSES)}"])
        sentence = f"{first}{second}{rng.choice(TAILS)}."
        if sentence not in seen:
            seen.add(sentence)
            out.append(sentence)
    return out


def raw_pipeline(texts: list[str], work: Path) -> list[bytes]:
    """Every text through the mode's own pipeline at once, as the shell runs it."""
    mode = m.find_mode(m.installed_modes(), source="en", target="es")
    assert mode is not None
    pipeline = subprocess.run(
        ["apertium-wblank-mode", "-z", str(mode.path)], capture_output=True, check=True, text=True
    ).stdout.strip()
    data = work / "records.bin"
    data.write_bytes(b"".join(encode(t).encode("utf-8") + b"\0" for t in texts))
    with data.open("rb") as stdin:
        out = subprocess.run(
            ["bash", "-c", pipeline, "_", "-g", ""], stdin=stdin, capture_output=True, check=True,
            env={"LC_ALL": "C.UTF-8", "PATH": "/usr/bin:/bin"},
        ).stdout
    return out.split(b"\0")[: len(texts)]


def per_call(texts: list[str]) -> list[str]:
    return [
        subprocess.run(
            ["apertium", "-u", "eng-spa"], input=t, capture_output=True, text=True, check=True
        ).stdout.strip()
        for t in texts
    ]


def catalog_project(texts: list[str], work: Path) -> Path:
    """A project whose article is ``texts``, one per line, with an untranslated es catalog."""
    project = work / "project"
    (project / "examples").mkdir(parents=True)
    (project / "examples" / "article.txt").write_text("\n".join(texts) + "\n", encoding="utf-8")
    (project / "l10n.toml").write_text(
        'source_lang = "en"\nlanguages = ["es"]\ndomain = "article"\n'
        'sources = ["examples/article.txt"]\n',
        encoding="utf-8",
    )
    l10n = [sys.executable, "-m", "l10n"]
    subprocess.run([*l10n, "extract"], cwd=project, check=True, capture_output=True)
    subprocess.run([*l10n, "init", "-l", "es"], cwd=project, check=True, capture_output=True)
    return project


def translate_command(project: Path, engine: str) -> Callable[[], object]:
    po = project / "locales" / "es" / "LC_MESSAGES" / "article.po"
    pristine = po.read_bytes()

    def run() -> object:
        po.write_bytes(pristine)
        done = subprocess.run(
            [sys.executable, "-m", "l10n", "translate", "-l", "es", "--engine", engine],
            cwd=project, check=True, capture_output=True, text=True,
        )
        return done.stdout

    return run


def catalog_job(project: Path, engine: ApertiumEngine, chunk: int | None) -> Callable[[], object]:
    """``translate_catalog`` in this process, saving after each call as ``l10n translate``
    does, with ``chunk`` sentences a call (None: the engine's preferred batch)."""
    from l10n import po as cat
    from l10n.translate import translate_catalog

    po = project / "locales" / "es" / "LC_MESSAGES" / "article.po"
    pristine = po.read_bytes()

    def run() -> object:
        po.write_bytes(pristine)
        catalog = cat.load_catalog(po)
        return translate_catalog(
            catalog, engine=engine, source="en", target="es", chunk_size=chunk,
            save=lambda: cat.save_catalog(catalog, po),
        )

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--per-call", type=int, default=50)
    options = parser.parse_args()
    if "eng-spa" not in {mode.name for mode in m.installed_modes()}:
        sys.exit("needs Apertium's English-Spanish pair: apt-get install apertium apertium-eng-spa")
    texts = sentences(options.count)
    n = len(texts)
    print(f"{n} distinct sentences, {sum(len(t.split()) for t in texts) / n:.1f} words each")
    with tempfile.TemporaryDirectory(prefix="l10n-bench-apertium-") as folder:
        work = Path(folder)
        project = catalog_project(texts, work)
        warm_engine = ApertiumEngine()

        def cold() -> object:
            engine = ApertiumEngine()
            try:
                return engine.translate_batch(texts, source="en", target="es")
            finally:
                engine.close()

        sides: dict[str, Callable[[], object]] = {
            "raw": lambda: raw_pipeline(texts, work),
            "cold": cold,
            "warm": lambda: warm_engine.translate_batch(texts, source="en", target="es"),
            "apertium": translate_command(project, "apertium"),
            "fake": translate_command(project, "fake"),
            "chunked": catalog_job(project, warm_engine, CHUNK_SIZE),
            "preferred": catalog_job(project, warm_engine, None),
        }
        # Rounds interleave the sides, so that a machine whose load drifts (shared CPUs)
        # weighs on each alike; ratios are taken within a round.
        seconds: dict[str, list[float]] = {name: [] for name in sides}
        results: dict[str, object] = {}
        for round_ in range(options.repeat + 1):
            for name, run in sides.items():
                start = time.perf_counter()
                results[name] = run()
                if round_:  # the first round warms caches up
                    seconds[name].append(time.perf_counter() - start)
        warm_engine.close()
        raw_out, translated = results["raw"], results["cold"]
        assert isinstance(translated, list) and isinstance(raw_out, list)
        expected = [
            decode(r.decode("utf-8"), source=t).text
            for r, t in zip(raw_out, texts, strict=True)
        ]
        same = sum(a.text == b for a, b in zip(translated, expected, strict=True))
        sample = texts[: options.per_call]
        start = time.perf_counter()
        per_call(sample)
        call_s = (time.perf_counter() - start) / len(sample)
        shutil.rmtree(project)

    median = {name: statistics.median(values) for name, values in seconds.items()}

    def ratio(a: str, b: str) -> float:
        return statistics.median(x / y for x, y in zip(seconds[a], seconds[b], strict=True))

    def rate(name: str) -> str:
        return f"{n / median[name]:7.0f} sentences/s ({median[name]:.2f} s)"

    print(f"medians of {options.repeat} interleaved rounds; ratios: median of each round's")
    print(f"raw pipeline (bash, one file)        {rate('raw')}")
    print(f"engine, new (start-up included)      {rate('cold')}   {ratio('raw', 'cold'):.2f}x raw")
    print(f"engine, pipeline already running     {rate('warm')}   {ratio('raw', 'warm'):.2f}x raw")
    print(f"one apertium call per sentence       {1 / call_s:7.1f} sentences/s "
          f"({call_s:.3f} s each, {options.per_call} sentences); "
          f"the engine is {call_s * n / median['cold']:.0f}x faster")
    print(f"engine output = raw pipeline output  {same}/{n}")
    print(f"l10n translate --engine apertium     {median['apertium']:.2f} s   "
          f"({ratio('apertium', 'cold'):.2f}x the engine alone: "
          f"catalog handling and start-up {median['apertium'] - median['cold']:.2f} s)")
    print(f"l10n translate --engine fake         {median['fake']:.2f} s   "
          f"(the same catalog, {CHUNK_SIZE} sentences a call and a save)")
    print(f"translate_catalog, {CHUNK_SIZE} a call and a save    {median['chunked']:.2f} s   "
          f"(in process, pipeline running)")
    print(f"translate_catalog, engine's batch     {median['preferred']:.2f} s   "
          f"{ratio('chunked', 'preferred'):.2f}x faster")
    print(str(results["apertium"]).strip().splitlines()[0])


if __name__ == "__main__":
    main()
