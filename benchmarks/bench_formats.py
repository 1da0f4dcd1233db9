"""Benchmark: extract and build of big HTML and Markdown articles, l10n against Translate
Toolkit's html2po/po2html and md2po/po2md on the same files, in the same run.

Not a test; needs Translate Toolkit (``pip install translate-toolkit mistletoe``, not a
dependency of l10n). The files are the examples (``examples/page.html``,
``examples/post.md``) with their article body repeated to ``--mb`` megabytes, each copy
with its own numbers and heading (so messages differ as in a real archive). Each step
is a new process (start-up included): wall time and peak memory (the child's maximum
RSS). Extract writes a template; build gets a catalog where every message is translated
(a pseudo-translation keeping the placeholders) and writes the translated article.
A tool that runs past ``--timeout`` seconds is stopped and reported as such.

Usage::

    python benchmarks/bench_formats.py [--mb 5] [--small-mb 0.25] [--timeout 300]

Measured with ``--small-mb 1 --mb 5 --timeout 240`` on this 2-core machine, shared with
other jobs (so wall times vary by up to 2x between runs), translate-toolkit 3.20.4,
2 December 2026 (seconds wall, peak MiB):

=================  ========  ==================  ==================  ==================
file               messages  l10n extract        l10n build          TTK to / from PO
=================  ========  ==================  ==================  ==================
HTML 1 MB          1,055     6.1 s, 78 MiB       12.9 s, 88 MiB      71 s / 100 s
HTML 5 MB          5,135     75.7 s, 288 MiB     44.4 s, 309 MiB     html2po stopped
                                                                     at 240 s (earlier:
                                                                     still running
                                                                     after 22 min)
Markdown 1 MB      1,461     14.0 s, 129 MiB     13.7 s, 136 MiB     13 s / 26 s
Markdown 5 MB      7,181     63.6 s, 534 MiB     66.1 s, 564 MiB     76 s, 268 MiB /
                                                                     49 s, 577 MiB
=================  ========  ==================  ==================  ==================

l10n grows close to linearly with the file: in one process, building the document (parse
and segmentation) takes 3.5 s of CPU for 1 MB of HTML and 21 s for 5 MB, the parse
alone 1.4 s and 7.9 s with the garbage collector off (its share is what grows); the
5 MB extract above ran beside the test suite. html2po grows about quadratically
(2.5 s at 0.25 MB, 71 s at 1 MB). md2po/po2md and l10n are on a par on Markdown (l10n's
extract holds twice md2po's memory: a piece object per word and mark), where
a third of l10n's time is markdown-it-py's parse and most of the rest finding its
tokens again in the source (what keeps every byte outside a translated sentence).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import polib

from l10n.formats import tokens

BIN = Path(sys.executable).parent


def big_html(size: int) -> str:
    page = (ROOT / "examples" / "page.html").read_text(encoding="utf-8")
    head, rest = page.split("<article>", 1)
    article, tail = rest.split("</article>", 1)
    parts, total, number = [head, "<article>"], 0, 0
    while total < size:
        number += 1
        copy = article.replace("46", str(number + 100)).replace("<h1>", f"<h1>Update {number}: ")
        parts.append(copy)
        total += len(copy.encode())
    return "".join([*parts, "</article>", tail])


def big_markdown(size: int) -> str:
    post = (ROOT / "examples" / "post.md").read_text(encoding="utf-8")
    end = post.index("\n---\n", 4) + 5
    parts, total, number = [post[:end]], 0, 0
    while total < size:
        number += 1
        copy = post[end:].replace("46", str(number + 100))
        copy = copy.replace("# Kyiv", f"# Update {number}: Kyiv") + "\n"
        parts.append(copy)
        total += len(copy.encode())
    return "".join(parts)


def pseudo(message: str) -> str:
    """A translation of every word that keeps the placeholders (l10n's and TTK's)."""
    out, position = [], 0
    for token in tokens(message):
        out.append(message[position : token.start].upper())
        out.append(message[token.start : token.end])
        position = token.end
    out.append(message[position:].upper())
    return re.sub(r"(\{[^}]*\}|<[^>]*>)", lambda m: m.group(0).lower(), "".join(out))


def translated(template: Path, catalog: Path) -> None:
    pot = polib.pofile(str(template))
    pot.metadata["Language"] = "uk"
    for entry in pot:
        entry.msgstr = pseudo(entry.msgid)
        entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
    catalog.parent.mkdir(parents=True, exist_ok=True)
    pot.save(str(catalog))


def timed(command: list[str], cwd: Path, timeout: float) -> tuple[float | None, float]:
    """Wall seconds (None: stopped at the timeout) and peak RSS in MiB of a command."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL)
    deadline = start + timeout
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            process.kill()
            pid, status, usage = os.wait4(process.pid, 0)
            return None, usage.ru_maxrss / 1024
        time.sleep(0.05)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}")
    return time.perf_counter() - start, usage.ru_maxrss / 1024


def l10n_steps(work: Path, name: str, timeout: float) -> list[tuple[float | None, float]]:
    l10n = str(BIN / "l10n")
    extract = timed([l10n, "extract", name, "-d", "big"], work, timeout)
    translated(work / "locales" / "big.pot", work / "locales/uk/LC_MESSAGES/big.po")
    build = timed([l10n, "build", "-l", "uk", "-d", "big", name], work, timeout)
    assert (work / "out" / "uk" / name).exists()
    return [extract, build]


def ttk_steps(work: Path, name: str, timeout: float) -> list[tuple[float | None, float]]:
    to_po, from_po = ("html2po", "po2html") if name.endswith(".html") else ("md2po", "po2md")
    extract = timed([str(BIN / to_po), name, "ttk.pot"], work, timeout)
    if extract[0] is None:
        return [extract, (None, 0.0)]
    translated(work / "ttk.pot", work / "ttk-uk.po")
    build = timed([str(BIN / from_po), "-t", name, "ttk-uk.po", "ttk-out" + name], work, timeout)
    return [extract, build]


def show(result: tuple[float | None, float]) -> str:
    seconds, memory = result
    return f"{'stopped' if seconds is None else f'{seconds:.1f} s'}, {memory:.0f} MiB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=5.0)
    parser.add_argument("--small-mb", type=float, default=0.25)
    parser.add_argument("--timeout", type=float, default=300.0)
    args = parser.parse_args()
    for tool in ("html2po", "md2po"):
        if not (BIN / tool).exists():
            raise SystemExit(f"{tool} not found: pip install translate-toolkit mistletoe")
    for megabytes in (args.small_mb, args.mb):
        size = int(megabytes * 1_000_000)
        for name, make in (("big.html", big_html), ("big.md", big_markdown)):
            with tempfile.TemporaryDirectory(prefix="l10n-bench-") as folder:
                work = Path(folder)
                (work / name).write_text(make(size), encoding="utf-8")
                ours = l10n_steps(work, name, args.timeout)
                theirs = ttk_steps(work, name, args.timeout)
                messages = len(polib.pofile(str(work / "locales" / "big.pot")))
                print(
                    f"{name} {megabytes:g} MB ({messages} messages): "
                    f"l10n extract {show(ours[0])}, build {show(ours[1])} | "
                    f"TTK extract {show(theirs[0])}, build {show(theirs[1])}",
                    flush=True,
                )
                shutil.rmtree(work / "locales", ignore_errors=True)


if __name__ == "__main__":
    main()
