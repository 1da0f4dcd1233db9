"""Machine-translation engines behind one small protocol, and an explicit registry.

::

    get_engine("auto", settings)      ->  AutoEngine      (per pair: Argos, else Apertium)
    get_engine("argos", settings)     ->  ArgosEngine     (Argos packages run by CTranslate2)
    get_engine("apertium", settings)  ->  ApertiumEngine  (installed Apertium pairs)
    get_engine("fake", settings)      ->  FakeEngine      (deterministic, for tests)

Model packages are read by :mod:`l10n.engine.packages`, installed and removed by
:mod:`l10n.engine.install`, offered by :mod:`l10n.engine.index` (Argos package
indexes). Importing this package imports no
machine-translation library: ``ctranslate2`` and ``sentencepiece`` load when a model
is first used, and no Apertium process starts before a pair is used.
"""

from __future__ import annotations

from collections.abc import Callable

from ..errors import UsageError
from .base import Engine, EngineSettings, Progress, Provenance, Translation
from .fake import FakeEngine

__all__ = [
    "Engine",
    "EngineSettings",
    "FakeEngine",
    "Progress",
    "Provenance",
    "Translation",
    "engine_names",
    "get_engine",
]


def _auto(settings: EngineSettings) -> Engine:
    from .auto import AutoEngine

    return AutoEngine(settings, make=get_engine)


def _argos(settings: EngineSettings) -> Engine:
    from .argos import ArgosEngine

    return ArgosEngine(settings)


def _apertium(settings: EngineSettings) -> Engine:
    from .apertium import ApertiumEngine

    return ApertiumEngine(settings)


def _fake(settings: EngineSettings) -> Engine:
    return FakeEngine(settings=settings)


_REGISTRY: dict[str, Callable[[EngineSettings], Engine]] = {
    "auto": _auto,
    "argos": _argos,
    "apertium": _apertium,
    "fake": _fake,
}


def engine_names() -> tuple[str, ...]:
    """The names :func:`get_engine` accepts."""
    return tuple(_REGISTRY)


def get_engine(name: str = "auto", settings: EngineSettings | None = None) -> Engine:
    """A new engine by name; UsageError for an unknown name."""
    try:
        factory = _REGISTRY[name]
    except KeyError:
        raise UsageError(
            f"unknown engine {name!r}; choose one of {', '.join(engine_names())}"
        ) from None
    return factory(settings if settings is not None else EngineSettings())
