"""Sound keys for comparing names across scripts: Zelenskyy ~ Зеленського, Keir ~ Кіром.

:func:`latin` spells Cyrillic (Ukrainian, Russian, Belarusian, Bulgarian, Serbian,
Macedonian letters) in Latin letters; :func:`skeleton` reduces a Latin spelling to its
consonant classes (g/h, c/k/q, s/z, v/w, ch, sh, zh, dzh), vowels dropped and repeats
collapsed, so that English spellings of names and their transliterations meet:
``skeleton("Zelenskyy") == skeleton(latin("Зеленський")) == "slnsk"``. Inflection adds
consonants at the end (Стармером), so callers compare keys by prefix.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["latin", "skeleton"]

_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ye",
    "ж": "zh", "з": "z", "и": "y", "і": "i", "ї": "yi", "й": "y", "к": "k", "л": "l",
    "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": "yu",
    "я": "ya", "ё": "yo", "ы": "y", "э": "e", "ъ": "", "ў": "u", "ђ": "dj", "ј": "y",
    "љ": "ly", "њ": "ny", "ћ": "ch", "џ": "dzh", "ѓ": "g", "ќ": "k", "ѕ": "dz",
}  # fmt: skip
_APOSTROPHES = "’'ʼ`´"

# Spellings to classes, longest first; upper-case letters are single-sound classes.
# Those with "c" go before the soft c and the hard c are told apart.
_C_SPELLINGS = (("shch", "SC"), ("tsch", "C"), ("sch", "S"), ("tch", "C"), ("ch", "C"), ("ck", "k"))
_SPELLINGS = (
    ("dzh", "J"), ("sh", "S"), ("zh", "Z"), ("kh", "h"), ("ph", "f"), ("th", "t"), ("gh", "h"),
    ("qu", "kv"), ("x", "ks"), ("j", "J"), ("w", "v"), ("q", "k"), ("g", "h"), ("z", "s"),
)  # fmt: skip
_SILENT_W = re.compile(r"w(?![aeiouy])")  # "ow", "aw" at a syllable's end: a vowel
_SOFT_C = re.compile(r"c(?=[eiy])")
_VOWELS = re.compile(r"[aeiouy]+")


def latin(word: str) -> str:
    """``word`` in lower-case Latin letters: Cyrillic transliterated, accents dropped."""
    lowered = word.lower()
    spelled = "".join(_CYRILLIC.get(char, char) for char in lowered if char not in _APOSTROPHES)
    decomposed = unicodedata.normalize("NFKD", spelled)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def skeleton(word: str) -> str:
    """The consonant classes of ``word`` (any script), repeats collapsed."""
    text = re.sub(r"[^a-z]", "", latin(word))
    for spelling, sound in _C_SPELLINGS:
        text = text.replace(spelling, sound)
    text = _SOFT_C.sub("s", text).replace("c", "k")
    text = _SILENT_W.sub("u", text)
    for spelling, sound in _SPELLINGS:
        text = text.replace(spelling, sound)
    text = _VOWELS.sub("", text)
    return re.sub(r"(.)\1+", r"\1", text)
