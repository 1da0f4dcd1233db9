"""``l10n fmt`` and ``l10n fmt --check`` (issue 5, section 7)."""

from __future__ import annotations

import codecs
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from l10n import po as cat
from l10n.errors import CatalogError
from l10n.fmt import catalog_content, format_file
from tests.po_helpers import msgcat

Run = Callable[..., Result]
CANONICAL = (
    'msgid ""\nmsgstr ""\n"Language: uk\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    "# translator's note\n#. extracted\n#: a.txt:1 b.txt:2\n#, fuzzy, python-format\n"
    '#| msgid "Old %s"\nmsgid "Hello %s"\nmsgstr "Привіт %s"\n\n'
    '#~ msgid "Gone"\n#~ msgstr "Зникло"\n'
)
MESSY = (
    'msgid ""\nmsgstr "Language: uk\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    "# translator's note\n#. extracted\n#: a.txt:1\n#: b.txt:2\n#, python-format, fuzzy\n"
    '#| msgid "Old "\n#| "%s"\nmsgid "Hello " "%s"\nmsgstr\n"Привіт %s"\n\n\n'
    '#~ msgid "Gone"\n#~ msgstr ""\n#~ "Зникло"\n'
)


def _write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


def test_fmt_rewrites_in_canonical_form_without_loss(tmp_path: Path, run_cli: Run) -> None:
    messy = _write(tmp_path, "messy.po", MESSY)
    before = catalog_content(cat.load_catalog(messy))
    result = run_cli("fmt", str(messy))
    assert result.stdout == f"reformatted {messy}\n"
    assert messy.read_text(encoding="utf-8") == CANONICAL
    assert messy.read_bytes() == msgcat(messy)
    assert catalog_content(cat.load_catalog(messy)) == before
    assert run_cli("fmt", str(messy)).stdout == ""  # canonical: left as it is


def test_check_writes_nothing_and_lists_what_would_change(tmp_path: Path, run_cli: Run) -> None:
    messy = _write(tmp_path, "messy.po", MESSY)
    clean = _write(tmp_path, "clean.po", CANONICAL)
    result = run_cli("fmt", "--check", str(clean), str(messy), expect=1)
    assert result.stdout == f"would reformat {messy}\n"
    assert result.stderr == "1 would be reformatted, 1 unchanged, 0 failed\n"
    assert messy.read_bytes() == MESSY.encode()
    assert run_cli("fmt", "--check", str(clean)).exit_code == 0


@pytest.mark.parametrize(
    ("bom", "newline"), [(True, "\n"), (False, "\r\n"), (False, "\r")], ids=["bom", "crlf", "cr"]
)
def test_fmt_keeps_bom_and_line_ends(tmp_path: Path, run_cli: Run, bom: bool, newline: str) -> None:
    def encoded(text: str) -> bytes:
        data = text.replace("\n", newline).encode()
        return codecs.BOM_UTF8 + data if bom else data

    messy = _write(tmp_path, "messy.po", encoded(MESSY))
    run_cli("fmt", str(messy))
    assert messy.read_bytes() == encoded(CANONICAL)


def test_malformed_file_is_reported_others_are_formatted(tmp_path: Path, run_cli: Run) -> None:
    bad = _write(tmp_path, "bad.po", 'msgid "a\nmsgstr ""\n')
    messy = _write(tmp_path, "messy.po", MESSY)
    result = run_cli("fmt", str(bad), str(messy), expect=1)
    assert result.stderr.splitlines()[0] == f"error: {bad}:1: unterminated string"
    assert bad.read_bytes() == b'msgid "a\nmsgstr ""\n'
    assert messy.read_text(encoding="utf-8") == CANONICAL


def test_missing_file_and_no_file(
    tmp_path: Path, run_cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = run_cli("fmt", str(tmp_path / "none.po"), expect=1)
    assert f"error: {tmp_path / 'none.po'}: no such file" in result.stderr
    monkeypatch.chdir(tmp_path)  # no project, no catalogs: nothing to format
    assert "no catalogs in locales" in run_cli("fmt", expect=2).stderr


def test_without_files_it_checks_the_projects_catalogs(
    example_project: Path, run_cli: Run
) -> None:
    run_cli("extract")
    run_cli("init", "-l", "uk", "-l", "de")
    result = run_cli("fmt", "--check")
    assert "0 would be reformatted, 3 unchanged, 0 failed" in result.stderr
    po = example_project / "locales/de/LC_MESSAGES/article.po"
    po.write_bytes(po.read_bytes().replace(b'msgstr ""\n\n', b'msgstr ""\n\n\n', 1))
    result = run_cli("fmt", "--check", expect=1)
    assert "would reformat" in result.stdout and "de/LC_MESSAGES/article.po" in result.stdout


def test_a_lossy_formatting_is_refused_and_nothing_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    messy = _write(tmp_path, "messy.po", MESSY)
    real = cat.format_catalog
    monkeypatch.setattr(cat, "format_catalog", lambda c: real(c).replace("Зникло".encode(), b""))
    with pytest.raises(CatalogError, match="formatting would change the catalog"):
        format_file(messy)
    assert messy.read_bytes() == MESSY.encode()


def test_fmt_holds_the_project_lock(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from l10n import lock

    (tmp_path / lock.LOCK_NAME).touch()
    folder = tmp_path / "uk" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    messy = _write(folder, "messy.po", MESSY)
    held: list[Path] = []
    real = lock.catalog_lock

    def spy(where: Path, *, timeout: float) -> object:
        held.append(where)
        return real(where, timeout=timeout)

    monkeypatch.setattr(lock, "catalog_lock", spy)
    assert format_file(messy)
    assert held == [tmp_path.resolve()]
