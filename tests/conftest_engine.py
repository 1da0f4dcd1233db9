"""Session fixtures for engine and package tests: real Argos packages, built once.

Load with ``pytest_plugins = ["tests.conftest_engine"]`` in a test module.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.argos_factory import SPECS, BuiltPackages, build_package, zip_folder

__all__ = ["argos_home", "built_packages"]


@pytest.fixture(scope="session")
def built_packages(tmp_path_factory: pytest.TempPathFactory) -> BuiltPackages:
    """Every package in :data:`SPECS`, built once per test session."""
    root = tmp_path_factory.mktemp("argos-built")
    folders: dict[str, Path] = {}
    archives: dict[str, Path] = {}
    for key, spec in SPECS.items():
        folders[key] = build_package(spec, root / "folders" / key)
        (root / "archives").mkdir(exist_ok=True)
        archives[key] = zip_folder(folders[key], root / "archives" / f"{key}.argosmodel")
    return BuiltPackages(folders, archives)


@pytest.fixture
def argos_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Argos's folders under tmp_path; no index reachable unless a test serves one."""
    home = tmp_path / "argos"
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(home / "packages"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", "http://127.0.0.1:9/")  # discard port: refused
    return home
