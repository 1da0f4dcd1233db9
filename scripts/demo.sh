#!/usr/bin/env bash
# The demo (`make demo`): the example article in Ukrainian from its reviewed catalog, and in
# Spanish by real machine translation (Apertium's English-Spanish pair), scored against
# the hand-made Spanish reference.
#
# Apertium comes from the distribution: when it is missing and this runs as root with
# apt-get, the demo installs `apertium apertium-eng-spa` (about 16 MB) and says so first;
# APT=no forbids that. Elsewhere it says what to install and shows the Ukrainian part only.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.venv/bin}
APT=${APT:-yes}
PACKAGES=(apertium apertium-eng-spa)

echo "== Ukrainian: the reviewed catalog (locales/uk) =="
"$BIN/l10n" run examples/article.txt -l uk
echo

have_pair() {
  command -v apertium-wblank-mode >/dev/null 2>&1 \
    && [ -f "${APERTIUM_DATADIR:-/usr/share/apertium}/modes/eng-spa.mode" ]
}

if ! have_pair && [ "$APT" != no ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "installing Apertium to translate into Spanish: apt-get install ${PACKAGES[*]}" \
       "(about 16 MB; APT=no skips this)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq "${PACKAGES[@]}" >/dev/null 2>&1 \
    || { apt-get update -qq >/dev/null && apt-get install -y -qq "${PACKAGES[@]}" >/dev/null; } \
    || echo "could not install ${PACKAGES[*]}"
  echo
fi

if ! have_pair; then
  echo "== Spanish: skipped, Apertium's English-Spanish pair is not installed =="
  echo "To see real machine translation, install it and run make demo again:"
  echo "  sudo apt-get install ${PACKAGES[*]}     (Debian, Ubuntu)"
  echo "or install an Argos package: .venv/bin/l10n models install en es"
  exit 0
fi

echo "== Spanish: machine translation by Apertium (drafts published for the demo) =="
# The Spanish catalog goes under out/ (generated, ignored by git), not into locales/.
"$BIN/l10n" run examples/article.txt -l es --engine apertium --use-fuzzy --locales out/locales \
  --glossary examples/glossary.csv
echo
"$BIN/l10n" eval -l es --locales out/locales --ref examples/reference/es/article.po
echo
echo "The first lines of out/es/article.txt:"
head -n 3 out/es/article.txt
