"""Benchmark: ``l10n.merge.merge_catalog`` against GNU ``msgmerge --previous``.

Not a test. Generates (seeded) a translated catalog of 6,442 article-like sentences and
its template, then a new template with 10% of the msgids changed: half of those edited
by a few words, a quarter removed, a quarter replaced by new sentences. In the same run,
on the same files, it times (median of ``--repeat``):

* l10n: load catalog + load template + ``merge_catalog`` + ``save_catalog``;
* GNU: ``msgmerge --previous -q -o OUT catalog.po new.pot`` (and, for reference, the
  same with ``--no-fuzzy-matching``);

and prints both, the ratio, and a plain ``load_catalog`` and ``format_catalog`` time.

It also measures what the fuzzy threshold decides (``--thresholds``): for each value, how
many edited sentences get their old translation back (recall) and how many new,
unrelated sentences get someone else's translation (false matches), with the same two
counts in msgmerge's output; and, on real English (the sentences of the Python standard
library's docstrings: 6,442 as the catalog, 400 others as new sentences), how many new
sentences find a match at each threshold. Usage::

    python benchmarks/bench_merge.py [--entries 6442] [--repeat 3] [--seed 1]
"""

from __future__ import annotations

import argparse
import functools
import itertools
import random
import re
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from l10n import merge
from l10n import po as cat

FUNCTION_WORDS = [
    "the",
    "the",
    "the",
    "the",
    "of",
    "of",
    "of",
    "and",
    "and",
    "and",
    "to",
    "to",
    "a",
    "a",
    "in",
    "in",
    "in",
    "that",
    "is",
    "was",
    "for",
    "on",
    "with",
    "as",
    "by",
    "at",
    "from",
    "it",
    "its",
    "his",
    "her",
    "their",
    "this",
    "which",
    "after",
    "before",
    "over",
    "under",
    "about",
    "into",
    "during",
    "against",
    "between",
    "since",
    "while",
    "when",
    "where",
    "who",
    "not",
    "also",
    "but",
    "more",
    "than",
]
SYLLABLES = [
    "ka",
    "ri",
    "to",
    "ne",
    "sa",
    "lo",
    "mi",
    "ve",
    "do",
    "ra",
    "an",
    "el",
    "or",
    "in",
    "us",
    "ta",
    "be",
    "ko",
    "li",
    "ma",
    "no",
    "pe",
    "su",
    "vi",
    "de",
    "ga",
    "ho",
    "ju",
    "ke",
    "la",
    "mo",
    "ni",
    "pa",
    "ro",
    "se",
    "ti",
    "vo",
    "za",
    "bre",
    "stra",
    "pli",
    "kro",
    "gen",
    "tor",
    "vel",
    "mar",
    "sol",
    "den",
]
ENDINGS = ["", "", "s", "ed", "ing", "ion", "al", "er", "ly", "ment"]


def vocabulary(rng: random.Random, size: int = 6000) -> list[str]:
    """Made-up content words: article vocabulary is large and mostly rare words."""
    words: set[str] = set()
    while len(words) < size:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.choice([1, 2, 2, 3, 3, 4])))
        words.add(word + rng.choice(ENDINGS))
    ordered = sorted(words)
    rng.shuffle(ordered)
    return ordered


@functools.lru_cache(maxsize=4)
def _zipf_weights(size: int) -> list[float]:
    return list(itertools.accumulate(1 / (rank + 20) for rank in range(size)))


def sentence(rng: random.Random, words: list[str]) -> str:
    """An article-like sentence: 6 to 34 words, function words among Zipf-drawn ones."""
    length = rng.randint(6, 34)
    weights = _zipf_weights(len(words))
    picked = []
    for _ in range(length):
        if rng.random() < 0.45:
            picked.append(rng.choice(FUNCTION_WORDS))
        else:
            picked.append(rng.choices(words, cum_weights=weights)[0])
    if rng.random() < 0.3:
        picked[rng.randrange(length)] += ","
    if rng.random() < 0.2:
        picked.insert(rng.randrange(length), str(rng.randint(2, 2024)))
    text = " ".join(picked)
    return text[0].upper() + text[1:] + rng.choice([".", ".", ".", ".", "!", "?", ":"])


def edit(text: str, rng: random.Random, vocabulary: list[str]) -> str:
    """The sentence with one to three words changed, inserted or dropped."""
    words = text.split(" ")
    for _ in range(rng.randint(1, 3)):
        position = rng.randrange(len(words))
        action = rng.random()
        if action < 0.5:
            words[position] = rng.choice(vocabulary)
        elif action < 0.75:
            words.insert(position, rng.choice(vocabulary))
        elif len(words) > 4:
            del words[position]
    return " ".join(words)


def translate(text: str) -> str:
    """A stand-in translation (reversed words), distinct per msgid."""
    return "UK: " + " ".join(reversed(text.split(" ")))


def po_text(header: str, entries: list[tuple[str, str, str]]) -> str:
    blocks = [header]
    for ref, msgid, msgstr in entries:
        blocks.append(f"#: {ref}\nmsgid {quote(msgid)}\nmsgstr {quote(msgstr)}\n")
    return "\n".join(blocks)


def quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


HEADER = (
    'msgid ""\nmsgstr ""\n"Project-Id-Version: bench 1.0\\n"\n'
    '"Report-Msgid-Bugs-To: \\n"\n"POT-Creation-Date: {date}\\n"\n'
    '"PO-Revision-Date: 2024-01-02 00:00+0000\\n"\n"Last-Translator: bench\\n"\n'
    '"Language-Team: Ukrainian\\n"\n"Language: {lang}\\n"\n"MIME-Version: 1.0\\n"\n'
    '"Content-Type: text/plain; charset=UTF-8\\n"\n"Content-Transfer-Encoding: 8bit\\n"\n'
)
PLURALS = (
    '"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && '
    'n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\\n"\n'
)


@dataclass(frozen=True)
class Changes:
    """What the new template changed: edited msgids (new text -> old text) and new ones."""

    originals: dict[str, str]
    added: list[str]

    @property
    def edited(self) -> list[str]:
        return list(self.originals)


def generate(folder: Path, entries: int, seed: int) -> Changes:
    """Write catalog.po, new.pot; return which msgids were edited, removed, added."""
    rng = random.Random(seed)
    words = vocabulary(rng)
    msgids: list[str] = []
    seen: set[str] = set()
    while len(msgids) < entries:
        text = sentence(rng, words)
        if text not in seen:
            seen.add(text)
            msgids.append(text)
    changed = rng.sample(range(entries), entries // 10)
    kinds = {"edited": changed[: len(changed) // 2], "removed": changed[len(changed) // 2 :][::2]}
    replaced = changed[len(changed) // 2 :][1::2]
    new_ids = list(msgids)
    edited, added = [], []
    for position in kinds["edited"]:
        text = edit(msgids[position], rng, words)
        while text in seen:
            text = edit(msgids[position], rng, words)
        seen.add(text)
        new_ids[position] = text
        edited.append(text)
    for position in replaced:
        text = sentence(rng, words)
        while text in seen:
            text = sentence(rng, words)
        seen.add(text)
        new_ids[position] = text
        added.append(text)
    removed = {msgids[p] for p in kinds["removed"]}
    new_ids = [text for text in new_ids if text not in removed]
    catalog = [(f"article.txt:{i + 1}", text, translate(text)) for i, text in enumerate(msgids)]
    template = [(f"article.txt:{i + 1}", text, "") for i, text in enumerate(new_ids)]
    header = HEADER.format(date="2024-01-01 00:00+0000", lang="uk") + PLURALS
    (folder / "catalog.po").write_text(po_text(header, catalog), encoding="utf-8")
    pot_header = HEADER.format(date="2024-02-01 00:00+0000", lang="")
    (folder / "new.pot").write_text(po_text(pot_header, template), encoding="utf-8")
    originals = {text: msgids[p] for p, text in zip(kinds["edited"], edited, strict=True)}
    return Changes(originals=originals, added=added)


def median_time(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def ours(folder: Path, out: Path) -> merge.MergeResult:
    catalog = cat.load_catalog(folder / "catalog.po")
    template = cat.load_catalog(folder / "new.pot")
    result = merge.merge_catalog(catalog, template)
    out.unlink(missing_ok=True)
    cat.save_catalog(result.catalog, out)
    return result


def gnu(folder: Path, out: Path, *options: str) -> None:
    command = ["msgmerge", "--previous", *options, "-q", "-o", str(out)]
    subprocess.run([*command, str(folder / "catalog.po"), str(folder / "new.pot")], check=True)


def quality(path: Path, changes: Changes) -> tuple[int, int]:
    """(edited sentences given their own old translation, new sentences given any)."""
    merged = cat.load_catalog(path)
    originals = changes.originals
    recalled = 0
    for text in changes.edited:
        entry = merged.find(text)
        if entry is not None and entry.msgstr == translate(originals[text]):
            recalled += 1
    false = sum(1 for text in changes.added if (entry := merged.find(text)) and entry.msgstr)
    return recalled, false


def stdlib_sentences() -> list[str]:
    """Real English: the sentences of the Python standard library's docstrings."""
    root = Path(sysconfig.get_paths()["stdlib"])
    found: set[str] = set()
    for path in sorted([*root.glob("*.py"), *root.glob("*/*.py")]):
        if "site-packages" in path.parts:
            continue
        try:
            source = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        for doc in re.findall(r'"""(.*?)"""', source, re.DOTALL):
            for text in re.split(r"(?<=[.!?])\s+", " ".join(doc.split())):
                if (
                    40 <= len(text) <= 250
                    and text[0].isupper()
                    and not re.search(r"[{}<>=_`]|\w\(|---", text)
                ):
                    found.add(text)
    return sorted(found)


def unrelated_matches(thresholds: list[float], seed: int) -> None:
    """How often a new, unrelated English sentence finds a match at each threshold."""
    from rapidfuzz import fuzz, process

    sentences = stdlib_sentences()
    random.Random(seed).shuffle(sentences)
    pool, new = sentences[:6442], sentences[6442:6842]
    best = [process.extractOne(text, pool, scorer=fuzz.ratio)[1] / 100 for text in new]
    print(f"\nreal English ({len(pool)} stdlib docstring sentences; {len(new)} others, new):")
    for value in thresholds:
        share = sum(score >= value for score in best)
        print(
            f"  best match >= {value:.2f}: {share:3d}/{len(new)} new sentences "
            f"({share / len(new):.0%})"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--entries", type=int, default=6442)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--thresholds", default="0.6,0.65,0.7,0.75,0.8,0.85,0.9")
    args = parser.parse_args()
    if shutil.which("msgmerge") is None:
        sys.exit("msgmerge not found: install GNU gettext")
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        changes = generate(folder, args.entries, args.seed)
        mine, theirs = folder / "ours.po", folder / "gnu.po"
        result = ours(folder, mine)  # warm-up: imports, caches
        gnu(folder, theirs)
        t_gnu = median_time(lambda: gnu(folder, theirs), args.repeat)
        t_ours = median_time(lambda: ours(folder, mine), args.repeat)
        exact = folder / "exact.po"
        t_exact = median_time(lambda: gnu(folder, exact, "--no-fuzzy-matching"), args.repeat)
        t_load = median_time(lambda: cat.load_catalog(folder / "catalog.po"), args.repeat)
        loaded = cat.load_catalog(folder / "catalog.po")
        t_format = median_time(lambda: cat.format_catalog(loaded), args.repeat)
        edited, added = len(changes.edited), len(changes.added)
        print(
            f"catalog: {args.entries} entries; template: {edited} edited, {added} new, "
            f"{args.entries // 10 - edited - added} removed msgids"
        )
        print(
            f"merge result: kept {result.kept}, fuzzy {result.fuzzy_matched}, "
            f"added {result.added}, obsoleted {result.obsoleted}, revived {result.revived}"
        )
        print(f"msgmerge --previous           : {t_gnu:7.3f} s (median of {args.repeat})")
        print(f"l10n load+merge+save          : {t_ours:7.3f} s (median of {args.repeat})")
        print(f"ratio l10n / msgmerge          : {t_ours / t_gnu:7.2f}")
        print(f"(msgmerge --no-fuzzy-matching : {t_exact:7.3f} s, exact matches only)")
        print(
            f"l10n load_catalog (6,442 entries): {t_load:6.3f} s; format_catalog: {t_format:6.3f} s"
        )
        recalled, false = quality(theirs, changes)
        print("\nfuzzy threshold   edited recalled   new sentences given a translation")
        print(f"msgmerge (0.6)    {recalled:4d}/{edited:<4d}          {false:4d}/{added}")
        saved = merge.FUZZY_THRESHOLD
        thresholds = [float(v) for v in args.thresholds.split(",")]
        try:
            for value in thresholds:
                merge.FUZZY_THRESHOLD = value
                ours(folder, mine)
                recalled, false = quality(mine, changes)
                marker = "  <- default" if value == saved else ""
                print(
                    f"l10n {value:<12.2f} {recalled:4d}/{edited:<4d}          "
                    f"{false:4d}/{added}{marker}"
                )
        finally:
            merge.FUZZY_THRESHOLD = saved
        unrelated_matches(thresholds, args.seed)


if __name__ == "__main__":
    main()
