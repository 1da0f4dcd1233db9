"""Benchmark: how the catalog work grows with its size (linear or worse).

Not a test. Each part measures one job at several sizes, doubling each time, and prints
the seconds and the ratio to the size before: about 2 per doubling is linear, about 4 is
quadratic. Every job runs on generated (seeded) data in a temporary folder, and each part
has a baseline measured in the same run:

* translate: ``l10n translate --engine fake -l uk`` (a child process, as a user runs it)
  on a catalog of N untranslated article-like sentences. Baseline: loading that catalog
  and formatting it once (``load_catalog`` + ``format_catalog``), the least a job that
  rewrites the catalog must do.
* read: ``load_catalog`` of a catalog whose one msgstr has N continuation lines (short
  strings, as a tool that breaks after every word writes them), and of a catalog whose
  one msgstr is huge and wrapped as GNU wraps it (written by ``format_catalog``, also
  timed). Baseline: the same catalog with the same text on one line.
* run: ``l10n run --engine fake -l uk`` on a new article of N distinct sentences (extract,
  init, translate, build), then the same command again with nothing to do. Baseline:
  ``l10n --help``, the interpreter and the CLI alone.

Each figure is the median of ``--repeat`` runs (one run for the sizes that take long).
Usage::

    python benchmarks/bench_scaling.py [--parts translate,read,run] [--repeat 3] [--quick]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import NamedTuple, TypeVar

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from l10n import po as cat

T = TypeVar("T")

WORDS = [
    "council", "minister", "bridge", "winter", "energy", "report", "drone", "city",
    "river", "market", "school", "station", "harbour", "museum", "garden", "village",
    "budget", "contract", "weather", "election", "shelter", "railway", "hospital", "army",
]  # fmt: skip
HEADER = (
    'msgid ""\nmsgstr ""\n"Project-Id-Version: bench 1.0\\n"\n'
    '"POT-Creation-Date: 2024-01-01 00:00+0000\\n"\n'
    '"PO-Revision-Date: 2024-01-02 00:00+0000\\n"\n"Last-Translator: bench\\n"\n'
    '"Language-Team: Ukrainian\\n"\n"Language: uk\\n"\n"MIME-Version: 1.0\\n"\n'
    '"Content-Type: text/plain; charset=UTF-8\\n"\n"Content-Transfer-Encoding: 8bit\\n"\n'
    '"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && '
    'n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\\n"\n'
)


def sentence(rng: random.Random, number: int) -> str:
    """A distinct sentence of about 100 characters (GNU wraps it over two lines)."""
    a, b, c, d, e = (rng.choice(WORDS) for _ in range(5))
    return (
        f"The {a} number {number} said the {b} had {c} news today about "
        f"the {d} and the {e}."
    )


def article(count: int, *, seed: int = 0) -> str:
    """``count`` distinct sentences, five to a paragraph, one paragraph per line."""
    rng = random.Random(seed)
    sentences = [sentence(rng, number) for number in range(count)]
    return "".join(" ".join(sentences[i : i + 5]) + "\n" for i in range(0, count, 5))


def quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def untranslated_catalog(count: int, *, seed: int = 0) -> str:
    rng = random.Random(seed)
    blocks = [HEADER]
    for number in range(count):
        text = sentence(rng, number)
        blocks.append(f"#: news.txt:{number // 5 + 1}\nmsgid {quote(text)}\nmsgstr \"\"\n")
    return "\n".join(blocks)


# -- timing ------------------------------------------------------------------------------


class Timing(NamedTuple):
    """Seconds of wall-clock time and of CPU time (this process and its children): on a
    shared machine the CPU time varies less."""

    wall: float
    cpu: float


def cpu_seconds() -> float:
    children = os.times()  # of the children waited for (ticks of 10 ms)
    return time.process_time() + children.children_user + children.children_system


def median_time(action: Callable[[], object], repeat: int) -> Timing:
    walls, cpus = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), cpu_seconds()
        action()
        walls.append(time.perf_counter() - start)
        cpus.append(cpu_seconds() - start_cpu)
    return Timing(statistics.median(walls), statistics.median(cpus))


BYTECODE = Path(tempfile.gettempdir()) / "l10n-bench-bytecode"


def l10n(args: Sequence[str], cwd: Path) -> None:
    """``l10n ARGS`` in a child process (this checkout's code); fails loudly.

    Bytecode is cached (in a folder of its own) even where PYTHONDONTWRITEBYTECODE is
    set, as it is for an installed package: imports are timed as users get them.
    """
    env = {**os.environ, "PYTHONPATH": str(ROOT), "ARGOS_PACKAGES_DIR": str(cwd / "argos")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(BYTECODE)
    done = subprocess.run(
        [sys.executable, "-m", "l10n", *args], cwd=cwd, env=env, capture_output=True, check=False
    )
    if done.returncode != 0:
        sys.exit(f"l10n {' '.join(args)} failed:\n{done.stderr.decode()}")


def l10n_run(folder: Path) -> None:
    l10n(["run", "--engine", "fake", "-l", "uk"], folder)


def translate_afresh(folder: Path, po: Path, text: str) -> None:
    po.write_text(text, encoding="utf-8")
    l10n(["translate", "--engine", "fake", "-l", "uk"], folder)


def load_and_format(po: Path) -> None:
    cat.format_catalog(cat.load_catalog(po))


def report(label: str, sizes: Sequence[int], timings: Sequence[Timing], unit: str) -> None:
    previous = None
    for size, value in zip(sizes, timings, strict=True):
        line = f"  {label} {size:>9,} {unit}: {value.wall:7.3f} s ({value.cpu:7.3f} s CPU)"
        if previous is not None and previous.wall > 0 and previous.cpu > 0:
            wall, cpu = value.wall / previous.wall, value.cpu / previous.cpu
            line += f"  x{wall:5.2f} per doubling (CPU x{cpu:5.2f})"
        print(line)
        previous = value


def project(folder: Path) -> Path:
    folder.mkdir(parents=True)
    (folder / "l10n.toml").write_text(
        'domain = "news"\nsources = ["news.txt"]\nlanguages = ["uk"]\nlock_timeout = 60\n',
        encoding="utf-8",
    )
    return folder


# -- parts -------------------------------------------------------------------------------


def bench_translate(temp: Path, sizes: Sequence[int], repeat: int) -> None:
    print("translate --engine fake (a catalog of N untranslated entries):")
    baseline, seconds = [], []
    for size in sizes:
        text = untranslated_catalog(size)
        folder = project(temp / f"translate-{size}")
        po = folder / "locales" / "uk" / "LC_MESSAGES" / "news.po"
        po.parent.mkdir(parents=True)

        po.write_text(text, encoding="utf-8")
        baseline.append(median_time(partial(load_and_format, po), repeat))
        runs = 1 if size >= 20_000 else repeat
        seconds.append(median_time(partial(translate_afresh, folder, po, text), runs))
        if cat.load_catalog(po).stats().untranslated:
            sys.exit("translate left entries untranslated")
    report("baseline load+format", sizes, baseline, "entries")
    report("translate           ", sizes, seconds, "entries")
    for size, value, base in zip(sizes, seconds, baseline, strict=True):
        print(f"  translate {size:>9,} entries: {value.cpu / base.cpu:6.1f}x the baseline (CPU)")


def bench_read(temp: Path, lines: Sequence[int], megabytes: Sequence[float], repeat: int) -> None:
    print("read: one msgstr of N continuation lines:")
    baseline, seconds = [], []
    for count in lines:
        words = [f"w{n % 997} " for n in range(count)]
        path = temp / f"lines-{count}.po"
        path.write_text(
            HEADER + '\nmsgid "long"\nmsgstr ""\n' + "".join(f'"{w}"\n' for w in words),
            encoding="utf-8",
        )
        flat = temp / f"flat-{count}.po"
        flat.write_text(HEADER + f'\nmsgid "long"\nmsgstr "{"".join(words)}"\n', encoding="utf-8")
        baseline.append(median_time(partial(cat.load_catalog, flat), repeat))
        runs = 1 if count > 250_000 else repeat
        seconds.append(median_time(partial(cat.load_catalog, path), runs))
    report("baseline, on one line", lines, baseline, "lines")
    report("load_catalog         ", lines, seconds, "lines")

    print("read and write: one huge msgstr, wrapped as GNU wraps it:")
    rng = random.Random(1)
    base_read, write, read, sizes = [], [], [], []
    for size in megabytes:
        text_parts, length = [], 0
        while length < size * 1_000_000:
            part = f"{rng.choice(WORDS)} {rng.randrange(1000)}, \"{rng.choice(WORDS)}\"."
            text_parts.append(part)
            length += len(part) + 1
        text = " ".join(text_parts)
        catalog = cat.parse_catalog(HEADER.encode(), path="huge.po")
        catalog.append(cat.make_entry(msgid="huge", msgstr=text))
        write.append(median_time(partial(cat.format_catalog, catalog), 1))
        data = cat.format_catalog(catalog)
        path = temp / f"huge-{size}.po"
        path.write_bytes(data)
        flat = temp / f"huge-flat-{size}.po"
        flat.write_text(HEADER + f"\nmsgid \"huge\"\nmsgstr {quote(text)}\n", encoding="utf-8")
        base_read.append(median_time(partial(cat.load_catalog, flat), 1))
        read.append(median_time(partial(cat.load_catalog, path), 1))
        if cat.load_catalog(path).find("huge").msgstr != text:  # type: ignore[union-attr]
            sys.exit("the huge msgstr did not read back")
        sizes.append(data.count(b"\n"))
        print(f"  {len(text) / 1e6:5.2f} MB msgstr: {sizes[-1]:,} lines written")
    mb = [int(m * 1000) for m in megabytes]
    report("baseline read, one line", mb, base_read, "kB")
    report("format_catalog (write) ", mb, write, "kB")
    report("load_catalog (read)    ", mb, read, "kB")


def bench_run(temp: Path, sizes: Sequence[int], repeat: int) -> None:
    print("run --engine fake -l uk (a new article of N distinct sentences):")
    warm = temp / "warm-up"
    startup = median_time(partial(l10n, ["--help"], warm), max(repeat, 3))
    print(f"  baseline l10n --help: {startup.wall:6.3f} s ({startup.cpu:6.3f} s CPU)")
    first, again = [], []
    for size in sizes:
        text = article(size)
        runs: list[Timing] = []
        folder = temp
        for attempt in range(repeat):
            folder = project(temp / f"run-{size}-{attempt}")
            (folder / "news.txt").write_text(text, encoding="utf-8")
            runs.append(median_time(partial(l10n_run, folder), 1))
        first.append(Timing(*map(statistics.median, zip(*runs, strict=True))))
        again.append(median_time(partial(l10n_run, folder), repeat))
        catalog = cat.load_catalog(folder / "locales" / "uk" / "LC_MESSAGES" / "news.po")
        if catalog.stats().untranslated or len(catalog) != size:
            sys.exit(f"run left {catalog.stats().untranslated} untranslated of {len(catalog)}")
    report("new article          ", sizes, first, "sentences")
    report("re-run, nothing to do", sizes, again, "sentences")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--parts", default="translate,read,run")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="smaller sizes (a quick look)")
    parser.add_argument("--entries", help="translate sizes, e.g. 10000,20000,40000")
    parser.add_argument("--lines", help="continuation lines, e.g. 250000,500000,1000000")
    parser.add_argument("--megabytes", help="huge msgstr sizes, e.g. 2.25,4.5,9")
    parser.add_argument("--sentences", help="run's article sizes, e.g. 2000,4000")
    args = parser.parse_args()
    parts = set(args.parts.split(","))
    with tempfile.TemporaryDirectory() as name:
        temp = Path(name)
        warm = project(temp / "warm-up")  # compiles and caches the bytecode of every module
        (warm / "news.txt").write_text(article(10), encoding="utf-8")
        l10n_run(warm)
        if "translate" in parts:
            sizes = [2_500, 5_000, 10_000] if args.quick else [10_000, 20_000, 40_000]
            bench_translate(temp, numbers(args.entries, int) or sizes, args.repeat)
        if "read" in parts:
            lines = [62_500, 125_000, 250_000] if args.quick else [250_000, 500_000, 1_000_000]
            megabytes = [0.5, 1.0, 2.0] if args.quick else [2.25, 4.5, 9.0]
            lines = numbers(args.lines, int) or lines
            bench_read(temp, lines, numbers(args.megabytes, float) or megabytes, args.repeat)
        if "run" in parts:
            sizes = [1_000, 2_000] if args.quick else [2_000, 4_000]
            bench_run(temp, numbers(args.sentences, int) or sizes, args.repeat)


def numbers(text: str | None, kind: Callable[[str], T]) -> list[T]:
    return [kind(item) for item in text.split(",")] if text else []


if __name__ == "__main__":
    main()
