"""The ``auto`` engine: per language pair, the engine that has it, behind the same protocol.

For ``source`` → ``target`` it uses, in this order:

1. the engine pinned for the target in ``[translate] engines = { es = "apertium" }``
   (``EngineSettings.engines``), and no other;
2. an installed Argos package (direct, or through English);
3. an installed Apertium pair;
4. otherwise nothing is installed: :class:`ModelMissingError` names both remedies, and
   :meth:`AutoEngine.wants_download` tells the caller that an Argos package may be
   downloaded (``l10n run`` does, unless told not to).

The choice is made once per pair and engine object; a pair found missing is looked up
again next time (a model may have been installed since). The provenance each engine
writes names it (``argos …``, ``apertium …``), so a catalog says which one ran.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ..errors import ModelMissingError, PackageError
from .base import (
    Engine,
    EngineSettings,
    Progress,
    Provenance,
    Translation,
    missing_model_message,
)

__all__ = ["AutoEngine", "pinned_engines"]


def _base(code: str) -> str:
    return code.replace("-", "_").split("_")[0].lower()


def pinned_engines(settings: EngineSettings) -> dict[str, str]:
    """The engine pinned per target language: ``{"es": "apertium"}`` (variants aside)."""
    return {_base(lang): choice.partition(":")[0] for lang, choice in settings.engines}


class AutoEngine:
    """Delegates each pair to the engine that has it; see the module docstring."""

    name = "auto"

    def __init__(
        self,
        settings: EngineSettings | None = None,
        *,
        make: Callable[[str, EngineSettings], Engine],
    ) -> None:
        """``make(name, settings)`` makes the engines it chooses between (the registry's
        :func:`l10n.engine.get_engine`, passed in: this module does not import it)."""
        self.settings = settings if settings is not None else EngineSettings()
        self._factory = make
        self.pins = pinned_engines(self.settings)
        self._chosen: dict[tuple[str, str], Engine] = {}
        self._apertium: Any = None

    # -- choosing -------------------------------------------------------------------------

    def _make(self, name: str) -> Engine:
        if name == "apertium":
            if self._apertium is None:
                self._apertium = self._factory("apertium", self.settings)
            return self._apertium  # type: ignore[no-any-return]
        return self._factory(name, self.settings)

    def _argos(self, source: str, target: str) -> Engine | None:
        from .argos import ArgosEngine

        engine = ArgosEngine(self.settings)  # a new one reads the packages installed now
        try:
            engine.route(source=source, target=target)
        except ModelMissingError:
            return None
        return engine

    def _apertium_has(self, source: str, target: str) -> Engine | None:
        engine = self._make("apertium")
        try:
            engine.mode(source=source, target=target)  # type: ignore[attr-defined]
        except ModelMissingError:
            return None
        return engine

    def choose(self, *, source: str, target: str) -> Engine:
        """The engine for the pair; ModelMissingError (with the remedies) when none has it."""
        key = (source, target)
        chosen = self._chosen.get(key)
        if chosen is not None:
            return chosen
        pinned = self.pins.get(_base(target))
        if pinned is not None:
            chosen = self._make(pinned)
            chosen.provenance(source=source, target=target)  # its own error when missing
        else:
            chosen = self._argos(source, target) or self._apertium_has(source, target)
            if chosen is None:
                raise ModelMissingError(_missing(source, target))
        self._chosen[key] = chosen
        return chosen

    def wants_download(self, *, source: str, target: str) -> bool:
        """Whether translating the pair needs an Argos package downloaded: no engine
        pinned for it but Argos, and nothing installed translates it."""
        pinned = self.pins.get(_base(target))
        if pinned is not None:
            return pinned == "argos" and self._argos(source, target) is None
        if (source, target) in self._chosen:
            return False
        return self._argos(source, target) is None and self._apertium_has(source, target) is None

    # -- the protocol ---------------------------------------------------------------------

    def provenance(self, *, source: str, target: str) -> Provenance:
        """The provenance of the engine chosen for the pair (its name says which)."""
        return self.choose(source=source, target=target).provenance(source=source, target=target)

    def translate_batch(
        self,
        texts: Sequence[str],
        *,
        source: str,
        target: str,
        progress: Progress | None = None,
    ) -> list[Translation]:
        """Translate with the engine chosen for the pair."""
        if not texts:
            return []
        engine = self.choose(source=source, target=target)
        return engine.translate_batch(texts, source=source, target=target, progress=progress)

    def preferred_batch(self, source: str, target: str) -> int | None:
        """What the engine chosen for the pair prefers (None: no preference; see
        l10n.translate)."""
        preferred = getattr(self.choose(source=source, target=target), "preferred_batch", None)
        return None if preferred is None else int(preferred(source, target))

    def skipped(self) -> list[PackageError]:
        """The broken Argos package folders skipped (see ArgosEngine.skipped)."""
        from .argos import ArgosEngine

        return ArgosEngine(self.settings).skipped()

    def close(self) -> None:
        """Stop the Apertium pipelines, if any ran."""
        if self._apertium is not None:
            self._apertium.close()


def _missing(source: str, target: str) -> str:
    """Argos's remedy, and Apertium's where Debian packages the pair."""
    from .apertium.modes import missing_pair_message

    message = missing_model_message(source, target)
    apertium = missing_pair_message(source, target)
    if "apt-get install" in apertium:
        command = apertium[apertium.index("`sudo apt-get") :]
        message += f"; or install Apertium's pair: {command}"
    return message
