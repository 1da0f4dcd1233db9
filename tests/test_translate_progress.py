"""kill -9 in the middle of a long ``l10n translate``: the chunks saved before it are kept,
and the next run translates only the rest.

``translate`` saves spaced by time (not after every chunk: that made it quadratic), so
this test makes each chunk take longer than the save interval (the ``slow`` engine of
``tests.crash_harness``, 6 ms a sentence) and kills the run as soon as the catalog on
disk has changed: no timing assumption, only an order of events.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from l10n import po as cat
from l10n.reviewstate import entry_state
from tests.po_helpers import msgfmt_check

ROOT = Path(__file__).resolve().parent.parent
SENTENCES = 600  # three chunks of up to 256


def l10n(*args: str, cwd: Path, delay: str = "0.006") -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "L10N_TEST_DELAY": delay}
    return subprocess.Popen(
        [sys.executable, "-m", "tests.crash_harness", *args],
        cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip


def finish(*args: str, cwd: Path) -> str:
    job = l10n(*args, cwd=cwd)
    out, err = job.communicate(timeout=600)
    assert job.returncode == 0, err.decode()
    return out.decode()


def test_kill_9_keeps_the_saved_chunks(tmp_path: Path) -> None:
    (tmp_path / "l10n.toml").write_text(
        'domain = "news"\nsources = ["news.txt"]\nlanguages = ["uk"]\n', encoding="utf-8"
    )
    lines = [f"Sentence number {n} of a long article." for n in range(SENTENCES)]
    (tmp_path / "news.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    finish("extract", cwd=tmp_path)
    finish("init", "-l", "uk", cwd=tmp_path)
    po = tmp_path / "locales/uk/LC_MESSAGES/news.po"
    before = po.stat().st_mtime_ns, po.read_bytes()

    job = l10n("translate", "--engine", "slow", "-l", "uk", cwd=tmp_path)
    while (po.stat().st_mtime_ns, po.read_bytes()) == before:  # the first save
        assert job.poll() is None, job.communicate()[1].decode()
        time.sleep(0.01)
    job.send_signal(signal.SIGKILL)
    job.wait()

    msgfmt_check(po)
    kept = [e for e in cat.load_catalog(po) if e.msgstr]
    assert 256 <= len(kept) < SENTENCES  # at least the first chunk, and not all
    assert all(entry_state(e) == "machine" for e in kept)
    out = finish("translate", "--engine", "slow", "-l", "uk", cwd=tmp_path)
    assert f"{SENTENCES - len(kept)} machine-translated" in out  # only the rest
    assert cat.load_catalog(po).stats().untranslated == 0
