"""An HTML review report for editors who don't use PO editors.

One self-contained page (inline CSS, no script, no external resource; a
Content-Security-Policy forbids loading anything): a summary table of every catalog at the
top, then per catalog its sentences in article order, source and translation side by
side, one table body per paragraph, each sentence with its state (reviewed, machine,
edited, fuzzy, untranslated; or "not in catalog" when the template is behind the
article), the output guard's warnings, the engine's alternatives and the check issues.

Building the page is two steps: :func:`build_section` turns a catalog (and optionally
the article's :class:`~l10n.model.Document` objects and check issues) into a
:class:`Section` of plain values; :func:`render_html` turns sections into the page. Every
text is HTML-escaped; ``lang`` and ``dir`` attributes come from Babel's locale data
(right-to-left languages get ``dir="rtl"``). :func:`write_html` writes atomically.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from . import reviewstate as rs
from .languages import text_direction
from .model import Document, Issue
from .patterns import PLACEHOLDER

if TYPE_CHECKING:
    from .glossary import TermList
    from .po import Catalog, CatalogEntry

__all__ = [
    "STATE_LABELS",
    "Paragraph",
    "Row",
    "Section",
    "build_section",
    "catalog_issues",
    "render_html",
    "write_html",
]

STATE_LABELS: Mapping[str, str] = {
    "translated": "reviewed",
    "machine": "machine",
    "edited": "edited",
    "stale": "stale (old sentence)",
    "fuzzy": "fuzzy",
    "untranslated": "untranslated",
    "missing": "not in catalog",
}
GUARD_CHECK = "mt-guard"

Key = tuple[str | None, str]


@dataclass(frozen=True, slots=True)
class Row:
    """One sentence as the page shows it."""

    position: str  # "p3s2" in the article, "" when not in it
    source: str
    translation: tuple[str, ...]  # one text; one per plural form for plural entries
    state: str  # a key of STATE_LABELS
    issues: tuple[Issue, ...] = ()
    alternatives: tuple[str, ...] = ()
    line: int | None = None  # where the entry starts in the catalog


@dataclass(frozen=True, slots=True)
class Paragraph:
    """Rows shown together; ``label`` names the paragraph (or group) for the reader."""

    label: str
    rows: tuple[Row, ...]


@dataclass(frozen=True, slots=True)
class Section:
    """One catalog's part of the page."""

    lang: str
    source_lang: str
    catalog: str
    paragraphs: tuple[Paragraph, ...]
    counts: Mapping[str, int]  # catalog entries by state
    checks_available: bool
    errors: int = 0  # issues of severity "error", each entry's counted once
    warnings: int = 0  # other issues, the output guard's warnings included
    other_issues: tuple[Issue, ...] = ()  # issues of no catalog entry (e.g. the header)
    notes: tuple[str, ...] = field(default=())


# ---------------------------------------------------------------------------------------
# Building sections


def catalog_issues(
    catalog: Catalog,
    *,
    lang: str,
    source_lang: str,
    path: str,
    glossary: TermList | None = None,
) -> tuple[Issue, ...]:
    """The check issues of ``catalog`` (:mod:`l10n.checks`), the glossary's included."""
    from .checks import run_checks

    if glossary is None:  # (tests stand in for run_checks without a glossary argument)
        return tuple(run_checks(catalog, lang=lang, source_lang=source_lang, path=path))
    return tuple(
        run_checks(catalog, lang=lang, source_lang=source_lang, path=path, glossary=glossary)
    )


def build_section(
    catalog: Catalog,
    *,
    lang: str,
    source_lang: str,
    path: str,
    documents: Sequence[Document] | None = None,
    issues: Sequence[Issue] | None = None,
) -> Section:
    """A catalog's section: rows in article order when ``documents`` are given.

    Without documents, rows follow the catalog, grouped by the source line of their first
    reference. ``issues=None`` means the checks could not run (the page says so).
    """
    entries = {(e.msgctxt, e.msgid): e for e in catalog if e.msgid}
    by_key = _issues_by_key(issues or (), entries)
    notes: list[str] = []
    if documents is None:
        paragraphs = _catalog_order(entries, by_key)
        notes.append("the article could not be read: sentences in catalog order")
    else:
        paragraphs = _article_order(documents, entries, by_key)
    counts = Counter(rs.entry_state(e) for e in entries.values())
    guard = sum(len(rs.warnings(e)) for e in entries.values())
    errors = sum(issue.severity == "error" for issue in issues or ())
    return Section(
        lang=lang,
        source_lang=source_lang,
        catalog=path,
        paragraphs=tuple(paragraphs),
        counts={state: counts.get(state, 0) for state in STATE_LABELS if state != "missing"},
        checks_available=issues is not None,
        errors=errors,
        warnings=len(issues or ()) - errors + guard,
        other_issues=tuple(by_key.get(None, ())),
        notes=tuple(notes),
    )


def _issues_by_key(
    issues: Iterable[Issue], entries: Mapping[Key, CatalogEntry]
) -> dict[Key | None, list[Issue]]:
    found: dict[Key | None, list[Issue]] = {}
    for issue in issues:
        key: Key | None = (issue.msgctxt, issue.msgid)
        if key not in entries:
            key = None
        found.setdefault(key, []).append(issue)
    return found


def _row(
    entry: CatalogEntry | None, source: str, position: str, issues: Sequence[Issue]
) -> Row:
    if entry is None:
        return Row(position=position, source=source, translation=("",), state="missing")
    guard = rs.warnings(entry)
    guard_issues = tuple(
        Issue(GUARD_CHECK, "warning", text, entry.msgid, entry.msgctxt) for text in guard
    )
    return Row(
        position=position,
        source=source,
        translation=_translation(entry),
        state=rs.entry_state(entry),
        issues=guard_issues + tuple(issues),
        alternatives=tuple(rs.alternatives(entry)),
        line=entry.linenum,
    )


def _translation(entry: CatalogEntry) -> tuple[str, ...]:
    if entry.msgid_plural:
        return tuple(text for _, text in sorted(entry.msgstr_plural.items())) or ("",)
    return (entry.msgstr,)


def _article_order(
    documents: Sequence[Document],
    entries: Mapping[Key, CatalogEntry],
    issues: Mapping[Key | None, list[Issue]],
) -> list[Paragraph]:
    paragraphs: list[Paragraph] = []
    shown: set[Key] = set()
    for document in documents:
        groups: dict[int, list[Row]] = {}
        labels: dict[int, str] = {}
        for segment in document.segments:
            key: Key = (None, segment.text)
            entry = entries.get(key)
            shown.add(key)
            row = _row(entry, segment.text, segment.id, issues.get(key, []))
            groups.setdefault(segment.paragraph, []).append(row)
            # a block of an HTML, Markdown or JSON article says what it is: "p 3", "h1 1"
            block = segment.label.split(";")[0].split(", sentence ")[0]
            labels.setdefault(segment.paragraph, block or f"paragraph {segment.paragraph}")
        name = f"{document.path}, " if len(documents) > 1 else ""
        paragraphs += [
            Paragraph(f"{name}{labels[number]}", tuple(rows)) for number, rows in groups.items()
        ]
    rest = [_row(e, e.msgid, "", issues.get(k, [])) for k, e in entries.items() if k not in shown]
    if rest:
        paragraphs.append(Paragraph("in the catalog, not in the article", tuple(rest)))
    return paragraphs


def _catalog_order(
    entries: Mapping[Key, CatalogEntry], issues: Mapping[Key | None, list[Issue]]
) -> list[Paragraph]:
    groups: dict[str, list[Row]] = {}
    for key, entry in entries.items():
        where = entry.occurrences[0] if entry.occurrences else None
        label = f"{where[0]} line {where[1]}" if where else "no reference"
        groups.setdefault(label, []).append(_row(entry, entry.msgid, "", issues.get(key, [])))
    return [Paragraph(label, tuple(rows)) for label, rows in groups.items()]


# ---------------------------------------------------------------------------------------
# Rendering


def _language_name(lang: str) -> str:
    from .errors import L10nError
    from .languages import language_name

    try:
        return language_name(lang)
    except L10nError:
        return lang


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _marked(text: str) -> str:
    """``text`` escaped, the placeholders of inline markup (``<1>``, ``</1>``, ``<2/>``)
    shown apart from the words, as chips."""
    if "<" not in text:
        return _e(text)
    out, position = [], 0
    for match in PLACEHOLDER.finditer(text):
        out.append(_e(text[position : match.start()]))
        out.append(f'<span class="ph" title="markup">{_e(match.group())}</span>')
        position = match.end()
    out.append(_e(text[position:]))
    return "".join(out)


def _text_attrs(lang: str) -> str:
    return f'lang="{_e(lang.replace("_", "-"))}" dir="{_e(text_direction(lang))}"'


_CSS = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;
margin:1.5rem;color:#1b1b1b;background:#fff}
h1{font-size:1.5rem;margin:0 0 .8rem}h2{font-size:1.25rem;margin:2rem 0 .5rem}
table{border-collapse:collapse;width:100%}
th,td{border:1px solid #c9c9c9;padding:.35rem .5rem;vertical-align:top;text-align:start}
thead th{background:#f0f0f0;position:sticky;top:0}
.summary{width:auto}.summary td.n{text-align:end;font-variant-numeric:tabular-nums}
.sentences td.text{width:30%;white-space:pre-wrap;overflow-wrap:anywhere}
.sentences td.notes{width:26%;font-size:.9em}
.sentences td.pos{color:#555;font-size:.85em;white-space:nowrap}
tbody.paragraph{border-top:4px solid #6b6b6b}
tbody.paragraph th.para{background:#fafafa;color:#555;font-weight:normal;font-size:.85em}
.state{display:inline-block;padding:0 .4em;border-radius:.3em;font-size:.85em;white-space:nowrap}
.state.s-translated{background:#d8f0d8}.state.s-machine{background:#fbd9a5}
.state.s-edited{background:#cfdcfa}.state.s-fuzzy{background:#efd3f2}
.state.s-stale{background:#f6c6c6}
.state.s-untranslated,.state.s-missing{background:#e4e4e4}
tr.s-machine td.target{background:#fff4e3}tr.s-edited td.target{background:#eef3fe}
tr.s-fuzzy td.target{background:#fbf0fc}tr.s-stale td.target{background:#fdeaea}
tr.s-untranslated td.target,tr.s-missing td.target{background:#f4f4f4}
ul.issues{margin:0;padding-inline-start:1.1em}.error{color:#a40000}.warning{color:#7a4f00}
.alts{color:#555;font-size:.9em;margin-top:.3em}.form{color:#555;font-size:.85em}
.note{background:#fff7d6;padding:.3rem .6rem}
.ph{font:.8em ui-monospace,monospace;color:#1f3b8c;background:#e2e8f8;border-radius:.3em;
padding:0 .2em;margin:0 .05em;white-space:nowrap}
"""

_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


def render_html(sections: Sequence[Section], *, title: str = "Translation report") -> str:
    """The whole page for ``sections``: one self-contained HTML document."""
    source = sections[0].source_lang if sections else "en"
    parts = [
        "<!DOCTYPE html>",
        f'<html {_text_attrs(source)}>',
        '<head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>{_e(title)}</title><style>{_CSS}</style></head>",
        f"<body><h1>{_e(title)}</h1>",
        _summary(sections),
        *(_section(section) for section in sections),
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"


def _summary(sections: Sequence[Section]) -> str:
    states = [s for s in STATE_LABELS if s != "missing"]
    head = "".join(f"<th>{_e(STATE_LABELS[s])}</th>" for s in states)
    rows = []
    for section in sections:
        cells = "".join(
            f'<td class="n" data-count="{s}">{section.counts.get(s, 0)}</td>' for s in states
        )
        errors, warnings = _issue_counts(section)
        rows.append(
            f'<tr><th><a href="#{_e(_anchor(section))}">{_e(_language_name(section.lang))} '
            f"({_e(section.lang)})</a></th><td>{_e(section.catalog)}</td>"
            f'<td class="n" data-count="entries">{sum(section.counts.values())}</td>{cells}'
            f'<td class="n" data-count="errors">{errors}</td>'
            f'<td class="n" data-count="warnings">{warnings}</td></tr>'
        )
    return (
        '<table class="summary"><thead><tr><th>Language</th><th>Catalog</th>'
        f"<th>sentences</th>{head}<th>errors</th><th>warnings</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _issue_counts(section: Section) -> tuple[str, str]:
    errors = str(section.errors) if section.checks_available else "n/a"
    return errors, str(section.warnings)


def _anchor(section: Section) -> str:
    return f"lang-{section.lang}"


def _section(section: Section) -> str:
    name = f"{_language_name(section.lang)} ({section.lang})"
    notes = list(section.notes)
    if not section.checks_available:
        notes.append("checks unavailable: only the output guard's warnings are shown")
    note_html = "".join(f'<p class="note">{_e(n)}</p>' for n in notes)
    other = _issue_list(section.other_issues)
    other_html = f'<div class="other">Catalog issues: {other}</div>' if other else ""
    head = (
        f'<thead><tr><th>#</th><th>Source ({_e(section.source_lang)})</th>'
        f"<th>Translation ({_e(section.lang)})</th><th>State</th><th>Issues</th></tr></thead>"
    )
    bodies = "".join(_paragraph(p, section) for p in section.paragraphs)
    return (
        f'<section id="{_e(_anchor(section))}"><h2>{_e(name)}</h2>'
        f"<p>Catalog: {_e(section.catalog)}</p>{note_html}{other_html}"
        f'<table class="sentences">{head}{bodies}</table></section>'
    )


def _paragraph(paragraph: Paragraph, section: Section) -> str:
    label = f'<tr><th class="para" colspan="5">{_e(paragraph.label)}</th></tr>'
    rows = "".join(_row_html(row, section) for row in paragraph.rows)
    return f'<tbody class="paragraph">{label}{rows}</tbody>'


def _row_html(row: Row, section: Section) -> str:
    state = f'<span class="state s-{_e(row.state)}">{_e(STATE_LABELS[row.state])}</span>'
    return (
        f'<tr class="s-{_e(row.state)}"><td class="pos">{_e(row.position)}</td>'
        f'<td class="text source" {_text_attrs(section.source_lang)}>{_marked(row.source)}</td>'
        f'<td class="text target" {_text_attrs(section.lang)}>{_target(row)}</td>'
        f'<td>{state}</td><td class="notes">{_issue_list(row.issues)}</td></tr>'
    )


def _target(row: Row) -> str:
    if len(row.translation) == 1:
        text = _marked(row.translation[0])
    else:
        text = "\n".join(
            f'<span class="form">[{n}]</span> {_marked(t)}' for n, t in enumerate(row.translation)
        )
    if row.alternatives:
        alts = "".join(f"<li>{_marked(a)}</li>" for a in row.alternatives)
        text += f'<div class="alts">alternatives:<ul>{alts}</ul></div>'
    return text


def _issue_list(issues: Sequence[Issue]) -> str:
    if not issues:
        return ""
    items = "".join(
        f'<li class="{_e(i.severity)}"><b>{_e(i.severity)}</b> {_e(i.check)}: {_e(i.message)}</li>'
        for i in issues
    )
    return f'<ul class="issues">{items}</ul>'


def write_html(path: Path, text: str) -> None:
    """Write the page to ``path`` atomically (UTF-8)."""
    from .files import write_bytes_atomic

    write_bytes_atomic(path, text.encode("utf-8"))
