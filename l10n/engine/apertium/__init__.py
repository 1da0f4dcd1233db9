"""Apertium: rule-based machine translation from the distribution's packages, offline.

:class:`ApertiumEngine` (``--engine apertium``) runs installed Apertium pairs
(``apt-get install apertium apertium-eng-spa``) as subprocesses: :mod:`.modes` finds the
pairs and maps their codes, :mod:`.process` runs a pair's pipeline, :mod:`.stream`
writes texts into Apertium's stream format and reads translations back. Apertium is an
optional system dependency: without it the engine reports every pair missing, with the
``apt-get`` command that installs it.
"""

from __future__ import annotations

from .engine import ApertiumEngine

__all__ = ["ApertiumEngine"]
