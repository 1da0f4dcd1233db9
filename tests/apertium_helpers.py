"""Where Apertium is needed: skip, saying what to install, when it is not there."""

from __future__ import annotations

import shutil

import pytest

from l10n.engine.apertium.modes import apertium_datadir, installed_modes

__all__ = ["apertium_pairs", "needs_apertium"]

_PACKAGES = {"eng-spa": "apertium-eng-spa", "rus-ukr": "apertium-rus-ukr"}


def apertium_pairs() -> set[str]:
    """The names of the installed Apertium modes (none without apertium-wblank-mode)."""
    if shutil.which("apertium-wblank-mode") is None:
        return set()
    return {mode.name for mode in installed_modes()}


def needs_apertium(*modes: str) -> None:
    """Skip the calling test unless Apertium and every mode named are installed."""
    missing = [mode for mode in modes if mode not in apertium_pairs()]
    if missing:
        packages = " ".join(["apertium", *(_PACKAGES.get(m, f"apertium-{m}") for m in missing)])
        pytest.skip(
            f"Apertium's {', '.join(missing)} not installed in {apertium_datadir()} "
            f"(`apt-get install {packages}`; .ci/run installs it)"
        )
