"""Names: capitalised names of the source are in the translation (a warning).

Which words are names: capitalised words in the middle of a sentence, acronyms, and
sentence-initial words that the catalog uses as names elsewhere (``known_names``) or
that take a possessive (``Ukraine’s``). Not names: month and day names, and the common
words of multi-word names that translations render as words (``White House`` ->
``Білий дім``, ``North Korea`` -> ``Північна Корея``); consecutive capitalised words
form one name, present when any of its words is.

How a name is found in the translation: as written (``EPA``, ``Chatham House``); by
sound, comparing consonant skeletons by prefix so that inflected, transliterated forms
match (``Starmer`` ~ ``Стармером``, ``Kremlin`` ~ ``Кремль``); demonyms by their stem
(``Ukrainian`` ~ ``українськими``), also inside compounds (``North Korean`` ->
``північнокорейські``); and a small table of exonyms a transliteration cannot find
(``UK`` -> ``Велика Британія``, ``US`` -> ``США``, ``Hague`` -> ``Гаага``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..model import Issue
from .base import CheckContext, TextView, base_language, strip_codes
from .translit import latin, skeleton

__all__ = [
    "bare_word",
    "check_names",
    "is_common",
    "known_names",
    "name_words",
    "source_names",
]

_WORD = re.compile(r"[^\W\d_]+(?:[’'ʼ][^\W\d_]+)*")
_SENTENCE_END = re.compile(r"[.!?…]+[\"”’»)\]]*\s+")
_OPENING = "\"“‘«„([{–—-* \t\n"
_SUFFIX = re.compile(r"[’'ʼ](?:s|m|ll|re|ve|d|t)?$")

# Words that are capitalised as part of a name but translated as words.
STOPWORDS = frozenset(
    {
        "a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "by", "with",
        "from", "as", "i", "north", "south", "east", "west", "northern", "southern",
        "eastern", "western", "central", "upper", "lower", "great", "white", "house",
        "office", "castle", "street", "square", "palace", "hall", "tower", "bridge", "park",
        "garden", "gardens", "king", "queen", "prince", "princess", "president", "minister",
        "prime", "secretary", "general", "chancellor", "mayor", "governor", "senator",
        "ministry", "department", "council", "parliament", "assembly", "committee",
        "university", "college", "school", "hospital", "church", "cathedral", "museum",
        "library", "theatre", "theater", "river", "lake", "mount", "mountain", "mountains",
        "sea", "ocean", "island", "islands", "bay", "gulf", "valley", "republic", "kingdom",
        "united", "states", "union", "federation", "empire", "city", "state", "national",
        "international", "federal", "royal", "army", "navy", "force", "forces", "air",
        "security", "agency", "service", "news", "day", "war", "world", "cup", "party",
        "court", "supreme", "foreign", "affairs", "defence", "defense", "mr", "mrs", "ms",
        "dr", "sir", "lord", "lady", "saint", "st",
    }
)  # fmt: skip

# English names a transliteration cannot find, by target language: word stems.
EXONYMS: dict[str, dict[str, tuple[str, ...]]] = {
    "uk": {
        "uk": ("британ", "сполучене королівство", "сполученого королівства"),
        "us": ("сша", "америк", "сполучені штати", "сполучених штатів"),
        "usa": ("сша", "америк"),
        "eu": ("єс", "євросоюз", "європейськ"),
        "un": ("оон",),
        "hague": ("гааг", "гааз"),
        "europe": ("європ",),
        "european": ("європ",),
        "germany": ("німеччин",),
        "german": ("німец", "німеч"),
        "england": ("англ",),
        "english": ("англ",),
        "france": ("франц",),
        "poland": ("польщ", "польськ"),
        "hungary": ("угорщ", "угорськ"),
        "greece": ("греці", "грец"),
        "turkey": ("туреччин", "турец", "туреч"),
        "china": ("кита",),
        "chinese": ("кита",),
        "japan": ("япон",),
        "georgia": ("грузі", "грузин"),
        "belarus": ("білорус",),
        "crimea": ("крим",),
        "vatican": ("ватикан",),
        "brussels": ("брюссел",),
        "geneva": ("женев",),
        "vienna": ("відн", "відень"),
        "warsaw": ("варшав",),
        "rome": ("рим",),
        "jerusalem": ("єрусалим",),
    },
    "ru": {
        "uk": ("британ", "соединенное королевство", "соединённое королевство"),
        "us": ("сша", "америк", "соединенные штаты", "соединённые штаты"),
        "usa": ("сша", "америк"),
        "eu": ("ес", "евросоюз", "европейск"),
        "un": ("оон",),
        "hague": ("гааг",),
        "europe": ("европ",),
        "germany": ("германи",),
        "german": ("немец", "немц"),
        "england": ("англ",),
        "china": ("кита",),
        "japan": ("япон",),
        "georgia": ("грузи",),
        "kyiv": ("киев", "кийв"),
        "warsaw": ("варшав",),
        "vienna": ("вен",),
    },
}
_DEMONYM_ENDINGS = ("ians", "ian", "ans", "an", "ish", "ese", "i", "s")


@dataclass(frozen=True, slots=True)
class Name:
    """A name of the source as written, and the words worth looking for."""

    text: str
    words: tuple[str, ...]


@lru_cache(maxsize=1024)
def _runs(text: str) -> tuple[tuple[tuple[str, bool], ...], ...]:
    """Runs of capitalised words joined by single spaces, as ``(word, sentence_initial)``."""
    text = strip_codes(text)
    starts = {0, *(m.end() for m in _SENTENCE_END.finditer(text))}
    runs: list[list[tuple[str, bool]]] = []
    run: list[tuple[str, bool]] = []
    last_end = 0
    for match in _WORD.finditer(text):
        word = match.group(0)
        if run and (not word[0].isupper() or text[last_end : match.start()] != " "):
            runs.append(run)
            run = []
        if word[0].isupper():
            before = match.start()
            while before > 0 and text[before - 1] in _OPENING:
                before -= 1
            run.append((word, before in starts))
            last_end = match.end()
    if run:
        runs.append(run)
    return tuple(tuple(run) for run in runs)


def name_words(text: str) -> list[tuple[str, bool]]:
    """Capitalised words of ``text`` as ``(word, sentence_initial)``."""
    return [pair for run in _runs(text) for pair in run]


def bare_word(word: str) -> str:
    """``word`` without a possessive or contraction: ``Ukraine’s`` -> ``Ukraine``."""
    return _SUFFIX.sub("", word)


def is_common(word: str, calendar: frozenset[str]) -> bool:
    """Whether a capitalised ``word`` is a word, not a name: short, a stopword, a date."""
    lower = word.lower()
    return len(word) < 2 or lower in STOPWORDS or lower in calendar


def _counts(word: str, initial: bool, context: CheckContext) -> bool:
    """Whether ``word`` is a name worth looking for."""
    bare = bare_word(word)
    if is_common(bare, context.calendar_words):
        return False
    if not initial or bare.isupper():
        return True
    return bare in context.known_names or bare != word


def source_names(text: str, context: CheckContext) -> list[Name]:
    """The names of a source text; consecutive capitalised words make one name."""
    names = []
    for run in _runs(text):
        counted = [i for i, (w, initial) in enumerate(run) if _counts(w, initial, context)]
        if counted:
            shown = " ".join(w for w, _ in run[counted[0] : counted[-1] + 1])
            names.append(Name(shown, tuple(bare_word(run[i][0]) for i in counted)))
    return names


def known_names(sources: list[str], calendar: frozenset[str]) -> frozenset[str]:
    """Capitalised words the sources use mid-sentence: names even at a sentence start."""
    known = set()
    for text in sources:
        for word, initial in name_words(text):
            bare = bare_word(word)
            if not initial and not is_common(bare, calendar):
                known.add(bare)
    return frozenset(known)


@lru_cache(maxsize=4096)
def _keys(word: str) -> tuple[str, str]:
    return latin(word), skeleton(word)


def _stems(word: str) -> list[str]:
    lower = word.lower()
    stems = [word]
    for ending in _DEMONYM_ENDINGS:
        if lower.endswith(ending) and len(lower) - len(ending) >= 4:
            stems.append(word[: -len(ending)])
    return stems


def _translation_words(translation: str) -> list[str]:
    words = []
    for word in _WORD.findall(translation):
        words.append(word)
        lower = word.lower()
        if len(lower) >= 8:  # compounds: північно|корейські
            words += [word[i + 1 :] for i, c in enumerate(lower[:-4]) if c in "ое" and i >= 3]
    return words


def _matches(name: str, word: str) -> bool:
    name_latin, name_skeleton = _keys(name)
    word_latin, word_skeleton = _keys(word)
    if name.isupper() and len(name) <= 5:
        return word_latin == name_latin
    if word_latin.startswith(name_latin) and len(name_latin) >= 4:
        return True
    if len(name_skeleton) < 2:
        return word_latin.startswith(name_latin[:-1]) and len(name_latin) >= 3
    if word_skeleton.startswith(name_skeleton):
        return True
    return len(name_skeleton) >= 4 and word_skeleton.startswith(name_skeleton[:-1])


def _present(word: str, translation: str, words: list[str], lang: str) -> bool:
    lowered = translation.lower()
    if word in translation:
        return True
    stems = EXONYMS.get(lang, {}).get(word.lower(), ())
    if any(stem in lowered for stem in stems if " " in stem) or any(
        w.lower().startswith(stem) for stem in stems for w in words
    ):
        return True
    return any(_matches(stem, w) for stem in _stems(word) for w in words)


def check_names(view: TextView, context: CheckContext) -> list[Issue]:
    if not any(char.isupper() for char in view.source):
        return []
    names = source_names(view.source, context)
    if not names:
        return []
    words = _translation_words(view.translation)
    lang = base_language(context.lang)
    issues = []
    for name in names:
        if not any(_present(w, view.translation, words, lang) for w in name.words):
            message = f"{name.text!r} is not in the translation"
            issues.append(view.issue(context, "names", "warning", message))
    return issues
