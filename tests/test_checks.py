"""Each check: a case where it fires, and correct variants where it stays silent."""

from __future__ import annotations

from datetime import date

import pytest

from l10n.checks import CHECKS, all_check_names, run_checks
from l10n.errors import UsageError
from l10n.model import Issue
from l10n.po import Catalog, make_entry

NBSP = "\u00a0"


def check(
    source: str,
    translation: str,
    *,
    lang: str = "uk",
    flags: tuple[str, ...] = (),
    only: str | None = None,
    fuzzy: bool = False,
) -> list[Issue]:
    """The issues of one entry (of check ``only`` when given)."""
    entry = make_entry(msgid=source, msgstr=translation, flags=list(flags))
    entry.fuzzy = fuzzy
    issues = run_checks(Catalog([entry]), lang=lang, source_lang="en", path="t.po")
    return [i for i in issues if only is None or i.check == only]


def errors(source: str, translation: str, **options: object) -> list[tuple[str, str]]:
    return [
        (i.check, i.message)
        for i in check(source, translation, **options)  # type: ignore[arg-type]
        if i.severity == "error"
    ]


def found(source: str, translation: str, name: str, **options: object) -> list[Issue]:
    return check(source, translation, only=name, **options)  # type: ignore[arg-type]


# -- numbers ---------------------------------------------------------------------------


def test_numbers_fire_on_dropped_and_changed_numbers() -> None:
    assert errors("It involved 352 drones.", "Було задіяно дрони.") == [
        ("numbers", "'352' is missing")
    ]
    assert errors("At least 14 people were killed.", "Загинули щонайменше 15 людей.") == [
        ("numbers", "'14' became '15'")
    ]


def test_numbers_want_the_target_languages_way() -> None:
    assert errors("About 1,000 drones.", "Близько 1,000 дронів.") == [
        ("numbers", "'1,000' is written the en way; uk: '1 000'")
    ]
    assert errors("A 3.5 km queue.", "Черга в 3.5 км.") == [
        ("numbers", "'3.5' is written the en way; uk: '3,5'")
    ]


@pytest.mark.parametrize(
    "source, translation, lang",
    [
        ("About 1,000 drones.", f"Близько 1{NBSP}000 дронів.", "uk"),
        ("About 1,000 drones.", "Близько 1 000 дронів.", "uk"),
        ("About 1,000 drones.", "Близько 1000 дронів.", "uk"),
        ("About 1,000,000 drones.", "Etwa 1.000.000 Drohnen.", "de"),
        ("A 3.5 km queue.", "Черга в 3,5 км.", "uk"),
        ("In the 1990s, in 2022.", "У 1990-х, у 2022 році.", "uk"),
        ("A 30-day ceasefire.", "30-денне припинення вогню.", "uk"),
        ("From 1990 to 2000.", "З 1990 по 2000 рік.", "uk"),
        ("Six people were killed.", "Загинули шестеро людей.", "uk"),
        ("In the 21st century.", "У XXI столітті.", "uk"),
    ],
)
def test_numbers_silent_when_kept(source: str, translation: str, lang: str) -> None:
    assert found(source, translation, "numbers", lang=lang) == []


def test_digits_only_the_translation_has_are_a_warning() -> None:
    [issue] = found("Five people were hurt.", "Постраждали 5 людей.", "numbers")
    assert (issue.severity, issue.message) == ("warning", "'5' is not in the source")


# -- placeholders ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "source, translation, flags, message",
    [
        ("%d drones over %s.", "Дрони над %s.", ("c-format",), "'%d' is missing"),
        ("%(n)d drones over %(city)s.", "%(n)d дронів над містом.", ("python-format",),
         "'%(city)s' is missing"),
        ("{name} said {hours} hours.", "{name} сказав {hour} годин.", ("python-brace-format",),
         "'{hours}' is missing"),
        ("Last updated: {date}", "Оновлено сьогодні", (), "'{date}' is missing"),
        ("Saved %s files", "Збережено файли", (), "'%s' is missing"),
    ],
)  # fmt: skip
def test_placeholders_fire(
    source: str, translation: str, flags: tuple[str, ...], message: str
) -> None:
    assert message in [i.message for i in found(source, translation, "placeholders", flags=flags)]


def test_anonymous_printf_placeholders_keep_their_order() -> None:
    [issue] = found(
        "%s shot down %d drones", "%d дронів збив %s", "placeholders", flags=("c-format",)
    )
    assert "order" in issue.message


@pytest.mark.parametrize(
    "source, translation, flags",
    [
        ("%(n)d drones over %(city)s.", "Над %(city)s %(n)d дронів.", ("python-format",)),
        ("%1$s shot down %2$d drones", "%2$d дронів збив %1$s", ("c-format",)),
        ("{0} and {1}", "{1} і {0}", ("python-brace-format",)),
        ("Turnout was 50% of voters.", "Явка становила 50 % виборців.", ()),
        ("Use 100%s here", "Тут 100%s", ()),
        ("%d percent", "%d відсотків", ("no-c-format",)),
        ("It was {fine}", "Було гаразд", ("no-python-brace-format",)),
        ("Growth of 5%.", "Зростання на 5%.", ("c-format",)),
    ],
)
def test_placeholders_silent_when_kept(
    source: str, translation: str, flags: tuple[str, ...]
) -> None:
    assert found(source, translation, "placeholders", flags=flags) == []


def test_plural_form_zero_may_omit_what_the_singular_lacks() -> None:
    entry = make_entry(
        msgid="One drone", msgid_plural="%d drones", flags=["c-format"],
        msgstr_plural={0: "Один дрон", 1: "%d дрони", 2: "%d дронів"},
    )
    issues = run_checks(Catalog([entry]), lang="uk", source_lang="en")
    assert [i for i in issues if i.check == "placeholders"] == []
    entry.msgstr_plural[1] = "дрони"
    issues = run_checks(Catalog([entry]), lang="uk", source_lang="en")
    assert [i.message for i in issues if i.check == "placeholders"] == [
        "msgstr[1]: '%d' is missing"
    ]


# -- URLs and e-mail -------------------------------------------------------------------


def test_urls_fire_on_a_broken_or_lost_url() -> None:
    source = "Read more at https://www.theguardian.com/world/ukraine."
    assert errors(source, "Більше на https://www.theguardian.com/world/ukrain.") == [
        ("urls", ("'https://www.theguardian.com/world/ukraine' became "
                  "'https://www.theguardian.com/world/ukrain'"))
    ]  # fmt: skip
    assert errors(source, "Більше на сайті.") == [
        ("urls", "'https://www.theguardian.com/world/ukraine' is missing")
    ]


def test_urls_silent_when_kept_whatever_follows() -> None:
    source = "Read more at https://example.org/a_(b) (in English)."
    assert found(source, "Більше: «https://example.org/a_(b)» (англійською).", "urls") == []
    assert found("See www.example.org.", "Див. www.example.org", "urls") == []


def test_emails_fire_when_changed_and_stay_silent_when_kept() -> None:
    source = "Write to letters@example.org today."
    assert errors(source, "Пишіть на letters@example.com сьогодні.") == [
        ("emails", "'letters@example.org' became 'letters@example.com'")
    ]
    assert found(source, "Пишіть сьогодні на letters@example.org.", "emails") == []


# -- markup ----------------------------------------------------------------------------


def test_markup_fires_on_lost_tags_changed_targets_and_bad_nesting() -> None:
    assert errors("<b>Breaking:</b> news", "<b>Терміново: новини") == [
        ("markup", "</b> is missing")
    ]
    issues = found('<a href="https://a.org">Kyiv</a>', '<a href="https://b.org">Київ</a>', "markup")
    assert {i.message for i in issues} == {
        '<a href="https://a.org"> is missing', '<a href="https://b.org"> is not in the source'
    }
    assert [i.message for i in found("<b><i>x</i></b>", "<b><i>х</b></i>", "markup")] == [
        "tags are not nested properly"
    ]


def test_markup_silent_when_text_and_titles_change() -> None:
    source = '<a href="/x" title="Read">Read <b>this</b></a><br>'
    assert found(source, '<a title="Читати" href="/x"><b>Це</b> читайте</a><br>', "markup") == []


# -- brackets and quotes ---------------------------------------------------------------


def test_brackets_fire_when_unbalanced() -> None:
    assert errors("The SBU (security service) said.", "СБУ (служба безпеки повідомила.") == [
        ("brackets", "unbalanced: ( opened but not closed")
    ]


@pytest.mark.parametrize(
    "source, translation",
    [
        ("Ukraine’s SBU security agency.", "Служба безпеки України (СБУ)."),
        ("The list (first part.", "Список (перша частина."),  # continues in the next entry
        ("second part) ends.", "друга частина) закінчується."),
    ],
)
def test_brackets_silent(source: str, translation: str) -> None:
    assert found(source, translation, "brackets") == []


def test_quotes_fire_on_an_unbalanced_guillemet() -> None:
    assert errors("Forcing Russia to “think about peace”.", "Змусити Росію «подумати про мир.") == [
        ("quotes", "unbalanced: « opened but not closed")
    ]
    assert errors("He said “no”.", "Він сказав «ні»».") == [
        ("quotes", "unbalanced: » closed but not opened")
    ]


@pytest.mark.parametrize(
    "source, translation",
    [
        ("Forcing Russia to “think about peace”.", "Змусити Росію «подумати про мир»."),
        ("“We will do it together.", "«Ми зробимо це разом."),  # the quotation goes on
        ("Happy,” he said, thanking “Keir”.", "Радий», – сказав він, дякуючи «Кіру»."),
        ("Everything here was on fire.”", "Тут усе горіло»."),
        ("“He said “no” to it.”", "«Він сказав „ні“ на це»."),
        ("The end of it.”", "Кінець цього“."),  # „…“ opened in the entry before
    ],
)
def test_quotes_silent_for_the_languages_own_marks(source: str, translation: str) -> None:
    assert found(source, translation, "quotes") == []


def test_quotes_in_another_languages_style_are_a_warning() -> None:
    [issue] = found(
        "Forcing Russia to “think about peace”.", "Змусити Росію “подумати про мир”.", "quotes"
    )
    assert issue.severity == "warning"
    assert issue.message == "“…” is not how uk quotes: «…»"


# -- end punctuation -------------------------------------------------------------------


def test_end_punctuation_fires_when_lost_or_added() -> None:
    assert errors("A building damaged in Kyiv.", "Пошкоджений будинок у Києві") == [
        ("end-punctuation", "the source ends with '.', the translation does not")
    ]
    assert errors("Photograph: Sergey Dolzhenko", "Фото: Сергій Долженко.") == [
        ("end-punctuation", "the translation ends with '.', the source does not")
    ]


@pytest.mark.parametrize(
    "source, translation",
    [
        ("Everything here was on fire.”", "Тут усе горіло»."),
        ("He called it “a cynical strike”.", "Він назвав це «цинічним ударом»."),
        ("Is it over?”", "Це кінець?»"),
        ("Wait...", "Чекайте…"),
        ("Photograph: Sergey Dolzhenko/EPA", "Фото: Сергій Долженко/EPA"),
        ("(A note.)", "(Примітка.)"),
    ],
)
def test_end_punctuation_silent_through_quotes(source: str, translation: str) -> None:
    assert found(source, translation, "end-punctuation") == []


def test_another_end_mark_is_a_warning() -> None:
    [issue] = found("Stop the war.", "Зупиніть війну!", "end-punctuation")
    assert issue.severity == "warning"


# -- untranslated ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["These failed to prevent the attack.", "Photograph: Sergey Dolzhenko/EPA", "Cancel"]
)
def test_untranslated_copy_fires(text: str) -> None:
    assert errors(text, text) == [("untranslated", "the translation is the source, untranslated")]


@pytest.mark.parametrize(
    "text",
    ["EPA", "Chatham House", "Associated Press", "https://example.org", "2022", "%(n)d / {m}"],
)
def test_names_and_codes_may_stay_as_they_are(text: str) -> None:
    assert found(text, text, "untranslated") == []


# -- length ----------------------------------------------------------------------------


def test_length_fires_on_a_truncated_translation() -> None:
    source = (
        "Zelenskyy has supported Donald Trump’s missile strikes on Iran’s nuclear facilities "
        "and has accused Tehran of complicity in Russia’s full-scale invasion of Ukraine."
    )
    [issue] = found(source, "Зеленський підтримав удари Трампа.", "length")
    assert issue.severity == "error" and "shorter" in issue.message


def test_length_fires_on_a_padded_translation() -> None:
    source = "He arrived in London hours after the raid."
    [issue] = found(source, "Він прибув до Лондона. " * 6, "length")
    assert "longer" in issue.message


@pytest.mark.parametrize(
    "source, translation",
    [
        ("Everything here was on fire.”", "Тут усе горіло»."),  # 0.55: short ones vary
        ("Yes.", "Так, звичайно, саме так і є."),  # under 20 characters: not judged
        ("He arrived in London hours after the Kremlin launched another raid on Kyiv.",
         ("Він прибув до Лондона за кілька годин після того, як Кремль завдав чергового "
          "масованого удару по Києву.")),
    ],
)  # fmt: skip
def test_length_silent_within_the_band(source: str, translation: str) -> None:
    assert found(source, translation, "length") == []


# -- repetition ------------------------------------------------------------------------


def test_repetition_fires_on_the_nmt_loop() -> None:
    source = "Ukraine has been attempting to keep Washington onside."
    assert errors(source, "Україна намагається пре-пре- пре- пре- пре-.") == [
        ("repetition", "repetition loop: 'пре' 5 times in a row")
    ]
    assert errors("It is done.", "Це зроблено зроблено зроблено зроблено.") == [
        ("repetition", "repetition loop: 'зроблено' 4 times in a row")
    ]
    assert [i.check for i in found("Really?", "Справді???????", "repetition")] == ["repetition"]


def test_a_doubled_word_is_a_warning() -> None:
    [issue] = found("He said that it was over.", "Він сказав, що що все скінчено.", "repetition")
    assert (issue.severity, issue.message) == ("warning", "'що' twice in a row")


@pytest.mark.parametrize(
    "source, translation",
    [
        ("Go, go, go!", "Вперед, вперед, вперед!"),  # the source repeats too
        ("They barely made it.", "Вони ледве-ледве встигли."),
        ("Year after year.", "Рік у рік."),
    ],
)
def test_repetition_silent(source: str, translation: str) -> None:
    assert found(source, translation, "repetition") == []


# -- whitespace ------------------------------------------------------------------------


def test_whitespace_fires_on_stray_spaces() -> None:
    assert errors("It is done.", " Це зроблено.") == [
        ("whitespace", "leading whitespace ' ' differs from the source's ''")
    ]
    assert [i.check for i in found("It is done.\n", "Це зроблено.", "whitespace")] == ["whitespace"]


def test_whitespace_silent_when_the_same() -> None:
    assert found("\nIt is done. ", "\nЦе зроблено. ", "whitespace") == []


# -- plurals ---------------------------------------------------------------------------


def plural(forms: dict[int, str], *, header: str | None = None) -> list[Issue]:
    entry = make_entry(msgid="%d drone", msgid_plural="%d drones", msgstr_plural=forms)
    catalog = Catalog([entry])
    if header:
        catalog.metadata["Plural-Forms"] = header
    return [i for i in run_checks(catalog, lang="uk", source_lang="en") if i.check == "plurals"]


def test_plurals_fire_on_the_wrong_count_and_empty_forms() -> None:
    assert [i.message for i in plural({0: "%d дрон", 1: "%d дрони"})] == [
        "2 plural forms, uk needs 3"
    ]
    assert [i.message for i in plural({0: "%d дрон", 1: "", 2: "%d дронів"})] == [
        "msgstr[1] empty beside translated forms"
    ]


def test_plurals_silent_with_the_languages_count() -> None:
    assert plural({0: "%d дрон", 1: "%d дрони", 2: "%d дронів"}) == []
    # The catalog's header is what gettext uses, so it wins over CLDR.
    assert plural({0: "%d дрон", 1: "%d дронів"}, header="nplurals=2; plural=(n != 1);") == []


# -- names -----------------------------------------------------------------------------


def test_names_fire_when_a_name_is_dropped() -> None:
    [issue] = found(
        "His aide said Zelenskyy wanted peace.", "Його помічник сказав, що він хоче миру.", "names"
    )
    assert (issue.severity, issue.message) == ("warning", "'Zelenskyy' is not in the translation")
    [issue] = found(
        "He met Keir Starmer in London.", "Він зустрівся з прем’єром у Лондоні.", "names"
    )
    assert issue.message == "'Keir Starmer' is not in the translation"


@pytest.mark.parametrize(
    "source, translation",
    [
        ("He met Keir Starmer in Downing Street.",
         "Він зустрівся з Кіром Стармером на Даунінг-стріт."),
        ("Kyiv’s mayor, Vitali Klitschko, spoke.", "Мер Києва Віталій Кличко виступив."),
        ("Ukraine and the UK signed it.", "Україна та Велика Британія підписали це."),
        ("US and British guarantees.", "Гарантії США та Великої Британії."),
        ("The Nato summit in The Hague.", "Саміт НАТО в Гаазі."),
        ("Ukraine’s SBU security agency.", "Служба безпеки України (СБУ)."),
        ("North Korean missiles.", "Північнокорейські ракети."),
        ("Iranian-designed Shaheds.", "«Шахеди» іранської розробки."),
        ("On Monday in January, he left.", "У понеділок у січні він поїхав."),
        ("Earlier this month it ended.", "На початку місяця це скінчилося."),
        ("He arrived in the Kremlin and then Moscow.", "Він прибув до Кремля, а потім до Москви."),
        ("Photograph: Sergey Dolzhenko/EPA", "Фото: Сергій Долженко/EPA"),
        ("Speaking at the Chatham House thinktank.", "Виступаючи в Chatham House."),
        ("He met King Charles at Windsor Castle.", "Він зустрівся з королем Чарльзом у Віндзорі."),
        ("Since Trump’s return to the White House.", "Після повернення Трампа до Білого дому."),
        ("I’m happy.", "Я радий."),
    ],
)  # fmt: skip
def test_names_silent_when_transliterated_inflected_or_rendered(
    source: str, translation: str
) -> None:
    assert found(source, translation, "names") == []


def test_names_in_a_latin_script_target() -> None:
    assert (
        found("He met Zelenskyy in London.", "Er traf Selenskyj in London.", "names", lang="de")
        == []
    )
    assert (
        len(found("He met Zelenskyy in London.", "Er traf ihn in London.", "names", lang="de"))
        == 1
    )


def test_a_sentence_initial_word_is_a_name_when_the_catalog_uses_it_as_one() -> None:
    entries = [
        make_entry(msgid="He met Zelenskyy.", msgstr="Він зустрівся із Зеленським."),
        make_entry(msgid="Zelenskyy said it was over.", msgstr="Він сказав, що все скінчено."),
        make_entry(msgid="Earlier it was over.", msgstr="Раніше все скінчилося."),
    ]
    issues = run_checks(Catalog(entries), lang="uk", source_lang="en")
    assert [(i.msgid, i.message) for i in issues] == [
        ("Zelenskyy said it was over.", "'Zelenskyy' is not in the translation")
    ]


# -- the runner ------------------------------------------------------------------------


def test_every_check_is_registered_once_with_a_severity() -> None:
    names = all_check_names()
    assert len(set(names)) == len(names) == 17
    assert {c.severity for c in CHECKS} <= {"error", "warning"}


def test_disable_switches_checks_off_and_unknown_names_are_usage_errors() -> None:
    entry = make_entry(msgid="It involved 352 drones", msgstr="Було задіяно дрони")
    catalog = Catalog([entry])
    assert {i.check for i in run_checks(catalog, lang="uk", source_lang="en")} == {"numbers"}
    assert run_checks(catalog, lang="uk", source_lang="en", disable=["numbers"]) == []
    with pytest.raises(UsageError, match="unknown check 'number'"):
        run_checks(catalog, lang="uk", source_lang="en", disable=["number"])


def test_fuzzy_entries_are_checked_unless_asked_not_to() -> None:
    entry = make_entry(msgid="It involved 352 drones", msgstr="Було задіяно дрони", flags=["fuzzy"])
    catalog = Catalog([entry])
    assert len(run_checks(catalog, lang="uk", source_lang="en")) == 1
    assert run_checks(catalog, lang="uk", source_lang="en", include_fuzzy=False) == []


def test_untranslated_and_obsolete_entries_are_not_checked() -> None:
    entries = [
        make_entry(msgid="It involved 352 drones", msgstr=""),
        make_entry(msgid="At least 14 people", msgstr="Люди", obsolete=True),
    ]
    assert run_checks(Catalog(entries), lang="uk", source_lang="en") == []


def test_issues_carry_the_entry_and_its_place() -> None:
    entry = make_entry(
        msgid="It involved 352 drones", msgstr="Було задіяно дрони", msgctxt="ctx", linenum=7
    )
    [issue] = run_checks(Catalog([entry]), lang="uk", source_lang="en", path="a.po")
    assert issue == Issue("numbers", "error", "'352' is missing", "It involved 352 drones",
                          "ctx", "uk", "a.po", 7)  # fmt: skip


# -- unknown words -----------------------------------------------------------------------


def test_unknown_words_still_in_the_translation_are_warnings() -> None:
    from l10n import reviewstate as rs

    entry = make_entry(msgid="He spoke at the Chatham House thinktank.")
    rs.write_machine_output(
        entry,
        text="Habló en el thinktank de Chatham Casa.",
        provenance="apertium en→es apertium-eng-spa 0.8.1-2 sha256:0123456789ab",
        unknown=["@thinktank", "#hablar", "@thinktank"],
    )
    assert "l10n-warning: unknown words: @thinktank #hablar" in entry.tcomment
    assert rs.unknown_words(entry) == ["@thinktank", "#hablar"]
    assert rs.warnings(entry) == []  # not the output guard's
    issues = run_checks(Catalog([entry]), lang="es", source_lang="en")
    found = [(i.severity, i.message) for i in issues if i.check == "unknown-words"]
    assert found == [
        ("warning", "'thinktank': not in the engine's bilingual dictionary: left untranslated")
    ]  # '#hablar' is no longer there
    entry.msgstr = "Habló en el centro de estudios Chatham House."  # a person fixed it
    assert not [i for i in run_checks(Catalog([entry]), lang="es", source_lang="en")
                if i.check == "unknown-words"]
    rs.accept(entry, reviewer="Ana", on=date(2025, 6, 24))
    assert rs.unknown_words(entry) == []
