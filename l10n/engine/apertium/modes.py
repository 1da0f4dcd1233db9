"""Installed Apertium pairs: modes, language codes, the commands a pair runs, provenance.

A pair is installed when its mode file is in ``$APERTIUM_DATADIR/modes`` (default
``/usr/share/apertium/modes``, what ``apertium -l`` lists). Mode names mix ISO 639-3
(``eng-spa``, ``rus-ukr``) and 639-1 (``en-gl``) codes and may name a variant of the
target (``eng-cat_valencia``, ``spa-eng_US``); modes that do not translate between two
languages (``Cyrl-Latn``) are left out. Codes are mapped to the ISO 639-1 codes the
catalogs use through CLDR's aliases (``eng`` -> ``en``); a variant is selected by the
target code (``ca_valencia``, ``en_US``) or by the engine's configuration.

The commands a pair runs come from ``apertium-wblank-mode -z`` (the mode's pipeline
with every stage flushing at NUL characters), split into stages here so that the engine
runs them itself and can tell which stage died.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import shlex
import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ...errors import EngineError
from ...languages import iso_language

__all__ = [
    "DEBIAN_PACKAGES",
    "DEFAULT_DATADIR",
    "InstalledPair",
    "Mode",
    "adapt_tagger",
    "apertium_datadir",
    "find_mode",
    "installed_modes",
    "installed_pairs",
    "iso_code",
    "missing_pair_message",
    "mode_digest",
    "package_name",
    "package_version",
    "parse_pipeline",
    "stages",
    "used_files",
]

DEFAULT_DATADIR = Path("/usr/share/apertium")
_MODE_NAME = re.compile(r"(?P<src>[a-z]{2,3})-(?P<tgt>[a-z]{2,3})(?:_(?P<variant>[A-Za-z0-9_]+))?")
_REGION = re.compile(r"[A-Z]{2}|\d{3}")
_EXTRA_ALIASES = {"zlm": "ms"}  # Malay (individual language), unknown to CLDR's aliases

# Debian 12's packages of Apertium translation data: the remedy a missing pair names.
DEBIAN_PACKAGES = (
    "afr-nld", "arg-cat", "bel-rus", "br-fr", "cat-ita", "cat-srd", "dan-nor", "en-gl",
    "eng-cat", "eng-spa", "eo-ca", "eo-en", "eo-es", "eo-fr", "es-gl", "es-pt", "es-ro",
    "eu-en", "eu-es", "fr-es", "fra-cat", "fra-frp", "hbs-eng", "hbs-mkd", "hbs-slv",
    "ind-zlm", "isl-eng", "isl-swe", "mkd-bul", "mkd-eng", "nno-nob", "oc-ca", "oc-es",
    "oci-fra", "pol-szl", "por-cat", "pt-gl", "rus-ukr", "spa-arg", "spa-ast", "spa-cat",
    "spa-ita", "srd-ita", "swe-dan", "swe-nor", "urd-hin",
)


def apertium_datadir(environ: Mapping[str, str] | None = None) -> Path:
    """Where Apertium's data lives: ``$APERTIUM_DATADIR``, else /usr/share/apertium."""
    env = os.environ if environ is None else environ
    return Path(env.get("APERTIUM_DATADIR") or DEFAULT_DATADIR)


def iso_code(code: str) -> str | None:
    """The ISO 639-1 code (else 639-3) for an Apertium language code; None when ``code``
    names no language (a script, a tool)."""
    return iso_language(_EXTRA_ALIASES.get(code, code))


@dataclass(frozen=True, slots=True)
class Mode:
    """One installed translation mode."""

    name: str  # e.g. "eng-cat_valencia"
    path: Path
    source: str  # ISO code of the source language, e.g. "en"
    target: str  # ISO code of the target language, e.g. "ca"
    variant: str | None = None  # e.g. "valencia", "US"

    @property
    def target_code(self) -> str:
        """The target as a catalog language code: ``en_US``, ``ca_valencia``, ``es``."""
        return self.target if self.variant is None else f"{self.target}_{self.variant}"


def installed_modes(datadir: Path | None = None) -> list[Mode]:
    """The translation modes installed in ``datadir`` (default :func:`apertium_datadir`),
    sorted by name."""
    folder = (datadir or apertium_datadir()) / "modes"
    try:
        paths = sorted(folder.glob("*.mode"))
    except OSError:
        return []
    modes = []
    for path in paths:
        match = _MODE_NAME.fullmatch(path.stem)
        if match is None or not path.is_file():
            continue
        source, target = iso_code(match["src"]), iso_code(match["tgt"])
        if source is None or target is None or source == target:
            continue
        modes.append(Mode(path.stem, path, source, target, match["variant"]))
    return modes


def _split(code: str) -> tuple[str, str | None]:
    """``ca_valencia`` -> (``ca``, ``valencia``); ``en-US`` -> (``en``, ``US``)."""
    base, _, rest = code.replace("-", "_").partition("_")
    return base.lower(), rest or None


def find_mode(
    modes: list[Mode], *, source: str, target: str, variant: str | None = None
) -> Mode | None:
    """The mode translating ``source`` → ``target``: the variant asked for (``variant``,
    else one the target code names: ``ca_valencia``, ``en_US``) when installed, else the
    plain pair; None when neither is."""
    source_base, _ = _split(source)
    target_base, named = _split(target)
    wanted = variant or named
    candidates = [m for m in modes if m.source == source_base and m.target == target_base]
    if wanted is not None:
        for mode in candidates:
            if mode.variant is not None and mode.variant.lower() == wanted.lower():
                return mode
    return next((m for m in candidates if m.variant is None), None)


def _debian_code(code: str) -> str:
    return iso_code(code) or code


def missing_pair_message(source: str, target: str) -> str:
    """The one-line remedy when no installed pair translates ``source`` → ``target``."""
    src, tgt = _split(source)[0], _split(target)[0]
    for name in DEBIAN_PACKAGES:
        first, second = name.split("-")
        if {_debian_code(first), _debian_code(second)} == {src, tgt}:
            return (
                f"no model for {source}→{target}: no Apertium pair is installed; "
                f"run `sudo apt-get install apertium apertium-{name}`"
            )
    return (
        f"no model for {source}→{target}: no Apertium pair is installed, and Debian "
        f"packages none (`apt-cache search apertium-` lists them)"
    )


# -- the commands a pair runs ------------------------------------------------------------


def stages(mode: Mode, *, environ: Mapping[str, str] | None = None) -> list[list[str]]:
    """The mode's pipeline with NUL flushing, one argument list per stage, marks on
    (``lt-proc -g``), tagger options empty: what ``apertium -z`` runs, wrapper aside."""
    tool = shutil.which("apertium-wblank-mode", path=(environ or os.environ).get("PATH"))
    if tool is None:
        raise EngineError(
            "apertium-wblank-mode is missing: Apertium 3.8 or newer is needed "
            "(`sudo apt-get install apertium`)"
        )
    try:
        done = subprocess.run(
            [tool, "-z", str(mode.path)], capture_output=True, timeout=60, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise EngineError(f"cannot read the mode: {error}", path=mode.path) from None
    text = done.stdout.decode("utf-8", errors="replace").strip()
    if done.returncode != 0 or not text:
        why = done.stderr.decode("utf-8", errors="replace").strip().splitlines()
        raise EngineError(
            f"apertium-wblank-mode failed: {why[-1] if why else done.returncode}", path=mode.path
        )
    return parse_pipeline(text, path=mode.path)


def parse_pipeline(text: str, *, path: Path | None = None) -> list[list[str]]:
    """A mode's shell pipeline as argument lists: ``$1`` becomes ``-g``, ``$2`` goes."""
    lexer = shlex.shlex(text, posix=True, punctuation_chars="|")
    lexer.whitespace_split = True
    commands: list[list[str]] = [[]]
    try:
        for token in lexer:
            if token == "|":
                commands.append([])
            elif token == "$1":
                commands[-1].append("-g")
            elif token != "$2":
                commands[-1].append(token)
    except ValueError as error:
        raise EngineError(f"cannot read the mode's pipeline: {error}", path=path) from None
    if any(not command for command in commands) or any(
        c in "".join(token for command in commands for token in command) for c in ";&|`$()<>"
    ):
        raise EngineError("the mode's pipeline is not a plain pipeline", path=path)
    return commands


def adapt_tagger(commands: list[list[str]]) -> list[list[str]] | None:
    """The pipeline with its ``cg-proc | apertium-tagger`` stages replaced by one
    ``cg-proc -1 -n`` (constraint grammar, first reading kept, no word forms: what the
    tagger would pass on); None when the pipeline has no such stages."""
    for index in range(len(commands) - 1):
        first, second = commands[index], commands[index + 1]
        if Path(first[0]).name == "cg-proc" and Path(second[0]).name == "apertium-tagger":
            grammar = first[1:]
            extra = [flag for flag in ("-1", "-n") if flag not in grammar]
            return [*commands[:index], [first[0], *extra, *grammar], *commands[index + 2 :]]
    return None


def used_files(commands: list[list[str]]) -> list[Path]:
    """The data files the stages read (arguments that are existing files), in order."""
    files: list[Path] = []
    for command in commands:
        for argument in command[1:]:
            if argument.startswith("/") and Path(argument).is_file():
                files.append(Path(argument))
    return list(dict.fromkeys(files))


@functools.lru_cache(maxsize=64)
def _file_digest(path: Path, size: int, mtime_ns: int) -> bytes:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.digest()


def mode_digest(mode: Mode, commands: list[list[str]]) -> str:
    """SHA-256 (hex) of the mode file, the pipeline as run and every file it reads."""
    digest = hashlib.sha256()
    try:
        digest.update(mode.path.read_bytes())
        digest.update(b"\0".join(b" ".join(a.encode() for a in c) for c in commands))
        for path in used_files(commands):
            stat = path.stat()
            digest.update(str(path).encode() + b"\0")
            digest.update(_file_digest(path, stat.st_size, stat.st_mtime_ns))
    except OSError as error:
        raise EngineError(f"cannot read the pair's data: {error}", path=mode.path) from None
    return digest.hexdigest()


def package_name(mode: Mode, commands: list[list[str]]) -> str:
    """The package that holds the pair's data: the folder its files are in
    (``apertium-eng-spa``), else ``apertium-<mode>``."""
    for path in used_files(commands):
        if path.parent.name.startswith("apertium-"):
            return path.parent.name
    return f"apertium-{mode.name.split('_')[0]}"


@functools.lru_cache(maxsize=64)
def package_version(package: str) -> str:
    """The installed Debian version of ``package`` (``0.8.1-2``); ``unknown`` where dpkg
    does not know it (a pair built from source)."""
    tool = shutil.which("dpkg-query")
    if tool is None:
        return "unknown"
    try:
        done = subprocess.run(
            [tool, "-W", "-f", "${Version}", package], capture_output=True, timeout=30,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    version = done.stdout.decode("utf-8", errors="replace").strip()
    return version if done.returncode == 0 and version and " " not in version else "unknown"


@dataclass(frozen=True, slots=True)
class InstalledPair:
    """An installed mode with the package that holds it, for listings."""

    mode: Mode
    package: str
    version: str


def installed_pairs(datadir: Path | None = None) -> list[InstalledPair]:
    """Every installed translation mode with its package and version (read from the
    mode file itself: nothing is started but ``dpkg-query``, once per package)."""
    pairs = []
    for mode in installed_modes(datadir):
        try:
            commands = parse_pipeline(mode.path.read_text(encoding="utf-8"), path=mode.path)
        except (OSError, UnicodeDecodeError, EngineError):
            commands = []
        package = package_name(mode, commands)
        pairs.append(InstalledPair(mode, package, package_version(package)))
    return pairs
