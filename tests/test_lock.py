"""Two l10n processes on the same catalogs: one waits for the other, nothing is lost."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from l10n import po as cat
from l10n.lock import catalog_lock

L10N = [sys.executable, "-c", "from l10n.cli import main; main()"]
WAIT = 600  # seconds: only a hung process takes that long


def l10n(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ARGOS_PACKAGES_DIR": str(cwd / "argos")}
    return subprocess.run(
        [*L10N, *args], cwd=cwd, env=env, capture_output=True, text=True, check=False, timeout=WAIT
    )


def test_a_held_lock_makes_others_wait_then_fail_clearly(example_project: Path) -> None:
    config = example_project / "l10n.toml"
    config.write_text("lock_timeout = 0.5\n" + config.read_text())
    with catalog_lock(example_project / "locales"):
        started = time.monotonic()
        result = l10n("extract", cwd=example_project)
        waited = time.monotonic() - started
    assert result.returncode == 1
    assert result.stderr.startswith("error: locales/.l10n.lock: another l10n process (pid ")
    assert "waited 0.5 s" in result.stderr and "Traceback" not in result.stderr
    assert waited >= 0.5
    assert not (example_project / "locales/article.pot").exists()
    assert l10n("extract", cwd=example_project).returncode == 0  # released


def test_concurrent_runs_lose_nothing(example_project: Path) -> None:
    # Each job waits for all the others: together ~10 s here (2 cores, loaded), so the
    # default lock timeout (30 s) would fail them on a machine a few times slower.
    config = example_project / "l10n.toml"
    config.write_text(f"lock_timeout = {WAIT}\n" + config.read_text())
    assert l10n("extract", cwd=example_project).returncode == 0
    assert l10n("init", "-l", "uk", "-l", "de", cwd=example_project).returncode == 0
    po = example_project / "locales/uk/LC_MESSAGES/article.po"
    catalog = cat.load_catalog(po)
    first = next(iter(catalog))
    first.msgstr = "Переклад людини."
    cat.save_catalog(catalog, po)

    env = {**os.environ, "ARGOS_PACKAGES_DIR": str(example_project / "argos")}
    jobs = [
        subprocess.Popen([*L10N, *args], cwd=example_project, env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for args in (
            ["translate", "--engine", "fake", "-l", "uk"],
            ["translate", "--engine", "fake", "-l", "de"],
            ["run", "--engine", "fake", "-l", "uk", "-l", "de"],
            ["build", "--use-fuzzy"],
            ["update"],
        )
    ]
    for job in jobs:
        _out, err = job.communicate(timeout=WAIT)
        assert job.returncode == 0, err
    for lang in ("uk", "de"):
        catalog = cat.load_catalog(example_project / f"locales/{lang}/LC_MESSAGES/article.po")
        assert catalog.stats().untranslated == 0
        assert all(e.tcomment.count("l10n-mt:") <= 1 for e in catalog)
    assert cat.load_catalog(po).find(first.msgid).msgstr == "Переклад людини."  # type: ignore[union-attr]
