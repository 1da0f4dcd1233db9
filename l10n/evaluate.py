"""Score machine translation against reviewed translations: chrF and BLEU (sacrebleu).

What is compared, per catalog (one language): each **hypothesis** is the engine's output
for an entry's current source sentence, wherever the file still holds it: an entry with an
``# l10n-mt:`` record whose output hash is that of its msgstr (unedited machine output,
or accepted unchanged), of an ``# l10n-mt-original: <text>`` line (the engine's words,
kept by ``l10n review`` when a reviewer changed them) or of an ``# l10n-alt:`` line (the
reviewer took an alternative). Its **reference** is the reviewed translation (translated,
not fuzzy) of the same msgid and msgctxt in

- a reference catalog (``--ref PO``, e.g. the example's hand-made Ukrainian catalog), or
- without one, the catalog itself: its entries that people reviewed. Machine output
  accepted unchanged then scores 100 against itself, as it should: the engine got it
  right.

Entries that cannot be paired are left out and counted: ``no_reference`` (machine output
whose msgid has no reviewed reference), ``no_hypothesis`` (reviewed references with no
known machine output: human translations, or machine output since lost),
``stale`` (machine output of an earlier version of the source sentence, kept by
``update`` as a fuzzy match: not a translation of the current sentence) and
``output_lost`` (machine-translated entries changed by hand, e.g. in a PO editor, whose
engine output the file no longer holds; they may overlap ``no_hypothesis``). While
``output_lost`` is not 0 the scores leave out exactly the sentences people changed, and
favour the engine. Plural entries are never machine-translated and are not compared.

Scores are sacrebleu's corpus chrF (chrF2, character 6-grams) and corpus BLEU, 0-100,
``None`` when nothing was compared, plus sentence-level chrF per pair; the signatures
make the numbers reproducible. BLEU tokenises Chinese with sacrebleu's ``zh`` tokenizer,
Japanese, Korean, Thai, Lao, Khmer and Burmese by character, other languages with
``13a``. sacrebleu is imported on first use.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .reviewstate import ORIGINAL_TAG, entry_state, machine_record, short_hash
from .reviewstate import machine_output as original_output

if TYPE_CHECKING:
    from .po import Catalog, CatalogEntry

__all__ = [
    "ORIGINAL_TAG",
    "EvalPair",
    "EvalReport",
    "Scores",
    "bleu_tokenizer",
    "evaluate_against",
    "evaluate_reviewed",
    "original_output",
    "score_pairs",
]

_CHAR_TOKENIZED = frozenset({"ja", "ko", "th", "lo", "km", "my"})

Key = tuple[str | None, str]


@dataclass(frozen=True, slots=True)
class EvalPair:
    """One compared sentence: machine output, reviewed reference, sentence chrF."""

    msgid: str
    msgctxt: str | None
    hypothesis: str
    reference: str
    chrf: float
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Scores:
    """Corpus scores of some pairs and how they were made (``None`` and ``""`` for none)."""

    chrf: float | None
    bleu: float | None
    sentence_chrf: tuple[float, ...]
    chrf_signature: str
    bleu_signature: str


@dataclass(frozen=True, slots=True)
class EvalReport:
    """The evaluation of one catalog: scores, pairs, and what was left out and why."""

    lang: str
    catalog: str
    reference: str | None  # the reference catalog's path; None: the catalog itself
    pairs: tuple[EvalPair, ...]
    chrf: float | None
    bleu: float | None
    chrf_signature: str
    bleu_signature: str
    no_reference: int = 0
    no_hypothesis: int = 0
    stale: int = 0
    output_lost: int = 0

    @property
    def compared(self) -> int:
        return len(self.pairs)


def bleu_tokenizer(lang: str) -> str:
    """The sacrebleu tokenizer for BLEU on text in ``lang``."""
    base = lang.replace("-", "_").split("_")[0].lower()
    if base == "zh":
        return "zh"
    return "char" if base in _CHAR_TOKENIZED else "13a"


def score_pairs(
    hypotheses: Sequence[str], references: Sequence[str], *, lang: str
) -> Scores:
    """Corpus chrF and BLEU of ``hypotheses`` against ``references`` (one each)."""
    if len(hypotheses) != len(references):
        raise ValueError("one reference per hypothesis")
    from sacrebleu.metrics.bleu import BLEU
    from sacrebleu.metrics.chrf import CHRF

    chrf = CHRF()
    bleu = BLEU(tokenize=bleu_tokenizer(lang))
    if not hypotheses:
        return Scores(None, None, (), "", "")
    refs = [list(references)]
    sentence = tuple(
        chrf.sentence_score(h, [r]).score for h, r in zip(hypotheses, references, strict=True)
    )
    return Scores(
        chrf=chrf.corpus_score(list(hypotheses), refs).score,
        bleu=bleu.corpus_score(list(hypotheses), refs).score,
        sentence_chrf=sentence,
        chrf_signature=str(chrf.get_signature()),
        bleu_signature=str(bleu.get_signature()),
    )


def _key(entry: CatalogEntry) -> Key:
    return (entry.msgctxt, entry.msgid)


def _singular(catalog: Catalog) -> Iterable[CatalogEntry]:
    return (entry for entry in catalog if entry.msgid and not entry.msgid_plural)


def _reviewed(entry: CatalogEntry) -> bool:
    return entry_state(entry) == "translated"


@dataclass(frozen=True, slots=True)
class _Hypotheses:
    """A catalog's machine output by (msgctxt, msgid), and what could not be used."""

    texts: dict[Key, tuple[CatalogEntry, str]]
    stale: int
    lost: int


def _hypotheses(catalog: Catalog) -> _Hypotheses:
    texts: dict[Key, tuple[CatalogEntry, str]] = {}
    stale = lost = 0
    for entry in _singular(catalog):
        record = machine_record(entry)
        if record is None or not entry.msgstr:
            continue
        if record.source_hash != short_hash(entry.msgid):
            stale += 1
            continue
        output = original_output(entry)
        if output is None:
            lost += 1
        else:
            texts[_key(entry)] = (entry, output)
    return _Hypotheses(texts, stale, lost)


def evaluate_against(
    catalog: Catalog, reference: Catalog, *, lang: str, reference_path: str | None = None
) -> EvalReport:
    """Score ``catalog``'s machine output against ``reference``'s reviewed translations."""
    found = _hypotheses(catalog)
    references = {_key(e): e.msgstr for e in _singular(reference) if _reviewed(e)}
    matched = [key for key in found.texts if key in references]
    chosen = [(*found.texts[key], references[key]) for key in matched]
    return _report(
        chosen,
        lang=lang,
        catalog=catalog.path,
        reference=reference_path or reference.path,
        no_reference=len(found.texts) - len(matched),
        no_hypothesis=len(references) - len(matched),
        stale=found.stale,
        output_lost=found.lost,
    )


def evaluate_reviewed(catalog: Catalog, *, lang: str) -> EvalReport:
    """Score ``catalog``'s machine output against its own reviewed entries (see module)."""
    report = evaluate_against(catalog, catalog, lang=lang)
    return dataclasses.replace(report, reference=None)


def _report(
    chosen: Sequence[tuple[CatalogEntry, str, str]],
    *,
    lang: str,
    catalog: str,
    reference: str | None,
    **left_out: int,
) -> EvalReport:
    """``chosen``: (entry, hypothesis, reference) triples."""
    scores = score_pairs([h for _, h, _ in chosen], [r for _, _, r in chosen], lang=lang)
    pairs = tuple(
        EvalPair(e.msgid, e.msgctxt, h, r, chrf, e.linenum)
        for (e, h, r), chrf in zip(chosen, scores.sentence_chrf, strict=True)
    )
    return EvalReport(
        lang=lang,
        catalog=catalog,
        reference=reference,
        pairs=pairs,
        chrf=scores.chrf,
        bleu=scores.bleu,
        chrf_signature=scores.chrf_signature,
        bleu_signature=scores.bleu_signature,
        **left_out,
    )
