"""kill -9 at random moments of translate, update and build: every catalog stays
parseable, reviewed and human-edited translations stay intact, a re-run finishes."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from l10n import catalog as cat
from l10n.reviewstate import entry_state
from tests.po_helpers import msgfmt_check

ROOT = Path(__file__).resolve().parent.parent
KILLS = 54


def harness(*args: str, cwd: Path) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "ARGOS_PACKAGES_DIR": str(cwd / "argos"),
        "L10N_TEST_DELAY": "0.003",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "tests.crash_harness", *args],
        cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )


def finish(*args: str, cwd: Path) -> None:
    job = harness(*args, cwd=cwd)
    _, err = job.communicate(timeout=300)
    assert job.returncode == 0, err.decode()


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
    killed = 0
    for round_ in range(KILLS):
        if round_ % 9 == 4:  # the article changes now and then
            source.write_text(article(round_ % 2), encoding="utf-8")
            finish("extract", cwd=tmp_path)
        job = harness(*rng.choice(commands), cwd=tmp_path)
        time.sleep(rng.uniform(0.05, 0.9))
        if job.poll() is None:
            job.send_signal(signal.SIGKILL)
            killed += 1
        job.wait()
        _check(po, human)
    assert killed >= KILLS // 2, killed

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
