"""Project settings: ``l10n.toml`` or ``[tool.l10n]`` in ``pyproject.toml``.

Loaded once, at the edge (the CLI), into a frozen :class:`Project`. Paths in a config
file are relative to the file's folder, the project root. Command-line options override
the file through :func:`dataclasses.replace`.

Every value is checked when the file is read, and a bad one is a :class:`ConfigError`
naming the file (``l10n.toml: setting 'lock_timeout' must be ...``). The names that become
file names are plain names: ``domain`` (see :func:`check_domain`: ASCII letters, digits,
``_``, ``-`` and ``.``, not first; no path separators) and ``languages``. ``locales`` and
``out`` are where l10n writes: a config may not send them outside the project root (not
even through a symbolic link); on the command line (``--locales``, ``--out``) any folder
goes, since the user said so (see :meth:`Project.check_inside`).

Example ``l10n.toml``::

    source_lang = "en"
    languages = ["uk"]
    domain = "article"                     # one catalog for every source, by this name
    locales = "locales"
    sources = ["examples/article.txt"]     # files, folders, globs ("articles/**/*.txt")
    out = "out"
    # catalog = "article"          # one catalog per article (the default without domain)
    # srx = "rules.srx"            # your own SRX segmentation rules
    # split_quotations = true      # split between sentences inside a quotation
    # offline = false              # never touch the network
    # lock_timeout = 600           # seconds to wait for another l10n process (inf: no limit)
    # format = "auto"              # by extension: text, markdown, html, json; or one of them

    [formats]                                # what is translated in structured articles
    front_matter = ["title", "description", "summary"]   # Markdown front matter keys
    json = { "/title" = "text", "/body" = "markdown", "/blocks/*/text" = "html" }

    [skip]
    paragraphs = ["^Photograph: "]           # regexes; a matching paragraph is not translated
    blocks = [{ start = "skip past newsletter promotion", end = "after newsletter promotion" }]
    output = "keep"                          # skipped text in built articles: "keep" or "drop"

    [translate]                              # machine translation (see `l10n translate --help`)
    engine = "auto"                          # per language: Argos, else Apertium; or one
    engines = { es = "apertium" }            # pin an engine per target language
    beam_size = 4
    compute_type = "auto"                    # int8 on CPU; float32, int8_float16, ...
    device = "cpu"                           # or "cuda"
    alternatives = 0                         # extra hypotheses written as comments
    # packages_dir = "~/.local/share/argos-translate/packages"   # default: Argos's own
    # index = "https://.../index.json"       # default: Argos's (ARGOS_PACKAGE_INDEX)

    [check]                                  # quality checks (see `l10n check --help`)
    disable = ["names"]                      # checks switched off

    [glossary]                               # terms kept verbatim or translated one way
    file = "glossary.csv"                    # source,target,lang,note (or a .tbx file)

    [memory]                                 # the translation memory (see `l10n tm --help`)
    paths = ["../archive/locales", "agency.tmx"]   # more than this project's catalogs
    trust_exact = false                      # exact matches count as reviewed
    threshold = 75                           # near matches: at least this similar (%)
    # enabled = true
"""

from __future__ import annotations

import codecs
import math
import os
import re
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from .errors import ConfigError, L10nError
from .lock import DEFAULT_TIMEOUT
from .settings import (
    FORMAT_NAMES,
    CheckSettings,
    FormatSettings,
    GlossarySettings,
    MemorySettings,
    ReviewSettings,
    SkipBlock,
    SkipRules,
    check_settings,
    expect,
    expect_strings,
    format_settings,
    glossary_settings,
    memory_settings,
    skip_rules,
)

__all__ = [
    "CATALOG_MODES",
    "CONFIG_NAMES",
    "CheckSettings",
    "FormatSettings",
    "GlossarySettings",
    "MemorySettings",
    "Project",
    "ReviewSettings",
    "SkipBlock",
    "SkipRules",
    "TranslateSettings",
    "check_domain",
    "find_config",
    "load_project",
    "plain_name_problem",
]

CONFIG_NAMES = ("l10n.toml", "pyproject.toml")

# A name that becomes a file or folder name: no separator, no leading dot or dash.
_PLAIN_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}")
DOMAIN_RULE = "ASCII letters, digits, '_', '-' and '.' (not first), at most 100"
CATALOG_MODES = ("shared", "article")
"""``catalog``: one catalog for every source (named ``domain``), or one per article (named
after its path). A config that names a ``domain`` and no ``catalog`` is ``shared`` (what
l10n did before articles had catalogs of their own); one that names neither is ``article``.
"""


def plain_name_problem(value: str) -> str | None:
    """Why ``value`` cannot be a file name of l10n's (domain, language), or None."""
    if _PLAIN_NAME.fullmatch(value):
        return None
    if "/" in value or "\\" in value or value.startswith(".") or "\0" in value:
        return "a path, not a plain name"
    return "not a plain name"


def check_domain(value: str) -> str:
    """``value`` if it is a valid domain, else :class:`ConfigError`.

    A domain names the files ``<domain>.pot``, ``<domain>.po`` and ``<domain>.mo``, as
    gettext's ``textdomain()`` does: ASCII letters, digits, ``_``, ``-`` and ``.``, not
    starting with ``.`` or ``-``, at most 100 characters, so never a path.
    """
    problem = plain_name_problem(value)
    if problem is not None:
        raise ConfigError(f"domain {value!r} is {problem}: use {DOMAIN_RULE} characters")
    return value


@dataclass(frozen=True)
class TranslateSettings:
    """The ``[translate]`` table: which engine, its options, where models come from.

    ``engines`` pins (as an option) an engine per target language, e.g.
    ``(("es", "apertium"), ("ca", "apertium:valencia"))``.
    """

    engine: str = "auto"
    options: tuple[tuple[str, Any], ...] = ()  # EngineSettings fields, checked by the engine
    packages_dir: Path | None = None
    index: str | None = None

    def option(self, name: str, default: Any = None) -> Any:
        return dict(self.options).get(name, default)


_ENGINE_OPTIONS = {
    "beam_size": int,
    "compute_type": str,
    "device": str,
    "threads": int,
    "alternatives": int,
    "max_batch_tokens": int,
    "max_input_tokens": int,
}


@dataclass(frozen=True)
class Project:
    """Everything a command needs to know about the project, resolved to absolute paths."""

    root: Path = field(default_factory=Path.cwd)
    source_lang: str = "en"
    languages: tuple[str, ...] = ()
    domain: str = "messages"
    catalog: str = "shared"  # CATALOG_MODES; load_project picks "article" when no domain
    locales: Path = Path("locales")
    sources: tuple[Path, ...] = ()
    out: Path = Path("out")
    srx: Path | None = None
    split_quotations: bool = True
    encoding: str = "utf-8"
    offline: bool = False
    lock_timeout: float = DEFAULT_TIMEOUT
    skip: SkipRules = SkipRules()
    translate: TranslateSettings = field(default_factory=lambda: TranslateSettings())
    review: ReviewSettings = ReviewSettings()
    check: CheckSettings = CheckSettings()
    format: str = "auto"
    formats: FormatSettings = FormatSettings()
    glossary: GlossarySettings = GlossarySettings()
    memory: MemorySettings = MemorySettings()
    config_path: Path | None = None

    def __post_init__(self) -> None:
        check_domain(self.domain)
        if self.catalog not in CATALOG_MODES:
            raise ConfigError(
                f"setting 'catalog' must be 'shared' or 'article', not {self.catalog!r}"
            )
        for lang in self.languages:
            problem = plain_name_problem(lang)
            if problem is not None:
                raise ConfigError(f"language {lang!r} is {problem}: expected e.g. 'uk'")

        # Resolve relative paths against the project root once, here.
        def absolute(path: Path) -> Path:
            return path if path.is_absolute() else self.root / path

        object.__setattr__(self, "locales", absolute(self.locales))
        object.__setattr__(self, "out", absolute(self.out))
        object.__setattr__(self, "sources", tuple(absolute(p) for p in self.sources))
        if self.srx is not None:
            object.__setattr__(self, "srx", absolute(self.srx))

    @property
    def template_path(self) -> Path:
        return self.locales / f"{self.domain}.pot"

    def catalog_path(self, lang: str) -> Path:
        return self.locales / lang / "LC_MESSAGES" / f"{self.domain}.po"

    @property
    def write_roots(self) -> tuple[Path, ...]:
        """The folders l10n may write in: the root, the catalogs' and the output folder."""
        return (self.root, self.locales, self.out)

    def check_inside(self, *names: str) -> None:
        """ConfigError unless the settings ``names`` (``locales``, ``out``) lie inside the
        root, symbolic links resolved: a config may not send writes elsewhere."""
        root = self.root.resolve()
        for name in names:
            path: Path = getattr(self, name)
            real = path.resolve()
            if real == root or root in real.parents:
                continue
            how = " through a symbolic link" if Path(os.path.abspath(path)) != real else ""
            raise ConfigError(
                f"setting {name!r} leads outside the project{how}, to {real}: l10n writes "
                f"there only when told so on the command line (--{name})",
                path=self.config_path if self.config_path is not None else path,
            )

    def relative(self, path: Path) -> str:
        """``path`` as written in catalogs: relative to the root, with forward slashes."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()


def find_config(start: Path) -> Path | None:
    """The nearest ``l10n.toml``, or ``pyproject.toml`` with ``[tool.l10n]``, at or above
    ``start``."""
    for folder in (start, *start.parents):
        candidate = folder / "l10n.toml"
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            tool = _read_toml(pyproject).get("tool")
            if isinstance(tool, dict) and "l10n" in tool:
                return pyproject
    return None


def load_project(config_path: Path | None) -> Project:
    """The project described by ``config_path``; defaults rooted at the cwd when ``None``."""
    if config_path is None:
        return Project(root=Path.cwd(), catalog="article")
    data = _read_toml(config_path)
    if config_path.name == "pyproject.toml":
        data = _tool_table(data)
    if not isinstance(data, dict):
        raise ConfigError("[tool.l10n] must be a table", path=config_path)
    try:
        return _project_from_mapping(data, root=config_path.parent.resolve(), path=config_path)
    except L10nError as exc:
        # Every problem of a setting names the file it is in.
        raise ConfigError(exc.message, path=exc.path or config_path) from None


def _tool_table(data: dict[str, Any]) -> Any:
    tool = data.get("tool", {})
    return tool.get("l10n", {}) if isinstance(tool, dict) else {}


_KEYS = {f.name for f in fields(Project)} - {"root", "config_path"}


def _project_from_mapping(data: dict[str, Any], *, root: Path, path: Path) -> Project:
    unknown = sorted(set(data) - _KEYS)
    if unknown:
        raise ConfigError(f"unknown setting {unknown[0]!r} (known: {', '.join(sorted(_KEYS))})")
    kwargs: dict[str, Any] = {"root": root, "config_path": path}
    for key in ("source_lang", "domain", "encoding", "format", "catalog"):
        if key in data:
            kwargs[key] = expect(data, key, str)
    if kwargs.get("format", "auto") not in FORMAT_NAMES:
        raise ConfigError(
            f"setting 'format': unknown format {kwargs['format']!r} "
            f"(known: {', '.join(FORMAT_NAMES)})"
        )
    if "formats" in data:
        kwargs["formats"] = format_settings(expect(data, "formats", dict))
    if "domain" in kwargs:
        check_domain(kwargs["domain"])
    kwargs["catalog"] = _catalog_mode(kwargs)
    if "source_lang" in kwargs:
        _check_language("source_lang", kwargs["source_lang"])
    if "encoding" in kwargs:
        _check_encoding(kwargs["encoding"])
    for key in ("split_quotations", "offline"):
        if key in data:
            kwargs[key] = expect(data, key, bool)
    if "lock_timeout" in data:
        kwargs["lock_timeout"] = _lock_timeout(expect(data, "lock_timeout", (int, float)))
    for key in ("locales", "out", "srx"):
        if key in data:
            kwargs[key] = Path(expect(data, key, str))
    if "languages" in data:
        kwargs["languages"] = tuple(expect_strings(data, "languages"))
        for lang in kwargs["languages"]:
            _check_language("languages", lang)
    if "sources" in data:
        kwargs["sources"] = tuple(Path(p) for p in expect_strings(data, "sources"))
    if "skip" in data:
        kwargs["skip"] = skip_rules(expect(data, "skip", dict))
    if "review" in data:
        review = expect(data, "review", dict)
        unknown = sorted(set(review) - {"reviewer"})
        if unknown:
            raise ConfigError(f"unknown review setting {unknown[0]!r} (known: reviewer)")
        kwargs["review"] = ReviewSettings(
            reviewer=expect(review, "reviewer", str) if "reviewer" in review else None
        )
    if "translate" in data:
        kwargs["translate"] = _translate_settings(expect(data, "translate", dict), root)
    if "check" in data:
        kwargs["check"] = check_settings(expect(data, "check", dict))
    if "glossary" in data:
        kwargs["glossary"] = glossary_settings(expect(data, "glossary", dict), root)
    if "memory" in data:
        kwargs["memory"] = memory_settings(expect(data, "memory", dict), root)
    return Project(**kwargs)


def _catalog_mode(kwargs: dict[str, Any]) -> str:
    """``catalog`` as set, else ``shared`` when a domain names the one catalog, else
    ``article``; a domain beside ``catalog = "article"`` names nothing: refused."""
    mode: str = kwargs.get("catalog", "shared" if "domain" in kwargs else "article")
    if mode not in CATALOG_MODES:
        raise ConfigError(f"setting 'catalog' must be 'shared' or 'article', not {mode!r}")
    if mode == "article" and "domain" in kwargs:
        raise ConfigError(
            "setting 'domain' names the one shared catalog, but catalog = 'article' gives "
            "each article its own: remove one of them"
        )
    return mode


def _check_language(key: str, code: str) -> None:
    problem = plain_name_problem(code)
    if problem is not None:
        raise ConfigError(f"setting {key!r}: {code!r} is {problem}, not a language code")
    from .languages import normalize_language

    try:
        normalize_language(code)
    except L10nError as error:
        raise ConfigError(f"setting {key!r}: {error.message}") from None


def _check_encoding(name: str) -> None:
    try:
        text = codecs.lookup(name)._is_text_encoding
    except LookupError:
        raise ConfigError(f"setting 'encoding': unknown encoding {name!r}") from None
    if not text:
        raise ConfigError(f"setting 'encoding': {name!r} is not a text encoding")


def _lock_timeout(value: float) -> float:
    if math.isnan(value) or value < 0:
        raise ConfigError(
            f"setting 'lock_timeout' must be a number of seconds, 0 or more (inf: no limit), "
            f"not {value!r}"
        )
    return float(value)


def _translate_settings(data: dict[str, Any], root: Path) -> TranslateSettings:
    known = set(_ENGINE_OPTIONS) | {"engine", "engines", "packages_dir", "index"}
    unknown = sorted(set(data) - known)
    if unknown:
        raise ConfigError(
            f"unknown translate setting {unknown[0]!r} (known: {', '.join(sorted(known))})"
        )
    options = []
    for key, kind in _ENGINE_OPTIONS.items():
        if key in data:
            options.append((key, expect(data, key, kind)))
    from .engine import EngineSettings, engine_names

    try:
        EngineSettings(**dict(options))
    except L10nError as error:
        raise ConfigError(f"[translate] {error.message}") from None
    engine = expect(data, "engine", str) if "engine" in data else "auto"
    if engine not in engine_names():
        names = ", ".join(engine_names())
        raise ConfigError(f"[translate] unknown engine {engine!r}; choose one of {names}")
    if "engines" in data:
        options.append(("engines", _pinned_engines(expect(data, "engines", dict))))
    packages_dir = None
    if "packages_dir" in data:
        packages_dir = Path(_expanduser(expect(data, "packages_dir", str)))
        packages_dir = packages_dir if packages_dir.is_absolute() else root / packages_dir
    return TranslateSettings(
        engine=engine,
        options=tuple(options),
        packages_dir=packages_dir,
        index=expect(data, "index", str) if "index" in data else None,
    )


def _pinned_engines(table: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    """``[translate] engines = { es = "apertium", ca = "apertium:valencia" }``, checked."""
    from .engine import engine_names

    names = [name for name in engine_names() if name != "auto"]
    pins = []
    for lang, choice in table.items():
        _check_language("engines", lang)
        if not isinstance(choice, str):
            raise ConfigError(f"[translate] engines: {lang!r} must name an engine (a string)")
        name, _, variant = choice.partition(":")
        if name not in names or (variant and name != "apertium"):
            raise ConfigError(
                f"[translate] engines: {lang} = {choice!r} is no engine; choose one of "
                f"{', '.join(names)} (apertium:VARIANT picks an Apertium variant)"
            )
        pins.append((lang, choice))
    return tuple(sorted(pins))


def _expanduser(text: str) -> str:
    expanded = os.path.expanduser(text)
    if expanded.startswith("~"):  # "~nobody-known/...", or no home folder at all
        raise ConfigError(f"cannot expand {text!r}: no such user, or no home folder")
    return expanded


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read config: {exc}", path=path) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"invalid TOML: {exc}", path=path) from None
    except RecursionError:
        raise ConfigError("invalid TOML: nested too deeply", path=path) from None
