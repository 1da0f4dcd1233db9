"""`l10n eval`: chrF/BLEU of machine output against reviewed translations (l10n.evaluate).

Scores are checked against sacrebleu called directly on pairs the tests build themselves
from the two catalog files.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import sacrebleu
from click.testing import Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from l10n import po as cat
from l10n.evaluate import (
    bleu_tokenizer,
    evaluate_against,
    evaluate_reviewed,
    original_output,
    score_pairs,
)
from l10n.reviewstate import MachineRecord, short_hash

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "locales" / "uk" / "LC_MESSAGES" / "article.po"
TEMPLATE = ROOT / "locales" / "article.pot"
CATALOG = Path("locales/uk/LC_MESSAGES/article.po")

RunCli = Callable[..., Result]


def reference_catalog() -> cat.Catalog:
    return cat.load_catalog(REFERENCE)


def machine(entry: cat.CatalogEntry, output: str, *, source: str | None = None) -> None:
    """Make ``entry`` unedited machine output ``output`` (of ``source``, default its msgid)."""
    entry.msgstr = output
    if "fuzzy" not in entry.flags:
        entry.flags.append("fuzzy")
    src = short_hash(entry.msgid if source is None else source)
    entry.tcomment = str(MachineRecord("fake fake-en_uk 1.0", src, short_hash(output)))


def find(catalog: cat.Catalog, msgid: str) -> cat.CatalogEntry:
    entry = catalog.find(msgid)
    assert entry is not None
    return entry


def machine_catalog(outputs: dict[str, str]) -> cat.Catalog:
    """A uk catalog of the template's sentences, those in ``outputs`` machine-translated."""
    catalog = cat.new_catalog(cat.load_catalog(TEMPLATE), lang="uk")
    for entry in catalog:
        if entry.msgid in outputs:
            machine(entry, outputs[entry.msgid])
    return catalog


@pytest.fixture
def machine_project(example_project: Path, run_cli: RunCli) -> Path:
    """The example project with a fresh catalog filled by the fake engine, and the
    hand-made reference next to it as reviewed-uk.po."""
    (example_project / "locales").mkdir()
    shutil.copy(TEMPLATE, example_project / "locales" / "article.pot")
    shutil.copy(REFERENCE, example_project / "reviewed-uk.po")
    run_cli("init", "-l", "uk")
    run_cli("translate", "-l", "uk", "--engine", "fake")
    return example_project


def test_scores_are_sacrebleus_on_the_same_pairs(machine_project: Path, run_cli: RunCli) -> None:
    result = run_cli("eval", "-l", "uk", "--ref", "reviewed-uk.po", "--json")
    [report] = json.loads(result.stdout)

    hyps = {e.msgid: e.msgstr for e in cat.load_catalog(machine_project / CATALOG)}
    refs = {e.msgid: e.msgstr for e in reference_catalog()}
    msgids = [m for m in hyps if m in refs]
    hypotheses = [hyps[m] for m in msgids]
    references = [refs[m] for m in msgids]
    assert report["compared"] == len(msgids) == 39
    assert report["chrf"] == pytest.approx(sacrebleu.corpus_chrf(hypotheses, [references]).score)
    assert report["bleu"] == pytest.approx(sacrebleu.corpus_bleu(hypotheses, [references]).score)
    by_msgid = {s["msgid"]: s for s in report["sentences"]}
    for msgid in msgids:
        sentence = by_msgid[msgid]
        assert (sentence["hypothesis"], sentence["reference"]) == (hyps[msgid], refs[msgid])
        expected = sacrebleu.sentence_chrf(hyps[msgid], [refs[msgid]]).score
        assert sentence["chrf"] == pytest.approx(expected)
    assert "tok:13a" in report["signatures"]["bleu"]
    assert report["left_out"] == {
        "no_reference": 0, "no_hypothesis": 0, "stale": 0, "output_lost": 0
    }


def test_text_output_names_catalog_reference_and_scores(
    machine_project: Path, run_cli: RunCli
) -> None:
    out = run_cli("eval", "-l", "uk", "--ref", "reviewed-uk.po").stdout
    [report] = json.loads(run_cli("eval", "-l", "uk", "--ref", "reviewed-uk.po", "--json").stdout)
    first = out.splitlines()[0]
    assert first == "locales/uk/LC_MESSAGES/article.po against reviewed-uk.po"
    assert f"39 sentences compared: chrF {report['chrf']:.2f}, BLEU {report['bleu']:.2f}" in out


def test_identical_hypothesis_and_reference_score_100() -> None:
    reference = reference_catalog()
    catalog = machine_catalog({e.msgid: e.msgstr for e in reference})
    report = evaluate_against(catalog, reference, lang="uk")
    assert report.compared == 39
    assert report.chrf == pytest.approx(100.0)
    assert report.bleu == pytest.approx(100.0)
    assert all(p.chrf == pytest.approx(100.0) for p in report.pairs)


def test_mismatched_msgids_are_left_out_and_counted() -> None:
    reference = reference_catalog()
    entries = list(reference)
    outputs = {e.msgid: f"машинний переклад {i}" for i, e in enumerate(entries)}
    catalog = machine_catalog(outputs)
    catalog.append(cat.make_entry(msgid="Not in the reference.", msgstr=""))
    machine(find(catalog, "Not in the reference."), "Немає в еталоні.")
    reference.remove(entries[0])  # machine output with no reference at all
    entries[1].flags.append("fuzzy")  # a reference nobody reviewed is no reference
    entries[2].msgstr = ""  # nor is an untranslated one
    find(catalog, entries[3].msgid).msgstr = "змінено людиною"  # edited: output gone
    untouched = find(catalog, entries[4].msgid)
    untouched.msgstr, untouched.flags, untouched.tcomment = "", [], ""  # never translated

    report = evaluate_against(catalog, reference, lang="uk")

    assert report.no_reference == 4  # entries 0, 1, 2 and the extra sentence
    assert report.no_hypothesis == 2  # references of entries 3 and 4
    assert report.output_lost == 1  # entry 3
    assert report.compared == 39 - 5
    compared = {p.msgid for p in report.pairs}
    assert not compared & ({e.msgid for e in entries[:5]} | {"Not in the reference."})
    pairs = [(outputs[p.msgid], find(reference, p.msgid).msgstr) for p in report.pairs]
    hyps, refs = [h for h, _ in pairs], [r for _, r in pairs]
    assert report.chrf == pytest.approx(sacrebleu.corpus_chrf(hyps, [refs]).score)


def test_machine_output_of_an_earlier_source_is_stale() -> None:
    reference = reference_catalog()
    first = next(iter(reference))
    catalog = machine_catalog({})
    machine(find(catalog, first.msgid), "переклад старого речення", source="An older sentence.")
    report = evaluate_against(catalog, reference, lang="uk")
    assert (report.stale, report.compared, report.chrf, report.bleu) == (1, 0, None, None)


def test_without_reference_reviewed_machine_output_is_compared_when_kept() -> None:
    catalog = machine_catalog({})
    a, b, c, d = list(catalog)[:4]
    for entry, output in ((a, "прийнято як є"), (b, "машинний варіант"), (c, "загублено")):
        machine(entry, output)
        entry.flags.remove("fuzzy")  # reviewed
    b.msgstr = "людський варіант"
    b.tcomment += "\nl10n-mt-original: машинний варіант"
    c.msgstr = "виправлено без сліду"
    d.msgstr = "переклад людини"  # reviewed, never machine output: not compared

    report = evaluate_reviewed(catalog, lang="uk")

    assert original_output(a) == "прийнято як є" and original_output(b) == "машинний варіант"
    assert original_output(c) is None
    assert [(p.hypothesis, p.reference) for p in report.pairs] == [
        ("прийнято як є", "прийнято як є"),
        ("машинний варіант", "людський варіант"),
    ]
    assert (report.output_lost, report.no_hypothesis, report.no_reference) == (1, 2, 0)
    assert report.reference is None
    assert report.chrf == pytest.approx(
        sacrebleu.corpus_chrf([p.hypothesis for p in report.pairs],
                              [[p.reference for p in report.pairs]]).score
    )


def test_reviewed_machine_output_still_counts_against_a_reference() -> None:
    """Review does not shrink the evaluation: the engine's words stay comparable."""
    reference = reference_catalog()
    a, b, c = list(reference)[:3]
    catalog = machine_catalog({a.msgid: "вихід а", b.msgid: "вихід б", c.msgid: "вихід в"})
    accepted = find(catalog, a.msgid)
    accepted.flags.remove("fuzzy")  # accepted unchanged
    swapped = find(catalog, b.msgid)  # a reviewer took an alternative: the engine's
    swapped.msgstr = "альтернатива б"  # first choice is now an l10n-alt line
    swapped.tcomment += "\nl10n-alt: вихід б"
    report = evaluate_against(catalog, reference, lang="uk")
    assert [(p.hypothesis, p.reference) for p in report.pairs] == [
        ("вихід а", a.msgstr), ("вихід б", b.msgstr), ("вихід в", c.msgstr)
    ]


def test_eval_reads_what_review_keeps(tmp_path: Path) -> None:
    """The review module's accept keeps the engine's words where eval finds them."""
    from datetime import date

    from l10n import reviewstate

    catalog = machine_catalog({})
    edited, same = list(catalog)[:2]
    machine(edited, "машинний вихід")
    machine(same, "добрий вихід")
    reviewstate.accept(edited, reviewer="Olena", on=date(2026, 1, 2), text="людський текст")
    reviewstate.accept(same, reviewer="Olena", on=date(2026, 1, 2))
    path = tmp_path / "uk.po"
    cat.save_catalog(catalog, path)
    report = evaluate_reviewed(cat.load_catalog(path), lang="uk")
    assert [(p.hypothesis, p.reference) for p in report.pairs] == [
        ("машинний вихід", "людський текст"), ("добрий вихід", "добрий вихід")
    ]
    assert report.output_lost == 0


def test_a_kept_original_that_does_not_match_the_record_is_ignored() -> None:
    catalog = machine_catalog({})
    entry = next(iter(catalog))
    machine(entry, "справжній вихід")
    entry.flags.remove("fuzzy")
    entry.msgstr = "змінено"
    entry.tcomment += "\nl10n-mt-original: вигаданий вихід"
    assert original_output(entry) is None
    assert evaluate_reviewed(catalog, lang="uk").output_lost == 1


def test_without_reference_and_nothing_kept_the_cli_says_what_to_do(
    machine_project: Path, run_cli: RunCli
) -> None:
    out = run_cli("eval", "-l", "uk").stdout
    assert "0 sentences compared: chrF n/a, BLEU n/a" in out
    assert "give --ref PO" in out


def test_reference_of_another_language_is_a_usage_error(
    machine_project: Path, run_cli: RunCli
) -> None:
    german = cat.new_catalog(cat.load_catalog(TEMPLATE), lang="de")
    cat.save_catalog(german, machine_project / "de.po")
    result = run_cli("eval", "-l", "uk", "--ref", "de.po", expect=2)
    assert "de.po is a catalog for 'de', not 'uk'" in result.stderr


def test_one_reference_for_two_languages_is_a_usage_error(
    machine_project: Path, run_cli: RunCli
) -> None:
    result = run_cli("eval", "-l", "uk", "-l", "de", "--ref", "reviewed-uk.po", expect=2)
    assert "--ref is one language's reference" in result.stderr


def test_missing_reference_file_is_a_one_line_error(
    machine_project: Path, run_cli: RunCli
) -> None:
    result = run_cli("eval", "-l", "uk", "--ref", "nope.po", expect=1)
    assert result.stderr.strip().splitlines() == ["error: nope.po: no such file"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    dropped=st.sets(st.integers(0, 38), max_size=39),
    unmachined=st.sets(st.integers(0, 38), max_size=39),
)
def test_every_sentence_is_compared_or_counted(dropped: set[int], unmachined: set[int]) -> None:
    reference = reference_catalog()
    entries = list(reference)
    catalog = machine_catalog(
        {e.msgid: f"вихід {i}" for i, e in enumerate(entries) if i not in unmachined}
    )
    for i in dropped:
        reference.remove(entries[i])
    report = evaluate_against(catalog, reference, lang="uk")
    machine_count, reviewed = 39 - len(unmachined), 39 - len(dropped)
    assert report.compared + report.no_reference == machine_count
    assert report.compared + report.no_hypothesis == reviewed
    assert report.compared == len(set(range(39)) - dropped - unmachined)
    assert (report.chrf is None) == (report.compared == 0)


@given(st.lists(st.tuples(st.text(max_size=40), st.text(max_size=40)), max_size=8))
@settings(max_examples=40, deadline=None)
def test_score_pairs_is_sacrebleu(pairs: list[tuple[str, str]]) -> None:
    hyps, refs = [h for h, _ in pairs], [r for _, r in pairs]
    scores = score_pairs(hyps, refs, lang="uk")
    if not pairs:
        assert (scores.chrf, scores.bleu, scores.sentence_chrf) == (None, None, ())
        return
    assert scores.chrf == pytest.approx(sacrebleu.corpus_chrf(hyps, [refs]).score)
    assert scores.bleu == pytest.approx(sacrebleu.corpus_bleu(hyps, [refs]).score)
    assert len(scores.sentence_chrf) == len(pairs)


@pytest.mark.parametrize(
    ("lang", "tokenizer"),
    [("uk", "13a"), ("pt_BR", "13a"), ("zh", "zh"), ("zh_Hant", "zh"), ("ja", "char"),
     ("ko", "char"), ("th", "char")],
)
def test_bleu_tokenizer(lang: str, tokenizer: str) -> None:
    assert bleu_tokenizer(lang) == tokenizer
    assert f"tok:{tokenizer}" in score_pairs(["a"], ["a"], lang=lang).bleu_signature


def test_the_cli_does_not_import_sacrebleu_before_eval_runs() -> None:
    code = "import sys, l10n.cli; print('sacrebleu' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.stdout.strip() == "False", result.stderr
