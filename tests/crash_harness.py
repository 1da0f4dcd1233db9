"""Run the real ``l10n`` CLI with one more engine, ``slow``: the fake engine with a delay
per sentence (``L10N_TEST_DELAY`` seconds), so that a test's ``kill -9`` lands mid-work.

With ``L10N_TEST_STARTED_FD=N`` (a pipe's write end the process inherited), the process
writes one byte to N, then closes it, when the command starts its work: the first time it
parses a catalog or template, once Python has started, the imports are done and the
options are read. A test waits for that byte, then kills at a random moment of the work,
however long starting took on the machine. The pipe closes without the byte if the
command ends before any work.

Usage: ``python -m tests.crash_harness translate --engine slow -l uk``
"""

from __future__ import annotations

import os
import sys
from typing import Any

from l10n import engine, po
from l10n.engine.base import EngineSettings
from l10n.engine.fake import FakeEngine
from l10n.po import catalog

STARTED = b"!"


def _slow(settings: EngineSettings) -> FakeEngine:
    return FakeEngine(settings=settings, delay=float(os.environ.get("L10N_TEST_DELAY", "0.002")))


def _signal_start(fd: int) -> None:
    """Write ``STARTED`` to ``fd`` on the first ``parse_catalog`` call (every command's
    first look at a catalog goes through it: ``load_catalog`` and review's loader)."""
    parse = catalog.parse_catalog
    waiting = [fd]

    def parse_catalog(*args: Any, **kwargs: Any) -> catalog.Catalog:
        if waiting:
            os.write(waiting[0], STARTED)
            os.close(waiting.pop())
        return parse(*args, **kwargs)

    catalog.parse_catalog = parse_catalog  # type: ignore[assignment]  (load_catalog's)
    po.parse_catalog = parse_catalog  # type: ignore[assignment]  (review's loader)


if __name__ == "__main__":  # not on import: a test importing STARTED must not add "slow"
    engine._REGISTRY["slow"] = _slow  # the registry is explicit; tests may add to it
    if "L10N_TEST_STARTED_FD" in os.environ:
        _signal_start(int(os.environ.pop("L10N_TEST_STARTED_FD")))

    from l10n.cli import main

    main(sys.argv[1:])
