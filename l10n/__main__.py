"""``python -m l10n``: the same as the ``l10n`` console script."""

from l10n.cli import main

if __name__ == "__main__":
    main()
