"""`l10n report --html`: the page's content, escaping, direction, and what Chromium shows.

The unit tests parse the page with the standard library. The browser tests render it in
headless Chromium (Debian's ``chromium``): they read the text a person would see
(``innerText``, which follows the CSS), check that an injected ``<script>`` stayed text,
and that the page asks the network for nothing (Chromium's own net log, with a control
page proving that the log does catch a page's request). Without Chromium they skip,
except under CI (``CI`` set), where they fail.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import types
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis import given, settings
from hypothesis import strategies as st

from l10n import po as cat
from l10n.model import Document, Issue, Segment
from l10n.report import build_section, render_html, text_direction, write_html
from l10n.reviewstate import MachineRecord, short_hash

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "locales" / "uk" / "LC_MESSAGES" / "article.po"
TEMPLATE = ROOT / "locales" / "article.pot"
CATALOG = "locales/uk/LC_MESSAGES/article.po"
INJECTED_ID = '<script>document.body.dataset.pwned = "script"</script> & <b>bold</b>'
INJECTED_STR = '<img src="http://198.51.100.7/pixel.png" onerror="document.body.dataset.pwned=1">'

RunCli = Callable[..., Result]


# ---------------------------------------------------------------------------------------
# Helpers


class Cells(HTMLParser):
    """The rows of the page's tables: each cell's attributes and text (tags dropped)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[tuple[dict[str, str | None], str]]]] = []
        self.tags: list[str] = []
        self._cell: tuple[dict[str, str | None], list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = (dict(attrs), [])

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append((self._cell[0], "".join(self._cell[1])))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell[1].append(data)


def parse(page: str) -> Cells:
    parser = Cells()
    parser.feed(page)
    parser.close()
    return parser


def sentence_rows(page: str) -> list[list[tuple[dict[str, str | None], str]]]:
    """The rows of the sentence tables that hold a sentence (headers left out)."""
    tables = parse(page).tables[1:]
    return [row for table in tables for row in table if row and row[0][0].get("class") == "pos"]


def machine(entry: cat.CatalogEntry, output: str, *, shown: str | None = None) -> None:
    """Make ``entry`` machine output ``output``; ``shown``: what a person edited it into."""
    entry.msgstr = output if shown is None else shown
    entry.flags.append("fuzzy")
    entry.tcomment = str(MachineRecord("fake 1.0", short_hash(entry.msgid), short_hash(output)))


def mixed_catalog() -> cat.Catalog:
    """The reference catalog with one entry in each state, and an injection attempt."""
    catalog = cat.load_catalog(REFERENCE)
    first, second, third, fourth = list(catalog)[:4]
    machine(first, "[uk] машинний переклад")
    first.tcomment += (
        "\nl10n-alt: інший варіант\nl10n-warning: repetition loop: check this translation"
    )
    machine(second, "машинний вихід", shown="виправлено людиною")
    third.flags.append("fuzzy")
    fourth.msgstr = ""
    catalog.append(cat.make_entry(msgid=INJECTED_ID, msgstr=INJECTED_STR))
    return catalog


def fake_checks(*issues: Issue) -> types.ModuleType:
    module = types.ModuleType("l10n.checks")

    def run_checks(catalog: Any, *, lang: str, source_lang: str, path: str) -> list[Issue]:
        return list(issues)

    module.run_checks = run_checks  # type: ignore[attr-defined]
    return module


NUMBERS_ISSUE_MSGID = (
    "It involved 352 drones – half of them were Iranian-designed Shaheds – and North Korean "
    "ballistic missiles in what Zelenskyy called “a completely cynical strike”."
)


def numbers_issue() -> Issue:
    return Issue("numbers", "error", "352 is missing in the translation", NUMBERS_ISSUE_MSGID)


def setup_project(root: Path, catalog: cat.Catalog) -> None:
    """The example project in ``root`` with ``catalog`` as its Ukrainian catalog."""
    (root / "examples").mkdir(parents=True)
    shutil.copy(ROOT / "examples" / "article.txt", root / "examples" / "article.txt")
    shutil.copy(ROOT / "l10n.toml", root / "l10n.toml")
    (root / "locales").mkdir()
    shutil.copy(TEMPLATE, root / "locales" / "article.pot")
    cat.save_catalog(catalog, root / CATALOG)


def expected_rows(catalog: cat.Catalog) -> list[tuple[str, str, str]]:
    """(position, source, translation) of every sentence, from the catalog's own ``#.``
    comments ("paragraph 3, sentence 2"), in article order."""
    rows = []
    for entry in catalog:
        for comment in entry.comment.splitlines():
            match = re.fullmatch(r"paragraph (\d+), sentence (\d+)", comment)
            if match:
                rows.append((int(match[1]), int(match[2]), entry.msgid, entry.msgstr))
    return [(f"p{p}s{s}", source, target) for p, s, source, target in sorted(rows)]


# ---------------------------------------------------------------------------------------
# The page, read with the standard library


@pytest.fixture
def project(example_project: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (example_project / "locales").mkdir()
    shutil.copy(TEMPLATE, example_project / "locales" / "article.pot")
    cat.save_catalog(mixed_catalog(), example_project / CATALOG)
    monkeypatch.setitem(sys.modules, "l10n.checks", fake_checks(numbers_issue()))
    return example_project


def test_rows_follow_the_article_side_by_side(project: Path, run_cli: RunCli) -> None:
    page = run_cli("report", "-l", "uk", "--html", "-").stdout
    rows = sentence_rows(page)
    shown = [(row[0][1], row[1][1], row[2][1]) for row in rows]
    reference = cat.load_catalog(project / CATALOG)
    expected = expected_rows(reference)
    position, source, target = expected[0]
    assert shown[0] == (position, source, target + "alternatives:інший варіант")
    assert shown[1 : len(expected)] == expected[1:]
    assert shown[len(expected) :] == [("", INJECTED_ID, INJECTED_STR)]


def test_states_issues_and_summary(project: Path, run_cli: RunCli) -> None:
    page = run_cli("report", "-l", "uk", "--html", "-").stdout
    rows = sentence_rows(page)
    states = [row[3][1] for row in rows]
    assert states[:5] == ["machine", "edited", "fuzzy", "untranslated", "reviewed"]
    assert states.count("reviewed") == 36
    first = rows[0]
    assert first[2][1] == "[uk] машинний переклад" + "alternatives:інший варіант"
    assert first[4][1] == "warning mt-guard: repetition loop: check this translation"
    [flagged] = [row for row in rows if row[1][1] == NUMBERS_ISSUE_MSGID]
    assert flagged[4][1] == "error numbers: 352 is missing in the translation"
    summary = parse(page).tables[0]
    header = [text for _, text in summary[0]]
    values = dict(zip(header, [text for _, text in summary[1]], strict=True))
    assert values == {
        "Language": "Ukrainian (uk)",
        "Catalog": CATALOG,
        "sentences": "40",
        "reviewed": "36",
        "machine": "1",
        "edited": "1",
        "stale (old sentence)": "0",
        "fuzzy": "1",
        "untranslated": "1",
        "errors": "1",
        "warnings": "1",
    }


def test_a_section_built_without_issues_says_the_checks_did_not_run(project: Path) -> None:
    catalog = cat.load_catalog(project / CATALOG)
    section = build_section(catalog, lang="uk", source_lang="en", path=CATALOG, issues=None)
    page = render_html([section])
    assert "checks unavailable" in page
    summary = parse(page).tables[0]
    assert [text for _, text in summary[1]][-2:] == ["n/a", "1"]


def test_real_checks_issues_are_shown_per_sentence(
    project: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delitem(sys.modules, "l10n.checks")  # the fixture's fake: the real ones
    from l10n import checks
    catalog = cat.load_catalog(project / CATALOG)
    issues = checks.run_checks(catalog, lang="uk", source_lang="en", path=CATALOG)
    page = run_cli("report", "-l", "uk", "--html", "-").stdout
    assert "checks unavailable" not in page
    summary = dict(zip([t for _, t in parse(page).tables[0][0]],
                       [t for _, t in parse(page).tables[0][1]], strict=True))
    errors = sum(i.severity == "error" for i in issues)
    assert summary["errors"] == str(errors)
    assert summary["warnings"] == str(len(issues) - errors + 1)  # + the guard's warning
    shown = {(row[1][1], row[4][1]) for row in sentence_rows(page)}
    for issue in issues:
        [notes] = [n for source, n in shown if source == issue.msgid]
        assert f"{issue.severity} {issue.check}: {issue.message}" in notes


def test_paragraphs_are_table_bodies(project: Path, run_cli: RunCli) -> None:
    page = run_cli("report", "-l", "uk", "--html", "-").stdout
    bodies = re.findall(r'<tbody class="paragraph">(.*?)</tbody>', page, flags=re.DOTALL)
    positions = [re.findall(r'<td class="pos">(p\d+s\d+)?</td>', body) for body in bodies]
    paragraphs = [{re.sub(r"s\d+$", "", p) for p in body} for body in positions[:-1]]
    assert all(len(group) == 1 for group in paragraphs)
    numbers = [int(next(iter(group))[1:]) for group in paragraphs]
    assert numbers == sorted(numbers) and len(numbers) == len(set(numbers))
    assert "in the catalog, not in the article" in bodies[-1]


def test_written_atomically_and_reported(project: Path, run_cli: RunCli) -> None:
    out = project / "reports" / "uk.html"
    assert run_cli("report", "-l", "uk", "--html", str(out)).stdout == f"wrote {out}\n"
    first = out.read_text(encoding="utf-8")
    assert first == run_cli("report", "-l", "uk", "--html", "-").stdout
    run_cli("report", "-l", "uk", "--html", str(out), "--title", "Second")
    assert "<title>Second</title>" in out.read_text(encoding="utf-8")
    assert sorted(p.name for p in out.parent.iterdir()) == ["uk.html"]


def test_unreadable_article_falls_back_to_catalog_order(project: Path, run_cli: RunCli) -> None:
    (project / "examples" / "article.txt").unlink()
    result = run_cli("report", "-l", "uk", "--html", "-")
    assert "sentences shown in catalog order" in result.stderr
    rows = sentence_rows(result.stdout)
    assert [row[1][1] for row in rows] == [e.msgid for e in cat.load_catalog(project / CATALOG)]
    assert "the article could not be read" in result.stdout


def test_missing_catalog_is_a_one_line_error(project: Path, run_cli: RunCli) -> None:
    result = run_cli("report", "-l", "de", "--html", "-", expect=1)
    assert result.stderr.splitlines() == [
        "error: locales/de/LC_MESSAGES/article.po: no catalog for de: run `l10n init -l de` first"
    ]


def test_injected_markup_is_text() -> None:
    catalog = mixed_catalog()
    page = render_html([build_section(catalog, lang="uk", source_lang="en", path="x.po")])
    assert "<script" not in page and "<img" not in page
    [row] = [r for r in sentence_rows(page) if r[1][1] == INJECTED_ID]
    assert row[2][1] == INJECTED_STR


# Text a catalog can hold, rich in markup: pieces of HTML and any characters but
# surrogates, NUL and CR (which HTML parsers normalise away).
MARKUP = ["<", ">", "&", "&amp;", "&lt;", "<b>", "</td>", "<script>", "<!--", '"', "'", "\n"]
TEXT = st.lists(
    st.sampled_from(MARKUP)
    | st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00\r"))
).map("".join)


@settings(max_examples=60, deadline=None)
@given(source=TEXT.filter(bool), target=TEXT, comment=TEXT)
def test_any_text_comes_back_exactly_and_adds_no_markup(
    source: str, target: str, comment: str
) -> None:
    entry = cat.make_entry(msgid=source, msgstr=target)
    issue = Issue("x", "warning", comment, source)
    plain = cat.make_entry(msgid="a", msgstr="b")
    pages = [
        render_html([build_section(cat.Catalog([e]), lang="uk", source_lang="en",
                                   path="x.po", issues=issues)])
        for e, issues in ((entry, [issue]), (plain, [Issue("x", "warning", "c", "a")]))
    ]
    [row] = sentence_rows(pages[0])
    assert (row[1][1], row[2][1]) == (source, target)
    assert row[4][1] == f"warning x: {comment}"
    assert parse(pages[0]).tags == parse(pages[1]).tags


@pytest.mark.parametrize(("lang", "direction"), [("ar", "rtl"), ("he", "rtl"), ("fa", "rtl"),
                                                 ("uk", "ltr"), ("pt_BR", "ltr")])
def test_translation_cells_carry_lang_and_dir(lang: str, direction: str) -> None:
    assert text_direction(lang) == direction
    page = render_html([build_section(cat.Catalog([cat.make_entry(msgid="Hi.", msgstr="x")]),
                                      lang=lang, source_lang="en", path="x.po")])
    [row] = sentence_rows(page)
    assert row[1][0]["lang"] == "en" and row[1][0]["dir"] == "ltr"
    assert row[2][0]["lang"] == lang.replace("_", "-") and row[2][0]["dir"] == direction
    assert re.search(r'<html lang="en" dir="ltr">', page)


def test_unknown_language_direction_is_auto() -> None:
    assert text_direction("qq") == "auto"


def test_repeated_sentence_shows_twice_and_counts_once() -> None:
    text = "Hi there. Bye. Hi there."
    segments = (
        Segment("Hi there.", 0, 9, 1, 1), Segment("Bye.", 10, 14, 1, 2),
        Segment("Hi there.", 15, 24, 2, 1),
    )
    document = Document("a.txt", text, segments)
    catalog = cat.Catalog([cat.make_entry(msgid="Hi there.", msgstr="Привіт."),
                           cat.make_entry(msgid="Bye.", msgstr="")])
    issue = Issue("punctuation", "error", "bad", "Hi there.")
    section = build_section(catalog, lang="uk", source_lang="en", path="x.po",
                            documents=[document], issues=[issue])
    assert [[r.position for r in p.rows] for p in section.paragraphs] == [["p1s1", "p1s2"],
                                                                          ["p2s1"]]
    assert (section.errors, section.counts["translated"], section.counts["untranslated"]) == (
        1, 1, 1)
    rows = sentence_rows(render_html([section]))
    assert [r[4][1] for r in rows] == ["error punctuation: bad", "", "error punctuation: bad"]
    assert rows[1][3][1] == "untranslated"


def test_sentence_missing_from_catalog_and_plural_forms() -> None:
    document = Document("a.txt", "New one.", (Segment("New one.", 0, 8, 1, 1),))
    plural = cat.make_entry(msgid="one file", msgid_plural="{n} files",
                            msgstr_plural={0: "файл", 1: "файли", 2: "файлів"})
    section = build_section(cat.Catalog([plural]), lang="uk", source_lang="en", path="x.po",
                            documents=[document], issues=[])
    rows = sentence_rows(render_html([section]))
    assert [(r[1][1], r[2][1], r[3][1]) for r in rows] == [
        ("New one.", "", "not in catalog"),
        ("one file", "[0] файл\n[1] файли\n[2] файлів", "reviewed"),
    ]


def test_write_html_replaces_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "new" / "r.html"
    write_html(target, "<p>один</p>")
    write_html(target, "<p>два</p>")
    assert target.read_text(encoding="utf-8") == "<p>два</p>"
    assert [p.name for p in target.parent.iterdir()] == ["r.html"]


# ---------------------------------------------------------------------------------------
# The page in a browser


def chromium_binary() -> str:
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    reason = "chromium is not installed (Debian: apt-get install chromium)"
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


def chromium(page: Path, work: Path, *args: str) -> str:
    """Load ``page`` in headless Chromium; the DOM after scripts ran, serialised."""
    work.mkdir(parents=True, exist_ok=True)
    command = [
        chromium_binary(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", f"--user-data-dir={work / 'profile'}", "--window-size=1280,2000",
        *args, "--dump-dom", page.as_uri(),
    ]  # fmt: skip
    # Chromium writes under $HOME/.config and $HOME/.cache whatever the profile: keep it
    # inside the test's folder.
    env = {**os.environ, "HOME": str(work), "XDG_CONFIG_HOME": str(work / "config"),
           "XDG_CACHE_HOME": str(work / "cache")}  # fmt: skip
    result = subprocess.run(
        command, capture_output=True, text=True, timeout=180, check=False, env=env
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def page_requests(net_log: Path) -> set[str]:
    """URLs the page (a file:// document) asked for, from Chromium's net log; Chromium's
    own background requests (not made for the page) are not counted."""
    log = json.loads(net_log.read_text(encoding="utf-8"))
    start = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    params = [event.get("params", {}) for event in log["events"] if event["type"] == start]
    return {
        p["url"]
        for p in params
        if "file://" in p.get("network_isolation_key", "")
        and not p["url"].startswith(("file:", "data:"))
    }


# Appended to a copy of the page (its Content-Security-Policy removed, so that the copy
# would run an injected script as readily as this one): it records what is rendered.
READER = """<script>
const cells = tr => [...tr.cells].map(c => c.innerText);
const seen = {
  body: document.body.innerText,
  summary: [...document.querySelectorAll("table.summary tr")].map(cells),
  paragraphs: [...document.querySelectorAll("table.sentences tbody")].map(
    tb => [...tb.rows].filter(tr => tr.cells.length === 5).map(cells)),
};
const out = document.createElement("pre");
out.id = "seen";
out.textContent = JSON.stringify(seen);
document.documentElement.appendChild(out);
</script>"""


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """The mixed example rendered once: what Chromium showed, its DOM and requests."""
    chromium_binary()
    root = tmp_path_factory.mktemp("report")
    setup_project(root / "project", mixed_catalog())
    from l10n.cli import cli

    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(root / "project")
        patch.setitem(sys.modules, "l10n.checks", fake_checks(numbers_issue()))
        result = CliRunner().invoke(cli, ["report", "-l", "uk", "--html", "../report.html"])
    assert result.exit_code == 0, result.output
    page = (root / "report.html").read_text(encoding="utf-8")
    readable = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page)
    assert readable != page
    (root / "readable.html").write_text(readable.replace("</body>", READER + "</body>"))
    net_log = root / "net.json"
    dom = chromium(root / "readable.html", root / "run1", f"--log-net-log={net_log}")
    match = re.search(r'<pre id="seen">(.*?)</pre>', dom, flags=re.DOTALL)
    assert match, "the reader script did not run"
    from html import unescape

    yield {
        "seen": json.loads(unescape(match[1])),
        "dom": dom,
        "requests": page_requests(net_log),
        "shipped_dom": chromium(root / "report.html", root / "run2"),
        "root": root,
    }


def test_browser_shows_source_and_translation_side_by_side(browser: dict[str, Any]) -> None:
    paragraphs = browser["seen"]["paragraphs"]
    rows = [row for paragraph in paragraphs for row in paragraph]
    expected = expected_rows(mixed_catalog())
    shown = [(pos, source, target) for pos, source, target, _, _ in rows[: len(expected)]]
    assert shown[0] == (
        "p1s1", expected[0][1], "[uk] машинний переклад\nalternatives:\nінший варіант"
    )
    assert shown[1:] == expected[1:]
    for paragraph in paragraphs[:-1]:
        assert len({pos.split("s")[0] for pos, *_ in paragraph}) == 1


def test_browser_shows_states_issues_and_counts(browser: dict[str, Any]) -> None:
    rows = [row for paragraph in browser["seen"]["paragraphs"] for row in paragraph]
    assert [row[3] for row in rows[:5]] == ["machine", "edited", "fuzzy", "untranslated",
                                            "reviewed"]
    [flagged] = [row for row in rows if row[1] == NUMBERS_ISSUE_MSGID]
    assert flagged[4] == "error numbers: 352 is missing in the translation"
    header, values = browser["seen"]["summary"]
    counts = dict(zip(header, values, strict=True))
    assert {k: counts[k] for k in ("sentences", "reviewed", "machine", "edited", "fuzzy",
                                   "untranslated", "errors", "warnings")} == {
        "sentences": "40", "reviewed": "36", "machine": "1", "edited": "1", "fuzzy": "1",
        "untranslated": "1", "errors": "1", "warnings": "1"}
    assert browser["seen"]["body"].startswith("Translation report\n")


def test_browser_shows_injected_markup_as_text_and_runs_none_of_it(
    browser: dict[str, Any],
) -> None:
    rows = [row for paragraph in browser["seen"]["paragraphs"] for row in paragraph]
    assert ["", INJECTED_ID, INJECTED_STR] in [row[:3] for row in rows]
    for dom in (browser["dom"], browser["shipped_dom"]):
        body = re.search(r"<body([^>]*)>", dom)
        assert body is not None and "pwned" not in body[1]
        assert "<script>document" not in dom


def test_page_loads_nothing_from_anywhere(browser: dict[str, Any]) -> None:
    assert browser["requests"] == set()
    control = browser["root"] / "control.html"
    control.write_text('<!DOCTYPE html><p>x</p><img src="http://198.51.100.7/pixel.png">')
    net_log = browser["root"] / "control.json"
    chromium(control, browser["root"] / "run3", f"--log-net-log={net_log}")
    assert page_requests(net_log) == {"http://198.51.100.7/pixel.png"}


def test_shipped_page_renders_the_same_cells(browser: dict[str, Any]) -> None:
    shipped = sentence_rows(browser["shipped_dom"])
    seen = [row for paragraph in browser["seen"]["paragraphs"] for row in paragraph]
    assert [(r[0][1], r[1][1]) for r in shipped] == [(r[0], r[1]) for r in seen]
