"""Benchmark: l10n's batched Argos engine against argostranslate sentence by sentence.

Not a test. Builds (once, cached in the temp folder) a transformer-base sized Argos
package from seeded random weights: 6+6 layers, d_model 512, ffn 2048, 8 heads, a
SentencePiece vocabulary of about 8,000 pieces, saved int8 like Argos's packages, with
``</s>`` wired to end every beam after about 40 tokens (see ``end_after_a_while``). Then,
for the example article's sentences and a 200-sentence text, it measures in the same
run, each side in its own child process (so peak memory is its own):

* l10n: ``ArgosEngine.translate_batch`` over all sentences at once;
* argostranslate: its own per-segment path, ``argostranslate.translate.
  apply_packaged_translation`` called once per sentence with the same package,
  translator options, beam size, compute type and decoding length bound.
  ``argostranslate.translate.translate()`` itself cannot run offline (MiniSBD downloads
  an ONNX model at first use), so the baseline passes a sentencizer that returns the
  sentence it is given: exactly the work Argos does per segment once split.

To show what the hardware allows, it also times CTranslate2 alone, without l10n or
Argos around it: one ``translate_batch`` per sentence (all cores on each) against the
whole text in length-sorted chunks of 16 run by one worker per core, every sentence with
the longest sentence's decoding bound. That ratio is the most any client of CTranslate2
gains from batching on this machine; on 2 cores it is about 4x.

Prints sentences per second (median of 3 after a warm-up), the ratio, peak RSS of each
child, and the start-up time of ``l10n --help``. Usage::

    python benchmarks/bench_translate.py [--repeat 3] [--beam-size 4] [--compute-type int8]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

T = TypeVar("T")
CACHE = Path(tempfile.gettempdir()) / "l10n-bench-cache"
PACKAGE_KEY = "base-6x6-512-2048-v8000-int8-seed42-ramp45"
EOS_RAMP = 0.45  # about 40 output tokens per sentence


# -- inputs ------------------------------------------------------------------------------


def article_sentences() -> list[str]:
    """The example article, one paragraph per line, split naively on '. '."""
    text = (ROOT / "examples" / "article.txt").read_text(encoding="utf-8")
    sentences = []
    for line in text.splitlines():
        for part in line.split(". "):
            part = part.strip()
            if part:
                sentences.append(part if part.endswith((".", "?", "!", "”", '"')) else part + ".")
    return sentences


def generated_sentences(count: int = 200, *, seed: int = 0) -> list[str]:
    """``count`` distinct sentences of 8 to 30 words drawn from the article's words."""
    words = re.findall(
        r"[A-Za-z’']+", (ROOT / "examples" / "article.txt").read_text(encoding="utf-8")
    )
    rng = random.Random(seed)
    out: set[str] = set()
    while len(out) < count:
        picked = rng.sample(words, rng.randint(8, 30))
        out.add(" ".join(picked).capitalize() + ".")
    return sorted(out, key=lambda s: rng.random())


# -- the package -------------------------------------------------------------------------


def training_text(*, seed: int = 1, words: int = 60_000) -> list[str]:
    """The article (weighted, so its words become whole pieces, about 1.3 pieces a word
    as with real Argos vocabularies) plus pseudo-words to fill 8,000 pieces."""
    rng = random.Random(seed)
    syllables = [c + v for c in "bcdfghklmnprstvzj" for v in "aeiouy"]
    lexicon = ["".join(rng.choices(syllables, k=rng.randint(1, 4))) for _ in range(20_000)]
    lines = (ROOT / "examples" / "article.txt").read_text(encoding="utf-8").splitlines() * 40
    for _ in range(words // 15):
        lines.append(" ".join(rng.choices(lexicon, k=15)))
    return lines


def end_after_a_while(spec: Any, *, slope: float = EOS_RAMP, dim: int = -1) -> None:
    """Make every beam end after about 40 tokens, as a trained model's beams do.

    Random weights alone loop forever in three beams of four, so every sentence would
    decode to the length cap and the benchmark would time the cap. Here one decoder
    dimension carries a position ramp that no layer writes into, and the ``</s>`` logit
    reads only that dimension, so ``</s>`` wins after about ``1.8 / slope`` steps.
    """
    import numpy as np

    decoder = spec.decoder
    width = decoder.embeddings.weight.shape[1]
    positions = np.arange(1024)[:, None]
    angles = positions / np.power(10000, 2 * np.arange(width // 2)[None, :] / width)
    table = np.concatenate([np.sin(angles), np.cos(angles)], axis=1).astype(np.float32)
    table[:, dim] = positions[:, 0] * slope
    decoder.position_encodings.encodings = table
    decoder.embeddings.weight[:, dim] = 0
    for layer in decoder.layer:
        for linear in (
            layer.self_attention.linear[1],
            layer.attention.linear[2],
            layer.ffn.linear_1,
        ):
            linear.weight[dim, :] = 0
            linear.bias[dim] = 0
    decoder.layer_norm.gamma[dim], decoder.layer_norm.beta[dim] = 1.0, 0.0
    decoder.projection.weight[2, :] = 0  # "</s>"
    decoder.projection.weight[2, dim] = 4.0
    decoder.projection.bias[2] = 0.0


def build_base_package() -> Path:
    """The cached transformer-base package folder (built on first use)."""
    from tests.argos_factory import (
        BASE,
        PackageSpec,
        build_model,
        sentencepiece_vocabulary,
        train_sentencepiece,
    )

    folder = CACHE / PACKAGE_KEY / "packages" / "translate-en_uk-1_0"
    if (folder / "metadata.json").is_file():
        return folder
    started = time.perf_counter()
    staging = CACHE / f"{PACKAGE_KEY}.tmp"
    if staging.exists():
        import shutil

        shutil.rmtree(staging)
    target = staging / "packages" / folder.name
    target.mkdir(parents=True)
    model = train_sentencepiece(training_text(), vocab_size=8000)
    (target / "sentencepiece.model").write_bytes(model)
    vocabulary = sentencepiece_vocabulary(model)
    build_model(
        vocabulary,
        target / "model",
        seed=42,
        shape=BASE,
        quantization="int8",
        tweak=end_after_a_while,
    )
    spec = PackageSpec("en", "uk", version="1.0")
    from tests.argos_factory import _metadata

    (target / "metadata.json").write_text(json.dumps(_metadata(spec)), encoding="utf-8")
    (CACHE / PACKAGE_KEY).parent.mkdir(parents=True, exist_ok=True)
    staging.rename(CACHE / PACKAGE_KEY)
    print(
        f"built transformer-base package ({len(vocabulary)} pieces) in "
        f"{time.perf_counter() - started:.1f} s: {folder}",
        file=sys.stderr,
    )
    return folder


# -- workers (child processes) -----------------------------------------------------------


def timed(job: Callable[[], T], options: dict[str, Any]) -> tuple[list[float], T]:
    """Wall times of ``options["repeat"]`` runs of ``job`` (warmed up by the caller), and
    what the last run returned."""
    times = []
    for _ in range(options["repeat"]):
        started = time.perf_counter()
        result = job()
        times.append(time.perf_counter() - started)
    return times, result


def work_l10n(options: dict[str, Any]) -> dict[str, Any]:
    from l10n.engine import EngineSettings
    from l10n.engine.argos import ArgosEngine

    settings = EngineSettings(
        beam_size=options["beam_size"],
        compute_type=options["compute_type"],
        threads=options["threads"],
        max_batch_tokens=options["max_batch_tokens"],
        packages_dir=Path(options["package"]).parent,
    )
    engine = ArgosEngine(settings)
    texts = options["texts"]
    engine.translate_batch(texts[:2], source="en", target="uk")  # warm-up: loads the model
    times, outputs = timed(lambda: engine.translate_batch(texts, source="en", target="uk"), options)
    return {"times": times, "outputs": [item.text for item in outputs]}


def work_argos(options: dict[str, Any]) -> dict[str, Any]:
    home = Path(tempfile.mkdtemp(prefix="l10n-bench-argos-home-"))
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        os.environ[name] = str(home / name.lower())
    os.environ["ARGOS_PACKAGES_DIR"] = str(Path(options["package"]).parent)
    os.environ["ARGOS_BEAM_SIZE"] = str(options["beam_size"])
    os.environ["ARGOS_COMPUTE_TYPE"] = options["compute_type"]
    os.environ["ARGOS_INTRA_THREADS"] = str(options["argos_threads"])

    import ctranslate2
    from argostranslate import package, translate

    from l10n.engine.guard import decoding_bound

    pkg = package.Package(Path(options["package"]))
    real = ctranslate2.Translator(
        str(Path(options["package"]) / "model"),
        device="cpu",
        compute_type=options["compute_type"],
        inter_threads=1,
        intra_threads=options["argos_threads"],
    )

    class SameBound:
        """Argos's translator, with l10n's decoding-length bound added to each call."""

        def translate_batch(self, source: list[list[str]], **kwargs: Any) -> Any:
            bound = decoding_bound(max(len(tokens) for tokens in source))
            return real.translate_batch(
                source, max_decoding_length=bound, max_input_length=0, **kwargs
            )

    class OneSentence:
        def split_sentences(self, text: str) -> list[str]:
            return [text]

    def run(text: str) -> str:
        hypotheses = translate.apply_packaged_translation(pkg, text, SameBound(), OneSentence(), 1)
        return str(hypotheses[0].value)

    texts = options["texts"]
    for text in texts[:2]:
        run(text)
    times, outputs = timed(lambda: [run(text) for text in texts], options)
    return {"times": times, "outputs": outputs}


def work_ct2(options: dict[str, Any]) -> dict[str, Any]:
    """CTranslate2 alone: each sentence in its own call, or everything batched."""
    import ctranslate2
    import sentencepiece

    from l10n.engine.guard import decoding_bound

    package = Path(options["package"])
    pieces = sentencepiece.SentencePieceProcessor(model_file=str(package / "sentencepiece.model"))
    tokens = sorted((pieces.encode(text, out_type=str) for text in options["texts"]), key=len)
    batched = options["mode"] == "batched"
    cores = os.cpu_count() or 1
    translator = ctranslate2.Translator(
        str(package / "model"),
        device="cpu",
        compute_type=options["compute_type"],
        inter_threads=cores if batched else 1,
        intra_threads=1 if batched else 0,
    )
    common = {"beam_size": options["beam_size"], "max_input_length": 0}
    bound = decoding_bound(len(tokens[-1]))

    def run() -> None:
        if batched:
            futures = [
                future
                for start in range(0, len(tokens), 16)
                for future in translator.translate_batch(
                    tokens[start : start + 16],
                    max_decoding_length=bound,
                    asynchronous=True,
                    **common,
                )
            ]
            for future in futures:
                future.result()
        else:
            for sentence in tokens:
                translator.translate_batch(
                    [sentence], max_decoding_length=decoding_bound(len(sentence)), **common
                )

    translator.translate_batch(tokens[:2], max_decoding_length=bound, **common)
    times, _ = timed(run, options)
    return {"times": times}


def work_build(options: dict[str, Any]) -> dict[str, Any]:
    return {"package": str(build_base_package())}


def worker_main(kind: str) -> None:
    options = json.loads(sys.stdin.read())
    workers = {"l10n": work_l10n, "argos": work_argos, "ct2": work_ct2, "build": work_build}
    result = workers[kind](options)
    result["max_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


def run_worker(kind: str, options: dict[str, Any]) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, __file__, "--worker", kind],
        input=json.dumps(options),
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"{kind} worker failed:\n{done.stderr}")
    return dict(json.loads(done.stdout.splitlines()[-1]))


# -- report ------------------------------------------------------------------------------


def startup_ms(command: list[str], *, repeat: int = 7) -> float:
    """Median wall time of ``command`` in ms, bytecode caches allowed (as for users)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(command, capture_output=True, check=True, cwd=ROOT, env=env)
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True, cwd=ROOT, env=env)
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def report_startup() -> None:
    script = Path(sys.executable).parent / "l10n"
    bare = startup_ms([sys.executable, "-c", "pass"])
    engine = startup_ms([sys.executable, "-c", "import l10n.engine"])
    print(
        f"\nstart-up, median of 7: python alone {bare:.0f} ms, import l10n.engine {engine:.0f} ms",
        end="",
    )
    if script.exists() or (ROOT / "l10n" / "cli").exists() or (ROOT / "l10n" / "cli.py").exists():
        command = [str(script)] if script.exists() else [sys.executable, "-m", "l10n.cli"]
        print(f", l10n --help {startup_ms([*command, '--help']):.0f} ms")
    else:
        print()


def bench(
    name: str,
    texts: list[str],
    args: argparse.Namespace,
    package: Path,
    *,
    argos_threads: tuple[int, ...],
) -> None:
    options = {
        "texts": texts,
        "repeat": args.repeat,
        "beam_size": args.beam_size,
        "compute_type": args.compute_type,
        "threads": args.threads,
        "max_batch_tokens": args.max_batch_tokens,
        "package": str(package),
    }
    print(f"\n{name}: {len(texts)} sentences, median of {args.repeat}", flush=True)
    ours = run_worker("l10n", options)
    ours_rate = len(texts) / statistics.median(ours["times"])
    print(
        f"  l10n, one batched call                 {ours_rate:7.2f} sentences/s   peak RSS "
        f"{ours['max_rss_mib']:5.0f} MiB"
    )
    labels = {0: "Argos's default threads", 1: "1 thread"}
    for threads in argos_threads:
        label = labels.get(threads, f"{threads} threads")
        theirs = run_worker("argos", {**options, "argos_threads": threads})
        rate = len(texts) / statistics.median(theirs["times"])
        same = sum(a == b for a, b in zip(ours["outputs"], theirs["outputs"], strict=True))
        print(
            f"  argos per sentence, {label:<23} {rate:7.2f} sentences/s   peak RSS "
            f"{theirs['max_rss_mib']:5.0f} MiB   l10n is {ours_rate / rate:.2f}x   "
            f"same output {same}/{len(texts)}",
            flush=True,
        )
    single, batched = (
        len(texts) / statistics.median(run_worker("ct2", {**options, "mode": mode})["times"])
        for mode in ("single", "batched")
    )
    print(
        f"  ceiling: CTranslate2 alone, batched   {batched:7.2f} sentences/s, one call per "
        f"sentence {single:.2f}: batching gains {batched / single:.2f}x on this machine",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--worker", choices=["l10n", "argos", "ct2", "build"])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--beam-size", type=int, default=4)
    parser.add_argument("--compute-type", default="int8")
    parser.add_argument("--threads", type=int, default=0)
    parser.add_argument("--max-batch-tokens", type=int, default=1024)
    parser.add_argument("--only", choices=["article", "generated"])
    args = parser.parse_args()
    if args.worker:
        worker_main(args.worker)
        return
    package = Path(run_worker("build", {})["package"])  # a child: keeps our peak RSS small
    print(
        f"package: {package} (6+6 layers, d_model 512, ffn 2048, int8 weights); "
        f"beam {args.beam_size}, compute {args.compute_type}, cpus {os.cpu_count()}"
    )
    if args.only != "generated":
        bench("example article", article_sentences(), args, package, argos_threads=(0, 1))
    if args.only != "article":
        bench("generated text", generated_sentences(200), args, package, argos_threads=(0,))
    report_startup()


if __name__ == "__main__":
    main()
