"""Nothing is written where it should not be, and a stopped command leaves nothing behind.

Through the real CLI on real files: plain domain and language names, config paths that
stay in the project, writes that never follow a link out of it, the lock file (links,
a full disk, a waiting message), SIGTERM treated as Ctrl-C, and temporary files of killed
writers removed at the next start.
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from l10n import po as cat
from l10n.lock import catalog_lock
from tests.conftest import EXAMPLE, ROOT

Run = Callable[..., Result]
L10N = [sys.executable, "-c", "from l10n.cli import main; main()"]
PO = Path("locales/uk/LC_MESSAGES/article.po")


def _tree(root: Path) -> dict[str, bytes | str]:
    """Every file under root with its content (links: their target)."""
    found: dict[str, bytes | str] = {}
    for path in sorted(root.rglob("*")):
        name = path.relative_to(root).as_posix()
        if path.is_symlink():
            found[name] = f"-> {os.readlink(path)}"
        elif path.is_file():
            found[name] = path.read_bytes()
    return found


def _one_line_error(result: Result, *, starts: str) -> None:
    assert result.stderr.startswith(starts), result.stderr
    assert result.stderr.count("\n") == 1, result.stderr


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the example project in tmp_path/project, as the working folder."""
    root = tmp_path / "project"
    (root / "examples").mkdir(parents=True)
    shutil.copy(EXAMPLE, root / "examples/article.txt")
    shutil.copy(ROOT / "l10n.toml", root / "l10n.toml")
    monkeypatch.chdir(root)
    return root


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside the project, where nothing may be written."""
    folder = tmp_path / "outside"
    folder.mkdir()
    return folder


# -- domains and languages are plain names ------------------------------------------------


@pytest.mark.parametrize(
    "domain", ["../../evil", "/tmp/evil", "a/../b", ".hidden", "-rf", "a\\b", "", "x" * 101]
)
def test_a_domain_option_that_is_no_plain_name_is_a_usage_error(
    project: Path, outside: Path, run_cli: Run, domain: str
) -> None:
    before = _tree(project.parent)
    result = run_cli("extract", "-d", domain, expect=2)
    assert "Invalid value for '--domain' / '-d'" in result.stderr
    assert _tree(project.parent) == before


@pytest.mark.parametrize("domain", ["../../evil", "/tmp/evil", "a/../b", ".hidden"])
def test_a_config_domain_that_is_no_plain_name_names_the_config(
    project: Path, outside: Path, run_cli: Run, domain: str
) -> None:
    config = project / "l10n.toml"
    config.write_text(config.read_text().replace('domain = "article"', f"domain = {domain!r}"))
    before = _tree(project.parent)
    for command in ("extract", "init", "build", "stats"):
        result = run_cli(command, expect=1)
        _one_line_error(result, starts=f"error: l10n.toml: domain {domain!r} is ")
    assert _tree(project.parent) == before


def test_good_domains_work(project: Path, run_cli: Run) -> None:
    for domain in ("news-2024.v2", "my_app", "A1"):
        run_cli("extract", "-d", domain)
        assert (project / f"locales/{domain}.pot").is_file()


@pytest.mark.parametrize("lang", ["../uk", "/tmp/uk", "uk/../../x", ".."])
def test_a_language_that_is_a_path_is_refused(
    project: Path, outside: Path, run_cli: Run, lang: str
) -> None:
    run_cli("extract")
    before = _tree(project.parent)
    for command in ("init", "update", "build", "stats", "check", "translate"):
        result = run_cli(command, "-l", lang, expect=2)
        assert "Invalid value for '-l' / '--lang'" in result.stderr, command
    config = project / "l10n.toml"
    config.write_text(config.read_text().replace('languages = ["uk"]', f"languages = [{lang!r}]"))
    result = run_cli("init", expect=1)
    _one_line_error(result, starts=f"error: l10n.toml: setting 'languages': {lang!r} is a path")
    config.write_text(config.read_text().replace(f"languages = [{lang!r}]", 'languages = ["uk"]'))
    assert _tree(project.parent) == before


# -- locales and out stay in the project unless the command line says otherwise ----------


@pytest.mark.parametrize("setting", ["locales", "out"])
def test_config_paths_outside_the_project_are_refused(
    project: Path, outside: Path, run_cli: Run, setting: str
) -> None:
    config = project / "l10n.toml"
    original = config.read_text()
    ours = f'{setting} = "{setting}"\n'
    assert ours in original
    before = _tree(outside)
    for value in (f"../{outside.name}", str(outside)):
        config.write_text(original.replace(ours, f"{setting} = {value!r}\n"))
        result = run_cli("run", "--engine", "fake", expect=1)
        _one_line_error(result, starts=f"error: l10n.toml: setting {setting!r} leads outside")
        assert f"--{setting}" in result.stderr
    # A link inside the project that leads out is the same thing.
    (project / "linked").symlink_to(outside)
    config.write_text(original.replace(ours, f'{setting} = "linked"\n'))
    result = run_cli("run", "--engine", "fake", expect=1)
    _one_line_error(result, starts=f"error: l10n.toml: setting {setting!r} leads outside")
    assert "through a symbolic link" in result.stderr
    assert _tree(outside) == before
    # Said on the command line, it is the user's choice.
    config.write_text(original)
    run_cli("run", "--engine", "fake", f"--{setting}", str(outside))
    assert _tree(outside) != before


def test_a_default_locales_folder_that_links_outside_is_refused(
    project: Path, outside: Path, run_cli: Run
) -> None:
    (project / "locales").symlink_to(outside)
    result = run_cli("extract", expect=1)
    _one_line_error(result, starts="error: l10n.toml: setting 'locales' leads outside the project")
    assert not list(outside.iterdir())


# -- writes never follow a link out of the project --------------------------------------


def test_generated_files_replace_links_instead_of_writing_through_them(
    project: Path, outside: Path, run_cli: Run
) -> None:
    run_cli("extract")
    run_cli("init", "-l", "uk")
    victims = {name: outside / name for name in ("mo", "article")}
    for victim in victims.values():
        victim.write_bytes(b"precious\n")
    mo = project / "locales/uk/LC_MESSAGES/article.mo"
    article = project / "out/uk/article.txt"
    article.parent.mkdir(parents=True)
    mo.symlink_to(victims["mo"])
    article.symlink_to(victims["article"])
    run_cli("build", "--use-fuzzy")
    assert not mo.is_symlink() and mo.read_bytes().startswith(b"\xde\x12\x04\x95")
    assert not article.is_symlink() and article.read_text(encoding="utf-8").startswith("Ukraine")
    assert all(victim.read_bytes() == b"precious\n" for victim in victims.values())


def test_the_lock_file_is_never_opened_through_a_link(
    project: Path, outside: Path, run_cli: Run
) -> None:
    victim = outside / "victim"
    victim.write_bytes(b"precious\n")
    (project / "locales").mkdir()
    (project / "locales/.l10n.lock").symlink_to(victim)
    result = run_cli("extract", expect=1)
    _one_line_error(result, starts="error: locales/.l10n.lock: a symbolic link")
    assert victim.read_bytes() == b"precious\n"
    assert not (project / "locales/article.pot").exists()


def test_a_catalog_linked_outside_is_refused_inside_is_written(
    project: Path, outside: Path, run_cli: Run
) -> None:
    run_cli("extract")
    run_cli("init", "-l", "uk")
    po = project / PO
    elsewhere = outside / "uk.po"
    elsewhere.write_bytes(po.read_bytes())
    po.unlink()
    po.symlink_to(elsewhere)
    before = elsewhere.read_bytes()
    for args in (["translate", "--engine", "fake"], ["fmt", str(PO)]):
        if args[0] == "fmt":  # a file not in canonical form
            elsewhere.write_bytes(before.replace(b'msgstr ""\n"', b'msgstr "" "', 1))
        expected = elsewhere.read_bytes()
        result = run_cli(*args, expect=1)
        refused = f"{PO}: a symbolic link to {elsewhere}, outside the project"
        assert (f"uk: failed: {refused}" if args[0] == "translate" else f"error: {refused}") in (
            result.stderr
        )  # translate goes on with other languages: it says which one failed
        assert elsewhere.read_bytes() == expected and po.is_symlink()
    # The same file kept elsewhere in the project: written at its target, the link kept.
    shared = project / "shared/uk.po"
    shared.parent.mkdir()
    shared.write_bytes(before)
    po.unlink()
    po.symlink_to(Path("../../../shared/uk.po"))
    run_cli("translate", "--engine", "fake")
    assert po.is_symlink() and cat.load_catalog(shared).stats().untranslated == 0


def test_a_folder_linked_outside_is_refused(
    project: Path, outside: Path, run_cli: Run
) -> None:
    run_cli("extract")
    run_cli("init", "-l", "uk")
    (project / "out").mkdir()
    (project / "out/uk").symlink_to(outside)
    result = run_cli("build", "--use-fuzzy", expect=1)
    _one_line_error(result, starts="error: out/uk/article.txt: its folder is ")
    assert "outside the project" in result.stderr
    assert not list(outside.iterdir())


# -- the lock: errors, a full disk, a waiting message -----------------------------------


def test_no_space_for_a_new_lock_file_is_one_line(
    project: Path, run_cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_open = os.open

    def full(path: object, flags: int, *args: object, **kwargs: object) -> int:
        if str(path).endswith(".l10n.lock") and flags & os.O_CREAT:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", full)
    result = run_cli("extract", expect=1)
    assert result.stderr == (
        "error: locales/.l10n.lock: cannot create the lock file: No space left on device\n"
    )
    assert not (project / "locales/article.pot").exists()


def test_a_lock_file_that_cannot_take_the_pid_still_locks(
    project: Path, run_cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_write = os.write

    def full(fd: int, data: bytes) -> int:
        if data.startswith(f"{os.getpid()} ".encode()):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", full)
    run_cli("extract")  # the holder's pid is informative only
    assert (project / "locales/article.pot").is_file()


def _start(args: list[str], cwd: Path, code: str = "") -> subprocess.Popen[str]:
    command = [*L10N, *args] if not code else [sys.executable, "-c", code, *args]
    env = {**os.environ, "ARGOS_PACKAGES_DIR": str(cwd / "argos")}
    return subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def test_a_waiting_command_says_whom_it_waits_for(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "argv", ["l10n", "translate", "-l", "uk"])
    with catalog_lock(project / "locales"):
        job = _start(["extract"], project)
        assert job.stderr is not None
        line = job.stderr.readline()  # printed after a second of waiting
    _out, rest = job.communicate(timeout=120)
    assert line.startswith(f"waiting for pid {os.getpid()}: l10n translate -l uk (it holds "), line
    assert "giving up after 10 min" in line and "lock_timeout" in line
    assert job.returncode == 0, rest
    assert "waiting" not in rest and (project / "locales/article.pot").is_file()


def test_the_default_wait_is_long_enough_for_a_real_model(project: Path) -> None:
    from l10n.config import Project, find_config, load_project

    assert Project().lock_timeout == 600
    config = project / "l10n.toml"
    for value, seconds in (("0", 0.0), ("90.5", 90.5), ("inf", float("inf"))):
        config.write_text(f"lock_timeout = {value}\n")
        assert load_project(find_config(project)).lock_timeout == seconds


# -- SIGTERM is Ctrl-C; what killed writers left is removed at the next start -------------


def test_sigterm_while_waiting_stops_with_one_line(project: Path) -> None:
    with catalog_lock(project / "locales"):
        job = _start(["extract"], project)
        assert job.stderr is not None
        assert job.stderr.readline().startswith("waiting for pid ")
        job.send_signal(signal.SIGTERM)
        _out, rest = job.communicate(timeout=120)
    assert job.returncode == 143
    assert rest == "interrupted: finished work is saved\n"
    assert not (project / "locales/article.pot").exists()


def test_sigterm_in_the_middle_of_a_write_leaves_no_temporary_file(
    project: Path, run_cli: Run
) -> None:
    run_cli("extract")
    run_cli("init", "-l", "uk")
    po = project / PO
    before = po.read_bytes()
    # SIGTERM arrives while the catalog's temporary file is being synced to disk.
    code = (
        "import os, signal\n"
        "real = os.fsync\n"
        "def fsync(fd):\n"
        "    real(fd)\n"
        "    os.kill(os.getpid(), signal.SIGTERM)\n"
        "os.fsync = fsync\n"
        "from l10n.cli import main\n"
        "main()\n"
    )
    job = _start(["translate", "--engine", "fake", "-l", "uk"], project, code)
    _out, err = job.communicate(timeout=120)
    assert job.returncode == 143, err
    assert err == "interrupted: finished work is saved\n"
    assert po.read_bytes() == before
    assert not list(project.rglob("*.tmp"))


def _dead_pid() -> int:
    done = subprocess.Popen(["true"])
    done.wait()
    return done.pid


def test_temporary_files_of_killed_writers_go_at_the_next_start(
    project: Path, run_cli: Run
) -> None:
    run_cli("extract")
    run_cli("init", "-l", "uk")
    run_cli("build", "--use-fuzzy")
    dead, alive = _dead_pid(), os.getpid()
    folders = [project / "locales", project / PO.parent, project / "out/uk"]
    left = [f / f".article.po.{dead}-0123abcd.tmp" for f in folders]
    left.append(project / f"out/uk/.other.txt.{dead}-89abcdef.tmp")
    kept = [f / f".article.po.{alive}-0123abcd.tmp" for f in folders]
    kept.append(project / "out/uk/.notes.tmp")  # not a name l10n gives
    for path in [*left, *kept]:
        path.write_bytes(b"half a catalog")
    run_cli("extract")  # nothing to write, but it takes the lock
    assert [p for p in left if p.exists()] == []
    assert all(p.exists() for p in kept)
