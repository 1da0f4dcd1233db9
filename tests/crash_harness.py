"""Run the real ``l10n`` CLI with one more engine, ``slow``: the fake engine with a delay
per sentence (``L10N_TEST_DELAY`` seconds), so that a test's ``kill -9`` lands mid-work.

Usage: ``python -m tests.crash_harness translate --engine slow -l uk``
"""

from __future__ import annotations

import os
import sys

from l10n import engine
from l10n.engine.base import EngineSettings
from l10n.engine.fake import FakeEngine


def _slow(settings: EngineSettings) -> FakeEngine:
    return FakeEngine(settings=settings, delay=float(os.environ.get("L10N_TEST_DELAY", "0.002")))


engine._REGISTRY["slow"] = _slow  # the registry is explicit; tests may add to it

if __name__ == "__main__":
    from l10n.cli import main

    main(sys.argv[1:])
