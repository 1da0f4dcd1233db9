"""kill -9 during ``l10n review`` (issue 5, section 1): no decision saved is ever lost.

Scripted reviews (stdin one key per line, as when stdin is no terminal) are killed at
random moments of their work: after the harness signals its start, within how long a
session of up to 10 decisions takes here (measured, see tests/test_crash.py). Every decision
is deterministic per entry (accept, edit or reject), and the session reviews its queue
in file order, so after each kill the catalog must show:
parseable and accepted by ``msgfmt --check``; the decisions of this round a prefix of its
queue (each entry either as it was or as decided, nothing in between); every decision of
earlier rounds intact. A last, unkilled session finishes the review.
"""

from __future__ import annotations

import hashlib
import os
import random
import subprocess
import sys
from pathlib import Path

from l10n import po as cat
from l10n.files import write_bytes_atomic
from l10n.reviewstate import entry_state
from tests import test_crash as crash  # its helpers (a module: pytest collects no test twice)
from tests.po_helpers import msgfmt_check

KILLS = 30
WINDOW = 10


def _review(cwd: Path, queue: list[tuple[str, str]], *, decide: int | None = None) -> crash.Job:
    """A review session deciding the first ``decide`` entries of ``queue`` (all by
    default), then quitting."""
    keys = "".join(_decision(msgid)[0] for msgid, _ in queue[:decide]) + "q\n"
    return crash.harness("review", "-l", "uk", "--reviewer", "R", cwd=cwd, stdin=keys.encode())


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
    timings = crash.Timings()  # how long sessions take here: one of no decision, one of 20
    for decide in (0, 20):
        queue = _queue(po)
        timings.measure("review", _review(tmp_path, queue, decide=decide), size=decide)
        _check_round(po, queue, decided)
    for _ in range(KILLS):
        queue = _queue(po)
        if not queue:
            break
        job = _review(tmp_path, queue)
        # Within the first WINDOW decisions: a kill anywhere in a long session would
        # end the queue in a few rounds; sessions start further in the queue each time.
        timings.kill_at_random("review", job, rng, size=min(len(queue), WINDOW))
        _check_round(po, queue, decided)

    queue = _queue(po)
    timings.measure("review", _review(tmp_path, queue), size=len(queue))
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
    write_bytes_atomic(po, b'msgid ""\nmsgstr ""\n')
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["news.po", live.name, other.name])
