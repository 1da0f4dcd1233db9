"""Shared fixtures: a copy of the example project under tmp_path, and a CLI runner."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, settings
from hypothesis.configuration import set_hypothesis_home_dir

# Tests write only under temporary folders: no Hypothesis files in the working tree.
set_hypothesis_home_dir(tempfile.mkdtemp(prefix="l10n-hypothesis-"))
# Tests hold on a machine 10x faster or slower: no property has a deadline (200 ms by
# default) and none fails because generating its examples is slow. A test's own
# @settings keeps these unless it says otherwise; test_hypothesis_settings checks that
# none does.
settings.register_profile(
    "l10n", database=None, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("l10n")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "article.txt"


@pytest.fixture
def example_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh copy of the example project (article + l10n.toml), as the working folder."""
    (tmp_path / "examples").mkdir()
    shutil.copy(EXAMPLE, tmp_path / "examples" / "article.txt")
    shutil.copy(ROOT / "l10n.toml", tmp_path / "l10n.toml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def run_cli() -> Callable[..., Result]:
    """Run ``l10n ARGS`` in-process; returns click's Result (stdout and stderr apart)."""
    from l10n.cli import cli

    def run(*args: str, input: str | bytes | None = None, expect: int | None = 0) -> Result:
        result = CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)
        if expect is not None:
            assert result.exit_code == expect, (result.exit_code, result.output, result.stderr)
        return result

    return run
