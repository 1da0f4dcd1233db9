"""The ``l10n`` command line: the only module that imports click.

Each command parses its options, calls one library function and prints the result.
Library errors (:class:`~l10n.errors.L10nError`) are caught once, in :class:`L10nGroup`,
and printed as one line: exit 1 for a handled error, 2 for usage, as click defines them.
Heavy modules are imported inside the commands so that ``l10n --help`` starts at once.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from . import __version__
from .config import Project, find_config, load_project
from .errors import L10nError, UsageError

F = TypeVar("F", bound=Callable[..., Any])


class L10nGroup(click.Group):
    """A group that turns library errors into one line on stderr and an exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except UsageError as exc:
            raise click.UsageError(str(exc), ctx=_innermost(ctx)) from None
        except L10nError as exc:
            exc.path = _shown(exc.path)
            click.echo(f"error: {exc}", err=True)
            ctx.exit(1)
        except KeyboardInterrupt:
            click.echo("interrupted: finished work is saved", err=True)
            ctx.exit(130)


def _innermost(ctx: click.Context) -> click.Context:
    return ctx


def _shown(path: str | None) -> str | None:
    """An error's path as the user would type it: relative to the cwd when inside it."""
    if path is None or "://" in path:
        return path
    try:
        return Path(path).relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path


@click.group(
    cls=L10nGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog="""\b
Quick start:
  l10n extract examples/article.txt      # sentences -> locales/<domain>.pot
  l10n init -l uk                         # locales/uk/LC_MESSAGES/<domain>.po
  l10n build -l uk                        # .mo files and out/uk/article.txt

Settings come from l10n.toml (or [tool.l10n] in pyproject.toml) in this folder or
above; command-line options override them. Run `l10n COMMAND --help` for details.""",
)
@click.version_option(__version__, "-V", "--version", prog_name="l10n")
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Config file (default: nearest l10n.toml or pyproject.toml with [tool.l10n]).",
)
@click.pass_context
def cli(ctx: click.Context, config_path: Path | None) -> None:
    """Segment articles into gettext catalogs, translate them offline, review, publish."""
    if config_path is not None and not config_path.is_file():
        raise click.BadParameter(f"no such file: {config_path}", param_hint="--config")
    ctx.obj = _LazyProject(config_path)


class _LazyProject:
    """Loads the project settings on first use, so `--help` never reads a config."""

    def __init__(self, config_path: Path | None) -> None:
        self.config_path = config_path
        self._project: Project | None = None

    def get(self) -> Project:
        if self._project is None:
            path = self.config_path or find_config(Path.cwd())
            self._project = load_project(path)
        return self._project


def _project(ctx: click.Context, **overrides: Any) -> Project:
    project: Project = ctx.find_object(_LazyProject).get()  # type: ignore[union-attr]
    changes = {k: v for k, v in overrides.items() if v is not None and v != ()}
    if not changes:
        return project
    for key in ("locales", "out", "srx"):
        if key in changes:
            changes[key] = Path(changes[key]).resolve()
    if "sources" in changes:
        changes["sources"] = tuple(Path(p).resolve() for p in changes["sources"])
    return dataclasses.replace(project, **changes)


# Options shared by several commands -------------------------------------------------

def locales_option(f: F) -> F:
    return click.option(
        "--locales",
        type=click.Path(file_okay=False, path_type=Path),
        help="Folder of the catalogs (default: config's 'locales', else ./locales).",
    )(f)


def domain_option(f: F) -> F:
    return click.option(
        "--domain", "-d", help="Catalog name: <locales>/<domain>.pot (default: config)."
    )(f)


def languages_option(f: F) -> F:
    return click.option(
        "-l",
        "--lang",
        "languages",
        multiple=True,
        metavar="LANG",
        help="Target language (repeatable); default: every catalog on disk.",
    )(f)


def json_option(f: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON for programs.")(f)


def _echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


# Commands ----------------------------------------------------------------------------

@cli.command()
@click.argument("source", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path))
@click.option("--lang", "source_lang", help="Language of the text (default: config, else en).")
@click.option(
    "--srx", type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Your own SRX rules file instead of the built-in rules.",
)
@click.option(
    "--split-quotations/--no-split-quotations",
    default=None,
    help="Split between sentences inside a quotation (default: split).",
)
@click.option("--encoding", help="Encoding of the text (default: utf-8).")
@json_option
@click.pass_context
def segment(
    ctx: click.Context,
    source: Path,
    source_lang: str | None,
    srx: Path | None,
    split_quotations: bool | None,
    encoding: str | None,
    as_json: bool,
) -> None:
    """Split SOURCE (a file, or - for stdin) into sentences, one per line.

    Paragraphs end at line breaks; each sentence is an exact slice of the text.

    \b
    Examples:
      l10n segment examples/article.txt
      echo "Dr. Smith arrived. He sat down." | l10n segment -
      l10n segment --json article.txt | jq '.[].text'
    """
    from .document import decode_source
    from .pipeline import make_segmenter

    project = _project(
        ctx, source_lang=source_lang, srx=srx, split_quotations=split_quotations,
        encoding=encoding,
    )
    if str(source) == "-":
        data, name = sys.stdin.buffer.read(), "<stdin>"
    else:
        name = str(source)
        try:
            data = source.read_bytes()
        except OSError as exc:
            raise _source_error(name, exc) from None
    text, _bom = decode_source(data, path=name, encoding=project.encoding)
    segments = make_segmenter(project).segment(text)
    if as_json:
        _echo_json(
            [
                {
                    "id": s.id, "text": s.text, "start": s.start, "end": s.end,
                    "paragraph": s.paragraph, "index": s.index, "line": s.line,
                }
                for s in segments
            ]
        )
    else:
        for s in segments:
            click.echo(s.text)


def _source_error(name: str, exc: OSError) -> L10nError:
    from .errors import SourceError

    if isinstance(exc, FileNotFoundError):
        return SourceError("no such file", path=name)
    return SourceError(f"cannot read: {exc.strerror}", path=name)


@cli.command()
@click.argument(
    "sources", nargs=-1, type=click.Path(dir_okay=False, path_type=Path)
)
@domain_option
@locales_option
@click.option("--source-lang", help="Language of the sources (default: config, else en).")
@click.pass_context
def extract(
    ctx: click.Context,
    sources: tuple[Path, ...],
    domain: str | None,
    locales: Path | None,
    source_lang: str | None,
) -> None:
    """Write the template <locales>/<domain>.pot from SOURCES (default: config's sources).

    One entry per distinct sentence, with `#:` references (path:line) and its
    paragraph/sentence position. An unchanged article changes no byte of the template.

    \b
    Examples:
      l10n extract examples/article.txt --domain article
      l10n extract            # the sources named in l10n.toml
    """
    from .pipeline import extract as run_extract

    project = _project(
        ctx, sources=sources, domain=domain, locales=locales, source_lang=source_lang
    )
    report = run_extract(project)
    state = "written" if report.written else "unchanged"
    click.echo(f"{project.relative(report.path)}: {report.messages} messages ({state})")


@cli.command()
@languages_option
@domain_option
@locales_option
@click.pass_context
def init(
    ctx: click.Context, languages: tuple[str, ...], domain: str | None, locales: Path | None
) -> None:
    """Create a catalog for each language from the template.

    Plural forms come from CLDR (Babel). Existing catalogs are left alone: use
    `l10n update` to bring them in step with the template.

    \b
    Examples:
      l10n init -l uk
      l10n init -l uk -l de -l pt_BR
    """
    from .pipeline import init as run_init

    project = _project(ctx, domain=domain, locales=locales)
    for report in run_init(project, languages):
        path = project.relative(report.path)
        if report.action == "exists":
            click.echo(f"{path}: exists, left as it is (use `l10n update`)")
        else:
            click.echo(f"{path}: created")


@cli.command()
@languages_option
@domain_option
@locales_option
@click.option(
    "--fuzzy-matching/--no-fuzzy-matching",
    default=True,
    show_default=True,
    help="Offer the translation of a similar old sentence, marked fuzzy, for an edited one.",
)
@click.pass_context
def update(
    ctx: click.Context,
    languages: tuple[str, ...],
    domain: str | None,
    locales: Path | None,
    fuzzy_matching: bool,
) -> None:
    """Merge the template into the catalogs, keeping every translation.

    Unchanged sentences keep their translations; an edited sentence gets the old
    translation back marked fuzzy with the previous source (#|); removed sentences
    become obsolete (#~) and come back translated if they return.

    \b
    Examples:
      l10n extract && l10n update
      l10n update -l uk --no-fuzzy-matching
    """
    from .pipeline import update as run_update

    project = _project(ctx, domain=domain, locales=locales)
    for r in run_update(project, languages, fuzzy_matching=fuzzy_matching):
        click.echo(
            f"{project.relative(r.path)}: {r.action}: {r.kept} kept, {r.fuzzy_matched} fuzzy, "
            f"{r.added} new, {r.obsoleted} obsolete, {r.revived} revived"
        )


@cli.command()
@languages_option
@domain_option
@locales_option
@click.option(
    "--out", type=click.Path(file_okay=False, path_type=Path),
    help="Folder for translated articles (default: config's 'out', else ./out).",
)
@click.option("--use-fuzzy", is_flag=True, help="Use fuzzy (unreviewed) translations too.")
@click.option(
    "--min-translated",
    type=click.FloatRange(0, 100),
    default=0.0,
    metavar="PCT",
    help="Do not render a language below this percentage translated.",
)
@json_option
@click.argument("sources", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
def build(
    ctx: click.Context,
    languages: tuple[str, ...],
    domain: str | None,
    locales: Path | None,
    out: Path | None,
    use_fuzzy: bool,
    min_translated: float,
    as_json: bool,
    sources: tuple[Path, ...],
) -> None:
    """Compile .mo files and render each source translated into <out>/<lang>/.

    Untranslated sentences stay as in the source; everything between sentences is kept
    exactly, so a catalog with no translations gives the source back byte for byte.

    \b
    Examples:
      l10n build -l uk
      l10n build --use-fuzzy --out public/
      l10n build --min-translated 90 --json
    """
    from .pipeline import build as run_build

    project = _project(ctx, domain=domain, locales=locales, out=out, sources=sources)
    reports = run_build(
        project, languages, use_fuzzy=use_fuzzy, min_translated=min_translated
    )
    if as_json:
        _echo_json(
            [
                {
                    "lang": r.lang, "catalog": project.relative(r.catalog),
                    "mo": project.relative(r.mo), "percent": round(r.percent, 2),
                    "outputs": [project.relative(p) for p in r.outputs],
                    "skipped": r.skipped_reason,
                }
                for r in reports
            ]
        )
        return
    for r in reports:
        if r.skipped_reason:
            click.echo(f"{r.lang}: not rendered: {r.skipped_reason}", err=True)
            continue
        for path in r.outputs:
            click.echo(f"{r.lang}: {project.relative(path)} ({r.percent:.1f}% translated)")


@cli.command()
@languages_option
@domain_option
@locales_option
@json_option
@click.pass_context
def stats(
    ctx: click.Context,
    languages: tuple[str, ...],
    domain: str | None,
    locales: Path | None,
    as_json: bool,
) -> None:
    """Show per-language counts: entries, translated, fuzzy, untranslated, words.

    \b
    Examples:
      l10n stats
      l10n stats -l uk --json
    """
    from .pipeline import stats as run_stats

    project = _project(ctx, domain=domain, locales=locales)
    rows = run_stats(project, languages)
    if as_json:
        _echo_json(
            [
                {"lang": lang, "catalog": project.relative(path), **dataclasses.asdict(s)}
                for lang, path, s in rows
            ]
        )
        return
    header = f"{'lang':<8} {'entries':>7} {'transl.':>7} {'fuzzy':>6} {'untr.':>6} {'words':>6} {'%':>6}"
    click.echo(header)
    for lang, _path, s in rows:
        click.echo(
            f"{lang:<8} {s.entries:>7} {s.translated:>7} {s.fuzzy:>6} {s.untranslated:>6} "
            f"{s.words:>6} {s.percent:>6.1f}"
        )


# Machine translation ------------------------------------------------------------------

def engine_options(f: F) -> F:
    options = [
        click.option("--beam-size", type=click.IntRange(1, 64), help="Beam size (default 4)."),
        click.option(
            "--compute-type",
            type=click.Choice(
                ["auto", "int8", "int8_float32", "int8_float16", "int8_bfloat16", "int16",
                 "float16", "bfloat16", "float32"]
            ),
            help="CTranslate2 compute type (default: int8 on CPU).",
        ),
        click.option("--device", type=click.Choice(["cpu", "cuda"]), help="Run on cpu or cuda."),
        click.option("--threads", type=click.IntRange(0, 256), help="CPU threads (0: auto)."),
        click.option(
            "--alternatives", type=click.IntRange(0, 10),
            help="Also write the next N hypotheses as comments for reviewers.",
        ),
        click.option(
            "--engine", "engine_name", metavar="NAME",
            help="Engine: argos (default) or fake (deterministic, for trying things out).",
        ),
    ]
    for option in reversed(options):
        f = option(f)
    return f


def _paths(project: Project) -> Any:
    import os

    from .models import locations

    return locations(project, os.environ)


def _engine(project: Project, engine_name: str | None, **options: Any) -> Any:
    from .pipeline import make_engine

    if engine_name:
        project = dataclasses.replace(
            project, translate=dataclasses.replace(project.translate, engine=engine_name)
        )
    return make_engine(project, packages_dir=_paths(project).packages_dir, **options)


class _Bars:
    """One progress bar per language on a terminal; nothing when stderr is not one."""

    def __init__(self) -> None:
        self.bars: dict[str, Any] = {}
        self.tty = sys.stderr.isatty()

    def __call__(self, lang: str, done: int, total: int) -> None:
        if not self.tty or total == 0:
            return
        bar = self.bars.get(lang)
        if bar is None:
            bar = click.progressbar(length=total, label=f"translating {lang}", file=sys.stderr)
            bar.__enter__()
            self.bars[lang] = bar
        bar.update(done - bar.pos)
        if done >= total:
            bar.__exit__(None, None, None)

    def close(self) -> None:
        for bar in self.bars.values():
            if not bar.finished:
                bar.__exit__(None, None, None)


@cli.command()
@languages_option
@domain_option
@locales_option
@engine_options
@click.option("--refresh", is_flag=True, help="Re-translate machine output nobody has edited.")
@click.option("--offline", is_flag=True, default=None, help="Never touch the network.")
@click.pass_context
def translate(
    ctx: click.Context,
    languages: tuple[str, ...],
    domain: str | None,
    locales: Path | None,
    refresh: bool,
    offline: bool | None,
    engine_name: str | None,
    **engine_opts: Any,
) -> None:
    """Fill untranslated entries with offline machine translation.

    Results are marked fuzzy with a `# l10n-mt:` comment naming the engine, package,
    version and model hash. Reviewed entries and entries a person has edited are never
    touched. Work is saved as it goes; an interrupted run keeps what it finished.

    \b
    Examples:
      l10n translate -l uk
      l10n translate --alternatives 2 --beam-size 5
      l10n translate --refresh          # after a model upgrade
    """
    from .pipeline import translate as run_translate

    project = _project(ctx, domain=domain, locales=locales, offline=offline)
    engine = _engine(project, engine_name, **engine_opts)
    bars = _Bars()
    try:
        reports = run_translate(project, languages, engine=engine, refresh=refresh, progress=bars)
    finally:
        bars.close()
    for r in reports:
        path = project.relative(project.catalog_path(r.lang))
        if r.translated == 0:
            click.echo(f"{path}: nothing to translate")
            continue
        warned = f", {r.warnings} flagged by the output guard" if r.warnings else ""
        click.echo(f"{path}: {r.translated} machine-translated (fuzzy, to review){warned}")
        click.echo(f"  by {r.provenance}")


@cli.command()
@click.argument("sources", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@languages_option
@domain_option
@locales_option
@click.option(
    "--out", type=click.Path(file_okay=False, path_type=Path),
    help="Folder for translated articles (default: config's 'out', else ./out).",
)
@engine_options
@click.option("--offline", is_flag=True, default=None, help="Never touch the network.")
@click.option(
    "--no-install", is_flag=True, help="Do not download a missing model; fail instead."
)
@json_option
@click.pass_context
def run(
    ctx: click.Context,
    sources: tuple[Path, ...],
    languages: tuple[str, ...],
    domain: str | None,
    locales: Path | None,
    out: Path | None,
    offline: bool | None,
    no_install: bool,
    as_json: bool,
    engine_name: str | None,
    **engine_opts: Any,
) -> None:
    """The main job: extract, init/update, machine-translate and build SOURCES.

    A missing model is looked up in the Argos package index (direct, else through
    English), downloaded with a progress bar, verified and installed, unless --offline
    or --no-install.

    \b
    Examples:
      l10n run examples/article.txt -l uk
      l10n run -l uk -l de --out public/
      l10n run --offline          # sources and languages from l10n.toml
    """
    from .pipeline import run as run_job

    project = _project(ctx, domain=domain, locales=locales, out=out, offline=offline)
    engine = _engine(project, engine_name, **engine_opts)
    ensure = None
    if getattr(engine, "name", "") == "argos":
        ensure = _model_installer(project, install=not no_install, quiet=as_json)
    bars = _Bars()
    try:
        reports = run_job(
            project,
            languages,
            engine=engine,
            sources=[Path(p).resolve() for p in sources] or None,
            progress=bars,
            ensure_model=ensure,
        )
    finally:
        bars.close()
    if as_json:
        _echo_json(
            [
                {
                    **dataclasses.asdict(r),
                    "catalog": project.relative(r.catalog),
                    "outputs": [project.relative(p) for p in r.outputs],
                }
                for r in reports
            ]
        )
        return
    for r in reports:
        click.echo(
            f"{r.lang}: {r.machine} machine-translated now; {r.reviewed} reviewed, "
            f"{r.needs_review} need review, {r.untranslated} untranslated"
            + (f", {r.warnings} flagged" if r.warnings else "")
        )
        click.echo(f"  catalog: {project.relative(r.catalog)}")
        for path in r.outputs:
            click.echo(f"  article: {project.relative(path)}")


def _model_installer(project: Project, *, install: bool, quiet: bool) -> Callable[[str, str], None]:
    from .errors import ModelMissingError
    from .models import install_pair, plan_install, route_installed

    paths = _paths(project)

    def ensure(source: str, target: str) -> None:
        if route_installed(paths, source, target) is not None:
            return
        if not install or project.offline:
            why = "--offline" if project.offline else "--no-install"
            raise ModelMissingError(
                f"no model for {source}→{target} and {why} forbids downloading one: run "
                f"`l10n models install {source} {target}`, or `l10n models install --file "
                f"PATH` with a .argosmodel file"
            )
        plan = plan_install(paths, source, target, offline=project.offline)
        for entry in plan.entries:
            size = f", {entry.size / 1e6:.1f} MB" if entry.size else ""
            if not quiet:
                click.echo(
                    f"installing {entry.code} {entry.package_version} ({entry.from_code}→"
                    f"{entry.to_code}{size}) from {paths.index_url}",
                    err=True,
                )
        install_pair(paths, plan, offline=project.offline, progress=_download_bar)

    return ensure


def _download_bar(entry: Any) -> Callable[[int, int | None], None] | None:
    if not sys.stderr.isatty():
        return None
    state: dict[str, Any] = {}

    def update(done: int, total: int | None) -> None:
        bar = state.get("bar")
        if bar is None:
            bar = click.progressbar(
                length=total or 0, label=f"downloading {entry.code}", file=sys.stderr
            )
            bar.__enter__()
            state["bar"] = bar
        bar.update(done - bar.pos)
        if total is not None and done >= total:
            bar.__exit__(None, None, None)

    return update


@cli.group()
def models() -> None:
    """Manage offline translation models (Argos Translate packages).

    Packages live in Argos's package folder (ARGOS_PACKAGES_DIR, shared with argospm
    and LibreTranslate); the index is Argos's (ARGOS_PACKAGE_INDEX).

    \b
    Examples:
      l10n models list
      l10n models available --json
      l10n models install en uk
      l10n models install --file translate-en_uk-1_9.argosmodel
      l10n models remove en uk
    """


@models.command("list")
@json_option
@click.pass_context
def models_list(ctx: click.Context, as_json: bool) -> None:
    """List installed packages.

    \b
    Examples:
      l10n models list
      l10n models list --json
    """
    from .models import installed

    paths = _paths(_project(ctx))
    packages = installed(paths)
    if as_json:
        _echo_json(
            [
                {"code": p.code, "from": p.from_code, "to": p.to_code,
                 "version": p.package_version, "path": str(p.path)}
                for p in packages
            ]
        )
        return
    if not packages:
        click.echo(f"no packages in {paths.packages_dir}")
    for p in packages:
        click.echo(f"{p.from_code}→{p.to_code}  {p.code} {p.package_version}  {p.path}")


@models.command("available")
@click.option("--offline", is_flag=True, default=None, help="Never touch the network.")
@json_option
@click.pass_context
def models_available(ctx: click.Context, offline: bool | None, as_json: bool) -> None:
    """List the packages the index offers.

    \b
    Examples:
      l10n models available
      ARGOS_PACKAGE_INDEX=http://mirror.local/argos/ l10n models available --json
    """
    from .models import available

    project = _project(ctx, offline=offline)
    entries = available(_paths(project), offline=project.offline)
    if as_json:
        _echo_json([dataclasses.asdict(e) for e in entries])
        return
    for e in entries:
        size = f"{e.size / 1e6:.0f} MB" if e.size else "size unknown"
        click.echo(f"{e.from_code}→{e.to_code}  {e.code} {e.package_version}  ({size})")


@models.command("install")
@click.argument("pair", nargs=-1, metavar="[SOURCE TARGET]")
@click.option(
    "--file", "file", type=click.Path(dir_okay=False, path_type=Path),
    help="Install this .argosmodel file (no network).",
)
@click.option("--sha256", help="Expected SHA-256 of the archive.")
@click.option("--upgrade", is_flag=True, help="Replace an installed package of the same pair.")
@click.option("--offline", is_flag=True, default=None, help="Never touch the network.")
@click.pass_context
def models_install(
    ctx: click.Context,
    pair: tuple[str, ...],
    file: Path | None,
    sha256: str | None,
    upgrade: bool,
    offline: bool | None,
) -> None:
    """Install the package for SOURCE TARGET from the index, or one from --file.

    Downloads are size-limited, checked against the index's SHA-256 when it has one,
    unpacked into a temporary folder, checked and moved into place atomically.

    \b
    Examples:
      l10n models install en uk
      l10n models install de uk          # installs de→en and en→uk when no direct one
      l10n models install --file translate-en_uk-1_9.argosmodel --sha256 0a1b...
    """
    from .models import install_file, install_pair, plan_install

    project = _project(ctx, offline=offline)
    paths = _paths(project)
    if file is not None:
        if pair:
            raise UsageError("give either SOURCE TARGET or --file, not both")
        info = install_file(paths, file, sha256=sha256, upgrade=upgrade)
        click.echo(f"installed {info.code} {info.package_version} ({info.from_code}→{info.to_code})")
        return
    if len(pair) != 2:
        raise UsageError("give SOURCE TARGET (e.g. `en uk`) or --file PATH")
    from .catalog import normalize_language

    source, target = (normalize_language(code) for code in pair)
    plan = plan_install(paths, source, target, offline=project.offline)
    if not plan.entries:
        click.echo(f"{source}→{target}: already installed")
        return
    for info in install_pair(paths, plan, offline=project.offline, upgrade=upgrade,
                             progress=_download_bar):
        click.echo(f"installed {info.code} {info.package_version} ({info.from_code}→{info.to_code})")


@models.command("remove")
@click.argument("source")
@click.argument("target")
@click.pass_context
def models_remove(ctx: click.Context, source: str, target: str) -> None:
    """Remove the installed packages for SOURCE TARGET.

    \b
    Examples:
      l10n models remove en uk
    """
    from .models import remove_pair

    for info in remove_pair(_paths(_project(ctx)), source, target):
        click.echo(f"removed {info.code} {info.package_version}")


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point of the ``l10n`` console script."""
    cli.main(args=argv, prog_name="l10n")


if __name__ == "__main__":  # pragma: no cover
    main()
