"""Every Hypothesis property holds on a machine 10x faster or slower.

The ``l10n`` profile (tests/conftest.py, loaded for every test) has no deadline and does
not fail a property whose examples are slow to generate; a test's own ``@settings`` may
change other things (``max_examples``, other health checks) but not these two.
"""

from __future__ import annotations

import importlib
import inspect
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, is_hypothesis_test, settings

TESTS = Path(__file__).resolve().parent


def _properties() -> list[tuple[str, Any]]:
    found = []
    for path in sorted(TESTS.glob("test_*.py")):
        module = importlib.import_module(f"tests.{path.stem}")
        for name, value in vars(module).items():
            members = vars(value).items() if inspect.isclass(value) else [(name, value)]
            found += [
                (f"{path.stem}.{key}", test) for key, test in members if is_hypothesis_test(test)
            ]
    return found


def test_the_default_profile_has_no_deadline() -> None:
    assert settings.default is not None
    assert settings.default.deadline is None
    assert HealthCheck.too_slow in settings.default.suppress_health_check


def test_every_property_runs_without_a_deadline() -> None:
    properties = _properties()
    assert len(properties) >= 30, len(properties)
    for name, test in properties:
        # Hypothesis keeps a test's effective settings (its own over the profile) here.
        effective = getattr(test, "_hypothesis_internal_use_settings", settings.default)
        assert effective.deadline is None, name
        assert HealthCheck.too_slow in effective.suppress_health_check, name
