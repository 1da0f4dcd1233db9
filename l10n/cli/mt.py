"""Machine-translation commands: translate, run, models."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..errors import UsageError
from .base import (
    F,
    cli,
    domain_option,
    echo_json,
    format_option,
    glossary_option,
    json_option,
    languages_option,
    locales_option,
    project_from,
    publish_options,
)

if TYPE_CHECKING:
    from ..config import Project


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
            help="Engine: auto (default: per language an installed Argos package, else an "
            "installed Apertium pair, else an Argos download), argos, apertium, or fake "
            "(deterministic, for trying things out).",
        ),
    ]
    for option in reversed(options):
        f = option(f)
    return f


def memory_option(f: F) -> F:
    return click.option(
        "--no-memory", is_flag=True,
        help="Do not look sentences up in the translation memory (see `l10n tm --help`).",
    )(f)  # fmt: skip


def _without_memory(project: Project, no_memory: bool) -> Project:
    import dataclasses

    if not no_memory:
        return project
    return dataclasses.replace(
        project, memory=dataclasses.replace(project.memory, enabled=False)
    )


def _paths(project: Project) -> Any:
    """Argos's locations; what killed installers left there is cleaned up first."""
    import os

    from ..engine.install import sweep
    from ..pipeline import model_locations as locations

    paths = locations(project, os.environ)
    sweep(paths)
    return paths


def _engine(project: Project, engine_name: str | None, **options: Any) -> Any:
    import dataclasses

    from ..pipeline import make_engine

    if engine_name:
        project = dataclasses.replace(
            project, translate=dataclasses.replace(project.translate, engine=engine_name)
        )
    engine = make_engine(project, packages_dir=_paths(project).packages_dir, **options)
    for problem in getattr(engine, "skipped", list)():
        click.echo(f"warning: skipped a broken package: {problem}", err=True)
    return engine


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
@memory_option
@glossary_option
@click.pass_context
def translate(
    ctx: click.Context,
    /,
    languages: tuple[str, ...],
    domain: str | None,
    locales: Path | None,
    refresh: bool,
    offline: bool | None,
    no_memory: bool,
    glossary: Path | None,
    engine_name: str | None,
    **engine_opts: Any,
) -> None:
    """Fill untranslated entries with offline machine translation.

    Results are marked fuzzy with a `# l10n-mt:` comment naming the engine, package,
    version and model hash. Reviewed entries and entries a person has edited are never
    touched. Work is saved as it goes; an interrupted run keeps what it finished.
    The translation memory comes first: a sentence reviewed before (any catalog of the
    project, [memory] paths, imported TMX) is filled from it (`# l10n-tm:`) and never
    reaches the engine; near matches are kept beside the engine's output (`# l10n-near:`).

    \b
    Examples:
      l10n translate -l uk
      l10n translate --alternatives 2 --beam-size 5
      l10n translate --refresh          # after a model upgrade
    """
    from ..pipeline import translate as run_translate

    project = _without_memory(
        project_from(ctx, domain=domain, locales=locales, offline=offline, glossary=glossary),
        no_memory,
    )
    engine = _engine(project, engine_name, **engine_opts)
    bars = _Bars()
    try:
        reports = run_translate(project, languages, engine=engine, refresh=refresh, progress=bars)
    finally:
        bars.close()
    for r in reports:
        path = project.relative(r.catalog or project.catalog_path(r.lang))
        if r.error is not None:
            click.echo(f"{r.lang}: failed: {r.error}", err=True)
        elif r.memory:
            near = f"; {r.near} with near matches" if r.near else ""
            click.echo(
                f"{path}: {r.memory} from memory, {r.translated} machine-translated (fuzzy, "
                f"to review){near}"
            )
        elif r.translated == 0:
            click.echo(f"{path}: nothing to translate")
        else:
            warned = f", {r.warnings} flagged by the output guard" if r.warnings else ""
            click.echo(f"{path}: {r.translated} machine-translated (fuzzy, to review){warned}")
            click.echo(f"  by {r.provenance}")
    _exit_if_failed(ctx, [r.lang for r in reports if r.error is not None], len(reports))


def _exit_if_failed(ctx: click.Context, failed: list[str], total: int) -> None:
    if failed:
        click.echo(f"failed: {', '.join(failed)} ({len(failed)} of {total} languages)", err=True)
        ctx.exit(1)


@cli.command()
@click.argument("sources", nargs=-1, type=click.Path(path_type=Path))
@languages_option
@domain_option
@locales_option
@click.option(
    "--out", type=click.Path(file_okay=False, path_type=Path),
    help="Folder for translated articles (default: config's 'out', else ./out).",
)
@engine_options
@publish_options
@click.option("--offline", is_flag=True, default=None, help="Never touch the network.")
@click.option(
    "--no-install", is_flag=True, help="Do not download a missing model; fail instead."
)
@format_option
@memory_option
@glossary_option
@json_option
@click.pass_context
def run(
    ctx: click.Context,
    /,
    sources: tuple[Path, ...],
    languages: tuple[str, ...],
    domain: str | None,
    locales: Path | None,
    out: Path | None,
    use_fuzzy: bool,
    min_translated: float,
    offline: bool | None,
    no_install: bool,
    source_format: str | None,
    no_memory: bool,
    glossary: Path | None,
    as_json: bool,
    engine_name: str | None,
    **engine_opts: Any,
) -> None:
    """The main job: extract, init/update, machine-translate and build SOURCES.

    SOURCES are files, folders (every *.txt under them) and globs; each article gets its own
    catalog, named after its path (world/story.txt: world.story), unless the config names a
    domain (or --domain does): then they share it. The summary covers every catalog.

    Each language gets the engine that has it (--engine auto, the default): an installed Argos
    package, else an installed Apertium pair, else a model looked up in the Argos package index
    (direct, else through English), downloaded with a progress bar, verified and installed, unless
    --offline or --no-install. Machine output goes into the catalogs as fuzzy drafts to review; the
    built articles hold reviewed translations only, unless --use-fuzzy publishes the drafts too.
    Translations of earlier versions of a sentence (stale) are never published: they are
    machine-translated afresh, the old one kept for the reviewer. A language that fails (no model,
    say) does not stop the others. Sentences reviewed before (the translation memory: every catalog
    of the project, [memory] paths, imported TMX) are filled from memory (`# l10n-tm:`, fuzzy unless
    [memory] trust_exact) and never reach the engine.

    \b
    Exit status:
      0  every language translated and built
      1  a language failed or is below --min-translated (the others are done)

    \b
    Examples:
      l10n run examples/article.txt -l uk
      l10n run examples/page.html -d page -l uk --engine fake --use-fuzzy
      l10n run articles/ -l uk    # every article under articles/ (see examples/newsroom)
      l10n run -l uk -l de --use-fuzzy --out public/
      l10n run --offline          # sources and languages from l10n.toml
    """
    from ..pipeline import run as run_job

    project = _without_memory(
        project_from(
            ctx, domain=domain, locales=locales, out=out, offline=offline, format=source_format,
            glossary=glossary,
        ),
        no_memory,
    )
    engine = _engine(project, engine_name, **engine_opts)
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
            use_fuzzy=use_fuzzy,
            min_translated=min_translated,
        )
    finally:
        bars.close()
    from .summary import echo_runs, run_json

    if as_json:
        echo_json([run_json(project, r) for r in reports])
    else:
        echo_runs(project, reports)
    langs = list(dict.fromkeys(r.lang for r in reports))
    failed = list(dict.fromkeys(r.lang for r in reports if not r.ok))
    _exit_if_failed(ctx, failed, len(langs))


def _model_installer(
    project: Project,
    *,
    install: bool,
    quiet: bool,
) -> Callable[[str, str], None]:
    """Download and install the Argos package a pair needs (run calls it when the engine
    says it wants one), or say why not."""
    from ..engine.install import install_pair, plan_install
    from ..errors import ModelMissingError

    paths = _paths(project)

    def ensure(source: str, target: str) -> None:
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
    """List installed models: Argos packages, then Apertium pairs.

    \b
    Examples:
      l10n models list
      l10n models list --json
    """
    from ..engine.install import apertium_pairs, scan

    paths = _paths(project_from(ctx))
    packages, broken = scan(paths)
    pairs = apertium_pairs()
    for problem in broken:
        click.echo(f"warning: skipped a broken package: {problem}", err=True)
    if as_json:
        echo_json(
            [
                {"engine": "argos", "code": p.code, "from": p.from_code, "to": p.to_code,
                 "version": p.package_version, "path": str(p.path)}
                for p in packages
            ]
            + [
                {"engine": "apertium", "code": a.mode.name, "from": a.mode.source,
                 "to": a.mode.target_code, "version": a.version, "package": a.package,
                 "path": str(a.mode.path)}
                for a in pairs
            ]
        )
        return
    if not packages:
        click.echo(f"no Argos packages in {paths.packages_dir}")
    for p in packages:
        click.echo(f"{p.from_code}→{p.to_code}  {p.code} {p.package_version}  {p.path}")
    for a in pairs:
        click.echo(
            f"{a.mode.source}→{a.mode.target_code}  apertium {a.mode.name} "
            f"({a.package} {a.version})  {a.mode.path}"
        )


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
    import dataclasses

    from ..engine.install import available

    project = project_from(ctx, offline=offline)
    entries = available(_paths(project), offline=project.offline)
    if as_json:
        echo_json([dataclasses.asdict(e) for e in entries])
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
@click.option(
    "--upgrade", is_flag=True,
    help="Replace an installed package of the same pair with a newer version.",
)
@click.option(
    "--deadline", type=click.FloatRange(min=1), default=3600, show_default=True,
    metavar="SECONDS", help="Give up a download that takes longer in all.",
)
@click.option("--offline", is_flag=True, default=None, help="Never touch the network.")
@click.pass_context
def models_install(
    ctx: click.Context,
    pair: tuple[str, ...],
    file: Path | None,
    sha256: str | None,
    upgrade: bool,
    deadline: float,
    offline: bool | None,
) -> None:
    """Install the package for SOURCE TARGET from the index, or one from --file.

    Downloads are size-limited, checked against the index's SHA-256 when it has one,
    unpacked into a temporary folder, checked and moved into place atomically. A pair
    that is already installed is left as it is (exit 0), from a file or from the index;
    --upgrade replaces it with a newer version.

    \b
    Examples:
      l10n models install en uk
      l10n models install de uk          # installs de→en and en→uk when no direct one
      l10n models install --upgrade en uk
      l10n models install --file translate-en_uk-1_9.argosmodel --sha256 0a1b...
    """
    from ..engine.install import install_file, install_pair, plan_install

    project = project_from(ctx, offline=offline)
    paths = _paths(project)
    if file is not None:
        if pair:
            raise UsageError("give either SOURCE TARGET or --file, not both")
        _say_installed(install_file(paths, file, sha256=sha256, upgrade=upgrade), upgrade)
        return
    if len(pair) != 2:
        raise UsageError("give SOURCE TARGET (e.g. `en uk`) or --file PATH")
    from ..languages import normalize_language

    source, target = (normalize_language(code) for code in pair)
    plan = plan_install(paths, source, target, offline=project.offline, upgrade=upgrade)
    for done in plan.current:
        _say_installed(done, upgrade)
    for done in install_pair(paths, plan, offline=project.offline, upgrade=upgrade,
                             deadline=deadline, progress=_download_bar):
        _say_installed(done, upgrade)


def _say_installed(done: Any, upgrade: bool) -> None:
    """One line for an install, the same whether the package came from a file or an index."""
    from ..engine.identifiers import version_key

    p = done.package
    if done.changed:
        click.echo(f"installed {p.code} {p.package_version} ({p.from_code}→{p.to_code})")
        return
    pair = f"{p.from_code}→{p.to_code}"
    line = f"{pair}: already installed ({p.code} {p.package_version}, {p.path})"
    offered, have = version_key(done.offered), version_key(p.package_version)
    if not done.offered or offered == have:
        click.echo(f"{line}; nothing changed")
    elif offered < have:
        click.echo(f"{line}; nothing changed ({done.offered} is older)")
    else:
        click.echo(f"{line}; nothing changed (--upgrade replaces it with {done.offered})")


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
    from ..engine.install import remove_pair

    for info in remove_pair(_paths(project_from(ctx)), source, target):
        click.echo(f"removed {info.code} {info.package_version}")


