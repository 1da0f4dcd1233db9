"""Source articles: decode them strictly, find boilerplate, cut them into a Document.

``decode_source`` turns bytes into text or raises a one-line :class:`SourceError`;
``skipped_spans`` applies the skip rules to paragraphs; ``build_document`` puts both
together with the segmenter. Nothing here touches the file system but ``read_document``.

A big article is segmented in chunks of about :data:`CHUNK` characters cut at line
breaks, each with one line of context on either side, so that a ``progress`` callback
can follow the work; ``segment_chunked`` gives exactly the segments of one
``Segmenter.segment`` call (a property test holds it to that).
"""

from __future__ import annotations

import bisect
import codecs
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from .config import FormatSettings, SkipRules
from .errors import SourceError, read_failure
from .model import Document, Segment, Span
from .segment import Segmenter, paragraphs

if TYPE_CHECKING:
    from .formats import Block, Region, Sentence

NO_SKIP = SkipRules()
CHUNK = 1_000_000  # characters segmented at a time when a progress callback is given

SegmentProgress = Callable[[int, int], None]  # (characters done, characters in all)

__all__ = [
    "CHUNK",
    "SegmentProgress",
    "build_document",
    "decode_source",
    "read_document",
    "read_source_bytes",
    "segment_chunked",
    "skipped_spans",
]

_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)
# Control characters that never occur in text: their presence means a binary file.
_BINARY = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


def decode_source(data: bytes, *, path: str, encoding: str = "utf-8") -> tuple[str, bool]:
    """The text of ``data`` and whether it started with a UTF-8 byte order mark.

    Newlines are kept exactly as they are. Raises :class:`SourceError` for binary data,
    a UTF-16/32 file read as UTF-8, or bytes that are not valid in ``encoding``.
    """
    normalized = codecs.lookup(encoding).name if _known(encoding) else None
    if normalized is None:
        raise SourceError(f"unknown encoding {encoding!r}", path=path)
    utf8 = normalized == "utf-8"
    if utf8:
        for mark, name in _BOMS:
            if data.startswith(mark):
                raise SourceError(
                    f"the file is {name}, expected UTF-8: convert it, or pass "
                    f"--encoding {name.lower()}",
                    path=path,
                )
    if utf8 or normalized.startswith(("latin", "iso8859", "cp125")):
        found = _BINARY.search(data)
        if found:
            line = data.count(b"\n", 0, found.start()) + 1
            raise SourceError(
                "binary file (control bytes found), expected text", path=path, line=line
            )
    bom = utf8 and data.startswith(codecs.BOM_UTF8)
    try:
        text = data.decode("utf-8-sig" if utf8 else encoding)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise SourceError(
            f"invalid {normalized.upper() if utf8 else encoding} at byte {exc.start}: "
            f"expected {'UTF-8' if utf8 else encoding} text (pass --encoding if the file "
            "uses another one, e.g. --encoding latin-1)",
            path=path,
            line=line,
        ) from None
    if not utf8 and "\x00" in text:
        raise SourceError("binary file (NUL characters found), expected text", path=path)
    return text, bom


def _known(encoding: str) -> bool:
    """Whether ``encoding`` names a text encoding (``base64``, ``rot13`` are codecs, not)."""
    try:
        return codecs.lookup(encoding)._is_text_encoding
    except LookupError:
        return False


def skipped_spans(text: str, rules: SkipRules, spans: list[Span] | None = None) -> list[Span]:
    """Spans of the paragraphs that skip rules remove from translation, in order.

    A skipped span runs from its first paragraph's start to its last paragraph's end;
    an unclosed block runs to the end of the text.
    """
    if not rules.paragraphs and not rules.blocks:
        return []
    spans = paragraphs(text) if spans is None else spans
    single = [re.compile(p, re.IGNORECASE) for p in rules.paragraphs]
    blocks = [
        (re.compile(b.start, re.IGNORECASE), re.compile(b.end, re.IGNORECASE)) for b in rules.blocks
    ]
    skipped: list[Span] = []
    open_end: re.Pattern[str] | None = None
    block_start = 0
    for span in spans:
        para = text[span.start : span.end]
        if open_end is not None:
            if open_end.fullmatch(para):
                skipped.append(Span(block_start, span.end))
                open_end = None
            continue
        started = next((end for start, end in blocks if start.fullmatch(para)), None)
        if started is not None:
            open_end, block_start = started, span.start
        elif any(p.search(para) for p in single):
            skipped.append(Span(span.start, span.end))
    if open_end is not None and spans:
        skipped.append(Span(block_start, spans[-1].end))
    return skipped


def segment_chunked(
    segmenter: Segmenter, text: str, *, progress: SegmentProgress, chunk: int = CHUNK
) -> list[Segment]:
    """``segmenter.segment(text)``, done ``chunk`` characters at a time, calling ``progress``.

    Chunks end after a ``\\n``; each is segmented with the line before and the line after
    it as context (rules may look past a line's edges), and keeps the segments that start
    inside it. Texts with other line breaks (CR, U+2028, U+2029) are segmented at once.
    """
    if "\r" in text or "\u2028" in text or "\u2029" in text or len(text) <= chunk:
        segments = segmenter.segment(text)
        progress(len(text), len(text))
        return segments
    segments, start, line, paragraph = [], 0, 0, 0
    while start < len(text):
        end = text.find("\n", start + chunk)
        end = len(text) if end < 0 else end + 1
        before = text.rfind("\n", 0, max(start - 1, 0)) + 1  # the line before the chunk
        after = text.find("\n", end)
        after = len(text) if after < 0 else after + 1  # the line after it
        context_lines = text.count("\n", before, start)
        context_paragraphs = sum(1 for row in text[before:start].split("\n") if row.strip())
        for segment in segmenter.segment(text[before:after]):
            if start <= segment.start + before < end:
                segments.append(
                    Segment(
                        segment.text,
                        segment.start + before,
                        segment.end + before,
                        segment.paragraph - context_paragraphs + paragraph,
                        segment.index,
                        segment.line - context_lines + line,
                    )
                )
        line += text.count("\n", start, end)
        paragraph += sum(1 for row in text[start:end].split("\n") if row.strip())
        start = end
        progress(start, len(text))
    return segments


def build_document(
    text: str,
    *,
    path: str,
    segmenter: Segmenter,
    skip: SkipRules = NO_SKIP,
    progress: SegmentProgress | None = None,
    format: str = "text",
    formats: FormatSettings | None = None,
) -> Document:
    """Cut ``text`` into segments, leaving out those inside skipped spans.

    ``progress(done, total)`` is called as the segmenting goes (characters). ``format``
    is the article's format (:mod:`l10n.formats`): plain ``text``, or a structured one
    whose blocks are segmented instead (:func:`build_structured`).
    """
    if format != "text":
        settings = FormatSettings() if formats is None else formats
        return build_structured(
            text, path=path, segmenter=segmenter, skip=skip, progress=progress,
            format=format, settings=settings,
        )  # fmt: skip
    skipped = skipped_spans(text, skip)
    if progress is None:
        segments = segmenter.segment(text)
    else:
        segments = segment_chunked(segmenter, text, progress=progress)
    if skipped:
        segments = [s for s in segments if not _inside(s, skipped)]
    return Document(path=path, text=text, segments=tuple(segments), skipped=tuple(skipped))


def build_structured(
    text: str,
    *,
    path: str,
    segmenter: Segmenter,
    format: str,
    settings: FormatSettings,
    skip: SkipRules = NO_SKIP,
    progress: SegmentProgress | None = None,
) -> Document:
    """An HTML, Markdown or JSON article as a document: each block of its layout cut into
    sentences (one segmenter pass over every block, a line each), a message per
    sentence. A block the skip rules match (its text read as a paragraph) is left as it
    is in the source."""
    from . import formats

    layout = formats.parse(text, format, settings, path=path)
    found = list(formats.iter_blocks(layout.regions))
    plains = [formats.plain_text(block) for block, _anchor, _label in found]
    joined = "\n".join(plains)
    if progress is None:
        cut = segmenter.segment(joined)
    else:
        cut = segment_chunked(segmenter, joined, progress=progress)
    starts = [0]
    for plain in plains:
        starts.append(starts[-1] + len(plain) + 1)
    spans: list[list[tuple[int, int]]] = [[] for _ in found]
    for segment in cut:
        row = segment.line - 1
        spans[row].append((segment.start - starts[row], segment.end - starts[row]))
    skipped = _skipped_blocks(joined, plains, skip)
    newlines = [m.start() for m in re.finditer("\n", text)]
    segments: list[Segment] = []
    done: dict[int, Block] = {}
    for number, (block, anchor, label) in enumerate(found, start=1):
        cut_block = formats.sentences(block, [] if number - 1 in skipped else spans[number - 1])
        done[id(block)] = cut_block
        many = len(cut_block.sentences) > 1
        for index, sentence in enumerate(cut_block.sentences, start=1):
            start = cut_block.pieces[sentence.first].start
            where = start if anchor is None else anchor
            line = bisect.bisect_left(newlines, where) + 1
            segments.append(
                Segment(
                    sentence.message, start, cut_block.pieces[sentence.last - 1].end, number,
                    index, line, _label(cut_block, sentence, label, index if many else 0),
                )
            )  # fmt: skip
    layout = formats.Layout(
        layout.format, _with_sentences(layout.regions, done), layout.root, layout.notes
    )
    return Document(path=path, text=text, segments=tuple(segments), layout=layout)


def _skipped_blocks(joined: str, plains: list[str], skip: SkipRules) -> set[int]:
    """Indexes of the blocks the skip rules leave out (each block read as a paragraph)."""
    if not skip.paragraphs and not skip.blocks:
        return set()
    starts, position = [], 0
    for plain in plains:
        starts.append(position)
        position += len(plain) + 1
    lines = [Span(start, start + len(plain)) for start, plain in zip(starts, plains, strict=True)]
    left_out: set[int] = set()
    for span in skipped_spans(joined, skip, lines):
        low = bisect.bisect_left(starts, span.start)
        high = bisect.bisect_right(starts, span.end)
        left_out.update(range(low, high))
    return left_out


def _label(block: Block, sentence: Sentence, label: str, index: int) -> str:
    """``p 3, sentence 2; <1> strong, <2/> code``: where, and what the placeholders are."""
    where = f"{label}, sentence {index}" if index else label
    names = []
    for number, (tag, close) in enumerate(zip(sentence.tags, sentence.closes, strict=True), 1):
        name = block.pieces[tag].name or "markup"
        names.append(f"<{number}> {name}" if close >= 0 else f"<{number}/> {name}")
    return f"{where}; {', '.join(names)}" if names else where


def _with_sentences(regions: tuple[Region, ...], done: dict[int, Block]) -> tuple[Region, ...]:
    from .formats import Block, Nested

    out: list[Region] = []
    for region in regions:
        if isinstance(region, Block):
            block = done[id(region)]
            inner = _with_sentences(region.inner, done)
            out.append(Block(block.pieces, block.label, block.escape, inner, block.sentences))
        else:
            nested = _with_sentences(region.regions, done)
            out.append(
                Nested(region.start, region.end, region.decoded, nested, region.encode,
                       region.label)
            )  # fmt: skip
    return tuple(out)


def _inside(segment: Segment, spans: list[Span]) -> bool:
    return any(span.start <= segment.start and segment.end <= span.end for span in spans)


def read_source_bytes(path: Path, *, display_path: str) -> bytes:
    """The bytes of the article at ``path``; SourceError when it cannot be read."""
    try:
        return path.read_bytes()
    except OSError as error:
        reason = read_failure(error, directory="is a directory, expected a text file")
        raise SourceError(reason, path=display_path) from None


def read_document(
    path: Path,
    *,
    display_path: str,
    segmenter: Segmenter,
    skip: SkipRules = NO_SKIP,
    encoding: str = "utf-8",
    progress: SegmentProgress | None = None,
    format: str = "text",
    formats: FormatSettings | None = None,
) -> tuple[Document, bool]:
    """Read and segment the article at ``path``; returns the document and its BOM flag."""
    data = read_source_bytes(path, display_path=display_path)
    text, bom = decode_source(data, path=display_path, encoding=encoding)
    if not text.strip():
        raise SourceError("the file is empty: nothing to translate", path=display_path)
    document = build_document(
        text, path=display_path, segmenter=segmenter, skip=skip, progress=progress,
        format=format, formats=formats,
    )  # fmt: skip
    return document, bom
