"""``l10n extract`` on a big generated article of distinct sentences: time and peak memory.

Usage: ``python benchmarks/bench_big_article.py [MEGABYTES ...]`` (default: 5 50)

Each size runs ``l10n extract`` in a child process (``os.wait4`` gives that child's own
peak RSS) on an article of distinct sentences in paragraphs of five. The baseline,
measured in the same run, is ``l10n --help``: the interpreter and the CLI alone.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDS = [
    "council",
    "minister",
    "bridge",
    "winter",
    "energy",
    "report",
    "drone",
    "city",
    "river",
    "market",
    "school",
    "station",
    "harbour",
    "museum",
    "garden",
    "village",
    "budget",
    "contract",
    "weather",
    "election",
]


def article(megabytes: float, *, seed: int = 0) -> bytes:
    """Distinct sentences ("... number N ..."), five to a paragraph, about ``megabytes``."""
    rng = random.Random(seed)
    target = int(megabytes * 1_000_000)
    paragraphs, size, number = [], 0, 0
    while size < target:
        sentences = []
        for _ in range(5):
            a, b, c = rng.choice(WORDS), rng.choice(WORDS), rng.choice(WORDS)
            sentences.append(f"The {a} number {number} said the {b} had {c} news today.")
            number += 1
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        size += len(paragraph) + 1
    return ("\n".join(paragraphs) + "\n").encode()


def run(args: list[str], cwd: Path) -> tuple[float, float, int]:
    """Seconds, peak RSS (MiB) and exit status of ``l10n ARGS`` in ``cwd``."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "l10n", *args],
        cwd=cwd,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - start, usage.ru_maxrss / 1024, child.returncode


def main() -> None:
    sizes = [float(s) for s in sys.argv[1:]] or [5.0, 50.0]
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        (folder / "l10n.toml").write_text(
            'domain = "big"\nsources = ["big.txt"]\nlanguages = ["uk"]\n', encoding="utf-8"
        )
        seconds, rss, _ = run(["--help"], folder)
        print(f"baseline l10n --help: {seconds:6.2f} s, peak RSS {rss:7.1f} MiB")
        for megabytes in sizes:
            data = article(megabytes)
            (folder / "big.txt").write_bytes(data)
            (folder / "locales" / "big.pot").unlink(missing_ok=True)
            seconds, rss, code = run(["extract"], folder)
            pot = (folder / "locales" / "big.pot").stat().st_size if code == 0 else 0
            print(
                f"extract {len(data) / 1e6:5.1f} MB article: {seconds:6.2f} s, "
                f"peak RSS {rss:7.1f} MiB ({rss / (len(data) / 2**20):4.1f}x the article), "
                f"exit {code}, template {pot / 1e6:.1f} MB"
            )


if __name__ == "__main__":
    main()
