"""Many articles: sources as folders and globs, one catalog per article, one summary.

End to end through the CLI with the fake engine, on small projects under tmp_path; a
Hypothesis property holds the domains derived from paths to valid, distinct names.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from hypothesis import given
from hypothesis import strategies as st

from l10n import po
from l10n.config import Project, check_domain, load_project
from l10n.errors import ConfigError
from l10n.pipeline.articles import article_domain, catalog_units

Run = Callable[..., Result]
FAKE = ("--engine", "fake")
ARTICLES = {
    "articles/world/story.txt": "The summit opened in London. Leaders met at noon.\n",
    "articles/uk/story.txt": "The summit opened in London. Rain fell all day.\n",
    "articles/brief.txt": "Markets were calm.\n",
}
DOMAINS = ["articles.brief", "articles.uk.story", "articles.world.story"]


def newsroom(root: Path, config: str = "") -> Path:
    """A project with three articles (two named story.txt) and a hidden file."""
    for name, text in ARTICLES.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (root / "articles" / ".draft.txt").write_text("Not for translation.\n", encoding="utf-8")
    (root / "articles" / "photo.jpg").write_bytes(b"\xff\xd8\xff\x00binary")
    (root / "l10n.toml").write_text(f'languages = ["uk"]\n{config}', encoding="utf-8")
    return root


def catalogs(root: Path) -> dict[str, set[str]]:
    """Each Ukrainian catalog's domain -> its msgids."""
    found = {}
    for path in sorted((root / "locales" / "uk" / "LC_MESSAGES").glob("*.po")):
        found[path.stem] = {entry.msgid for entry in po.load_catalog(path)}
    return found


def test_a_folder_gives_a_catalog_per_article_named_after_its_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: Run
) -> None:
    monkeypatch.chdir(newsroom(tmp_path))
    result = run_cli("run", "articles/", "-l", "uk", *FAKE)
    assert sorted(catalogs(tmp_path)) == DOMAINS
    assert catalogs(tmp_path)["articles.uk.story"] == {
        "The summit opened in London.", "Rain fell all day."
    }  # fmt: skip
    out = tmp_path / "out"
    built = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.txt"))
    assert built == ["uk/brief.txt", "uk/uk/story.txt", "uk/world/story.txt"]
    # one summary for the language, then a line per catalog and its article
    assert result.stdout.startswith(
        "uk: 3 catalogs: 5 machine-translated now; 0 reviewed, 5 drafts to review, 0 untranslated"
    )
    assert "  catalog: locales/uk/LC_MESSAGES/articles.world.story.po (2 machine" in result.stdout
    assert "    article: out/uk/world/story.txt (0.0% reviewed)" in result.stdout
    assert result.stdout.count("drafts not published") == 1


def test_a_folder_argument_gives_the_same_catalogs_as_the_glob_in_the_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: Run
) -> None:
    by_folder, by_glob = newsroom(tmp_path / "a"), newsroom(tmp_path / "b")
    (by_glob / "l10n.toml").write_text(
        'languages = ["uk"]\nsources = ["articles/**/*.txt"]\n', encoding="utf-8"
    )
    monkeypatch.chdir(by_folder)
    run_cli("run", "articles", "-l", "uk", *FAKE)
    monkeypatch.chdir(by_glob)
    run_cli("run", "-l", "uk", *FAKE)
    assert catalogs(by_folder) == catalogs(by_glob)
    for name in ("uk/world/story.txt", "uk/uk/story.txt", "uk/brief.txt"):
        assert (by_folder / "out" / name).read_bytes() == (by_glob / "out" / name).read_bytes()


def test_shared_keeps_one_catalog_for_every_article(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: Run
) -> None:
    monkeypatch.chdir(newsroom(tmp_path, 'catalog = "shared"\nsources = ["articles/"]\n'))
    result = run_cli("run", "-l", "uk", *FAKE)
    assert catalogs(tmp_path) == {"messages": {
        "The summit opened in London.", "Leaders met at noon.", "Rain fell all day.",
        "Markets were calm.",
    }}  # fmt: skip
    assert result.stdout.startswith("uk: 4 machine-translated now")
    # a domain in the config (as the example's) or on the command line means shared
    (tmp_path / "l10n.toml").write_text('domain = "news"\nsources = ["articles/"]\n')
    run_cli("run", "-l", "uk", *FAKE)
    assert set(catalogs(tmp_path)) == {"messages", "news"}
    run_cli("run", "articles/brief.txt", "-l", "uk", "-d", "brief", *FAKE)
    assert catalogs(tmp_path)["brief"] == {"Markets were calm."}


def test_stats_check_build_and_review_cover_every_catalog(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: Run
) -> None:
    monkeypatch.chdir(newsroom(tmp_path, 'sources = ["articles/"]\n'))
    run_cli("run", "-l", "uk", *FAKE)
    table = run_cli("stats").stdout.splitlines()
    assert table[0].endswith("  catalog") and len(table) == 5
    assert table[-1].split()[:3] == ["uk", "5", "0"] and table[-1].endswith("all 3 catalogs")
    checked = run_cli("check", expect=1).stderr  # the fake engine's full stops come first
    assert "3 catalogs: 3 FAILED: 5 errors, 0 warnings" in checked
    assert "uk (locales/uk/LC_MESSAGES/articles.brief.po): FAILED: 1 errors" in checked
    checked = run_cli("check", "--disable", "end-punctuation").stderr
    assert "3 catalogs: all passed: 0 errors, 0 warnings" in checked
    # review walks the catalogs in turn: accept everything
    result = run_cli("review", "-l", "uk", "--reviewer", "R", input="a\n" * 5)
    assert result.stdout.count("to review, signed as R") == 3
    built = run_cli("build").stdout
    assert "uk: out/uk/world/story.txt (100.0% reviewed)" in built
    world = (tmp_path / "out/uk/world/story.txt").read_text(encoding="utf-8")
    assert world == "[uk] London. in opened summit The [uk] noon. at met Leaders\n"


def test_a_rerun_notices_a_new_article_in_the_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: Run
) -> None:
    monkeypatch.chdir(newsroom(tmp_path, 'sources = ["articles/**/*.txt"]\n'))
    run_cli("run", "-l", "uk", *FAKE)
    again = run_cli("run", "-l", "uk", *FAKE).stdout
    assert again.startswith("uk: 3 catalogs: 0 machine-translated now")
    (tmp_path / "articles/late.txt").write_text("A late story.\n", encoding="utf-8")
    late = run_cli("run", "-l", "uk", *FAKE).stdout
    assert late.startswith("uk: 4 catalogs: 1 machine-translated now")
    (tmp_path / "articles/late.txt").unlink()
    assert run_cli("run", "-l", "uk", *FAKE).stdout.startswith("uk: 3 catalogs: 0 machine")


def test_the_project_s_own_folders_are_never_sources(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: Run
) -> None:
    monkeypatch.chdir(newsroom(tmp_path))
    run_cli("run", "articles", "-l", "uk", *FAKE)
    run_cli("run", ".", "-l", "uk", *FAKE)  # out/uk/*.txt are built articles, not sources
    assert sorted(catalogs(tmp_path)) == DOMAINS


def test_sources_built_to_the_same_file_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: Run
) -> None:
    monkeypatch.chdir(newsroom(tmp_path))
    result = run_cli(
        "run", "articles/world/story.txt", "articles/uk/story.txt", "-l", "uk", *FAKE, expect=2
    )
    assert "two sources would be built as 'story.txt'" in result.stderr
    assert not (tmp_path / "locales").exists()


def test_config_catalog_setting_is_checked(tmp_path: Path) -> None:
    config = tmp_path / "l10n.toml"
    config.write_text('catalog = "each"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="'catalog' must be 'shared' or 'article'"):
        load_project(config)
    config.write_text('catalog = "article"\ndomain = "x"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="remove one of them"):
        load_project(config)
    config.write_text('domain = "x"\n', encoding="utf-8")
    assert load_project(config).catalog == "shared"
    config.write_text("", encoding="utf-8")
    assert load_project(config).catalog == "article"


def test_the_example_keeps_its_one_catalog() -> None:
    root = Path(__file__).resolve().parent.parent
    project = load_project(root / "l10n.toml")
    (unit,) = catalog_units(project)
    assert project.catalog == "shared" and unit.project.domain == "article"
    assert unit.names == {"examples/article.txt": "article.txt"}


@pytest.mark.parametrize(
    ("path", "domain"),
    [
        ("story.txt", "story"),
        ("world/story.txt", "world.story"),
        ("uk/story.txt", "uk.story"),
        ("a/b/c.d.txt", r"a\.b\.c_d-[0-9a-f]{8}"),
        ("світ/стаття.txt", r"_+\._+-[0-9a-f]{8}"),
        ("-x.txt", r"_-x-[0-9a-f]{8}"),
        ("README", "README"),
        ("x" * 150 + ".txt", r"x{91}-[0-9a-f]{8}"),
    ],
)
def test_article_domains(tmp_path: Path, path: str, domain: str) -> None:
    got = article_domain(Project(root=tmp_path), tmp_path / path)
    assert re.fullmatch(domain, got), got
    check_domain(got)


_NAME = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="/\\"),
    min_size=1, max_size=30,
).filter(lambda s: s not in (".", ".."))  # fmt: skip


@given(st.lists(st.lists(_NAME, min_size=1, max_size=3), min_size=2, max_size=6, unique_by=tuple))
def test_distinct_paths_get_distinct_valid_domains(paths: list[list[str]]) -> None:
    project = Project(root=Path("/project"))
    found: dict[str, str] = {}
    for parts in paths:
        path = Path("/project", *parts)
        domain = article_domain(project, path)
        check_domain(domain)
        stem = Path(*parts).with_suffix("") if Path(parts[-1]).suffix else Path(*parts)
        other = found.setdefault(domain, stem.as_posix())
        # two paths share a domain only when they differ in their last suffix alone
        assert other == stem.as_posix(), (domain, other, parts)


def test_an_example_copy_runs_as_before(example_project: Path, run_cli: Run) -> None:
    shutil.rmtree(example_project / "examples")
    (example_project / "examples").mkdir()
    root = Path(__file__).resolve().parent.parent
    shutil.copy(root / "examples/article.txt", example_project / "examples")
    result = run_cli("run", "-l", "uk", *FAKE).stdout
    assert result.startswith("uk: 39 machine-translated now")
    assert (example_project / "out/uk/article.txt").is_file()
    assert (example_project / "locales/uk/LC_MESSAGES/article.po").is_file()


def test_json_in_a_folder_is_an_article_only_when_fields_are_selected(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: Run
) -> None:
    monkeypatch.chdir(newsroom(tmp_path))
    (tmp_path / "articles" / "feed.json").write_text(
        '{"title": "Markets rallied.", "id": 7}\n', encoding="utf-8"
    )
    run_cli("run", "articles/", "-l", "uk", *FAKE)
    assert sorted(catalogs(tmp_path)) == DOMAINS  # data beside the articles: not one
    (tmp_path / "l10n.toml").write_text(
        'languages = ["uk"]\n[formats]\njson = { "/title" = "text" }\n', encoding="utf-8"
    )
    run_cli("run", "articles/", "-l", "uk", *FAKE)
    assert catalogs(tmp_path)["articles.feed"] == {"Markets rallied."}
