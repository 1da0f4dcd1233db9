"""A deterministic engine for tests of everything around machine translation.

``FakeEngine`` "translates" by reversing the word order and prefixing the target code:
``"Hello big world"`` en→uk gives ``"[uk] world big Hello"``. It can be told to be slow,
to fail, to lack a language pair, or to flag some texts as degenerate, and it records
every call so that tests can assert batching and deduplication.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..errors import EngineError, ModelMissingError
from .base import (
    EngineSettings,
    Progress,
    Provenance,
    Translation,
    frame,
    missing_model_message,
)

__all__ = ["FakeCall", "FakeEngine", "fake_translate"]


def fake_translate(text: str, *, target: str) -> str:
    """The fake translation of one text (whitespace around it is kept)."""
    lead, core, trail = frame(text)
    if not core:
        return text
    return f"{lead}[{target}] {' '.join(reversed(core.split()))}{trail}"


@dataclass(frozen=True, slots=True)
class FakeCall:
    """One ``translate_batch`` call as the fake engine saw it."""

    source: str
    target: str
    texts: tuple[str, ...]


@dataclass
class FakeEngine:
    """A fake engine; every knob is keyword-only and off by default.

    ``pairs``: the language pairs it "has" (``None``: all). ``delay``: seconds slept
    per distinct text. ``fail_after``: raise :class:`EngineError` after this many
    distinct texts. ``fail_on``: raise when a text contains this substring.
    ``warn_on``: texts containing this substring come back with warning
    ``"repetition loop"``.
    """

    settings: EngineSettings = field(default_factory=EngineSettings)
    pairs: frozenset[tuple[str, str]] | None = None
    delay: float = 0.0
    fail_after: int | None = None
    fail_on: str | None = None
    warn_on: str | None = None
    version: str = "1.0"
    name: str = "fake"
    calls: list[FakeCall] = field(default_factory=list)

    def wants_download(self, *, source: str, target: str) -> bool:
        """Never: the fake engine has nothing to download."""
        return False

    def provenance(self, *, source: str, target: str) -> Provenance:
        """A stable provenance for the pair; ModelMissingError if it is not "installed"."""
        self._check_pair(source, target)
        package = f"fake-{source}_{target}"
        digest = hashlib.sha256(f"{package} {self.version}".encode()).hexdigest()[:12]
        return Provenance(
            engine=self.name,
            package=package,
            version=self.version,
            model_sha256=digest,
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
        """Translate distinct texts once each, in order, honouring the knobs."""
        self._check_pair(source, target)
        distinct = list(dict.fromkeys(texts))
        self.calls.append(FakeCall(source, target, tuple(distinct)))
        done: dict[str, Translation] = {}
        for text in distinct:
            done[text] = self._translate_one(text, target=target, count=len(done))
        if progress is not None and texts:
            progress(len(texts))
        return [done[text] for text in texts]

    def _translate_one(self, text: str, *, target: str, count: int) -> Translation:
        if self.fail_after is not None and count >= self.fail_after:
            raise EngineError(f"fake engine failed after {count} texts")
        if self.fail_on is not None and self.fail_on in text:
            raise EngineError(f"fake engine failed on {text!r}")
        if self.delay:
            time.sleep(self.delay)
        warning = "repetition loop" if self.warn_on and self.warn_on in text else None
        best = fake_translate(text, target=target)
        alternatives = tuple(f"{best} ({n})" for n in range(1, self.settings.alternatives + 1))
        return Translation(best, alternatives, warning)

    def _check_pair(self, source: str, target: str) -> None:
        if self.pairs is not None and (source, target) not in self.pairs:
            raise ModelMissingError(missing_model_message(source, target))
