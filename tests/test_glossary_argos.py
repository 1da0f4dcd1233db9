"""The glossary through a real Argos model (random weights: gibberish output): a kept
term comes back verbatim, or the entry says the engine lost it; never silently wrong."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from l10n import po
from l10n import reviewstate as rs
from tests.argos_factory import BuiltPackages

pytest_plugins = ["tests.conftest_engine"]

Run = Callable[..., Result]
ROOT = Path(__file__).resolve().parent.parent


def test_argos_output_keeps_each_term_or_flags_the_entry(
    example_project: Path, argos_home: Path, built_packages: BuiltPackages, run_cli: Run
) -> None:
    built_packages.install(argos_home / "packages", "en_uk")
    shutil.copy(ROOT / "examples" / "glossary.csv", example_project / "examples")
    with (example_project / "l10n.toml").open("a", encoding="utf-8") as config:
        config.write('\n[glossary]\nfile = "examples/glossary.csv"\n')
    run_cli("run", "-l", "uk", "--compute-type", "float32")
    catalog = po.load_catalog(example_project / "locales/uk/LC_MESSAGES/article.po")
    with_term = [entry for entry in catalog if "Chatham House" in entry.msgid]
    assert with_term
    for entry in with_term:
        assert entry.msgstr
        lost = any("'Chatham House' (do not translate)" in w for w in rs.warnings(entry))
        assert lost or "Chatham House" in entry.msgstr, (entry.msgstr, rs.warnings(entry))
        assert "<" not in entry.msgstr.replace("<1>", "").replace("</1>", "")
