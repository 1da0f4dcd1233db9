"""Golden files of the format layer: each folder of ``tests/data/formats`` holds a source
(``source.<ext>``), optional settings (``settings.toml``: its ``[formats]`` table), the
template extract makes (``expected.pot``), a fixed Ukrainian catalog (``uk.po``: a
pseudo-translation of every message) and the article built from it (``expected.uk.<ext>``).

``python -m tests.formats_golden`` (from the repository root) writes them all again
(then review the diff); a new folder with a source gets its files the same way. The
catalog is written only when missing: it is the fixed input, not an output.
"""

from __future__ import annotations

import sys
import tomllib
from datetime import UTC, datetime
from pathlib import Path

from l10n import po
from l10n.config import FormatSettings
from l10n.document import build_document
from l10n.formats import format_for, render, tokens
from l10n.model import Document
from l10n.pipeline.project import messages_from
from l10n.segment import Segmenter

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "data" / "formats"
DATE = datetime(2024, 11, 18, 7, 30, tzinfo=UTC)


def cases() -> list[Path]:
    return sorted(path for path in GOLDEN.iterdir() if path.is_dir())


def source_of(case: Path) -> Path:
    return next(case.glob("source.*"))


def settings_of(case: Path) -> FormatSettings:
    path = case / "settings.toml"
    if not path.exists():
        return FormatSettings()
    table = tomllib.loads(path.read_text(encoding="utf-8")).get("formats", {})
    return FormatSettings(
        front_matter=tuple(table.get("front_matter", FormatSettings().front_matter)),
        json=tuple(table.get("json", {}).items()),
    )


def document_of(case: Path) -> Document:
    source = source_of(case)
    return build_document(
        source.read_text(encoding="utf-8"), path=source.name, segmenter=Segmenter(),
        format=format_for(source), formats=settings_of(case),
    )  # fmt: skip


def template_of(case: Path) -> bytes:
    template = po.new_template(
        messages_from([document_of(case)]), domain=case.name, source_lang="en",
        project=case.name, creation_date=DATE,
    )  # fmt: skip
    return po.format_catalog(template)


def pseudo(message: str) -> str:
    """A translation that changes every word and keeps the placeholders: a Ukrainian word
    first, then the words in capitals."""
    found = tokens(message)
    out, position = [], 0
    for token in found:
        out.append(message[position : token.start].upper())
        out.append(message[token.start : token.end])
        position = token.end
    out.append(message[position:].upper())
    return "ПЕРЕКЛАД " + "".join(out)


def catalog_of(case: Path) -> po.Catalog:
    path = case / "uk.po"
    if path.exists():
        return po.load_catalog(path)
    template = po.load_catalog(case / "expected.pot")
    catalog = po.new_catalog(template, lang="uk")
    for entry in catalog:
        entry.msgstr = pseudo(entry.msgid)
    po.save_catalog(catalog, path)
    return catalog


def built_of(case: Path) -> str:
    document = document_of(case)
    translations = {entry.msgid: entry.msgstr for entry in catalog_of(case) if entry.msgstr}
    return render(document.layout, document.text, translations, lang="uk")


def main() -> None:
    for case in cases():
        (case / "expected.pot").write_bytes(template_of(case))
        built = built_of(case)
        (case / f"expected.uk{source_of(case).suffix}").write_text(built, encoding="utf-8")
        sys.stderr.write(f"{case.name}\n")


if __name__ == "__main__":
    main()
