"""The strict PO reader and the GNU-identical writer (l10n.po.read, l10n.po.write, l10n.po.wrap)."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from l10n.errors import CatalogError
from l10n.po import (
    Catalog,
    compile_mo,
    format_catalog,
    make_entry,
    parse_catalog,
    save_catalog,
)
from l10n.po.wrap import fill
from tests.po_helpers import msgcat, msgfmt_check

DATA = Path(__file__).parent / "data" / "po"
HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
CANONICAL = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'  # as GNU writes it
PATH = "locales/uk/LC_MESSAGES/article.po"


def parse(text: str | bytes) -> Catalog:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return parse_catalog(data, path=PATH)


def error_of(data: str | bytes) -> CatalogError:
    with pytest.raises(CatalogError) as caught:
        parse(data)
    return caught.value


# -- malformed files: one line, naming file and line ---------------------------------------


def test_unterminated_string_is_refused_with_file_and_line() -> None:
    text = HEADER + "\n" * 4 + 'msgid "Hello"\nmsgstr "Привіт"\n\nmsgid "Hello again\nmsgstr ""\n'
    error = error_of(text)
    assert str(error) == f"{PATH}:12: unterminated string"


def test_unterminated_escaped_quote_is_refused() -> None:
    assert error_of(HEADER + 'msgid "Hello\\"\nmsgstr ""\n').line == 5


def test_file_ending_inside_a_string() -> None:
    error = error_of(HEADER + 'msgid "a"\nmsgstr "abc')
    assert (error.line, error.message) == (6, "unterminated string")


def test_nul_byte() -> None:
    error = error_of((HEADER + 'msgid "a"\nmsgstr "b\0c"\n').encode())
    assert (error.line, error.message) == (6, "NUL byte")


def test_invalid_utf8() -> None:
    error = error_of((HEADER + 'msgid "a"\n').encode() + b'msgstr "caf\xe9"\n')
    assert (error.line, error.message) == (6, "invalid UTF-8")


def test_invalid_utf8_inside_a_comment() -> None:
    error = error_of(HEADER.encode() + b'# caf\xe9 note\nmsgid "a"\nmsgstr "b"\n')
    assert (error.line, error.message) == (5, "invalid UTF-8")


def test_binary_junk() -> None:
    junk = bytes(range(1, 256)) * 4
    assert error_of(junk).path == PATH


def test_a_mo_file_renamed_po(tmp_path: Path) -> None:
    mo = compile_mo(parse(HEADER + 'msgid "a"\nmsgstr "b"\n'))
    assert error_of(mo).message == "a compiled .mo file, not a PO file"


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_is_refused(codec: str) -> None:
    error = error_of((HEADER + 'msgid "a"\nmsgstr "b"\n').encode(codec))
    assert error.message.startswith("UTF-16 text")


def test_unknown_charset() -> None:
    text = HEADER.replace("UTF-8", "NO-SUCH-CHARSET") + 'msgid "a"\nmsgstr "b"\n'
    error = error_of(text)
    assert (error.line, error.message) == (3, "unknown charset 'NO-SUCH-CHARSET'")


def test_header_charset_that_does_not_match_the_bytes() -> None:
    text = HEADER.replace("UTF-8", "ISO-8859-1") + 'msgid "a"\nmsgstr "Привіт"\n'
    error = error_of(text)
    assert (error.line, error.message) == (
        6,
        "the file is UTF-8 but its header declares charset ISO-8859-1",
    )


def test_duplicate_entries() -> None:
    error = error_of(HEADER + 'msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n')
    assert (error.line, error.message) == (8, "duplicate message definition (first at line 5)")


def test_duplicate_between_active_and_obsolete() -> None:
    error = error_of(HEADER + 'msgid "a"\nmsgstr "b"\n\n#~ msgid "a"\n#~ msgstr "c"\n')
    assert error.line == 8


def test_duplicate_header() -> None:
    error = error_of(HEADER + HEADER)
    assert (error.line, error.message) == (5, "duplicate header (first at line 1)")


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        ('msgid "a"\n\nmsgid "b"\nmsgstr ""\n', 5, "msgid without msgstr"),
        ('msgid "a"\n', 5, "unexpected end of file: msgid without msgstr"),
        ('msgctxt "c"\nmsgstr "x"\n', 6, "msgstr without msgid"),
        ('msgctxt "c"\n', 5, "msgctxt without msgid"),
        ('msgid "a"\nmsgid_plural "as"\n', 5, "unexpected end of file: msgid without msgstr[0]"),
        (
            'msgid "a"\nmsgid_plural "as"\nmsgstr "x"\n',
            7,
            "msgstr after msgid_plural: expected msgstr[0]",
        ),
        (
            'msgid "a"\nmsgid_plural "as"\nmsgstr[1] "x"\n',
            7,
            "plural form msgstr[1] out of order: expected msgstr[0]",
        ),
        ('msgid "a"\nmsgstr[0] "x"\n', 6, "msgstr[N] without msgid_plural"),
        ('msgid "a\\q"\nmsgstr ""\n', 5, "invalid escape sequence \\q"),
        ('msgid "a"\nmsgstr "b"\nthis is stray text\n', 7, "syntax error: 'this is stray text'"),
        ('msgid "a" junk\nmsgstr ""\n', 5, "unexpected text 'junk'"),
        ('# comment\n"floating string"\n', 6, "string without a keyword"),
        ('#~ msgid "a"\nmsgstr "b"\n', 6, "inconsistent use of #~ within an entry"),
        ('domain "other"\n', 5, "domain directives are not supported"),
        (
            'msgid "a"\n# comment in the middle\nmsgstr ""\n',
            6,
            "# comment inside an entry, after its keywords",
        ),
        ("# a comment that belongs to nothing\n", 5, "comment not attached to any entry"),
        ('msgid "a"\nmsgstr "\\0"\n', 6, "invalid escape sequence \\0"),
    ],
)
def test_grammar_errors(body: str, line: int, message: str) -> None:
    error = error_of(HEADER + body)
    assert (error.line, error.message) == (line, message)
    assert str(error) == f"{PATH}:{line}: {message}"


# -- valid variants load, and are written back as they came --------------------------------


def test_utf8_bom_is_kept() -> None:
    data = codecs.BOM_UTF8 + (CANONICAL + 'msgid "a"\nmsgstr "б"\n').encode()
    catalog = parse(data)
    assert catalog.find("a") is not None and catalog.find("a").msgstr == "б"  # type: ignore[union-attr]
    assert format_catalog(catalog) == data


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_crlf_and_cr_files_keep_their_newlines(newline: str) -> None:
    text = (CANONICAL + 'msgid "a"\nmsgstr ""\n"б\\n"\n"в"\n').replace("\n", newline)
    catalog = parse(text)
    assert catalog.find("a").msgstr == "б\nв"  # type: ignore[union-attr]
    assert format_catalog(catalog) == text.encode()


def test_gnu_fixture_in_crlf_round_trips() -> None:
    data = (DATA / "gnu_layout.po").read_bytes().replace(b"\n", b"\r\n")
    assert format_catalog(parse(data)) == data


def test_empty_file_and_no_header() -> None:
    empty = parse(b"")
    assert (len(empty), empty.metadata, format_catalog(empty)) == (0, {}, b"")
    headless = parse('msgid "a"\nmsgstr "b"\n')
    assert headless.metadata == {} and headless.language is None
    assert format_catalog(headless) == b'msgid "a"\nmsgstr "b"\n'


def test_latin1_catalog_is_decoded_and_written_back_in_latin1() -> None:
    text = CANONICAL.replace("UTF-8", "ISO-8859-1") + 'msgid "coffee"\nmsgstr "café"\n'
    data = text.encode("latin-1")
    catalog = parse(data)
    assert catalog.find("coffee").msgstr == "café"  # type: ignore[union-attr]
    assert format_catalog(catalog) == data


def test_octal_and_hex_escapes_are_bytes_of_the_charset() -> None:
    catalog = parse(HEADER + 'msgid "a"\nmsgstr "caf\\303\\251 \\x41"\n')
    assert catalog.find("a").msgstr == "café A"  # type: ignore[union-attr]


def test_keyword_and_strings_on_separate_lines_and_several_strings_per_line() -> None:
    catalog = parse(HEADER + 'msgid\n"a" "b"\nmsgstr"x"\n')
    assert catalog.find("ab").msgstr == "x"  # type: ignore[union-attr]


def test_previous_msgid_of_obsolete_entries_is_kept() -> None:
    text = CANONICAL + '#, fuzzy\n#~| msgid "old"\n#~ msgid "new"\n#~ msgstr "нове"\n'
    catalog = parse(text)
    (entry,) = catalog.obsolete_entries()
    assert (entry.previous_msgid, entry.msgid, entry.fuzzy) == ("old", "new", True)
    assert format_catalog(catalog).decode() == text


def test_references_flags_and_comments_are_read_as_gnu_reads_them() -> None:
    text = (
        HEADER + "#foo\n#  two spaces\n#\n#.bar\n#: a.py:1 b.py ./c.py:3 a.py:1\n"
        "#: \u2068dir with space/f.py\u2069:4\n#, python-format,fuzzy\n"
        'msgid "x"\nmsgstr "y"\n'
    )
    entry = parse(text).find("x")
    assert entry is not None
    assert entry.tcomment == "foo\n two spaces\n"
    assert entry.comment == "bar"
    assert entry.occurrences == [
        ("a.py", "1"),
        ("b.py", ""),
        ("./c.py", "3"),
        ("dir with space/f.py", "4"),
    ]
    assert entry.flags == ["python-format", "fuzzy"]


# -- the writer is GNU msgcat, byte for byte ------------------------------------------------


def test_fixture_is_written_exactly_as_msgcat_writes_it(tmp_path: Path) -> None:
    path = DATA / "gnu_layout.po"
    written = format_catalog(parse(path.read_bytes()))
    assert written == msgcat(path) == path.read_bytes()
    (tmp_path / "out.po").write_bytes(written)
    msgfmt_check(tmp_path / "out.po")


def test_non_canonical_input_is_written_as_msgcat_would(tmp_path: Path) -> None:
    source = tmp_path / "messy.po"
    long = "word " * 30
    source.write_text(
        HEADER + f'#, python-format, fuzzy\n#: b.py:2 a.py:1\nmsgid "{long}"\n"continued"\n'
        f'msgstr ""\n"{long}"\n\n#~ msgid "untranslated obsolete"\n#~ msgstr ""\n\n'
        'msgid "a"\nmsgstr "b"\n',
        encoding="utf-8",
    )
    assert format_catalog(parse(source.read_bytes())) == msgcat(source)


def test_flags_gnu_does_not_know_are_kept_after_the_known_ones() -> None:
    catalog = parse(HEADER + '#, custom-flag, python-format, fuzzy\nmsgid "a"\nmsgstr "b"\n')
    assert "#, fuzzy, python-format, custom-flag\n" in format_catalog(catalog).decode()


def test_a_repeated_flag_is_read_once() -> None:
    # Found by the fuzz test: a flag repeated on one or several "#," lines was kept
    # twice when read, but written once, so the written file read back differently.
    text = HEADER + '#, x, c-format, x\n#, x\n#, fuzzy, c-format\nmsgid "a %d"\nmsgstr "b %d"\n'
    [entry] = parse(text)
    assert entry.flags == ["x", "c-format", "fuzzy"]
    written = format_catalog(parse(text))
    assert [e.flags for e in parse(written)] == [["fuzzy", "c-format", "x"]]
    assert format_catalog(parse(written)) == written


@pytest.mark.parametrize(
    ("text", "width", "start", "expected"),
    [
        ("aaa bbb ccc", 6, 0, [4, 8]),
        ("aaa bbb ccc", 7, 0, [4]),  # a line may fill the width exactly
        ("well-known", 6, 0, [5]),  # after a hyphen
        ("and/or", 4, 0, [4]),  # after a slash
        ("12.5% ok", 5, 0, [6]),  # no break inside a number
        ("中文中文", 4, 0, [2]),  # wide characters take two columns
        ("«цитата» далі", 9, 0, [9]),
        ("x" * 20, 10, 0, []),  # an unbreakable word stays whole
    ],
)
def test_line_break_opportunities(text: str, width: int, start: int, expected: list[int]) -> None:
    assert fill(text, width=width, start_column=start) == expected


TEXT = st.text(
    alphabet=st.sampled_from(
        list("abcdefghij klmno     ..,,;:!?-/()'\"\\\t\n0123%$#")
        + list("абвгґдеєжзиіїй«»—–…€中文日本")
    ),
    max_size=160,
)
WORDS = st.lists(
    st.sampled_from(
        [
            "the", "quick", "brown-fox", "jumps,", "(over)", "12.5%", "лисиця", "«так»", "e.g.",
            "—",
            "http://x.org/a/b", "%s", "%(name)s", "%5.2f", "% d", "%%", "%1$s", "%-10s", "% 3d.",
            "{0}", "{name}", "{name:>10}", "{0[1]}", "{{", "}}", "{ x }", "%(a b)s", "%l",
        ]
    ),
    max_size=40,
).map(" ".join)
STRING = st.one_of(TEXT, WORDS)
FLAGS = ["fuzzy", "no-wrap", "python-format", "c-format", "python-brace-format", "no-c-format"]


PLURAL_HEADER = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
)


@st.composite
def catalogs(draw: st.DrawFn) -> Catalog:
    """Catalogs msgfmt --check accepts: a translated entry that is not fuzzy translates
    its msgid as itself (so formats and newlines agree); fuzzy ones are free."""
    count = draw(st.integers(1, 6))
    msgids = draw(st.lists(STRING.filter(bool), min_size=count, max_size=count, unique=True))
    catalog = parse(PLURAL_HEADER)
    for number, msgid in enumerate(msgids):
        plural = draw(st.booleans()) and number % 3 == 0
        msgid_plural = draw(STRING.filter(bool)) if plural else ""
        flags = draw(st.lists(st.sampled_from(FLAGS), unique=True, max_size=3))
        translated = draw(st.booleans())
        if "fuzzy" in flags:
            msgstr, forms = draw(STRING), {0: draw(STRING), 1: draw(STRING)}
        else:
            msgid_plural = msgid if plural and translated else msgid_plural
            msgstr = msgid if translated else ""
            forms = {0: msgid, 1: msgid} if translated else {0: "", 1: ""}
        entry = make_entry(
            msgid=msgid,
            msgctxt=draw(st.none() | STRING),
            msgstr="" if plural else msgstr,
            msgid_plural=msgid_plural,
            msgstr_plural=forms if plural else {},
            flags=flags,
            tcomment=draw(st.sampled_from(["", "note", "two\nlines"])),
            comment=draw(st.sampled_from(["", "paragraph 1, sentence 2"])),
            occurrences=[(f"dir{i}/file.txt", str(i)) for i in range(draw(st.integers(0, 12)))],
            previous_msgid=draw(st.none() | STRING),
            obsolete=draw(st.booleans()) and number > 0,
        )
        catalog.append(entry)
    return catalog


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogs())
def test_writer_equals_msgcat_on_generated_catalogs(
    tmp_path_factory: pytest.TempPathFactory, catalog: Catalog
) -> None:
    path = tmp_path_factory.mktemp("gen") / "generated.po"
    written = format_catalog(catalog)
    path.write_bytes(written)
    assert msgcat(path).decode() == written.decode()
    msgfmt_check(path)
    again = parse(written)
    assert format_catalog(again) == written


@settings(max_examples=300, deadline=None)
@given(
    st.binary(max_size=300)
    | TEXT.map(lambda t: (HEADER + 'msgid "a"\nmsgstr "' + t + '"\n').encode())
)
def test_reader_raises_only_catalog_errors(data: bytes) -> None:
    try:
        catalog = parse(data)
    except CatalogError as error:
        assert error.path == PATH and "\n" not in str(error)
        return
    written = format_catalog(catalog)
    assert format_catalog(parse(written)) == written


@pytest.mark.parametrize(
    ("flag", "text"),
    [
        (
            "python-format",
            "the quick brown-fox jumps over the lazy dog again, then http://x.org 12.5% 12.5%",
        ),
        (
            "python-format",
            "a line that is long enough to need wrapping of course %(first name)s %(x)s",
        ),
        ("c-format", "a line that is long enough to need wrapping, of course: %1$-10s and %2$*3$d"),
        (
            "c-format",
            "a line that is long enough to need wrapping, of course, of course 12.5% 12.5%",
        ),
        (
            "python-brace-format",
            "a line that is long enough to need wrapping, of course {name: >10} {{x}}",
        ),
        (  # escapes before directives move them on in the written line
            "python-format",
            'a \\"quoted\\" line\\tthat is long enough\\\\ to need wrapping, %(first name)s %(x)s',
        ),
        (  # directives in several portions (cut after each \n)
            "c-format",
            (
                "first %s\\nsecond line that is long enough to need wrapping, of course %1$-10s"
                "\\nthird %d line that is long enough to need wrapping, of course 12.5% 12.5%"
            ),
        ),
    ],
)
def test_no_break_inside_format_directives(tmp_path: Path, flag: str, text: str) -> None:
    path = tmp_path / "format.po"
    path.write_text(CANONICAL + f'#, {flag}\nmsgid "x"\nmsgstr "{text}"\n', encoding="utf-8")
    assert format_catalog(parse(path.read_bytes())) == msgcat(path)


def test_continuation_strings_of_every_field_are_joined() -> None:
    def lines(prefix: str, keyword: str, parts: list[str]) -> str:
        return f'{prefix}{keyword} ""\n' + "".join(f'{prefix}"{part}"\n' for part in parts)

    parts = [f"part {n} " for n in range(300)] + ['with \\"escapes\\"\\n']
    text = "".join(parts).replace('\\"', '"').replace("\\n", "\n")
    source = HEADER + "".join(
        [
            lines("#| ", "msgid", parts),
            lines("", "msgctxt", parts),
            lines("", "msgid", parts),
            lines("", "msgid_plural", parts),
            lines("", "msgstr[0]", parts),
            lines("", "msgstr[1]", parts),
            "\n",
            lines("#~ ", "msgid", ["obsolete ", *parts]),
            lines("#~ ", "msgstr", parts),
        ]
    )
    entry, obsolete = parse(source).all_entries()
    assert entry.previous_msgid == entry.msgctxt == entry.msgid == entry.msgid_plural == text
    assert entry.msgstr_plural == {0: text, 1: text}
    assert (obsolete.msgid, obsolete.msgstr) == ("obsolete " + text, text)


def test_a_ten_megabyte_line_loads() -> None:
    catalog = parse(CANONICAL + 'msgid "a"\nmsgstr "' + "слово " * 1_000_000 + '"\n')
    assert len(catalog.find("a").msgstr) == 6_000_000  # type: ignore[union-attr]


def test_plural_forms_beyond_nplurals_and_odd_plural_forms_headers_load_unchanged() -> None:
    text = (
        'msgid ""\nmsgstr "Plural-Forms: nplurals=1; plural=0;\\n"\n\n'
        'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "x"\nmsgstr[1] "y"\n'
    )
    catalog = parse(text)
    assert catalog.nplurals == 1 and catalog.find("a").msgstr_plural == {0: "x", 1: "y"}  # type: ignore[union-attr]
    assert format_catalog(catalog).decode() == text
    assert parse(text.replace("nplurals=1; plural=0;", "garbage")).nplurals is None


def test_previous_msgid_of_an_obsolete_entry_in_the_old_layout() -> None:
    catalog = parse(CANONICAL + '#~ #| msgid "old"\n#~ msgid "new"\n#~ msgstr "нове"\n')
    (entry,) = catalog.obsolete_entries()
    assert (entry.previous_msgid, entry.msgid) == ("old", "new")
    assert '#~| msgid "old"\n' in format_catalog(catalog).decode()


@pytest.mark.parametrize("field", ["comment", "tcomment"])
def test_a_comment_line_ending_in_a_backslash_is_refused_not_written(field: str) -> None:
    """GNU's lexer joins a line ending in a backslash with the next: written, such a comment
    would swallow the entry's msgid for msgfmt (found by test_fuzz)."""
    catalog = Catalog([make_entry(msgid="x", msgstr="y", **{field: "C:\\Users\\\nnext"})])
    catalog.path = "uk.po"
    with pytest.raises(CatalogError, match=r"uk\.po: a comment line ending in a backslash"):
        format_catalog(catalog)


def test_a_catalog_that_cannot_be_written_is_named_by_its_file(tmp_path: Path) -> None:
    catalog = parse_catalog(
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Source."\nmsgstr ""\n',
        path="uk.po",  # as a catalog made in memory is named
    )
    entry = catalog.find("Source.")
    assert entry is not None
    entry.tcomment = "ends in a backslash \\"
    path = tmp_path / "locales" / "uk" / "LC_MESSAGES" / "story.po"
    with pytest.raises(CatalogError) as raised:
        save_catalog(catalog, path)
    assert raised.value.path == str(path) and not path.exists()
