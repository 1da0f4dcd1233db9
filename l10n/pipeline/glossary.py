"""The project's glossary, loaded for the jobs that use it (run, translate, check, report)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..config import Project

if TYPE_CHECKING:
    from ..glossary import Glossary

__all__ = ["project_glossary"]


def project_glossary(project: Project) -> Glossary | None:
    """The glossary ``[glossary] file`` names, or None; ConfigError (file:line) when the
    file is missing or malformed."""
    path = project.glossary.file
    if path is None:
        return None
    from ..glossary import load_glossary

    return load_glossary(path, source_lang=project.source_lang, shown=project.relative(path))
