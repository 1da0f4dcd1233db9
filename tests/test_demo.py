"""`make demo`'s script on a copy of the repository: Ukrainian from the reviewed catalog,
Spanish by Apertium where it is installed, and what to install where it is not."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.apertium_helpers import needs_apertium

ROOT = Path(__file__).resolve().parent.parent


def demo(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    copy = tmp_path / "repo"
    for name in ("scripts", "examples", "locales"):
        shutil.copytree(ROOT / name, copy / name)
    shutil.copy(ROOT / "l10n.toml", copy / "l10n.toml")
    environ = {**os.environ, "BIN": str(Path(sys.executable).parent), **env}
    return subprocess.run(
        ["bash", str(copy / "scripts" / "demo.sh")], cwd=copy, env=environ,
        capture_output=True, text=True, timeout=600, check=False,
    )


def test_without_apertium_the_demo_says_what_to_install(tmp_path: Path) -> None:
    done = demo(tmp_path, APT="no", APERTIUM_DATADIR=str(tmp_path / "none"))
    assert done.returncode == 0, done.stderr
    assert "uk: 0 machine-translated now; 39 reviewed" in done.stdout
    assert "sudo apt-get install apertium apertium-eng-spa" in done.stdout
    assert not (tmp_path / "repo" / "out" / "es").exists()


def test_with_apertium_the_demo_translates_into_spanish(tmp_path: Path) -> None:
    needs_apertium("eng-spa")
    done = demo(tmp_path, APT="no")
    assert done.returncode == 0, done.stderr
    assert "es: 39 machine-translated now" in done.stdout
    assert "39 sentences compared: chrF " in done.stdout
    built = (tmp_path / "repo" / "out" / "es" / "article.txt").read_text(encoding="utf-8")
    assert built.startswith("Ucrania y el Reino Unido")
    assert not (tmp_path / "repo" / "locales" / "es").exists()  # its catalog is under out/
