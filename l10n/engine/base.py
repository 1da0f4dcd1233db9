"""The engine protocol and the values engines exchange with their callers.

An :class:`Engine` turns a batch of source texts into :class:`Translation` values, in
order, and says where its output comes from with a :class:`Provenance`. Options that
every engine understands live in one frozen :class:`EngineSettings`. Nothing here
imports a machine-translation library.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

from ..errors import UsageError

__all__ = [
    "Engine",
    "EngineSettings",
    "Progress",
    "Provenance",
    "Translation",
    "frame",
    "missing_model_message",
]

Progress = Callable[[int], None]
"""Called with the number of input texts finished so far (never decreasing)."""


@dataclass(frozen=True, slots=True)
class EngineSettings:
    """Options for an engine; the defaults follow Argos Translate where it has one.

    ``beam_size`` 4 and ``length_penalty`` 0.2 are Argos's defaults. ``compute_type``
    ``"auto"`` means int8 on CPU (CTranslate2 chooses on CUDA). ``threads``: CPU threads
    (0: one per core), each running whole batches in parallel. ``alternatives`` asks for
    that many extra hypotheses per text. ``max_batch_tokens`` bounds each CTranslate2
    batch (sorted by length, counted in source tokens; 1024 is about 40 sentences: on the
    benchmark's transformer-base model as fast as 2048, with 510 MiB peak memory against
    720 MiB on 200 sentences). ``max_input_tokens``: longer texts are cut at word
    boundaries into pieces translated separately and joined. ``repetition_penalty`` and
    ``no_repeat_ngram_size`` are CTranslate2's repetition controls, off by default
    because they also change ordinary translations; the length bound and the
    degenerate-output detector are always on. ``packages_dir`` is where installed
    Argos packages live; ``None`` means Argos's default location for this user.
    ``engines`` pins an engine per target language, ``(("es", "apertium"),)``, for the
    ``auto`` engine (``"apertium:valencia"`` also picks Apertium's variant of the target).
    """

    beam_size: int = 4
    compute_type: str = "auto"
    device: str = "cpu"
    threads: int = 0
    alternatives: int = 0
    max_batch_tokens: int = 1024
    max_input_tokens: int = 250
    length_penalty: float = 0.2
    repetition_penalty: float = 1.0
    no_repeat_ngram_size: int = 0
    packages_dir: Path | None = None
    engines: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        for name in ("beam_size", "max_batch_tokens", "max_input_tokens"):
            if getattr(self, name) < 1:
                raise UsageError(f"{name.replace('_', ' ')} must be at least 1")
        for name in ("threads", "alternatives", "no_repeat_ngram_size"):
            if getattr(self, name) < 0:
                raise UsageError(f"{name.replace('_', ' ')} must not be negative")
        if self.device not in ("cpu", "cuda"):
            raise UsageError(f"unknown device {self.device!r}; choose cpu or cuda")


@dataclass(frozen=True, slots=True)
class Translation:
    """One translated text.

    ``alternatives`` are the next-best hypotheses, best first. ``warning`` is set when
    the degenerate-output guard fired (``"repetition loop"``, ``"runaway length"``):
    the text is kept but needs a reviewer's eye. ``unknown`` lists the words the engine
    could not translate, each with its mark (Apertium's): ``*word`` is not in the
    source dictionary (mostly names, kept as they are), ``@word`` not in the bilingual
    dictionary, ``#word`` could not be generated; the marks are not in ``text``.
    """

    text: str
    alternatives: tuple[str, ...] = ()
    warning: str | None = None
    unknown: tuple[str, ...] = ()


_PROVENANCE_RE = re.compile(
    r"^(?P<engine>\S+) (?P<route>[^\s→]+(?:(?:→|->)[^\s→]+)+) (?P<package>\S+) "
    r"(?P<version>\S+) sha256:(?P<sha>[0-9a-f+]+)$"
)


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a machine translation comes from, printable on one line.

    For a pivot route (``pivot=("en",)``) the package, version and model hash hold one
    value per hop joined by ``+``. ``str()`` gives e.g.
    ``argos en→uk translate-en_uk 1.9 sha256:0123456789ab`` and :meth:`parse` reads it
    back.
    """

    engine: str
    package: str
    version: str
    model_sha256: str
    pivot: tuple[str, ...] = ()
    source: str = ""
    target: str = ""

    @property
    def route(self) -> tuple[str, ...]:
        """The languages from source to target, pivots included."""
        return (self.source, *self.pivot, self.target)

    def __str__(self) -> str:
        return (
            f"{self.engine} {'→'.join(self.route)} {self.package} {self.version} "
            f"sha256:{self.model_sha256}"
        )

    @classmethod
    def parse(cls, line: str) -> Provenance | None:
        """Read back a line written by ``str()``; ``None`` when it is not one.

        The route's arrows may also be ``->``: what a catalog whose charset has no ``→``
        holds (see :func:`l10n.po.format_catalog`).
        """
        match = _PROVENANCE_RE.match(line.strip())
        if match is None:
            return None
        route = re.split("→|->", match["route"])
        return cls(
            engine=match["engine"],
            package=match["package"],
            version=match["version"],
            model_sha256=match["sha"],
            pivot=tuple(route[1:-1]),
            source=route[0],
            target=route[-1],
        )


@runtime_checkable
class Engine(Protocol):
    """What the catalog side needs from a machine-translation engine.

    Optional, looked up where used: ``preferred_batch(source, target) -> int``, how many
    distinct texts one call should carry (:func:`l10n.translate.translate_catalog`);
    ``close()``, stop what the engine started (Apertium's pipelines).
    """

    name: str

    def provenance(self, *, source: str, target: str) -> Provenance:
        """Describe the model that would translate ``source`` → ``target``.

        Raises :class:`~l10n.errors.ModelMissingError` (with the remedy) when none is
        installed.
        """
        ...

    def wants_download(self, *, source: str, target: str) -> bool:
        """Whether translating ``source`` → ``target`` needs a model package that is not
        installed and that a package index may offer (Argos's): the caller may download
        and install one (``l10n run`` does, unless --offline or --no-install)."""
        ...

    def translate_batch(
        self,
        texts: Sequence[str],
        *,
        source: str,
        target: str,
        progress: Progress | None = None,
    ) -> list[Translation]:
        """Translate ``texts``; the result has the same length and order."""
        ...


def frame(text: str) -> tuple[str, str, str]:
    """(leading whitespace, core, trailing whitespace) of a text: engines translate the
    core and keep the whitespace around it as it was (a blank text is all "lead")."""
    core = text.strip()
    if not core:
        return text, "", ""
    start = text.index(core)
    return text[:start], core, text[start + len(core) :]


def missing_model_message(source: str, target: str) -> str:
    """The one-line remedy shown when no model translates ``source`` → ``target``."""
    return (
        f"no model for {source}→{target}: run `l10n models install {source} {target}`, "
        f"or `l10n models install --file PATH` offline"
    )
