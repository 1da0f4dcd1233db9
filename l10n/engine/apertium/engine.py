"""The Apertium engine: installed Apertium pairs (rule-based, deterministic, offline).

For each pair the engine runs the mode's own pipeline (``apertium-wblank-mode -z``) as
one long-lived set of processes and streams every distinct text of a batch through it
as one NUL-terminated record (see :mod:`.stream`), fed from a thread, reading one record
back per text. A record that does not come back whole, a stage that dies or a pipeline
silent for ``stall`` seconds kills the pipeline; a new one translates that text alone
(then the rest), so a text that fails alone is named in an :class:`EngineError`, and
no empty or partial output is ever returned as a translation.

Pipelines whose part-of-speech tagger crashes (Debian's apertium-rus-ukr 0.2.1: the
perceptron tagger after the constraint grammar dies on most Russian sentences, while
``apertium`` itself exits 0 and prints nothing) are noticed when the pair is opened, by
a probe sentence in the source language: the tagger is then replaced by the constraint
grammar's first reading (``cg-proc -1 -n``) and the provenance's version says
``+adapted``.

Nothing is started before a pair is used: importing this module runs no process.
"""

from __future__ import annotations

import functools
import math
import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ...errors import EngineError
from ..base import EngineSettings, Progress, Provenance, Translation, frame
from . import modes as m
from .process import Pipeline
from .stream import RecordError, decode, encode

__all__ = ["BATCH", "PROBES", "ApertiumEngine", "engine_variants"]

BATCH = 2048
"""Distinct texts per call that :meth:`ApertiumEngine.preferred_batch` asks for."""

PROBES = {
    "ru": "Это хорошо.",
    "uk": "Це добре.",
}
"""A sentence per source language that a pipeline must translate when it is opened:
a pipeline that fails it is adapted (see the module docstring)."""


def engine_variants(settings: EngineSettings) -> dict[str, str]:
    """Target variants chosen in ``[translate] engines``: ``{ca = "apertium:valencia"}``
    gives ``{"ca": "valencia"}``."""
    chosen = {}
    for lang, choice in settings.engines:
        name, _, variant = choice.partition(":")
        if name == "apertium" and variant:
            chosen[lang.replace("-", "_").split("_")[0].lower()] = variant
    return chosen


@dataclass
class _Pair:
    """An opened pair: its mode, the commands run, their provenance, the live pipeline."""

    mode: m.Mode
    commands: list[list[str]]
    adapted: bool
    digest: str
    package: str
    version: str
    pipeline: Pipeline | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)


def _shifted(received: Progress, offset: int, done: int) -> None:
    received(offset + done)


def _environment() -> dict[str, str]:
    """The stages' environment: a UTF-8 locale, as the ``apertium`` script sets."""
    env = dict(os.environ)
    env["LC_ALL"] = "C.UTF-8"
    return env


class ApertiumEngine:
    """Translate with installed Apertium pairs; see the module docstring.

    ``datadir``: Apertium's data folder (default ``$APERTIUM_DATADIR``, else
    /usr/share/apertium). ``stall``: seconds a pipeline may go without returning a
    record before it is killed.
    """

    name = "apertium"

    def __init__(
        self,
        settings: EngineSettings | None = None,
        *,
        datadir: Path | None = None,
        stall: float = 30.0,
    ) -> None:
        self.settings = settings if settings is not None else EngineSettings()
        self.datadir = datadir
        self.stall = stall
        self.variants = engine_variants(self.settings)
        self._modes: list[m.Mode] | None = None
        self._pairs: dict[str, _Pair] = {}
        self._lock = threading.Lock()

    # -- pairs ----------------------------------------------------------------------------

    def modes(self) -> list[m.Mode]:
        """The installed translation modes (read once per engine)."""
        if self._modes is None:
            self._modes = m.installed_modes(self.datadir)
        return self._modes

    def mode(self, *, source: str, target: str) -> m.Mode:
        """The mode for ``source`` → ``target``; ModelMissingError with the apt remedy."""
        if source == target:
            raise EngineError(f"source and target language are both {source!r}")
        variant = self.variants.get(target.replace("-", "_").split("_")[0].lower())
        found = m.find_mode(self.modes(), source=source, target=target, variant=variant)
        if found is None:
            from ...errors import ModelMissingError

            raise ModelMissingError(m.missing_pair_message(source, target))
        return found

    def _pair(self, source: str, target: str) -> _Pair:
        mode = self.mode(source=source, target=target)
        with self._lock:
            pair = self._pairs.get(mode.name)
            if pair is None:
                pair = self._open(mode, source)
                self._pairs[mode.name] = pair
            return pair

    def _open(self, mode: m.Mode, source: str) -> _Pair:
        commands = m.stages(mode)
        adapted = False
        pipeline = None
        probe = PROBES.get(source.replace("-", "_").split("_")[0].lower())
        alternative = m.adapt_tagger(commands)
        if probe is not None and alternative is not None:
            pipeline, failure = self._probe(commands, probe)
            if failure is not None:
                pipeline, failure = self._probe(alternative, probe)
                if failure is not None:
                    raise EngineError(f"apertium {mode.name} cannot translate: {failure}")
                commands, adapted = alternative, True
        package = m.package_name(mode, commands)
        return _Pair(
            mode=mode,
            commands=commands,
            adapted=adapted,
            digest=m.mode_digest(mode, commands),
            package=package,
            version=m.package_version(package),
            pipeline=pipeline,
        )

    def _probe(self, commands: list[list[str]], text: str) -> tuple[Pipeline | None, str | None]:
        """A pipeline of ``commands`` that translated ``text``, or why it could not."""
        pipeline = Pipeline(commands, env=_environment(), stall=self.stall)
        exchange = pipeline.exchange([encode(text).encode("utf-8")])
        failure = exchange.failure
        if failure is None:
            try:
                decode(exchange.records[0].decode("utf-8"), source=text)
            except (RecordError, UnicodeDecodeError) as error:
                failure = str(error)
        if failure is not None:
            pipeline.close()
            return None, failure
        return pipeline, None

    def close(self) -> None:
        """Stop every pipeline (they also stop when the engine is collected)."""
        with self._lock:
            for pair in self._pairs.values():
                if pair.pipeline is not None:
                    pair.pipeline.close()
                    pair.pipeline = None

    def preferred_batch(self, source: str, target: str) -> int:
        """Distinct texts worth one call: a pipeline translates a few hundred a second,
        and each call of ``l10n translate`` costs a save of the whole catalog and a
        drained pipeline, so about five seconds of work."""
        return BATCH

    # -- the protocol ---------------------------------------------------------------------

    def wants_download(self, *, source: str, target: str) -> bool:
        """Never: Apertium's pairs come from the system's packages (the error of a
        missing pair names the one to install)."""
        return False

    def provenance(self, *, source: str, target: str) -> Provenance:
        """``apertium en→es apertium-eng-spa 0.8.1-2 sha256:…``: the package (and the
        mode, for a variant), its version (``+adapted`` when the pipeline was changed)
        and a hash of the mode, the commands run and every file they read."""
        pair = self._pair(source, target)
        package = pair.package if pair.mode.variant is None else f"{pair.package}:{pair.mode.name}"
        return Provenance(
            engine=self.name,
            package=package,
            version=pair.version + ("+adapted" if pair.adapted else ""),
            model_sha256=pair.digest[:12],
            source=source,
            target=target,
        )

    def translate_batch(
        self,
        texts: Sequence[str],
        *,
        source: str,
        target: str,
        progress: Progress | None = None,
    ) -> list[Translation]:
        """Translate ``texts`` in order; whitespace around each text is kept."""
        if not texts:
            return []
        pair = self._pair(source, target)
        framed = [frame(text) for text in texts]
        cores = list(dict.fromkeys(core for _, core, _ in framed if core))
        last = 0

        def received(done: int) -> None:
            nonlocal last
            count = math.floor(len(texts) * done / len(cores))
            if progress is not None and count > last:
                last = count
                progress(count)

        with pair.lock:
            done = self._translate(pair, cores, received) if cores else {}
        if progress is not None and last < len(texts):
            progress(len(texts))
        out = []
        for lead, core, trail in framed:
            if not core:
                out.append(Translation(lead))
                continue
            text, marked = done[core]
            out.append(Translation(lead + text + trail, unknown=marked))
        return out

    def _translate(
        self, pair: _Pair, cores: list[str], received: Progress
    ) -> dict[str, tuple[str, tuple[str, ...]]]:
        """Every core through the pair's pipeline; after a failure the text that was due
        goes alone through a new pipeline, then the rest."""
        try:
            records = [encode(core).encode("utf-8") for core in cores]
        except ValueError as error:
            raise EngineError(f"apertium {pair.mode.name}: {error}") from None
        results: dict[str, tuple[str, tuple[str, ...]]] = {}
        index, alone = 0, False
        while index < len(cores):
            batch = records[index : index + 1] if alone else records[index:]
            got, failure = self._exchange(
                pair, batch, cores[index:], functools.partial(_shifted, received, index)
            )
            for decoded in got:
                results[cores[index]] = decoded
                index += 1
            if failure is None:
                alone = False
                continue
            if pair.pipeline is not None:
                pair.pipeline.close()
                pair.pipeline = None
            if alone:
                text = cores[index]
                shown = text if len(text) <= 80 else text[:77] + "..."
                raise EngineError(
                    f"apertium {pair.mode.name} failed on {shown!r}: {failure}; "
                    f"nothing was written for it"
                )
            alone = True
        return results

    def _exchange(
        self, pair: _Pair, batch: list[bytes], sources: list[str], received: Progress
    ) -> tuple[list[tuple[str, tuple[str, ...]]], str | None]:
        """Send ``batch``; the decoded translations of its first records that came back
        whole, and why the rest did not (None when all did)."""
        if pair.pipeline is None or not pair.pipeline.alive:
            if pair.pipeline is not None:
                pair.pipeline.close()
            pair.pipeline = Pipeline(pair.commands, env=_environment(), stall=self.stall)
        pipeline = pair.pipeline
        exchange = pipeline.exchange(batch, received=received)
        decoded: list[tuple[str, tuple[str, ...]]] = []
        # a pipeline that stopped early returns fewer records than it was sent
        for record, source in zip(exchange.records, sources, strict=False):
            try:
                text = record.decode("utf-8")
                result = decode(text, source=source)
                if text.count("[][\n]") != 1:
                    raise RecordError("the record holds more than one text")
            except (RecordError, UnicodeDecodeError) as error:
                # a stage that died leaves empty records behind: name the stage
                return decoded, exchange.failure or pipeline.stopped(wait=0.25) or str(error)
            decoded.append((result.text, result.marked))
        return decoded, exchange.failure
