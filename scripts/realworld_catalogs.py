"""Run ``l10n fmt`` over the ``.po`` files popular projects ship, and prove it loses nothing.

Usage: ``python scripts/realworld_catalogs.py [--cache DIR] [--keep-going] [-v]``

Downloads pinned wheels with ``pip download --no-deps`` into a cache folder (default: a
folder under the system temp dir, reused between runs), checks each archive's sha256
against the table below, extracts the ``.po`` files into a temporary folder and, for each:

1. loads it (``l10n.po.parse_catalog``); a file we refuse is counted with its error;
2. formats it (``l10n.fmt.format_file``, as ``l10n fmt`` does) and loads the result;
3. no loss: the parsed content before and after is equal (entries in order, msgstrs,
   plural forms, flags, comments, references, previous msgids, obsolete entries, header);
4. ``msgfmt --check`` is no worse for the output than for the input;
5. ``msgfmt -o`` compiles the input and the output to byte-identical ``.mo`` files.

Prints counts: files, refused by the reader, round-tripped with no loss, failures with
reasons. Needs PyPI (pip) and GNU gettext (``msgfmt``). The catalogs are not committed.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import tempfile
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from l10n import po as cat
from l10n.errors import CatalogError
from l10n.fmt import catalog_content, format_file

# requirement -> (wheel file name, sha256)
PINNED = {
    "django==5.1.4": (
        "Django-5.1.4-py3-none-any.whl",
        "236e023f021f5ce7dee5779de7b286565fdea5f4ab86bae5338e3f7b69896cf0",
    ),
    "sphinx==8.1.3": (
        "sphinx-8.1.3-py3-none-any.whl",
        "09719015511837b76bf6e03e42eb7595ac8c2e41eeb9c29c5b755c6b677992a2",
    ),
    "wagtail==6.3.1": (
        "wagtail-6.3.1-py3-none-any.whl",
        "d7d4e4fcb5edb4a5d0aaff5de72eaf33a51e4fa26c2d3a57801c58c4da35b209",
    ),
    "weblate-language-data==2024.14": (
        "weblate_language_data-2024.14-py3-none-any.whl",
        "8e5fd23ec12c97f8db3037a7013906bacda6b41a2443971ec6d3512b4b8d8c0f",
    ),
    "pretix==2024.10.0": (
        "pretix-2024.10.0-py3-none-any.whl",
        "0cb1b8a6e511c25edba67f4ee5fa5bcb47bf72ff227686bf3968c00942b57677",
    ),
}


@dataclass
class Tally:
    """What happened to the files."""

    files: int = 0
    refused: int = 0
    unchanged: int = 0
    reformatted: int = 0
    lossless: int = 0
    failures: Counter[str] | None = None

    def fail(self, reason: str) -> None:
        assert self.failures is not None
        self.failures[reason] += 1


def fetch(cache: Path) -> list[Path]:
    """The pinned wheels, downloaded into ``cache`` when missing, sha256-checked."""
    cache.mkdir(parents=True, exist_ok=True)
    wheels = []
    for requirement, (name, digest) in PINNED.items():
        wheel = cache / name
        if not wheel.exists():
            command = [sys.executable, "-m", "pip", "download", "--no-deps", "-q"]
            command += ["--only-binary=:all:", "-d", str(cache), requirement]
            subprocess.run(command, check=True)
        actual = hashlib.sha256(wheel.read_bytes()).hexdigest()
        if actual != digest:
            raise SystemExit(f"{wheel}: sha256 {actual}, expected {digest}: refusing to use it")
        wheels.append(wheel)
    return wheels


def extract_po(wheel: Path, folder: Path) -> list[Path]:
    """The ``.po`` members of ``wheel``, written under ``folder`` (names made flat and safe)."""
    paths = []
    with zipfile.ZipFile(wheel) as archive:
        for number, member in enumerate(archive.namelist()):
            if member.endswith(".po"):
                safe = member.replace("/", "__").replace("..", "_")
                target = folder / f"{wheel.stem[:20]}-{number}-{safe[-80:]}"
                target.write_bytes(archive.read(member))
                paths.append(target)
    return paths


def msgfmt(*args: str | Path) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "LC_ALL": "C"}
    return subprocess.run(["msgfmt", *map(str, args)], capture_output=True, env=env, check=False)


def _problems(stderr: bytes) -> set[str]:
    """msgfmt's complaints, without the line numbers (which formatting may move)."""
    lines = stderr.decode("utf-8", "replace").splitlines()
    return {line.split(": ", 2)[-1] for line in lines if "warning" not in line}


def check_one(path: Path, work: Path, tally: Tally, *, verbose: bool) -> None:
    tally.files += 1
    original = path.read_bytes()
    try:
        before = catalog_content(cat.parse_catalog(original, path=str(path)))
    except CatalogError as error:
        tally.refused += 1
        tally.fail(f"refused by the reader: {error.message}")
        if verbose:
            print(f"refused {path.name}: {error}")
        return
    formatted_path = work / "formatted.po"
    formatted_path.write_bytes(original)
    try:
        changed = format_file(formatted_path)
    except CatalogError as error:
        tally.fail(f"fmt refused: {error.message}")
        return
    tally.reformatted += changed
    tally.unchanged += not changed
    after = catalog_content(cat.load_catalog(formatted_path))
    if after != before:
        tally.fail("content changed")
        if verbose:
            print(f"content changed: {path.name}")
        return
    # unchanged bytes compile and check as they did; only a rewrite needs GNU's view
    if changed and not _same_gnu_view(path, formatted_path, work, tally, verbose=verbose):
        return
    tally.lossless += 1


def _same_gnu_view(path: Path, formatted: Path, work: Path, tally: Tally, *, verbose: bool) -> bool:
    check_in = msgfmt("--check", "-o", os.devnull, path)
    check_out = msgfmt("--check", "-o", os.devnull, formatted)
    if check_out.returncode > check_in.returncode or not (
        _problems(check_out.stderr) <= _problems(check_in.stderr)
    ):
        tally.fail("msgfmt --check worse after fmt")
        if verbose:
            print(f"msgfmt worse: {path.name}: {check_out.stderr.decode(errors='replace')}")
        return False
    mo_in, mo_out = work / "in.mo", work / "out.mo"
    made_in = msgfmt("-o", mo_in, path).returncode == 0
    made_out = msgfmt("-o", mo_out, formatted).returncode == 0
    if made_in != made_out or (made_in and mo_in.read_bytes() != mo_out.read_bytes()):
        tally.fail("compiled .mo differs")
        if verbose:
            print(f".mo differs: {path.name}")
        return False
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_cache = Path(tempfile.gettempdir()) / "l10n-realworld-cache"
    parser.add_argument("--cache", type=Path, default=default_cache)
    parser.add_argument("-v", "--verbose", action="store_true")
    options = parser.parse_args(argv)
    wheels = fetch(options.cache)
    total = Tally(failures=Counter())
    with tempfile.TemporaryDirectory() as temp:
        folder, work = Path(temp) / "po", Path(temp) / "work"
        folder.mkdir()
        work.mkdir()
        for wheel in wheels:
            tally = Tally(failures=total.failures)
            paths = extract_po(wheel, folder)
            for path in paths:
                check_one(path, work, tally, verbose=options.verbose)
                path.unlink()
            print(
                f"{wheel.name}: {tally.files} files, {tally.refused} refused, "
                f"{tally.reformatted} reformatted, {tally.unchanged} already canonical, "
                f"{tally.lossless} round-tripped with no loss"
            )
            for field in ("files", "refused", "unchanged", "reformatted", "lossless"):
                setattr(total, field, getattr(total, field) + getattr(tally, field))
    print(
        f"total: {total.files} files, {total.refused} refused by the reader, "
        f"{total.reformatted} reformatted, {total.unchanged} already canonical, "
        f"{total.lossless} round-tripped with no loss"
    )
    assert total.failures is not None
    for reason, count in total.failures.most_common():
        print(f"  {count:5d}  {reason}")
    return 0 if total.lossless == total.files else 1


if __name__ == "__main__":
    raise SystemExit(main())
