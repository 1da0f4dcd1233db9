"""The Argos engine: installed Argos packages run by CTranslate2, batched over everything.

For each language pair the engine finds a route through the installed packages (direct,
else through English), deduplicates the texts, tokenizes them as the package says,
sorts them by length and calls ``Translator.translate_batch`` with token-based batches
over all of them; a pivot route is two such batched hops. Each model and tokenizer is
loaded once per process. Whitespace around a text is kept as it is, blank texts are
returned unchanged, and texts longer than ``max_input_tokens`` are cut at word
boundaries into pieces translated separately. ``ctranslate2`` and ``sentencepiece`` are
imported on first use only.
"""

from __future__ import annotations

import math
import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import EngineError, ModelMissingError, PackageError
from .base import (
    EngineSettings,
    Progress,
    Provenance,
    Translation,
    frame,
    missing_model_message,
)
from .guard import decoding_bound, degenerate
from .packages import PackageInfo, find_route, model_digest, scan_installed
from .paths import default_packages_dir
from .tokenizers import Tokenizer, load_tokenizer

__all__ = [
    "ArgosEngine",
    "clear_model_cache",
    "resolve_compute_type",
    "split_tokens",
    "thread_layout",
]

_GROUP_BATCHES = 8
_CACHE_LOCK = threading.Lock()
_TRANSLATORS: dict[tuple[str, str, str, int], Any] = {}
_TOKENIZERS: dict[tuple[str, str], Tokenizer] = {}


def resolve_compute_type(settings: EngineSettings) -> str:
    """``"auto"`` means int8 on CPU; elsewhere CTranslate2 chooses."""
    if settings.compute_type == "auto" and settings.device == "cpu":
        return "int8"
    return settings.compute_type


def thread_layout(settings: EngineSettings) -> tuple[int, int]:
    """(inter_threads, intra_threads) for CTranslate2.

    On CPU, ``threads`` (0: one per core) workers each run whole batches on one thread:
    a catalog is many batches, and measured on a busy 2-core machine one OpenMP team of
    2 threads per batch was 1.7x slower than one thread. On CUDA one worker runs the
    batches and ``threads`` (0: CTranslate2's default) sets its CPU threads.
    """
    if settings.device == "cpu":
        return max(1, settings.threads or os.cpu_count() or 1), 1
    return 1, settings.threads


def clear_model_cache() -> None:
    """Forget every loaded model and tokenizer (tests; after removing packages)."""
    with _CACHE_LOCK:
        _TRANSLATORS.clear()
        _TOKENIZERS.clear()


def split_tokens(tokens: list[str], limit: int, *, kind: str) -> list[list[str]]:
    """Cut ``tokens`` into pieces of at most ``limit`` tokens, at word starts if possible."""
    if len(tokens) <= limit:
        return [tokens]
    pieces: list[list[str]] = []
    current: list[str] = []
    for word in _words(tokens, kind=kind):
        if current and len(current) + len(word) > limit:
            pieces.append(current)
            current = []
        while len(word) > limit:
            pieces.append(word[:limit])
            word = word[limit:]
        current.extend(word)
    if current:
        pieces.append(current)
    return pieces


def _words(tokens: list[str], *, kind: str) -> list[list[str]]:
    words: list[list[str]] = []
    for index, token in enumerate(tokens):
        starts = (
            token.startswith("▁")
            if kind == "sentencepiece"
            else not tokens[index - 1].endswith("@@")
        )
        if index == 0 or starts or not words:
            words.append([token])
        else:
            words[-1].append(token)
    return words


@dataclass(frozen=True, slots=True)
class _Output:
    """The hypotheses (best first) for one distinct text, and a guard warning."""

    texts: tuple[str, ...]
    warning: str | None


class _Hop:
    """One loaded package: tokenizer plus translator, translating lists of texts."""

    def __init__(self, package: PackageInfo, settings: EngineSettings) -> None:
        self.package = package
        self.settings = settings
        self.tokenizer = _tokenizer(package)
        self.translator = _translator(package.model_dir, settings)
        self.prefix = [package.target_prefix] if package.target_prefix else []

    def run(
        self, texts: Sequence[str], *, hypotheses: int, report: Callable[[float], None]
    ) -> list[_Output]:
        """Translate ``texts`` (deduplicated here); one output per input text."""
        distinct = list(dict.fromkeys(texts))
        pieces = [
            (owner, chunk)
            for owner, text in enumerate(distinct)
            for chunk in split_tokens(
                self.tokenizer.encode(text),
                self.settings.max_input_tokens,
                kind=self.package.tokenizer,
            )
        ]
        found = self._translate_pieces(
            [chunk for _, chunk in pieces], hypotheses=hypotheses, report=report
        )
        outputs = self._assemble(len(distinct), pieces, found, hypotheses=hypotheses)
        by_text = dict(zip(distinct, outputs, strict=True))
        return [by_text[text] for text in texts]

    def _translate_pieces(
        self, pieces: list[list[str]], *, hypotheses: int, report: Callable[[float], None]
    ) -> list[tuple[list[list[str]], str | None]]:
        """Submit every length group at once (workers run them in parallel), then collect."""
        found: list[tuple[list[list[str]], str | None]] = [([], None)] * len(pieces)
        order = sorted(range(len(pieces)), key=lambda index: len(pieces[index]))
        submitted = [
            (group, self._submit([pieces[index] for index in group], hypotheses=hypotheses))
            for group in self._groups(order, pieces)
        ]
        done = 0
        for group, futures in submitted:
            for index, future in zip(group, futures, strict=True):
                found[index] = self._hypotheses(pieces[index], self._wait(future))
            done += len(group)
            report(done / len(pieces))
        return found

    def _groups(self, order: list[int], pieces: list[list[str]]) -> list[list[int]]:
        """Runs of the length-sorted order sharing a decoding bound, a few batches each."""
        budget = self.settings.max_batch_tokens * _GROUP_BATCHES
        groups: list[list[int]] = []
        tokens = 0
        for index in order:
            length = len(pieces[index])
            same = groups and decoding_bound(len(pieces[groups[-1][-1]])) == decoding_bound(length)
            if not same or tokens + length > budget:
                groups.append([])
                tokens = 0
            groups[-1].append(index)
            tokens += length
        return groups

    def _submit(self, batch: list[list[str]], *, hypotheses: int) -> list[Any]:
        """Queue one length group; CTranslate2 cuts it into token-bounded batches."""
        settings = self.settings
        bound = decoding_bound(max(len(tokens) for tokens in batch))
        try:
            return list(
                self.translator.translate_batch(
                    batch,
                    target_prefix=[self.prefix] * len(batch) if self.prefix else None,
                    max_batch_size=settings.max_batch_tokens,
                    batch_type="tokens",
                    asynchronous=True,
                    beam_size=max(settings.beam_size, hypotheses),
                    num_hypotheses=hypotheses,
                    length_penalty=settings.length_penalty,
                    repetition_penalty=settings.repetition_penalty,
                    no_repeat_ngram_size=settings.no_repeat_ngram_size,
                    max_decoding_length=bound + len(self.prefix),
                    max_input_length=0,
                    replace_unknowns=True,
                )
            )
        except (RuntimeError, ValueError) as error:
            raise EngineError(f"translation failed: {error}", path=self.package.path) from error

    def _wait(self, future: Any) -> Any:
        try:
            return future.result()
        except (RuntimeError, ValueError) as error:
            raise EngineError(f"translation failed: {error}", path=self.package.path) from error

    def _hypotheses(self, source: list[str], result: Any) -> tuple[list[list[str]], str | None]:
        found = [self._strip_prefix(list(tokens)) for tokens in result.hypotheses]
        warning = degenerate(source, found[0], bound=decoding_bound(len(source))) if found else None
        return found, warning

    def _strip_prefix(self, tokens: list[str]) -> list[str]:
        if self.prefix and tokens[: len(self.prefix)] == self.prefix:
            return tokens[len(self.prefix) :]
        return tokens

    def _assemble(
        self,
        count: int,
        pieces: list[tuple[int, list[str]]],
        found: list[tuple[list[list[str]], str | None]],
        *,
        hypotheses: int,
    ) -> list[_Output]:
        """Join the pieces of each text, per hypothesis rank."""
        parts: list[list[tuple[list[list[str]], str | None]]] = [[] for _ in range(count)]
        for (owner, _), result in zip(pieces, found, strict=True):
            parts[owner].append(result)
        return [self._join(owned, hypotheses=hypotheses) for owned in parts]

    def _join(self, owned: list[tuple[list[list[str]], str | None]], *, hypotheses: int) -> _Output:
        texts = []
        for rank in range(hypotheses):
            decoded = [
                self.tokenizer.decode(hyps[min(rank, len(hyps) - 1)]) for hyps, _ in owned if hyps
            ]
            texts.append(" ".join(text.strip() for text in decoded))
        warning = next((warning for _, warning in owned if warning), None)
        return _Output(tuple(texts), warning)


class _Progress:
    """Maps (hop, fraction of hop) to a count of input texts, never decreasing."""

    def __init__(self, callback: Progress | None, *, total: int, hops: int) -> None:
        self.callback, self.total, self.hops, self.last = callback, total, hops, 0

    def hop(self, number: int) -> Callable[[float], None]:
        def report(fraction: float) -> None:
            self.emit(math.floor(self.total * (number + fraction) / self.hops))

        return report

    def emit(self, done: int) -> None:
        done = min(done, self.total)
        if self.callback is not None and done > self.last:
            self.last = done
            self.callback(done)


class ArgosEngine:
    """Translate with installed Argos packages; see the module docstring."""

    name = "argos"

    def __init__(self, settings: EngineSettings | None = None) -> None:
        self.settings = settings if settings is not None else EngineSettings()
        self.packages_dir = self.settings.packages_dir or default_packages_dir()
        self._installed: list[PackageInfo] | None = None

    def installed(self) -> list[PackageInfo]:
        """The usable installed packages (read once per engine); broken ones are skipped."""
        if self._installed is None:
            self._installed = scan_installed(self.packages_dir)[0]
        return self._installed

    def skipped(self) -> list[PackageError]:
        """One error per broken package folder that :meth:`installed` skips, to show
        (read now: the packages are read when first needed, maybe after an install)."""
        return scan_installed(self.packages_dir)[1]

    def route(self, *, source: str, target: str) -> tuple[PackageInfo, ...]:
        """The packages that translate ``source`` → ``target``; ModelMissingError if none."""
        if source == target:
            raise EngineError(f"source and target language are both {source!r}")
        packages = [p for p in self.installed() if p.type == "translate"]
        route = find_route(source, target, packages)
        if route is None:
            raise ModelMissingError(missing_model_message(source, target))
        return route

    def wants_download(self, *, source: str, target: str) -> bool:
        """Whether no installed package (or pivot) translates the pair (read afresh: a
        package installed since this engine first looked counts)."""
        packages = [p for p in scan_installed(self.packages_dir)[0] if p.type == "translate"]
        return find_route(source, target, packages) is None

    def provenance(self, *, source: str, target: str) -> Provenance:
        """Engine, packages, versions, short model hashes and pivot of the route."""
        route = self.route(source=source, target=target)
        return Provenance(
            engine=self.name,
            package="+".join(p.code for p in route),
            version="+".join(p.package_version or "?" for p in route),
            model_sha256="+".join(model_digest(p)[:12] for p in route),
            pivot=tuple(p.to_code for p in route[:-1]),
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
        route = self.route(source=source, target=target)
        framed = [frame(text) for text in texts]
        cores = list(dict.fromkeys(core for _, core, _ in framed if core))
        tracker = _Progress(progress, total=len(texts), hops=len(route))
        done = self._translate(cores, route, tracker) if cores else {}
        tracker.emit(len(texts))
        return [_translation(lead, done.get(core), trail, core) for lead, core, trail in framed]

    def _translate(
        self, cores: list[str], route: tuple[PackageInfo, ...], tracker: _Progress
    ) -> dict[str, _Output]:
        current = cores
        warnings: list[str | None] = [None] * len(cores)
        outputs: list[_Output] = []
        for number, package in enumerate(route):
            last = number == len(route) - 1
            hop = _Hop(package, self.settings)
            wanted = self.settings.alternatives + 1 if last else 1
            outputs = hop.run(current, hypotheses=wanted, report=tracker.hop(number))
            warnings = [old or new.warning for old, new in zip(warnings, outputs, strict=True)]
            current = [output.texts[0] for output in outputs]
        return {
            core: _Output(output.texts, warning)
            for core, output, warning in zip(cores, outputs, warnings, strict=True)
        }


def _translation(lead: str, output: _Output | None, trail: str, core: str) -> Translation:
    if output is None:
        return Translation(lead + core + trail)
    best = output.texts[0]
    alternatives = tuple(dict.fromkeys(t for t in output.texts[1:] if t != best))
    return Translation(
        lead + best + trail, tuple(lead + t + trail for t in alternatives), output.warning
    )


def _tokenizer(package: PackageInfo) -> Tokenizer:
    key = (str(package.tokenizer_path), package.tokenizer)
    with _CACHE_LOCK:
        cached = _TOKENIZERS.get(key)
        if cached is None:
            cached = load_tokenizer(
                package.tokenizer,
                package.tokenizer_path,
                source=package.from_code,
                target=package.to_code,
            )
            _TOKENIZERS[key] = cached
        return cached


def _translator(model_dir: Path, settings: EngineSettings) -> Any:
    compute_type = resolve_compute_type(settings)
    key = (str(model_dir), settings.device, compute_type, settings.threads)
    with _CACHE_LOCK:
        cached = _TRANSLATORS.get(key)
        if cached is None:
            cached = _load_translator(model_dir, settings, compute_type=compute_type)
            _TRANSLATORS[key] = cached
        return cached


def _load_translator(model_dir: Path, settings: EngineSettings, *, compute_type: str) -> Any:
    import ctranslate2

    inter, intra = thread_layout(settings)
    try:
        return ctranslate2.Translator(
            str(model_dir),
            device=settings.device,
            compute_type=compute_type,
            inter_threads=inter,
            intra_threads=intra,
        )
    except (RuntimeError, ValueError, OSError) as error:
        raise EngineError(f"cannot load model: {error}", path=model_dir) from error
