"""kill -9 during ``l10n review`` (issue 5, section 1): no decision saved is ever lost.

Scripted reviews (stdin one key per line, as when stdin is no terminal) are killed at
random moments. Every decision is deterministic per entry (accept, edit or reject), and
the session reviews its queue in file order, so after each kill the catalog must show:
parseable and accepted by ``msgfmt --check``; the decisions of this round a prefix of its
queue (each entry either as it was or as decided, nothing in between); every decision of
earlier rounds intact. A last, unkilled session finishes the review.
"""

from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from l10n import catalog as cat
from l10n.reviewstate import entry_state
from tests import test_crash as crash  # its helpers (a module: pytest collects no test twice)
from tests.po_helpers import msgfmt_check

KILLS = 30


def _review(cwd: Path, keys: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(crash.ROOT), "ARGOS_PACKAGES_DIR": str(cwd / "argos")}
    job = subprocess.Popen(
        [sys.executable, "-m", "tests.crash_harness", "review", "-l", "uk", "--reviewer", "R"],
        cwd=cwd, env=env, stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    assert job.stdin is not None
    job.stdin.write(keys.encode())
    job.stdin.close()
    return job


def _decision(msgid: str) -> tuple[str, str]:
    """(keys, resulting msgstr or "" for the machine text kept) for one entry."""
    kind = hashlib.sha256(msgid.encode()).digest()[0] % 3
    if kind == 0:
        return "a\n", ""
    if kind == 1:
        edited = f"Перевірено: {hashlib.sha256(msgid.encode()).hexdigest()[:8]}."
        return f"e\n{edited}\n", edited
    return "r\n", "\0rejected"


def _queue(po: Path) -> list[tuple[str, str]]:
    """(msgid, msgstr) of the entries a review session would show, in order."""
    return [(e.msgid, e.msgstr) for e in cat.load_catalog(po) if entry_state(e) == "machine"]


def _is_decided(entry: cat.CatalogEntry, machine_text: str) -> bool:
    _, result = _decision(entry.msgid)
    state = entry_state(entry)
    if result == "\0rejected":
        return state == "untranslated" and entry.msgstr == ""
    expected = result or machine_text
    return state == "translated" and entry.msgstr == expected


def test_kill_9_during_review_loses_no_saved_decision(tmp_path: Path) -> None:
    (tmp_path / "l10n.toml").write_text(
        'domain = "news"\nsources = ["news.txt"]\nlanguages = ["uk"]\nlock_timeout = 60\n',
        encoding="utf-8",
    )
    (tmp_path / "news.txt").write_text(crash.article(0), encoding="utf-8")
    crash.finish("extract", cwd=tmp_path)
    crash.finish("init", "-l", "uk", cwd=tmp_path)
    crash.finish("translate", "--engine", "fake", "-l", "uk", cwd=tmp_path)
    po = tmp_path / "locales/uk/LC_MESSAGES/news.po"
    decided: dict[str, str] = {}  # msgid -> machine text, for every decision seen saved

    rng = random.Random(99)
    killed = 0
    for _ in range(KILLS):
        queue = _queue(po)
        if not queue:
            break
        job = _review(tmp_path, "".join(_decision(msgid)[0] for msgid, _ in queue) + "q\n")
        time.sleep(rng.uniform(0.05, 0.8))
        if job.poll() is None:
            job.send_signal(signal.SIGKILL)
            killed += 1
        job.wait()
        _check_round(po, queue, decided)
    assert killed >= KILLS // 2, killed

    queue = _queue(po)
    job = _review(tmp_path, "".join(_decision(msgid)[0] for msgid, _ in queue) + "q\n")
    assert job.wait(timeout=300) == 0, job.stderr.read().decode() if job.stderr else ""
    _check_round(po, queue, decided)
    assert _queue(po) == []
    assert len(decided) == sum(1 for e in cat.load_catalog(po) if e.msgid in decided)
    leftovers = [p.name for p in po.parent.iterdir() if p.name != "news.po"]
    assert leftovers == [], leftovers  # temporary files of killed saves are cleaned up


def _check_round(po: Path, queue: list[tuple[str, str]], decided: dict[str, str]) -> None:
    catalog = cat.load_catalog(po)  # parseable
    msgfmt_check(po)
    entries = {e.msgid: e for e in catalog}
    done = [_is_decided(entries[msgid], text) for msgid, text in queue]
    count = done.index(False) if False in done else len(done)
    assert not any(done[count:]), "decisions saved out of order"
    for msgid, text in queue[count:]:  # not reached: exactly as it was
        assert entries[msgid].msgstr == text and entry_state(entries[msgid]) == "machine"
    decided.update(queue[:count])
    for msgid, text in decided.items():  # every decision ever saved is still there
        assert _is_decided(entries[msgid], text), msgid


def test_temporary_files_of_dead_writers_are_removed_live_ones_kept(tmp_path: Path) -> None:
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    po = tmp_path / "news.po"
    orphan = tmp_path / f".news.po.{dead.pid}-0badf00d.tmp"
    live = tmp_path / f".news.po.{os.getpid()}-0badf00d.tmp"
    other = tmp_path / f".other.po.{dead.pid}-0badf00d.tmp"
    for path in (orphan, live, other):
        path.write_bytes(b"half a catalog")
    cat.write_bytes_atomic(po, b'msgid ""\nmsgstr ""\n')
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["news.po", live.name, other.name])
