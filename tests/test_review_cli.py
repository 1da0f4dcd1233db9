"""``l10n review`` through the command line: scripted stdin, and a real pseudo-terminal.

The pty tests spawn ``python -m l10n`` under pexpect, type keys as a person would
(readline's pre-filled inline edit included) and then read the catalog file.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from l10n import po as cat
from l10n import reviewstate as rs
from l10n.reviewstate import entry_state, machine_record
from tests.po_helpers import msgfmt_check

Run = Callable[..., Result]
PO = Path("locales/uk/LC_MESSAGES/article.po")
ROOT = Path(__file__).resolve().parent.parent
REVIEWER = "Olena K. <olena@example.org>"


@pytest.fixture
def machine_project(example_project: Path, run_cli: Run) -> Path:
    """The example project with its Ukrainian catalog all machine output (fake engine)."""
    run_cli("extract")
    run_cli("init", "-l", "uk")
    run_cli("translate", "-l", "uk", "--engine", "fake", "--alternatives", "2")
    return example_project


def states(path: Path) -> list[str]:
    return [entry_state(e) for e in cat.load_catalog(path)]


# -- scripted stdin (no terminal) ----------------------------------------------------------


def test_scripted_review_accepts_edits_rejects(machine_project: Path, run_cli: Run) -> None:
    before = list(cat.load_catalog(PO))
    result = run_cli(
        "review", "-l", "uk", "--reviewer", REVIEWER,
        input="a\ne\nНовий переклад.\nr\nq\n",
    )  # fmt: skip
    assert "1/39 · paragraph 1, sentence 1 · machine output" in result.stdout
    assert "1 accepted, 1 edited, 1 rejected; 36 left for the next run" in result.stdout
    after = list(cat.load_catalog(PO))
    assert [entry_state(e) for e in after[:4]] == [
        "translated", "translated", "untranslated", "machine",
    ]  # fmt: skip
    assert after[0].msgstr == before[0].msgstr and after[1].msgstr == "Новий переклад."
    assert (
        rs.review_mark(after[1]) is not None
        and rs.review_mark(after[1]).reviewer == REVIEWER  # type: ignore[union-attr]
    )
    assert [(e.msgstr, e.tcomment) for e in after[3:]] == [
        (e.msgstr, e.tcomment) for e in before[3:]
    ]
    header = cat.load_catalog(PO).metadata
    assert header["Last-Translator"] == REVIEWER
    msgfmt_check(PO)


def test_scripted_review_back_alternative_and_help(machine_project: Path, run_cli: Run) -> None:
    before = PO.read_bytes()
    result = run_cli("review", "-l", "uk", "--reviewer", "R", input="?\nx\n2\nb\nb\ns\nq\n")
    out = result.stdout
    assert "accept the translation" in out and "unknown key 'x'" in out
    assert "nothing to go back to in this session" in out
    assert "machine output, edited" in out  # after taking alternative 2
    assert "1 skipped" in out
    catalog = cat.load_catalog(PO)
    first = next(iter(catalog))
    assert rs.is_skipped(first) and entry_state(first) == "machine"
    assert PO.read_bytes() != before


def test_editor_key_uses_the_editor(machine_project: Path, run_cli: Run, tmp_path: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    editor = tmp_path / "editor.py"
    editor.write_text(
        "import sys\n"
        "path = sys.argv[1]\n"
        "text = open(path, encoding='utf-8').read()\n"
        "assert 'paragraph 1, sentence 1' in text and 'Ukraine and the UK' in text\n"
        "open(path, 'w', encoding='utf-8')"
        ".write('Через редактор.\\n\\n' + text.split('\\n', 1)[1])\n"
    )
    monkeypatch.setenv("EDITOR", f"{sys.executable} {editor}")
    monkeypatch.delenv("VISUAL", raising=False)
    run_cli("review", "-l", "uk", "--reviewer", "R", input="E\nq\n")
    first = next(iter(cat.load_catalog(PO)))
    assert first.msgstr == "Через редактор." and entry_state(first) == "translated"


def test_check_issues_are_shown(machine_project: Path, run_cli: Run) -> None:
    out = run_cli("review", "-l", "uk", "--reviewer", "R", input="q\n").stdout
    assert "(checks unavailable)" not in out
    # the fake engine's reversed words lose the source's final full stop
    assert "end-punctuation:" in out.split("2/39")[0]


def test_checks_switched_off_in_config_are_not_shown(machine_project: Path, run_cli: Run) -> None:
    config = machine_project / "l10n.toml"
    config.write_text(config.read_text() + '\n[check]\ndisable = ["end-punctuation"]\n')
    out = run_cli("review", "-l", "uk", "--reviewer", "R", input="q\n").stdout
    assert "end-punctuation:" not in out and "quotes:" in out


def test_nothing_to_review(example_project: Path, run_cli: Run) -> None:
    (example_project / PO).parent.mkdir(parents=True)
    shutil.copy(ROOT / PO, example_project / PO)
    result = run_cli("review", "-l", "uk")
    assert "nothing to review (39 reviewed, 0 signed in l10n review)" in result.stdout
    assert (example_project / PO).read_bytes() == (ROOT / PO).read_bytes()


def test_one_language_at_a_time(machine_project: Path, run_cli: Run) -> None:
    run_cli("init", "-l", "de")
    result = run_cli("review", input="q\n", expect=2)
    assert "review one language at a time" in result.stderr


def test_missing_catalog_is_an_error(example_project: Path, run_cli: Run) -> None:
    result = run_cli("review", "-l", "de", expect=1)
    assert "no such catalog" in result.stderr


def test_stats_separate_review_states(machine_project: Path, run_cli: Run) -> None:
    run_cli("review", "-l", "uk", "--reviewer", "R", input="a\ne\nНове.\nr\n")
    table = run_cli("stats", "-l", "uk").stdout.splitlines()
    assert table[0].split() == [
        "lang", "entries", "reviewed", "machine", "edited", "stale", "fuzzy", "untr.", "words",
        "%",
    ]  # fmt: skip
    assert table[1].split()[:8] == ["uk", "39", "2", "36", "0", "0", "0", "1"]
    (row,) = json.loads(run_cli("stats", "-l", "uk", "--json").stdout)
    assert row["review"] == {
        "machine": 36, "edited": 0, "stale": 0, "fuzzy": 0, "reviewed": 2, "untranslated": 1,
        "signed": 2,
    }  # fmt: skip


# -- who signs -------------------------------------------------------------------------------


def test_configured_reviewer_comes_first(tmp_path: Path) -> None:
    from types import SimpleNamespace

    from l10n.cli.review import default_reviewer

    project: Any = SimpleNamespace(root=tmp_path, review=SimpleNamespace(reviewer=" Olena K. "))
    assert default_reviewer(project) == "Olena K."


def test_default_reviewer_git_then_login(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from l10n.cli.review import default_reviewer
    from l10n.config import Project

    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("HOME", str(tmp_path))
    project = Project(root=tmp_path)
    import getpass

    monkeypatch.setattr(getpass, "getuser", lambda: "login-name")
    assert default_reviewer(project) == "login-name"
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    subprocess.run(["git", "-C", str(tmp_path), "config", "user.name", "Olena K."], check=True)
    assert default_reviewer(project) == "Olena K."
    subprocess.run(
        ["git", "-C", str(tmp_path), "config", "user.email", "olena@example.org"], check=True
    )
    assert default_reviewer(project) == "Olena K. <olena@example.org>"


# -- a real pseudo-terminal ------------------------------------------------------------------

pexpect = pytest.importorskip("pexpect")


def spawn(project: Path, *args: str, term: str = "dumb") -> Any:
    env = {**os.environ, "TERM": term, "LC_ALL": "C.UTF-8", "PYTHONPATH": str(ROOT)}
    env.pop("NO_COLOR", None)
    return pexpect.spawn(
        sys.executable, ["-m", "l10n", "review", "-l", "uk", "--reviewer", REVIEWER, *args],
        cwd=str(project), env=env, encoding="utf-8", timeout=30, dimensions=(40, 120),
    )  # fmt: skip


def prompt(child: Any) -> None:
    child.expect_exact("[?] > ")


def test_pty_accept_edit_reject_quit_and_resume(machine_project: Path) -> None:
    before = list(cat.load_catalog(PO))
    child = spawn(machine_project)
    child.expect_exact("1/39 · paragraph 1, sentence 1 · machine output")
    prompt(child)
    child.send("a")
    child.expect_exact("2/39 · paragraph 2, sentence 1")
    prompt(child)
    child.send("e")
    # readline shows the line pre-filled with the translation (on a dumb terminal,
    # scrolled sideways so that its end is visible); what we type is appended
    child.expect_exact("said Zelenskyy")
    child.send(" (ред.)\r")
    child.expect_exact("3/39 · paragraph 2, sentence 2")
    prompt(child)
    child.send("r")
    child.expect_exact("4/39 · paragraph 3, sentence 1")
    prompt(child)
    child.send("q")
    child.expect_exact("1 accepted, 1 edited, 1 rejected; 36 left for the next run")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    after = list(cat.load_catalog(PO))
    assert after[0].msgstr == before[0].msgstr and entry_state(after[0]) == "translated"
    assert after[1].msgstr == before[1].msgstr + " (ред.)"
    assert entry_state(after[1]) == "translated"
    assert rs.review_mark(after[1]) == rs.review_mark(after[0]) is not None
    assert after[2].msgstr == "" and machine_record(after[2]) is None
    assert [(e.msgstr, e.tcomment, e.flags) for e in after[3:]] == [
        (e.msgstr, e.tcomment, e.flags) for e in before[3:]
    ]
    msgfmt_check(PO)

    # resume: the first entry still needing review; the rejected one is last
    child = spawn(machine_project)
    child.expect_exact("1/37 · paragraph 3, sentence 1 · machine output")
    prompt(child)
    child.send("s")
    child.expect_exact("2/37 · paragraph 3, sentence 2")
    prompt(child)
    child.sendcontrol("c")  # Ctrl-C quits cleanly, the skip saved
    child.expect_exact("1 skipped; 36 left for the next run (all saved)")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0 and "Traceback" not in (child.before or "")
    assert rs.is_skipped(list(cat.load_catalog(PO))[3])

    child = spawn(machine_project)
    child.expect_exact("1/37 · paragraph 3, sentence 2")  # the skipped one comes last now
    prompt(child)
    child.sendcontrol("d")  # so does Ctrl-D
    child.expect_exact("no changes; 37 left for the next run")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_pty_back_undoes_and_colors_only_on_a_real_terminal(machine_project: Path) -> None:
    before = PO.read_bytes()
    child = spawn(machine_project, term="xterm-256color")
    prompt(child)
    shown = child.before
    assert "\x1b[" in shown  # styled on a terminal that is not dumb
    child.send("a")
    child.expect_exact("2/39")
    prompt(child)
    child.send("b")
    child.expect_exact("undone")
    child.expect_exact("1/39")
    prompt(child)
    child.send("q")
    child.expect(pexpect.EOF)
    child.close()
    assert states(PO) == states_of(before)

    child = spawn(machine_project, term="dumb")
    prompt(child)
    assert "\x1b[" not in child.before
    child.send("q")
    child.expect(pexpect.EOF)


def states_of(data: bytes) -> list[str]:
    return [entry_state(e) for e in cat.parse_catalog(data, path="before.po")]


def test_pty_keys_typed_ahead_are_not_lost(machine_project: Path) -> None:
    child = spawn(machine_project)
    prompt(child)
    child.send("ssa")  # three keys at once, as a fast reviewer types them
    child.expect_exact("4/39 · paragraph 3, sentence 1")
    prompt(child)
    child.send("q")
    child.expect(pexpect.EOF)
    child.close()
    entries = list(cat.load_catalog(PO))
    assert [rs.is_skipped(e) for e in entries[:3]] == [True, True, False]
    assert entry_state(entries[2]) == "translated"
