"""The ``l10n review`` command: a terminal loop around :class:`l10n.review.ReviewSession`.

It reads one key at a time (``click.getchar``) on a terminal, or one command per line
when stdin is not one (scripts, tests), prints each entry, and leaves every decision to
the session, which saves after each. Colors only on a terminal that is not ``dumb``
(and without ``NO_COLOR``); no cursor movement, so it works on any terminal.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..errors import UsageError
from .base import cli, domain_option, locales_option, project_from

if TYPE_CHECKING:
    from ..config import Project
    from ..glossary import Term, TermList
    from ..model import Issue
    from ..po import Catalog
    from ..review import Checker, EntryView, ReviewSession

KEYS_HELP = """\
  a  accept the translation (clears fuzzy, records who and when)
  e  edit the translation inline (Enter on an empty line: cancel)
  E  edit it in $EDITOR
  r  reject: clear the translation (the entry stays, untranslated)
  s  skip: leave it for later (it comes after the others next time)
  b  back: undo the last decision and show that entry again
  1-9  take alternative N (the current translation takes its place)
  p    take the previous translation (of the earlier source shown as "was source")
  q  quit (Ctrl-C and Ctrl-D too); every decision is already saved
  ?  this help"""

STATE_LABELS = {
    "machine": "machine output",
    "edited": "machine output, edited",
    "stale": "stale: translates an earlier source",
    "fuzzy": "fuzzy",
    "untranslated": "untranslated",
    "translated": "reviewed",
}

_EDITOR_MARK = "# ---- l10n: everything from this line on is ignored ----"


@cli.command()
@click.option(
    "-l", "--lang", "languages", multiple=True, metavar="LANG",
    help="The language to review, one per session (default: the only catalog on disk).",
)
@domain_option
@locales_option
@click.option("--all", "include_reviewed", is_flag=True, help="Show reviewed entries too (last).")
@click.option(
    "--reviewer", metavar="NAME",
    help="Who signs accepted entries (default: config [review] reviewer, else git's "
    "user.name <user.email>, else the login name).",
)
@click.pass_context
def review(
    ctx: click.Context,
    languages: tuple[str, ...],
    domain: str | None,
    locales: Path | None,
    include_reviewed: bool,
    reviewer: str | None,
) -> None:
    """Review machine output and other unreviewed entries of one catalog, one by one.

    Shows each entry's position, source, translation, alternatives, check issues and the sentences
    before and after it. Order: machine output, edited machine output, stale translations (of an
    earlier source), other fuzzy entries, untranslated ones; entries skipped earlier come last.
    Every decision is saved at once (atomically), so quitting loses nothing and the next run resumes
    at the first entry still needing review. Accepting records `# l10n-reviewed: NAME DATE` in the
    file.

    \b
    Keys:
      a    accept the translation (clears fuzzy, records who and when)
      e/E  edit it inline / in $EDITOR (the edit is accepted)
      r    reject: clear the translation (the entry stays, untranslated)
      s    skip: leave it for later
      b    back: undo the last decision and show that entry again
      1-9  take alternative N (then accept or edit it)
      p    take the previous translation (of the earlier source), to adapt
      q    quit (Ctrl-C and Ctrl-D too)

    \b
    Without a terminal, stdin gives one key per line (after `e`, the new text):
      printf 'a\\ne\\nНовий переклад.\\nr\\nq\\n' | l10n review -l uk

    \b
    Examples:
      l10n review -l uk
      l10n review -l uk --reviewer "Olena K. <olena@example.org>"
      l10n review -l uk --all
    """
    from ..pipeline import catalog_languages, units_of

    project = project_from(ctx, domain=domain, locales=locales)
    units = [unit.project for unit in units_of(project)]
    langs = list(dict.fromkeys(x for one in units for x in catalog_languages(one, languages)))
    if len(langs) != 1:
        raise UsageError(f"review one language at a time: pass -l LANG (of {', '.join(langs)})")
    lang = langs[0]
    if len(units) > 1:  # one catalog per article: those of this language, in turn
        units = [one for one in units if one.catalog_path(lang).exists()]
    who = reviewer or default_reviewer(project)
    from ..pipeline.glossary import project_glossary

    loaded = project_glossary(project)  # once for every catalog
    terms = None if loaded is None else loaded.for_language(lang)
    ui = _Terminal(color=_use_color(), tty=sys.stdin.isatty(), glossary=terms)
    for one in units:
        if _review_catalog(one, lang, who, ui, include_reviewed=include_reviewed):
            return


def _review_catalog(
    project: Project, lang: str, who: str, ui: _Terminal, *, include_reviewed: bool
) -> bool:
    """Review one catalog; whether the reviewer quit (no further catalog then)."""
    from ..files import writes_within
    from ..review import ReviewFile, ReviewSession

    store = ReviewFile(
        project.catalog_path(lang),
        lock_folder=project.locales,
        lock_timeout=project.lock_timeout,
        translator=who,
        clock=lambda: datetime.now().astimezone(),
    )
    catalog = store.load()
    session = ReviewSession(
        catalog,
        reviewer=who,
        today=date.today(),
        save=store.save,
        include_reviewed=include_reviewed,
        checker=_checker(catalog, lang=lang, project=project, glossary=ui.glossary),
    )
    name = project.relative(store.path)
    if session.done:
        counts = _counts(catalog)
        click.echo(f"{name}: nothing to review ({counts}); --all shows reviewed entries")
        return False
    checks = "" if session.checks else " (checks unavailable)"
    click.echo(
        f"{name}: {len(session.queue)} to review, signed as {session.reviewer}{checks}; "
        "? for keys"
    )
    with writes_within(*project.write_roots):  # a catalog linked out of the project: refused
        quit_ = _loop(session, ui)
    click.echo(_summary(session, name))
    return quit_


# -- who is reviewing ------------------------------------------------------------------------


def default_reviewer(project: Project) -> str:
    """Config ``[review] reviewer``, else git's ``user.name <user.email>``, else the login."""
    settings = getattr(project, "review", None)
    configured = getattr(settings, "reviewer", None)
    if isinstance(configured, str) and configured.strip():
        return configured.strip()
    name, email = (_git_config(project.root, key) for key in ("user.name", "user.email"))
    if name and email:
        return f"{name} <{email}>"
    if name or email:
        return name or email
    return _login()


def _git_config(root: Path, key: str) -> str:
    import shutil
    import subprocess

    git = shutil.which("git")
    if git is None:
        return ""
    try:
        done = subprocess.run(
            [git, "config", "--get", key],
            cwd=root, capture_output=True, text=True, timeout=5, check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


def _login() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"


# -- check issues -----------------------------------------------------------------------------


def _checker(
    catalog: Catalog, *, lang: str, project: Project, glossary: TermList | None = None
) -> Checker:
    """Issues per entry from ``l10n.checks``, without the checks switched off in the
    config's ``[check] disable``; a check that fails shows as a warning instead of ending
    the review."""
    from ..checks import entry_checker
    from ..model import Issue

    issues_of = entry_checker(
        catalog, lang=lang, source_lang=project.source_lang,
        path=project.relative(project.catalog_path(lang)), disable=project.check.disable,
        glossary=glossary,
    )  # fmt: skip

    def check(entry: Any) -> list[Issue]:
        try:
            return issues_of(entry)
        except Exception as error:  # a broken check must not end a review
            return [Issue("checks", "warning", f"the checks failed: {error}", entry.msgid)]

    return check


# -- the loop ---------------------------------------------------------------------------------


def _loop(session: ReviewSession, ui: _Terminal) -> bool:
    """Review until the queue is done (False) or the reviewer quits (True)."""
    outcome = "moved"
    while not session.done:
        try:
            if outcome == "moved":
                ui.show(session.view())
            outcome = _act(session, ui, ui.key())
        except (KeyboardInterrupt, EOFError):
            click.echo()
            return True
        except UsageError as error:
            ui.say(str(error), fg="red")
            outcome = "stay"
        if outcome == "quit":
            return True
    return False


def _act(session: ReviewSession, ui: _Terminal, key: str) -> str:
    """Do what ``key`` asks; "moved" (show the entry), "stay", or "quit"."""
    if key == "q":
        return "quit"
    if key == "?":
        click.echo(KEYS_HELP)
        return "stay"
    if key in ("a", "r", "s"):
        {"a": session.accept, "r": session.reject, "s": session.skip}[key]()
        return "moved"
    if key in ("e", "E"):
        view = session.view()
        text = ui.edit(view, external=key == "E")
        if text is None:
            ui.say("edit cancelled")
            return "stay"
        session.edit(text)
        return "moved"
    if key == "b":
        if not session.back():
            ui.say("nothing to go back to in this session")
            return "stay"
        ui.say("undone")
        return "moved"
    if key.isdigit() and key != "0":
        session.take_alternative(int(key))
        return "moved"
    if key == "p":
        session.take_previous()
        return "moved"
    ui.say(f"unknown key {key!r}: ? for help")
    return "stay"


def _summary(session: ReviewSession, name: str) -> str:
    done = session.summary()
    parts = [f"{done[a]} {a}" for a in ("accepted", "edited", "rejected", "skipped") if done[a]]
    left = len(session.queue) - session.position
    tail = f"; {left} left for the next run" if left else ""
    return f"{name}: {', '.join(parts) or 'no changes'}{tail} (all saved)"


def _counts(catalog: Catalog) -> str:
    from ..reviewstate import review_counts

    c = review_counts(catalog)
    return f"{c.reviewed} reviewed, {c.signed} signed in l10n review"


def _styled(
    text: str, style: dict[str, Any], marks: Sequence[tuple[int, int]] = ()
) -> str:
    """``text`` in ``style``, the spans ``marks`` (glossary terms) underlined in bold."""
    out, position = [], 0
    for start, end in sorted(marks):
        if start < position:
            continue
        out.append(_coded(text[position:start], style))
        out.append(click.style(text[start:end], **{**style, "underline": True, "bold": True}))
        position = end
    out.append(_coded(text[position:], style))
    return "".join(out)


def _coded(text: str, style: dict[str, Any]) -> str:
    """``text`` in ``style``, the placeholders of inline markup (``<1>``, ``</1>``, ``<2/>``)
    set apart (reversed) so that they stand out from the words."""
    from ..patterns import PLACEHOLDER

    if "<" not in text:
        return click.style(text, **style)
    out, position = [], 0
    for match in PLACEHOLDER.finditer(text):
        out.append(click.style(text[position : match.start()], **style))
        out.append(click.style(match.group(), **{**style, "reverse": True, "bold": True}))
        position = match.end()
    out.append(click.style(text[position:], **style))
    return "".join(out)


def _term_label(term: Term) -> str:
    if term.keep:
        return f"{term.source} (keep as it is)"
    return f"{term.source} → {term.target}"


def _use_color() -> bool:
    env = os.environ
    return sys.stdout.isatty() and env.get("TERM", "") != "dumb" and "NO_COLOR" not in env


class _Terminal:
    """Printing entries and reading keys and text, plain or in color."""

    def __init__(self, *, color: bool, tty: bool, glossary: TermList | None = None) -> None:
        import shutil

        self.glossary = glossary
        self.color = color
        self.tty = tty
        self.width = max(40, min(shutil.get_terminal_size((100, 24)).columns, 120))
        self._pending: list[str] = []

    def echo(self, text: str = "", **style: Any) -> None:
        click.echo(click.style(text, **style) if style else text, color=self.color)

    def say(self, text: str, **style: Any) -> None:
        self.echo(f"  {text}", **style)

    def block(
        self,
        label: str,
        text: str,
        marks: Callable[[str], list[tuple[int, int]]] | None = None,
        **style: Any,
    ) -> None:
        import textwrap

        pad = " " * 14
        lines = []
        for paragraph in (text or "").split("\n") or [""]:
            lines += textwrap.wrap(paragraph, self.width - len(pad)) or [""]
        head = f"  {label:<12}"
        for n, line in enumerate(lines):
            spans = marks(line) if marks is not None and self.color else []
            start = click.style(head, bold=True) if n == 0 else pad
            self.echo(start + _styled(line, style, spans))

    def show(self, view: EntryView) -> None:
        state = STATE_LABELS.get(view.state, view.state)
        extra = "; skipped before" if view.skipped else ""
        if view.mark is not None:
            extra += f"; reviewed by {view.mark.reviewer} on {view.mark.date.isoformat()}"
        title = f"--- {view.number}/{view.total} · {view.where} · {state}{extra} "
        self.echo()
        self.echo(title + "-" * max(3, self.width - len(title)), bold=True)
        if view.before is not None:
            self.block("before", view.before.source, dim=True)
            self.block("", view.before.translation or "(untranslated)", dim=True)
        if view.previous_source:
            self.block("was source", view.previous_source, fg="magenta")
            if view.previous_translation:
                self.block("was", view.previous_translation, fg="magenta")
        self.block("source", view.source, self._source_terms)
        self.block("translation", view.translation or "(untranslated)",
                   self._target_terms(view.source), fg="green")  # fmt: skip
        terms = self.glossary.find(view.source) if self.glossary else []
        if terms:
            listed = dict.fromkeys(_term_label(found.term) for found in terms)
            self.block("glossary", " · ".join(listed), fg="blue")
        engine = len(view.alternatives) - len(view.near)
        for number, alternative in enumerate(view.alternatives[:9], start=1):
            if number > engine:
                score = view.near[number - engine - 1].score
                self.block(f"  tm {number} {score}%", alternative, fg="cyan")
            else:
                self.block(f"  alt {number}", alternative, fg="cyan")
        if view.memory is not None:
            self.block("memory", f"from {view.memory.origin} of {view.memory.date}", fg="cyan")
        for warning in view.warnings:
            self.block("warning", warning, fg="yellow")
        for issue in view.issues:
            color = "red" if issue.severity == "error" else "yellow"
            self.block(issue.severity, f"{issue.check}: {issue.message}", fg=color)
        if view.after is not None:
            self.block("after", view.after.source, dim=True)
            self.block("", view.after.translation or "(untranslated)", dim=True)
        alts = f" [1-{min(9, len(view.alternatives))}]alt" if view.alternatives else ""
        alts += " [p]revious" if view.previous_translation else ""
        self.prompt_line = f"[a]ccept [e]dit [E]ditor [r]eject [s]kip [b]ack [q]uit{alts} [?] > "

    prompt_line = "> "

    def _source_terms(self, line: str) -> list[tuple[int, int]]:
        if not self.glossary:
            return []
        return [(found.start, found.end) for found in self.glossary.find(line)]

    def _target_terms(self, source: str) -> Callable[[str], list[tuple[int, int]]] | None:
        """Where the source's glossary terms are in a line of the translation: the kept
        terms as written, the forced terms' targets in any form (l10n.glossary.morph)."""
        found = self.glossary.find(source) if self.glossary else []
        if not found or self.glossary is None:
            return None
        from ..glossary.morph import matcher_for

        matcher = matcher_for(self.glossary.lang)
        wanted = {found.term.target or found.term.source for found in found}

        def spans(line: str) -> list[tuple[int, int]]:
            return [span for word in wanted for span in matcher.spans(line, word)]

        return spans

    def key(self) -> str:
        """The next key: one keypress on a terminal, else one line of stdin."""
        if not self.tty:
            while True:
                line = sys.stdin.readline()
                if not line:
                    raise EOFError
                if line.strip():
                    return line.strip()
        click.echo(self.prompt_line, nl=False)
        while not self._pending:
            chunk = _read_keys()
            # an escape sequence (arrow keys...) is one key; typed-ahead letters are several
            self._pending += [chunk] if chunk.startswith("\x1b") else list(chunk)
            self._pending = [k for k in self._pending if k not in ("\r", "\n")]
        key = self._pending.pop(0)
        if key == "\x03":
            raise KeyboardInterrupt
        # Ctrl-D; typed while the terminal was not in raw mode, Linux hands it over as NUL
        if key in ("\x04", "\x00"):
            raise EOFError
        click.echo(key if key.isprintable() else "")
        return key

    def edit(self, view: EntryView, *, external: bool) -> str | None:
        """New text for the translation, or None when cancelled (unchanged or empty)."""
        current = view.translation
        if external or "\n" in current:
            text = _editor(view)
        elif self.tty:
            text = _inline(current)
        else:
            line = sys.stdin.readline()
            if not line:
                raise EOFError
            text = line.rstrip("\r\n")
        if text is None or not text.strip() or text == current:
            return None
        return text


def _read_keys() -> str:
    """What the terminal has for us: one keypress, or several typed ahead.

    Not ``click.getchar``: it enters raw mode with ``TCSAFLUSH``, which throws away
    keys typed while the previous entry was being saved and printed.
    """
    try:
        import termios
        import tty
    except ImportError:  # Windows
        return click.getchar()
    fd = sys.stdin.fileno()
    old = termios.tcgetattr(fd)
    try:
        tty.setraw(fd, termios.TCSANOW)
        data = os.read(fd, 32)
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, old)
    if not data:
        raise EOFError
    return data.decode(sys.stdin.encoding or "utf-8", errors="replace")


def _inline(current: str) -> str:
    """A line read with the current translation pre-filled, where readline allows."""
    try:
        import readline
    except ImportError:  # no readline: show the text, read a fresh line
        click.echo(f"  now: {current}")
        return input("  new (Enter: cancel)> ")
    readline.set_startup_hook(lambda: readline.insert_text(current))
    try:
        return input("  edit> ")
    finally:
        readline.set_startup_hook()


def _editor(view: EntryView) -> str | None:
    context = [_EDITOR_MARK, f"# {view.where}", "# source:"]
    context += [f"#   {line}" for line in view.source.splitlines()]
    if view.previous_translation:
        context += [f"# previous translation: {view.previous_translation}"]
    context += [f"# alternative {n}: {alt}" for n, alt in enumerate(view.alternatives, start=1)]
    edited = click.edit(f"{view.translation}\n\n" + "\n".join(context) + "\n", extension=".txt")
    if edited is None:
        return None
    kept = edited.split(_EDITOR_MARK, 1)[0]
    return kept.rstrip("\n").rstrip() if kept.strip() else None
