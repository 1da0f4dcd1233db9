"""``make test``, ``make demo`` and CI install exactly what ``requirements.lock`` pins.

The lock (``make lock``, uv) pins every package with the hashes of its files; the
Makefile installs from it with ``--require-hashes``. Here: the lock covers what
pyproject.toml asks for (dependencies, the test extra, the build backend), each pin
within pyproject's ranges and hashed; and the venv ``make`` built holds those versions.
"""

from __future__ import annotations

import re
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements.lock"
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+) \\$")


def _pins() -> dict[str, tuple[str, list[str]]]:
    """name -> (version, sha256 hashes) of each package the lock pins."""
    pins: dict[str, tuple[str, list[str]]] = {}
    current = ""
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        match = _PIN.match(line)
        if match:
            current = canonicalize_name(match.group(1))
            assert current not in pins, f"{current} pinned twice"
            pins[current] = (match.group(2), [])
        elif line.strip().startswith("--hash="):
            pins[current][1].append(line.strip().removeprefix("--hash=").rstrip(" \\"))
        else:
            assert not line.strip() or line.lstrip().startswith("#"), f"unexpected: {line!r}"
    return pins


def _wanted() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    texts = [
        *project["project"]["dependencies"],
        *project["project"]["optional-dependencies"]["test"],
        *project["build-system"]["requires"],
    ]
    return [Requirement(text) for text in texts]


def test_the_lock_pins_every_requirement_within_its_range_with_hashes() -> None:
    pins = _pins()
    assert len(pins) >= len(_wanted())
    for requirement in _wanted():
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{name} is not in requirements.lock: run make lock"
        version, _ = pins[name]
        assert requirement.specifier.contains(version, prereleases=True), (name, version)
    for name, (_, hashes) in pins.items():
        assert hashes and all(re.fullmatch(r"sha256:[0-9a-f]{64}", h) for h in hashes), name
    assert "pip" in pins  # the installer too


def test_make_installs_from_the_lock_with_hashes() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "LOCK   := requirements.lock" in makefile
    assert "pip install --quiet --require-hashes -r $(LOCK)" in makefile
    assert "--no-deps --no-build-isolation -e ." in makefile
    assert re.search(r"^\$\(VENV\)/\.installed: \$\(LOCK\) pyproject\.toml", makefile, re.MULTILINE)


@pytest.mark.skipif(
    Path(sys.prefix).resolve() != (ROOT / ".venv").resolve(),
    reason="runs in the venv that make builds from the lock",
)
def test_the_venv_make_built_holds_the_locked_versions() -> None:
    for name, (version, _) in _pins().items():
        assert metadata.version(name) == version, name
