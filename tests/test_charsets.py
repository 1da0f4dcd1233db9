"""Catalogs in charsets other than UTF-8: read and written in one charset, or refused.

A charset is accepted when ASCII means the same in it as in ASCII (what PO syntax and GNU
gettext need); others (EBCDIC, UTF-7, UTF-16, ISO-2022, ``base64``...) are refused with
file:line, never read as UTF-8 and written back unreadable. What l10n writes into a
catalog must be encodable in its charset: its own marks fall back to ASCII, and a
translation that cannot be written is refused before anything is written.
"""

from __future__ import annotations

import codecs
import encodings.aliases
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from l10n import po as cat
from l10n.errors import CatalogError
from tests.po_helpers import msgfmt_check

Run = Callable[..., Result]
PO = "locales/uk/LC_MESSAGES/news.po"


@pytest.fixture
def news(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project of one short article whose catalogs l10n has created (UTF-8)."""
    (tmp_path / "l10n.toml").write_text(
        'source_lang = "en"\nlanguages = ["uk"]\ndomain = "news"\nsources = ["news.txt"]\n',
        encoding="utf-8",
    )
    (tmp_path / "news.txt").write_text(
        "The mayor of Київ spoke today.\n\nShe said 5 shelters are open.\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _recode(path: Path, charset: str) -> None:
    """What ``msgconv -t CHARSET`` does to a catalog l10n wrote."""
    text = path.read_text(encoding="utf-8").replace("charset=UTF-8", f"charset={charset}")
    path.write_bytes(text.encode(charset))


@pytest.mark.parametrize(
    "charset",
    ["IBM037", "cp1026", "UTF-7", "UTF-16", "UTF-32", "ISO-2022-JP", "HZ", "base64", "rot13",
     "hex", "zlib", "raw_unicode_escape", "KLINGON-8"],
)
def test_a_charset_that_cannot_round_trip_is_refused(
    news: Path, run_cli: Run, charset: str
) -> None:
    run_cli("extract")
    run_cli("init", "-l", "uk")
    po = news / PO
    data = po.read_bytes().replace(b"charset=UTF-8", f"charset={charset}".encode())
    po.write_bytes(data)
    line = data[: data.index(b"charset=")].count(b"\n") + 1
    for command in (["update"], ["stats"], ["translate", "--engine", "fake"], ["fmt", PO]):
        result = run_cli(*command, expect=1)
        said = "uk: failed:" if command[0] == "translate" else "error:"  # per language
        assert result.stderr.startswith(f"{said} {PO}:{line}: "), (command, result.stderr)
        assert charset in result.stderr and "Traceback" not in result.stderr
        assert len([x for x in result.stderr.splitlines() if x.startswith(said)]) == 1
        assert po.read_bytes() == data


def _codecs() -> list[str]:
    names = set(encodings.aliases.aliases.values()) | {"utf_8", "cp1251", "koi8_u", "utf_7"}
    return sorted(names)


def test_every_python_codec_either_round_trips_or_is_refused() -> None:
    """For each of Python's codecs as a catalog's charset: the file reads back and writes
    the same bytes, or it is a CatalogError naming the charset's line; nothing else."""
    base = cat.parse_catalog(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Hello \\"world\\" \\\\ + ~ {x} [y]"\nmsgstr ""\n',
        path="x.po",
    )
    samples = "éüßПривіт€日本語한국어ไทย"
    refused = []
    for name in _codecs():
        try:
            info = codecs.lookup(name)
        except LookupError:
            continue
        text = cat.format_catalog(base).decode("utf-8").replace("UTF-8", name)
        if info._is_text_encoding:
            fits = "".join(c for c in samples if _encodes(c, name))
            text += f'\nmsgid "{fits}"\nmsgstr "{fits[::-1]}"\n'
        try:
            data = text.encode(name) if info._is_text_encoding else text.encode("ascii")
        except (UnicodeError, ValueError):
            data = text.encode("ascii", errors="ignore")
        try:
            catalog = cat.parse_catalog(data, path="x.po")
        except CatalogError as error:
            assert error.path == "x.po" and error.line is not None, (name, str(error))
            refused.append(name)
            continue
        assert cat.format_catalog(catalog) == data, name
    assert {"cp037", "utf_7", "utf_16", "base64_codec", "rot_13", "iso2022_jp"} <= set(refused)
    assert not {"utf_8", "latin_1", "iso8859_5", "cp1251", "koi8_u", "euc_jp"} & set(refused)


def _encodes(char: str, name: str) -> bool:
    try:
        char.encode(name)
    except (UnicodeError, ValueError, LookupError):
        return False
    return True


def test_a_whole_job_in_iso_8859_5(news: Path, run_cli: Run) -> None:
    run_cli("extract")
    run_cli("init", "-l", "uk")
    po = news / PO
    _recode(po, "ISO-8859-5")
    run_cli("translate", "--engine", "fake")
    text = po.read_bytes().decode("iso8859-5")  # still that charset, all of it
    assert "charset=ISO-8859-5" in text and "→" not in text
    assert text.count("# l10n-mt: fake en->uk fake-en_uk ") == 2
    msgfmt_check(po)
    catalog = cat.load_catalog(po)
    assert catalog.charset == "iso8859-5"
    stats = run_cli("stats", "--json").stdout
    assert '"machine": 2' in stats  # the records are read back with their ASCII arrows
    assert "nothing to translate" in run_cli("translate", "--engine", "fake").stdout
    assert "2 machine-translated" in run_cli("translate", "--engine", "fake", "--refresh").stdout
    run_cli("review", "-l", "uk", "--reviewer", "Olena", input="a\na\n")
    run_cli("fmt", "--check", PO)
    run_cli("build")
    built = (news / "out/uk/news.txt").read_text(encoding="utf-8")
    assert "[uk] today. spoke Київ of mayor The" in built
    assert po.read_bytes().decode("iso8859-5").count("# l10n-reviewed: Olena ") == 2


def test_text_a_latin_1_catalog_cannot_hold_is_refused_before_writing(
    news: Path, run_cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    article = news / "news.txt"
    article.write_text("The mayor spoke today.\n\nTickets cost 5 EUR.\n", encoding="utf-8")
    run_cli("extract")
    run_cli("init", "-l", "uk")
    po = news / PO
    _recode(po, "ISO-8859-1")
    before = po.read_bytes()
    hint = f"convert the catalog to UTF-8 first (msgconv -t UTF-8 -o {PO} {PO})"
    # A source sentence the catalog cannot hold.
    article.write_text("The mayor spoke today.\n\nTickets cost 5 €.\n", encoding="utf-8")
    run_cli("extract")
    result = run_cli("update", expect=1)
    assert result.stderr == (
        f"error: {PO}: cannot write '€' in the catalog's charset ISO-8859-1: {hint}\n"
    )
    assert po.read_bytes() == before
    # A translation the catalog cannot hold.
    article.write_text("The mayor spoke today.\n\nTickets cost 5 EUR.\n", encoding="utf-8")
    run_cli("extract")
    from l10n.engine import fake

    monkeypatch.setattr(fake, "fake_translate", lambda text, target: "Мер виступив.")
    result = run_cli("translate", "--engine", "fake", expect=1)
    assert result.stderr == (
        f"uk: failed: {PO}: cannot write 'М' in the catalog's charset ISO-8859-1: {hint}\n"
        "failed: uk (1 of 1 languages)\n"
    )
    assert po.read_bytes() == before
