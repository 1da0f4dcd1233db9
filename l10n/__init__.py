"""l10n: offline translation and localization toolkit.

Segment an article into sentences, keep gettext catalogs in step with it, fill them
with offline machine translation (Argos Translate packages run by CTranslate2), review,
and build the translated article. Importing this package is cheap and has no side
effects: heavy dependencies load on first use.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
