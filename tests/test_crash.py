"""kill -9 at random moments of translate, update and build: every catalog stays
parseable, reviewed and human-edited translations stay intact, a re-run finishes.

Each kill lands at a random moment after the command has started its work (the harness
signals it, see tests/crash_harness.py), within how long that work takes on this machine
(measured here, from runs left to finish): so the test holds on a machine 10x faster or
slower, and asserts nothing about how many kills landed mid-work.
"""

from __future__ import annotations

import os
import random
import select
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from l10n import po as cat
from l10n.reviewstate import entry_state
from tests.crash_harness import STARTED
from tests.po_helpers import msgfmt_check

ROOT = Path(__file__).resolve().parent.parent
KILLS = 30
WAIT = 300  # seconds: only a hung job takes that long to start or to finish


@dataclass
class Job:
    """A harness process and the read end of the pipe that says its work has started."""

    process: subprocess.Popen[bytes]
    started: int


def harness(*args: str, cwd: Path, stdin: bytes | None = None) -> Job:
    read, write = os.pipe()
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "ARGOS_PACKAGES_DIR": str(cwd / "argos"),
        "L10N_TEST_DELAY": "0.003",
        "L10N_TEST_STARTED_FD": str(write),
    }
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.crash_harness", *args],
            cwd=cwd, env=env, pass_fds=(write,),
            stdin=subprocess.DEVNULL if stdin is None else subprocess.PIPE,
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )  # fmt: skip
    finally:
        os.close(write)
    if stdin is not None:
        assert process.stdin is not None
        process.stdin.write(stdin)
        process.stdin.close()
        process.stdin = None  # all written: communicate() has nothing to send
    return Job(process, read)


def wait_for_work(job: Job) -> bool:
    """Wait until the job starts its work (True) or ends without any (False)."""
    try:
        ready, _, _ = select.select([job.started], [], [], WAIT)
        if not ready:
            job.process.kill()
            pytest.fail(f"the job did not start its work in {WAIT} s")
        return os.read(job.started, 1) == STARTED
    finally:
        os.close(job.started)


@dataclass
class Timings:
    """How long a command's work takes here, from its start signal to its exit: a fixed
    part (runs of ``size`` 0) and a part per unit of size (e.g. per review decision), the
    longest seen in runs nobody killed."""

    fixed: dict[str, float] = field(default_factory=dict)
    per_unit: dict[str, float] = field(default_factory=dict)

    def bound(self, key: str, size: int = 0) -> float:
        return self.fixed[key] + self.per_unit.get(key, 0.0) * size

    def measure(self, key: str, job: Job, *, size: int = 0) -> None:
        """Let the job finish; record how long its work took."""
        assert wait_for_work(job), "the job ended before starting its work"
        start = time.monotonic()
        _, err = job.process.communicate(timeout=WAIT)
        assert job.process.returncode == 0, err.decode()
        self._record(key, size, time.monotonic() - start)

    def kill_at_random(self, key: str, job: Job, rng: random.Random, *, size: int = 0) -> bool:
        """kill -9 the job at a random moment of its work (uniform over how long such work
        took before). True if it was killed, False if it ended first."""
        if not wait_for_work(job):
            job.process.communicate(timeout=WAIT)
            return False
        start = time.monotonic()
        try:
            job.process.wait(timeout=rng.uniform(0, self.bound(key, size)))
        except subprocess.TimeoutExpired:
            job.process.kill()
            job.process.communicate(timeout=WAIT)
            return True
        job.process.communicate(timeout=WAIT)
        if job.process.returncode == 0:
            self._record(key, size, time.monotonic() - start)
        return False

    def _record(self, key: str, size: int, seconds: float) -> None:
        if size == 0:
            self.fixed[key] = max(self.fixed.get(key, 0.0), seconds)
        else:
            unit = (seconds - self.fixed.get(key, 0.0)) / size
            self.per_unit[key] = max(self.per_unit.get(key, 0.0), unit)


def finish(*args: str, cwd: Path) -> None:
    job = harness(*args, cwd=cwd)
    _, err = job.process.communicate(timeout=WAIT)
    os.close(job.started)
    assert job.process.returncode == 0, err.decode()


def article(version: int) -> str:
    rng = random.Random(version)
    words = ["drone", "city", "minister", "report", "council", "winter", "energy", "bridge"]
    lines = []
    for paragraph in range(60):
        sentences = [
            f"The {rng.choice(words)} number {paragraph * 10 + i} had {rng.choice(words)} news."
            for i in range(5)
        ]
        lines.append(" ".join(sentences))
    return "\n".join(lines) + "\n"


def test_kill_9_never_loses_human_work(tmp_path: Path) -> None:
    (tmp_path / "l10n.toml").write_text(
        'domain = "news"\nsources = ["news.txt"]\nlanguages = ["uk"]\nlock_timeout = 60\n',
        encoding="utf-8",
    )
    source = tmp_path / "news.txt"
    source.write_text(article(0), encoding="utf-8")
    finish("extract", cwd=tmp_path)
    finish("init", "-l", "uk", cwd=tmp_path)
    po = tmp_path / "locales/uk/LC_MESSAGES/news.po"

    # People have worked: some reviewed translations, some edited machine output.
    finish("translate", "--engine", "fake", "-l", "uk", cwd=tmp_path)
    catalog = cat.load_catalog(po)
    human: dict[str, str] = {}
    for number, entry in enumerate(catalog):
        if number % 7 == 0:
            entry.msgstr, entry.flags = f"Перевірено {number}.", []
        elif number % 7 == 1:
            entry.msgstr = f"Виправлено {number}."
        else:
            entry.msgstr, entry.flags = "", []
            continue
        human[entry.msgid] = entry.msgstr
    cat.save_catalog(catalog, po)

    rng = random.Random(1234)
    commands = [
        ("translate", "--engine", "slow", "-l", "uk"),
        ("translate", "--engine", "slow", "-l", "uk", "--refresh"),
        ("update",),
        ("build", "--use-fuzzy"),
        ("run", "--engine", "slow", "-l", "uk"),
    ]
    timings = Timings()
    for command in commands:  # how long each command's work takes on this machine
        timings.measure(" ".join(command), harness(*command, cwd=tmp_path))
        _check(po, human)
    for round_ in range(KILLS):
        if round_ % 6 == 3:  # the article changes now and then, and back
            source.write_text(article((round_ // 6 + 1) % 2), encoding="utf-8")
            finish("extract", cwd=tmp_path)
        command = rng.choice(commands)
        timings.kill_at_random(" ".join(command), harness(*command, cwd=tmp_path), rng)
        _check(po, human)

    source.write_text(article(0), encoding="utf-8")
    finish("run", "--engine", "slow", "-l", "uk", cwd=tmp_path)
    catalog = _check(po, human)
    assert catalog.stats().untranslated == 0
    assert (tmp_path / "out/uk/news.txt").is_file()
    leftovers = [p.name for p in po.parent.iterdir() if p.name not in {"news.po", "news.mo"}]
    assert leftovers == [], leftovers


def _check(po: Path, human: dict[str, str]) -> cat.Catalog:
    catalog = cat.load_catalog(po)  # parseable
    msgfmt_check(po)
    everything = {e.msgid: e for e in (*catalog, *catalog.obsolete_entries())}
    for msgid, text in human.items():
        assert msgid in everything, msgid
        entry = everything[msgid]
        assert entry.msgstr == text, (msgid, entry.msgstr)
        assert entry_state(entry) in {"translated", "edited"}
    return catalog
