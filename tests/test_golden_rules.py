"""pySBD's 48 English "golden rules" for sentence boundaries, run on l10n's segmenter.

The cases below are copied verbatim from pySBD (``benchmarks/english_golden_rules.py`` in
its sdist; 0.3.3 is the sdist this project's package index carries, 0.3.4 ships no
benchmarks folder and no sdist here), which is MIT licensed:

    pySBD, Copyright (c) 2019 Nipun Sadvilkar. MIT License.
    https://github.com/nipunsadvilkar/pySBD

The issue asks for at least 47 of 48, list items included. ``test_score`` checks the total
and lists the failures; ``test_case`` pins every case on its own, so a regression names the
rule it broke. Cases known to fail go in ``KNOWN_FAILURES`` (strict xfail: fixing one shows).
"""

from __future__ import annotations

import pytest

from l10n.segment import segment_text

# (title, text, expected sentences), in pySBD's order: case N is GOLDEN_RULES[N - 1].
GOLDEN_RULES: list[tuple[str, str, list[str]]] = [
    (
        "Simple period to end sentence",
        "Hello World. My name is Jonas.",
        ["Hello World.", "My name is Jonas."],
    ),
    (
        "Question mark to end sentence",
        "What is your name? My name is Jonas.",
        ["What is your name?", "My name is Jonas."],
    ),
    (
        "Exclamation point to end sentence",
        "There it is! I found it.",
        ["There it is!", "I found it."],
    ),
    (
        "One letter upper case abbreviations",
        "My name is Jonas E. Smith.",
        ["My name is Jonas E. Smith."],
    ),
    (
        "One letter lower case abbreviations",
        "Please turn to p. 55.",
        ["Please turn to p. 55."],
    ),
    (
        "Two letter lower case abbreviations in the middle of a sentence",
        "Were Jane and co. at the party?",
        ["Were Jane and co. at the party?"],
    ),
    (
        "Two letter upper case abbreviations in the middle of a sentence",
        "They closed the deal with Pitt, Briggs & Co. at noon.",
        ["They closed the deal with Pitt, Briggs & Co. at noon."],
    ),
    (
        "Two letter lower case abbreviations at the end of a sentence",
        "Let's ask Jane and co. They should know.",
        ["Let's ask Jane and co.", "They should know."],
    ),
    (
        "Two letter upper case abbreviations at the end of a sentence",
        "They closed the deal with Pitt, Briggs & Co. It closed yesterday.",
        ["They closed the deal with Pitt, Briggs & Co.", "It closed yesterday."],
    ),
    (
        "Two letter (prepositive) abbreviations",
        "I can see Mt. Fuji from here.",
        ["I can see Mt. Fuji from here."],
    ),
    (
        "Two letter (prepositive & postpositive) abbreviations",
        "St. Michael's Church is on 5th st. near the light.",
        ["St. Michael's Church is on 5th st. near the light."],
    ),
    (
        "Possesive two letter abbreviations",
        "That is JFK Jr.'s book.",
        ["That is JFK Jr.'s book."],
    ),
    (
        "Multi-period abbreviations in the middle of a sentence",
        "I visited the U.S.A. last year.",
        ["I visited the U.S.A. last year."],
    ),
    (
        "Multi-period abbreviations at the end of a sentence",
        "I live in the E.U. How about you?",
        ["I live in the E.U.", "How about you?"],
    ),
    (
        "U.S. as sentence boundary",
        "I live in the U.S. How about you?",
        ["I live in the U.S.", "How about you?"],
    ),
    (
        "U.S. as non sentence boundary with next word capitalized",
        "I work for the U.S. Government in Virginia.",
        ["I work for the U.S. Government in Virginia."],
    ),
    (
        "U.S. as non sentence boundary",
        "I have lived in the U.S. for 20 years.",
        ["I have lived in the U.S. for 20 years."],
    ),
    (
        "A.M. / P.M. as non sentence boundary and sentence boundary",
        (
            "At 5 a.m. Mr. Smith went to the bank. He left the bank at 6 P.M. Mr. Smith then went "
            "to the store."
        ),
        [
            "At 5 a.m. Mr. Smith went to the bank.",
            "He left the bank at 6 P.M.",
            "Mr. Smith then went to the store.",
        ],
    ),
    (
        "Number as non sentence boundary",
        "She has $100.00 in her bag.",
        ["She has $100.00 in her bag."],
    ),
    (
        "Number as sentence boundary",
        "She has $100.00. It is in her bag.",
        ["She has $100.00.", "It is in her bag."],
    ),
    (
        "Parenthetical inside sentence",
        (
            "He teaches science (He previously worked for 5 years as an engineer.) at the local "
            "University."
        ),
        [
            "He teaches science (He previously worked for 5 years as an engineer.) at the local "
            "University."
        ],
    ),
    (
        "Email addresses",
        "Her email is Jane.Doe@example.com. I sent her an email.",
        ["Her email is Jane.Doe@example.com.", "I sent her an email."],
    ),
    (
        "Web addresses",
        (
            "The site is: https://www.example.50.com/new-site/awesome_content.html. Please check "
            "it out."
        ),
        [
            "The site is: https://www.example.50.com/new-site/awesome_content.html.",
            "Please check it out.",
        ],
    ),
    (
        "Single quotations inside sentence",
        "She turned to him, 'This is great.' she said.",
        ["She turned to him, 'This is great.' she said."],
    ),
    (
        "Double quotations inside sentence",
        'She turned to him, "This is great." she said.',
        ['She turned to him, "This is great." she said.'],
    ),
    (
        "Double quotations at the end of a sentence",
        'She turned to him, "This is great." She held the book out to show him.',
        ['She turned to him, "This is great."', "She held the book out to show him."],
    ),
    (
        "Double punctuation (exclamation point)",
        "Hello!! Long time no see.",
        ["Hello!!", "Long time no see."],
    ),
    (
        "Double punctuation (question mark)",
        "Hello?? Who is there?",
        ["Hello??", "Who is there?"],
    ),
    (
        "Double punctuation (exclamation point / question mark)",
        "Hello!? Is that you?",
        ["Hello!?", "Is that you?"],
    ),
    (
        "Double punctuation (question mark / exclamation point)",
        "Hello?! Is that you?",
        ["Hello?!", "Is that you?"],
    ),
    (
        "List (period followed by parens and no period to end item)",
        "1.) The first item 2.) The second item",
        ["1.) The first item", "2.) The second item"],
    ),
    (
        "List (period followed by parens and period to end item)",
        "1.) The first item. 2.) The second item.",
        ["1.) The first item.", "2.) The second item."],
    ),
    (
        "List (parens and no period to end item)",
        "1) The first item 2) The second item",
        ["1) The first item", "2) The second item"],
    ),
    (
        "List (parens and period to end item)",
        "1) The first item. 2) The second item.",
        ["1) The first item.", "2) The second item."],
    ),
    (
        "List (period to mark list and no period to end item)",
        "1. The first item 2. The second item",
        ["1. The first item", "2. The second item"],
    ),
    (
        "List (period to mark list and period to end item)",
        "1. The first item. 2. The second item.",
        ["1. The first item.", "2. The second item."],
    ),
    (
        "List with bullet",
        "• 9. The first item • 10. The second item",
        ["• 9. The first item", "• 10. The second item"],
    ),
    (
        "List with hypthen",
        "⁃9. The first item ⁃10. The second item",
        ["⁃9. The first item", "⁃10. The second item"],
    ),
    (
        "Alphabetical list",
        "a. The first item b. The second item c. The third list item",
        ["a. The first item", "b. The second item", "c. The third list item"],
    ),
    (
        "Geo Coordinates",
        "You can find it at N°. 1026.253.553. That is where the treasure is.",
        ["You can find it at N°. 1026.253.553.", "That is where the treasure is."],
    ),
    (
        "Named entities with an exclamation point",
        "She works at Yahoo! in the accounting department.",
        ["She works at Yahoo! in the accounting department."],
    ),
    (
        "I as a sentence boundary and I as an abbreviation",
        "We make a good team, you and I. Did you see Albert I. Jones yesterday?",
        ["We make a good team, you and I.", "Did you see Albert I. Jones yesterday?"],
    ),
    (
        "Ellipsis at end of quotation",
        (
            "Thoreau argues that by simplifying one’s life, “the laws of the universe will appear "
            "less complex. . . .”"
        ),
        [
            "Thoreau argues that by simplifying one’s life, “the laws of the universe will appear "
            "less complex. . . .”"
        ],
    ),
    (
        "Ellipsis with square brackets",
        '"Bohr [...] used the analogy of parallel stairways [...]" (Smith 55).',
        ['"Bohr [...] used the analogy of parallel stairways [...]" (Smith 55).'],
    ),
    (
        "Ellipsis as sentence boundary (standard ellipsis rules)",
        (
            "If words are left off at the end of a sentence, and that is all that is omitted, "
            "indicate the omission with ellipsis marks (preceded and followed by a space) and then "
            "indicate the end of the sentence with a period . . . . Next sentence."
        ),
        [
            (
                "If words are left off at the end of a sentence, and that is all that is omitted, "
                "indicate the omission with ellipsis marks (preceded and followed by a space) and "
                "then indicate the end of the sentence with a period . . . ."
            ),
            "Next sentence.",
        ],
    ),
    (
        "Ellipsis as sentence boundary (non-standard ellipsis rules)",
        "I never meant that.... She left the store.",
        ["I never meant that....", "She left the store."],
    ),
    (
        "Ellipsis as non sentence boundary",
        (
            "I wasn’t really ... well, what I mean...see . . . what I'm saying, the thing is . . . "
            "I didn’t mean it."
        ),
        [
            "I wasn’t really ... well, what I mean...see . . . what I'm saying, the thing is . . . "
            "I didn’t mean it."
        ],
    ),
    (
        "4-dot ellipsis",
        (
            "One further habit which was somewhat weakened . . . was that of combining words into "
            "self-interpreting compounds. . . . The practice was not abandoned. . . ."
        ),
        [
            (
                "One further habit which was somewhat weakened . . . was that of combining words "
                "into self-interpreting compounds."
            ),
            ". . . The practice was not abandoned. . . .",
        ],
    ),
]

KNOWN_FAILURES: frozenset[int] = frozenset()
REQUIRED_SCORE = 47


def sentences(text: str) -> list[str]:
    return [segment.text for segment in segment_text(text, lang="en")]


def test_there_are_48_rules() -> None:
    assert len(GOLDEN_RULES) == 48


def test_score() -> None:
    failures = [
        f"{number}) {title}: got {sentences(text)!r}"
        for number, (title, text, expected) in enumerate(GOLDEN_RULES, start=1)
        if sentences(text) != expected
    ]
    score = len(GOLDEN_RULES) - len(failures)
    assert score >= REQUIRED_SCORE, f"{score}/48 golden rules:\n" + "\n".join(failures)


@pytest.mark.parametrize(
    ("number", "text", "expected"),
    [
        pytest.param(
            number,
            text,
            expected,
            id=f"{number:02d}-{title}",
            marks=[pytest.mark.xfail(strict=True)] if number in KNOWN_FAILURES else [],
        )
        for number, (title, text, expected) in enumerate(GOLDEN_RULES, start=1)
    ],
)
def test_case(number: int, text: str, expected: list[str]) -> None:
    assert sentences(text) == expected
