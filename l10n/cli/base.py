"""The ``l10n`` group, shared options and helpers of every command module.

The ``l10n.cli`` package is the only part of l10n that imports click.

Each command parses its options, calls one library function and prints the result.
Library errors (:class:`~l10n.errors.L10nError`) are caught once, in :class:`L10nGroup`,
and printed as one line: exit 1 for a handled error, 2 for usage, as click defines them.
Ctrl-C and SIGTERM stop a command the same way (what is finished is saved, temporary
files are removed, one line says so): exit 130 after Ctrl-C, 143 after SIGTERM, the
codes a shell gives a process killed by those signals. While a command waits for another
l10n process's lock, it says so on stderr after a second.
Heavy modules are imported inside the commands so that ``l10n --help`` starts at once.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any, TypeVar

import click

from .. import __version__
from ..errors import L10nError, UsageError

if TYPE_CHECKING:
    from ..config import Project
    from ..lock import LockWait

F = TypeVar("F", bound=Callable[..., Any])


EXIT_INTERRUPTED = 130  # Ctrl-C: 128 + SIGINT
EXIT_TERMINATED = 143  # SIGTERM: 128 + SIGTERM


class Terminated(KeyboardInterrupt):
    """SIGTERM arrived: raised where the program runs, exactly as Ctrl-C's interrupt is,
    so the same cleanup runs (temporary files removed, finished work saved)."""


_terminated = threading.Event()


def _on_sigterm(signum: int, frame: FrameType | None) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # a second SIGTERM ends it at once
    _terminated.set()
    raise Terminated


class L10nCommand(click.Command):
    """A command whose library usage errors show its own usage line (exit 2)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except UsageError as exc:
            raise click.UsageError(str(exc), ctx=ctx) from None


class L10nGroup(click.Group):
    """A group that turns library errors into one line on stderr and an exit code.

    Its commands are :class:`L10nCommand` and its subgroups are L10nGroups, so that a
    usage error names the command it belongs to.
    """

    command_class = L10nCommand
    group_class = type

    def invoke(self, ctx: click.Context) -> Any:
        from ..lock import lock_notices

        try:
            with lock_notices(_say_waiting):
                result = super().invoke(ctx)
        except UsageError as exc:
            raise click.UsageError(str(exc), ctx=ctx) from None
        except L10nError as exc:
            exc.path = _shown(exc.path)
            click.echo(f"error: {exc}", err=True)
            ctx.exit(1)
        except KeyboardInterrupt:
            _interrupted(ctx)
        if _terminated.is_set():  # the command treated SIGTERM as Ctrl-C and ended well
            _interrupted(ctx)
        return result


def _interrupted(ctx: click.Context) -> None:
    click.echo("interrupted: finished work is saved", err=True)
    ctx.exit(EXIT_TERMINATED if _terminated.is_set() else EXIT_INTERRUPTED)


def _say_waiting(wait: LockWait) -> None:
    from ..lock import describe_timeout

    holder = "another l10n process" if wait.holder == "unknown" else wait.holder
    click.echo(
        f"waiting for {holder} (it holds {_shown(str(wait.path))}; giving up after "
        f"{describe_timeout(wait.timeout)}, set by lock_timeout in l10n.toml)",
        err=True,
    )


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
            from ..config import find_config, load_project

            path = self.config_path or find_config(Path.cwd())
            self._project = load_project(path)
        return self._project


def project_from(ctx: click.Context, **overrides: Any) -> Project:
    """The project's settings with the command's options applied.

    A command that takes ``--locales`` or ``--out`` passes them (None when not given):
    the config's value is then checked to stay inside the project, while a folder given
    on the command line may be anywhere, since the user said so.
    """
    project: Project = ctx.find_object(_LazyProject).get()  # type: ignore[union-attr]
    project.check_inside(*(k for k in ("locales", "out") if k in overrides and not overrides[k]))
    changes = {k: v for k, v in overrides.items() if v is not None and v != ()}
    if not changes:
        return project
    if "domain" in changes:  # a domain names the one catalog of every source
        changes["catalog"] = "shared"
    for key in ("locales", "out", "srx"):
        if key in changes:
            changes[key] = Path(changes[key]).resolve()
    if "sources" in changes:
        changes["sources"] = tuple(Path(p).resolve() for p in changes["sources"])
    if "glossary" in changes:
        from ..config import GlossarySettings

        changes["glossary"] = GlossarySettings(file=Path(changes["glossary"]).resolve())
    import dataclasses

    return dataclasses.replace(project, **changes)


# Options shared by several commands -------------------------------------------------

def glossary_option(f: F) -> F:
    return click.option(
        "--glossary", type=click.Path(exists=True, dir_okay=False, path_type=Path),
        metavar="FILE", help="Glossary (CSV or TBX) instead of [glossary] file in l10n.toml.",
    )(f)  # fmt: skip


def locales_option(f: F) -> F:
    return click.option(
        "--locales",
        type=click.Path(file_okay=False, path_type=Path),
        help="Folder of the catalogs (default: config's 'locales', else ./locales).",
    )(f)


def _plain_domain(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    from ..config import DOMAIN_RULE, plain_name_problem

    if value is not None and plain_name_problem(value) is not None:
        raise click.BadParameter(
            f"{value!r} is {plain_name_problem(value)}: a domain uses {DOMAIN_RULE} characters"
        )
    return value


def _plain_languages(
    ctx: click.Context, param: click.Parameter, value: tuple[str, ...]
) -> tuple[str, ...]:
    from ..config import plain_name_problem

    for lang in value:  # what is not a language code is for the command to say
        problem = plain_name_problem(lang)
        if problem is not None and problem.startswith("a path"):
            raise click.BadParameter(f"{lang!r} is a path, not a language code like uk")
    return value


def domain_option(f: F) -> F:
    return click.option(
        "--domain",
        "-d",
        callback=_plain_domain,
        help="Catalog name: <locales>/<domain>.pot, one catalog for every source "
        "(default: config's domain, else one catalog per article).",
    )(f)


def languages_option(f: F) -> F:
    return click.option(
        "-l",
        "--lang",
        "languages",
        multiple=True,
        metavar="LANG",
        callback=_plain_languages,
        help="Target language (repeatable); default: every catalog on disk.",
    )(f)


def publish_options(f: F) -> F:
    """--use-fuzzy and --min-translated: what a build may publish (build and run)."""
    f = click.option(
        "--min-translated", type=click.FloatRange(0, 100), default=0.0, metavar="PCT",
        help="Do not render a language with less than PCT% of its entries published "
        "(exit 1).",
    )(f)  # fmt: skip
    return click.option(
        "--use-fuzzy", is_flag=True,
        help="Publish drafts too: machine output and other unreviewed translations of the "
        "current sentences (never stale ones).",
    )(f)  # fmt: skip


def format_option(f: F) -> F:
    """--format: how the sources are read (default: config's, else by file extension)."""
    return click.option(
        "--format", "source_format",
        type=click.Choice(["auto", "text", "markdown", "html", "json"]),
        help="Format of the sources (default: config's 'format', else auto: by extension, "
        ".md/.markdown, .html/.htm, .json, else text).",
    )(f)  # fmt: skip


def json_option(f: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON for programs.")(f)


def echo_json(data: Any) -> None:
    import json

    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))



def main(argv: Sequence[str] | None = None) -> None:
    """Entry point of the ``l10n`` console script: SIGTERM stops it as Ctrl-C does."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _on_sigterm)
    cli.main(args=argv, prog_name="l10n")
