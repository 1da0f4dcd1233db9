"""Benchmark: what the bounds on model installs cost, on a realistic package.

Not a test. Builds (once, cached in the temp folder) a transformer-base sized Argos
package from seeded random weights (6+6 layers, d_model 512, ffn 2048, saved float32:
a ~180 MB model.bin, inside the 100-600 MB of Argos's packages), zipped as Argos ships
them. Then it measures, in the same run, each side the median of ``--repeat`` runs (the
sides taking turns, so that a load that drifts weighs on both alike):

* unpacking: ``zipfile.ZipFile.extractall`` (no checks at all: the baseline) against
  ``l10n.engine.archive.unpack_package`` (member checks, the size and ratio bounds from
  the headers, every member's bytes counted while writing);
* the whole ``install_from_file`` (archive SHA-256, metadata read from the zip, unpack,
  model SHA-256 for the install record, rename into place), for scale;
* downloading the archive from 127.0.0.1: ``urllib.request.urlopen(...).read()`` in
  chunks with a SHA-256 as the bytes arrive (the baseline) against
  ``l10n.engine.download.download`` (the same, plus address checks, a deadline on every
  socket read and the size limit).

Usage::

    python benchmarks/bench_install.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import statistics
import sys
import tempfile
import time
import urllib.request
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CACHE = Path(tempfile.gettempdir()) / "l10n-bench-cache"
KEY = "install-base-6x6-512-2048-float32-seed7"


def package() -> Path:
    """The cached ``.argosmodel`` (built on first use)."""
    from tests.argos_factory import BASE, PackageSpec, build_package, zip_folder

    archive = CACHE / f"{KEY}.argosmodel"
    if archive.exists():
        return archive
    CACHE.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="l10n-bench-", dir=CACHE))
    try:
        spec = PackageSpec("en", "uk", version="1.9", seed=7, shape=BASE)
        folder = build_package(spec, work)
        zip_folder(folder, work / "p.argosmodel").rename(archive)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return archive


def interleaved(
    runs: dict[str, Callable[[], None]], *, repeat: int, reset: Callable[[], None]
) -> dict[str, float]:
    """The median seconds of each run, the runs taking turns (the machine's load drifts)."""
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(repeat):
        for name, run in runs.items():
            reset()
            start = time.perf_counter()
            run()
            times[name].append(time.perf_counter() - start)
    reset()
    return {name: statistics.median(values) for name, values in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from l10n.engine.archive import unpack_package
    from l10n.engine.download import download
    from l10n.engine.install import install_from_file
    from tests.argos_factory import serve

    archive = package()
    with zipfile.ZipFile(archive) as opened:
        unpacked = sum(info.file_size for info in opened.infolist())
    size = archive.stat().st_size
    print(f"package: {size / 1e6:.0f} MB archive, {unpacked / 1e6:.0f} MB unpacked")
    work = Path(tempfile.mkdtemp(prefix="l10n-bench-install-"))
    dest = work / "dest"

    def reset() -> None:
        shutil.rmtree(dest, ignore_errors=True)

    def extractall() -> None:
        with zipfile.ZipFile(archive) as opened:
            opened.extractall(dest)

    def bounded() -> None:
        with open(archive, "rb") as stream:
            unpack_package(stream, dest, where=str(archive), max_bytes=2 << 30)

    def install() -> None:
        install_from_file(archive, packages_dir=dest / "packages", cache_dir=dest / "cache")


    rows = list(
        interleaved(
            {
                "unpack: zipfile extractall (baseline)": extractall,
                "unpack: l10n unpack_package (bounded)": bounded,
                "install_from_file (everything)": install,
            },
            repeat=args.repeat,
            reset=reset,
        ).items()
    )
    data = archive.read_bytes()
    with serve({"/p.argosmodel": data}) as server:
        url = server.url("/p.argosmodel")

        def plain() -> None:
            digest = hashlib.sha256()
            with urllib.request.urlopen(url, timeout=30) as response, open(dest, "wb") as sink:
                while chunk := response.read(1 << 18):
                    digest.update(chunk)
                    sink.write(chunk)

        def guarded() -> None:
            with open(dest, "w+b") as sink:
                download([url], sink, offline=False, timeout=30, max_bytes=2 << 30)

        def unlink() -> None:
            dest.unlink(missing_ok=True)

        rows += interleaved(
            {"download: urllib + SHA-256 (baseline)": plain, "download: l10n (bounded)": guarded},
            repeat=args.repeat,
            reset=unlink,
        ).items()
    shutil.rmtree(work, ignore_errors=True)
    for name, seconds in rows:
        print(f"{name:42} {seconds:6.2f} s  {size / seconds / 1e6:7.0f} MB/s of archive")
    print(f"unpack bounds cost: {rows[1][1] / rows[0][1]:.2f}x the baseline")
    print(f"download bounds cost: {rows[4][1] / rows[3][1]:.2f}x the baseline")


if __name__ == "__main__":
    main()
