"""Turn text into a package's tokens and back, as Argos does (minus its ``_`` bug).

SentencePiece packages encode to pieces and decode with ``decode_pieces``; Argos then
also replaces every ``_`` with a space, which breaks placeholders such as
``{user_name}``, so this module does not. BPE packages use Moses tokenization and
subword-nmt codes exactly as ``argostranslate.tokenizer.BPETokenizer`` does (it
imports nothing from Argos's settings). Heavy modules load on first use.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

from ..errors import EngineError

__all__ = ["BpeTokenizer", "SentencePieceTokenizer", "Tokenizer", "load_tokenizer"]


class Tokenizer(Protocol):
    """Text to tokens and tokens to text."""

    def encode(self, text: str) -> list[str]: ...

    def decode(self, tokens: list[str]) -> str: ...


class SentencePieceTokenizer:
    """A SentencePiece model, as in ``sentencepiece.model`` of a package."""

    def __init__(self, model_file: Path) -> None:
        import sentencepiece

        try:
            self._processor: Any = sentencepiece.SentencePieceProcessor(model_file=str(model_file))
        except (OSError, RuntimeError) as error:
            raise EngineError(
                f"cannot load SentencePiece model: {error}", path=model_file
            ) from error

    def encode(self, text: str) -> list[str]:
        """Pieces, e.g. ``['▁Hello', '▁world']``."""
        return list(self._processor.encode(text, out_type=str))

    def decode(self, tokens: list[str]) -> str:
        """Text from pieces; leftover ``▁`` become spaces, ``_`` stays ``_``."""
        return str(self._processor.decode_pieces(tokens)).replace("▁", " ")


class BpeTokenizer:
    """Moses tokenization plus BPE codes, as in ``bpe.model`` of an older package."""

    def __init__(self, model_file: Path, *, source: str, target: str) -> None:
        from argostranslate.tokenizer import BPETokenizer

        self._inner: Any = BPETokenizer(model_file, source, target)
        try:
            self._inner.lazy_load()
        except (OSError, ValueError, ImportError) as error:
            raise EngineError(f"cannot load BPE model: {error}", path=model_file) from error

    def encode(self, text: str) -> list[str]:
        """Subword tokens with ``@@`` continuation marks."""
        return list(self._inner.encode(text))

    def decode(self, tokens: list[str]) -> str:
        """Joined subwords, Moses-detokenized."""
        return str(self._inner.decode(tokens))


def load_tokenizer(kind: str, model_file: Path, *, source: str, target: str) -> Tokenizer:
    """The tokenizer a package asks for (``"sentencepiece"`` or ``"bpe"``)."""
    if kind == "sentencepiece":
        return SentencePieceTokenizer(model_file)
    if kind == "bpe":
        return BpeTokenizer(model_file, source=source, target=target)
    raise EngineError(f"unknown tokenizer kind {kind!r}", path=model_file)
