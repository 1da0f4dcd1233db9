"""GNU gettext as the reference in tests: msgfmt --check, msgcat, msgfmt, msgmerge.

Tests that use these fail (not skip) when GNU gettext is missing: CI installs it
(``apt-get install gettext``), and without it the catalogs written are unchecked.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

__all__ = ["gnu", "msgcat", "msgfmt", "msgfmt_check", "msgmerge"]


def gnu(tool: str, *args: str | Path, check: bool = True) -> subprocess.CompletedProcess[bytes]:
    """Run a GNU gettext tool; the test fails with its stderr when it does."""
    if shutil.which(tool) is None:
        pytest.fail(f"{tool} not found: install GNU gettext (apt-get install gettext)")
    env = {**os.environ, "LC_ALL": "C.UTF-8"}
    done = subprocess.run([tool, *map(str, args)], capture_output=True, env=env, check=False)
    if check and done.returncode != 0:
        pytest.fail(
            f"{tool} {' '.join(map(str, args))} failed:\n{done.stderr.decode(errors='replace')}"
        )
    return done


def msgfmt_check(path: Path) -> None:
    """Fail the test unless ``msgfmt --check`` accepts the catalog at ``path``."""
    gnu("msgfmt", "--check", "-o", os.devnull, path)


def msgcat(path: Path) -> bytes:
    """What ``msgcat`` (width 79) writes for the catalog at ``path``."""
    return gnu("msgcat", path).stdout


def msgfmt(path: Path, output: Path, *, use_fuzzy: bool = False) -> bytes:
    """The ``.mo`` bytes ``msgfmt`` compiles from ``path``."""
    gnu("msgfmt", *(["--use-fuzzy"] if use_fuzzy else []), "-o", output, path)
    return output.read_bytes()


def msgmerge(catalog: Path, template: Path, *, fuzzy: bool = True) -> bytes:
    """What ``msgmerge --previous`` writes when merging ``template`` into ``catalog``."""
    options = ["--previous", "-q", "-o", "-"] + ([] if fuzzy else ["--no-fuzzy-matching"])
    return gnu("msgmerge", *options, catalog, template).stdout
