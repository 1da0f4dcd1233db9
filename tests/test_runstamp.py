"""A re-run with nothing changed does nothing; any change makes it do its work again."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from l10n import po as cat
from l10n import reviewstate as rs
from l10n.runstamp import STAMP_NAME

Run = Callable[..., Result]
PO = Path("locales/uk/LC_MESSAGES/article.po")
FAKE = ("--engine", "fake")


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The catalogs and templates parsed, by path, as the run goes."""
    parsed: list[str] = []
    real = cat.parse_catalog

    def counting(data: bytes | str, *, path: str = "<string>") -> cat.Catalog:
        parsed.append(path)
        return real(data, path=path)

    monkeypatch.setattr(cat, "parse_catalog", counting)
    monkeypatch.setattr(cat.catalog, "parse_catalog", counting)  # what load_catalog calls
    return parsed


def test_an_unchanged_rerun_reads_no_catalog_and_says_the_same(
    example_project: Path, run_cli: Run, loads: list[str]
) -> None:
    first = run_cli("run", "-l", "uk", "-l", "de", *FAKE).stdout
    assert (example_project / "locales" / STAMP_NAME).is_file()
    before = {p: p.read_bytes() for p in example_project.rglob("*") if p.is_file()}
    loads.clear()
    again = run_cli("run", "-l", "uk", "-l", "de", *FAKE).stdout
    assert loads == []  # not even the template
    assert again == first.replace("39 machine-translated now", "0 machine-translated now")
    assert {p: p.read_bytes() for p in example_project.rglob("*") if p.is_file()} == before


@pytest.mark.parametrize(
    "change",
    ["article", "catalog", "output", "mo", "option", "languages", "config", "stamp"],
)
def test_any_change_makes_the_run_work_again(
    example_project: Path, run_cli: Run, loads: list[str], change: str
) -> None:
    run_cli("run", "-l", "uk", *FAKE)
    args = ["run", "-l", "uk", *FAKE]
    out = example_project / "out/uk/article.txt"
    if change == "article":
        article = example_project / "examples/article.txt"
        article.write_text(article.read_text(encoding="utf-8") + "\nA new sentence.\n", "utf-8")
    elif change == "catalog":  # a reviewer accepts one entry in a PO editor
        catalog = cat.load_catalog(example_project / PO)
        next(iter(catalog)).flags.remove("fuzzy")
        cat.save_catalog(catalog, example_project / PO)
    elif change == "output":
        out.unlink()
    elif change == "mo":
        (example_project / PO).with_suffix(".mo").write_bytes(b"")
    elif change == "option":
        args.append("--use-fuzzy")
    elif change == "languages":
        args += ["-l", "de"]
    elif change == "config":
        config = example_project / "l10n.toml"
        config.write_text(config.read_text(encoding="utf-8").replace('"drop"', '"keep"'), "utf-8")
    else:
        (example_project / "locales" / STAMP_NAME).write_text("{", encoding="utf-8")
    loads.clear()
    result = run_cli(*args)
    assert any(path.endswith("article.po") for path in loads), change
    assert out.is_file()
    catalog = cat.load_catalog(example_project / PO)
    if change == "article":
        entry = catalog.find("A new sentence.")
        assert entry is not None and rs.entry_state(entry) == "machine"
        assert "1 machine-translated now" in result.stdout
    if change == "catalog":
        assert (
            "1 reviewed" in result.stdout
            and next(iter(catalog)).msgstr in out.read_text("utf-8")
        )
    if change == "config":
        assert "newsletter" in out.read_text(encoding="utf-8")


def test_a_failed_language_leaves_no_stamp(example_project: Path, run_cli: Run) -> None:
    run_cli("run", "-l", "uk", *FAKE, "--min-translated", "50", expect=1)
    assert not (example_project / "locales" / STAMP_NAME).exists()
    result = run_cli("run", "-l", "uk", *FAKE, "--min-translated", "50", expect=1)
    assert "not rendered" in result.stderr  # said again: the gate is checked every time
