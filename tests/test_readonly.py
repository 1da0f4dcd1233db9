"""Every command against a read-only project, as a user who cannot write it: one line, no
traceback, exit 0 or 1, and not a byte written.

Root can write anything, so when the tests run as root (CI does) the commands run as
``nobody``; the project then lies in a folder that ``nobody`` can reach.
"""

from __future__ import annotations

import hashlib
import os
import pwd
import re
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE, ROOT

L10N = [sys.executable, "-c", "from l10n.cli import main; main()"]


def _unprivileged() -> tuple[list[str], Callable[[], None] | None]:
    """How to run l10n as someone who cannot write a read-only file: a command prefix
    and a preexec function. Not root: as we are. Root: as ``nobody`` when that user can
    run this Python, else as root without capabilities (root then obeys file modes)."""
    if os.geteuid() != 0:
        return [], None
    try:
        user = pwd.getpwnam("nobody")
    except KeyError:
        user = None
    if user is not None:

        def drop() -> None:
            os.setgroups([])
            os.setgid(user.pw_gid)
            os.setuid(user.pw_uid)

        try:
            probe = subprocess.run([*L10N, "--version"], cwd="/", preexec_fn=drop,
                                   capture_output=True, timeout=120, check=False)
        except OSError:  # the interpreter lies where nobody cannot reach it
            probe = None
        if probe is not None and probe.returncode == 0:
            return [], drop
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("root, and neither 'nobody' nor setpriv can run l10n unprivileged")
    return [setpriv, "--bounding-set=-all", "--inh-caps=-all", "--"], None


@pytest.fixture
def reachable(tmp_path: Path) -> Iterator[Path]:
    """A folder under tmp_path that every user can reach (pytest's base folder is 0700):
    the folders above it get o+x for the test, and their modes back afterwards."""
    changed: list[tuple[Path, int]] = []
    if os.geteuid() == 0:
        for folder in [tmp_path, *tmp_path.parents]:
            mode = stat.S_IMODE(folder.stat().st_mode)
            if mode & stat.S_IXOTH:
                continue
            changed.append((folder, mode))
            folder.chmod(mode | stat.S_IXOTH)
    try:
        yield tmp_path
    finally:
        for folder, mode in changed:
            folder.chmod(mode)


def _snapshot(root: Path) -> dict[str, tuple[int, int, str]]:
    """Every path under root with its mode, modification time and content hash."""
    found = {}
    for path in sorted(root.rglob("*")):
        info = path.lstat()
        digest = ""
        if stat.S_ISREG(info.st_mode):
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        found[path.relative_to(root).as_posix()] = (info.st_mode, info.st_mtime_ns, digest)
    return found


def _setup(project: Path, env: dict[str, str]) -> None:
    (project / "examples").mkdir(parents=True)
    shutil.copy(EXAMPLE, project / "examples/article.txt")
    shutil.copy(ROOT / "l10n.toml", project / "l10n.toml")
    for args in (
        ["extract"], ["init", "-l", "uk", "-l", "de"],
        ["translate", "--engine", "fake", "-l", "uk"], ["build", "--use-fuzzy", "-l", "uk"],
        ["tm", "export", "-l", "uk", "--tmx", "memory.tmx"],
        ["xliff", "export", "-l", "uk", "-o", "agency.xlf"],
    ):
        done = subprocess.run([*L10N, *args], cwd=project, env=env, capture_output=True, text=True,
                              timeout=300, check=False)
        assert done.returncode == 0, (args, done.stderr)
    # Work left for every writing command: a new sentence, an untranslated catalog (de),
    # a catalog not in canonical form.
    with (project / "examples/article.txt").open("a", encoding="utf-8") as article:
        article.write("\nA sentence added after the last build.\n")
    po = project / "locales/uk/LC_MESSAGES/article.po"
    po.write_bytes(po.read_bytes().replace(b'msgstr ""\n"', b'msgstr "" "', 1))
    (project / "argos").mkdir()
    agency = project / "agency.xlf"  # an agency reviewed the first sentence
    agency.write_bytes(agency.read_bytes().replace(b'state="initial"', b'state="final"', 1))


COMMANDS: list[tuple[list[str], str | None]] = [
    (["segment", "examples/article.txt"], None),
    (["extract"], None),
    (["init", "-l", "fr"], None),
    (["update"], None),
    (["build", "--use-fuzzy"], None),
    (["stats"], None),
    (["fmt", "locales/uk/LC_MESSAGES/article.po"], None),
    (["translate", "--engine", "fake", "-l", "de"], None),
    (["run", "--engine", "fake", "-l", "uk", "--offline"], None),
    (["check", "-l", "uk", "--junit", "report.xml"], None),
    (["eval", "-l", "uk"], None),
    (["report", "-l", "uk", "--html", "review.html"], None),
    (["review", "-l", "uk"], "a\na\nq\n"),
    (["models", "list"], None),
    (["models", "available", "--offline"], None),
    (["models", "install", "en", "uk", "--offline"], None),
    (["models", "remove", "en", "uk"], None),
    (["tm", "stats"], None),
    (["tm", "export", "-l", "uk", "--tmx", "again.tmx"], None),
    (["tm", "import", "memory.tmx"], None),
    (["xliff", "export", "-l", "uk"], None),
    (["xliff", "import", "agency.xlf"], None),
]


def test_every_command_is_covered() -> None:
    from l10n.cli import cli
    from l10n.cli.memory import tm
    from l10n.cli.mt import models

    named = {args[0] for args, _ in COMMANDS}
    assert named == set(cli.commands)
    assert {args[1] for args, _ in COMMANDS if args[0] == "models"} == set(models.commands)
    assert {args[1] for args, _ in COMMANDS if args[0] == "tm"} == set(tm.commands)


LOCKING = {
    "extract", "init", "update", "build", "translate", "run", "fmt", "review", "tm", "xliff",
}


@pytest.mark.parametrize("lock_file", [True, False], ids=["lock file", "no lock file"])
def test_every_command_on_a_read_only_project(reachable: Path, lock_file: bool) -> None:
    """With a lock file every command runs; without one (never written there, e.g. a
    fresh checkout), those that take the lock."""
    prefix, preexec = _unprivileged()
    project = reachable / "project"
    home = reachable / "home"
    home.mkdir()
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home), "LANG": "C.UTF-8",
        "ARGOS_PACKAGES_DIR": str(project / "argos"), "PYTHONDONTWRITEBYTECODE": "1",
    }
    _setup(project, env)
    if not lock_file:
        (project / "locales/.l10n.lock").unlink()
    folders = [reachable, project, home, *(p for p in project.rglob("*") if p.is_dir())]
    for path in [*project.rglob("*"), project, home]:
        mode = stat.S_IMODE(path.lstat().st_mode)
        path.chmod((mode | stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH) & ~0o222)
        if path in folders:
            path.chmod(0o555)
    before = _snapshot(reachable)
    try:
        for args, stdin in COMMANDS:
            if not lock_file and args[0] not in LOCKING:
                continue
            done = subprocess.run(
                [*prefix, *L10N, *args], cwd=project, env=env, input=stdin,
                capture_output=True, text=True, timeout=300, check=False, preexec_fn=preexec,
            )
            shown = (args, done.returncode, done.stderr)
            assert "Traceback" not in done.stderr + done.stdout, shown
            assert done.returncode in (0, 1), shown
            errors = [  # run and translate say per language which failed, and why
                line for line in done.stderr.splitlines()
                if line.startswith("error:") or re.match(r"[a-z]{2,3}: failed: ", line)
            ]  # fmt: skip
            assert len(errors) <= 1, shown
            if done.returncode == 1 and args[0] not in ("check", "fmt"):
                assert errors, shown  # a failure says why, in one line
            assert _snapshot(reachable) == before, args
    finally:
        for path in [project, home, *project.rglob("*")]:
            if not path.is_symlink():
                path.chmod(stat.S_IMODE(path.stat().st_mode) | stat.S_IWUSR)
