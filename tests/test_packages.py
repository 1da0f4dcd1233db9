"""Model packages: Argos locations, installed packages, routes, safe install and remove."""

from __future__ import annotations

import errno
import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from l10n.engine import EngineSettings
from l10n.engine.argos import ArgosEngine
from l10n.engine.index import IndexEntry
from l10n.engine.install import install_from_file, remove
from l10n.engine.packages import (
    INSTALL_RECORD,
    find_route,
    list_installed,
    model_digest,
    read_package,
    scan_installed,
)
from l10n.engine.paths import argos_paths, default_packages_dir, index_json_url
from l10n.errors import PackageError
from tests.argos_factory import (
    ENGLISH,
    BuiltPackages,
    Member,
    make_zip,
    package_members,
    zip_folder,
)

pytest_plugins = ["tests.conftest_engine"]


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def snapshot(root: Path) -> dict[str, str]:
    """Every path under ``root`` with a digest of its content (folders and links marked)."""
    found: dict[str, str] = {}
    for path in sorted(root.rglob("*")):
        key = str(path.relative_to(root))
        if path.is_symlink():
            found[key] = "link"
        elif path.is_dir():
            found[key] = "dir"
        else:
            found[key] = sha256_of(path)
    return found


# -- Argos locations ---------------------------------------------------------------------


def test_argos_paths_follow_argos_defaults(tmp_path: Path) -> None:
    paths = argos_paths({}, home=tmp_path)
    assert paths.packages_dir == tmp_path / ".local/share/argos-translate/packages"
    assert paths.cache_dir == tmp_path / ".local/cache/argos-translate"
    assert (
        paths.index_url
        == "https://raw.githubusercontent.com/argosopentech/argospm-index/main/index.json"
    )
    assert default_packages_dir(home=tmp_path) == paths.packages_dir
    assert list(tmp_path.iterdir()) == []


def test_argos_paths_environment_beats_settings_file(tmp_path: Path) -> None:
    config = tmp_path / ".config" / "argos-translate"
    config.mkdir(parents=True)
    (config / "settings.json").write_text(
        json.dumps(
            {"ARGOS_PACKAGES_DIR": "/from/file", "ARGOS_PACKAGE_INDEX": "http://file.example/idx"}
        )
    )
    assert argos_paths({}, home=tmp_path).packages_dir == Path("/from/file")
    assert argos_paths({}, home=tmp_path).index_url == "http://file.example/idx/index.json"
    env = {"ARGOS_PACKAGES_DIR": "/from/env", "XDG_CACHE_HOME": "/cache"}
    paths = argos_paths(env, home=tmp_path)
    assert (paths.packages_dir, paths.cache_dir) == (
        Path("/from/env"),
        Path("/cache/argos-translate"),
    )


@pytest.mark.parametrize(
    ("base", "url"),
    [
        ("http://h/x/", "http://h/x/index.json"),
        ("http://h/x", "http://h/x/index.json"),
        ("http://h/x/index.json", "http://h/x/index.json"),
        ("http://h/x/other.json", "http://h/x/other.json"),
    ],
)
def test_index_url_works_with_or_without_trailing_slash(base: str, url: str) -> None:
    assert index_json_url(base) == url


# -- installed packages and routes -------------------------------------------------------


def test_list_installed_reads_metadata_and_skips_broken(
    built_packages: BuiltPackages, tmp_path: Path
) -> None:
    packages = built_packages.install(tmp_path / "p", "en_uk", "uk_en", "en_uk_bpe")
    (packages / "broken").mkdir()
    (packages / ".l10n-staging-x").mkdir()
    (packages / "stray.txt").write_text("x")
    found, broken = scan_installed(packages)
    assert [(p.pair, p.tokenizer) for p in found] == [
        (("en", "uk"), "bpe"),
        (("en", "uk"), "sentencepiece"),
        (("uk", "en"), "sentencepiece"),
    ]
    assert len(broken) == 1 and "broken" in str(broken[0])
    assert list_installed(tmp_path / "missing") == []


def entry(source: str, target: str, version: str = "1.0") -> IndexEntry:
    return IndexEntry(source, target, version, (), f"translate-{source}_{target}")


def test_find_route_prefers_direct_then_pivots_through_english() -> None:
    packages = [entry("en", "uk"), entry("uk", "en"), entry("de", "en"), entry("en", "de")]
    assert find_route("en", "uk", packages) == (packages[0],)
    assert find_route("de", "uk", packages) == (packages[2], packages[0])
    assert find_route("uk", "fr", packages) is None
    assert find_route("en", "en", packages) is None


def test_find_route_takes_the_newest_version_and_base_languages() -> None:
    old, new = entry("en", "uk", "1.9"), entry("en", "uk", "1.10")
    assert find_route("en", "uk", [old, new]) == (new,)
    assert find_route("en_US", "uk-UA", [old]) == (old,)


# -- install from a file -----------------------------------------------------------------


def test_install_from_file_records_the_sha256_and_translates(
    built_packages: BuiltPackages, tmp_path: Path
) -> None:
    archive = built_packages.archives["en_uk"]
    packages, cache = tmp_path / "packages", tmp_path / "cache"
    info = install_from_file(
        archive, packages_dir=packages, cache_dir=cache, sha256=sha256_of(archive)
    ).package
    assert info.path == packages / "translate-en_uk-1_9" and info.pair == ("en", "uk")
    record = json.loads((info.path / INSTALL_RECORD).read_text())
    assert record["archive_sha256"] == sha256_of(archive)
    assert (
        record["model_sha256"] == model_digest(info) == sha256_of(info.path / "model" / "model.bin")
    )
    assert list(cache.iterdir()) == []
    engine = ArgosEngine(EngineSettings(compute_type="float32", packages_dir=packages))
    assert len(engine.translate_batch(ENGLISH[:2], source="en", target="uk")) == 2


def test_model_digest_is_recomputed_when_the_model_changes(
    built_packages: BuiltPackages, tmp_path: Path
) -> None:
    info = install_from_file(built_packages.archives["en_uk"], packages_dir=tmp_path / "p").package
    model = info.path / "model" / "model.bin"
    model.write_bytes(model.read_bytes() + b"\0")
    assert model_digest(info) == sha256_of(model)


def test_wrong_sha256_installs_nothing(built_packages: BuiltPackages, tmp_path: Path) -> None:
    with pytest.raises(PackageError, match="sha256 mismatch"):
        install_from_file(
            built_packages.archives["en_uk"], packages_dir=tmp_path / "p", sha256="0" * 64
        )
    assert snapshot(tmp_path) == {}


def test_reinstall_changes_nothing_without_upgrade(
    built_packages: BuiltPackages, tmp_path: Path
) -> None:
    packages = tmp_path / "p"
    first = install_from_file(built_packages.archives["en_uk"], packages_dir=packages)
    assert first.changed
    before = snapshot(packages)
    for key, offered in (("en_uk_v2", "2.0"), ("en_uk", "1.9")):
        again = install_from_file(built_packages.archives[key], packages_dir=packages)
        assert (again.changed, again.offered, again.package) == (False, offered, first.package)
    assert snapshot(packages) == before


def test_upgrade_replaces_the_old_version(built_packages: BuiltPackages, tmp_path: Path) -> None:
    packages = built_packages.install(tmp_path / "p", "uk_en")
    install_from_file(built_packages.archives["en_uk"], packages_dir=packages)
    other = snapshot(packages / "translate-uk_en-1_9")
    done = install_from_file(
        built_packages.archives["en_uk_v2"], packages_dir=packages, upgrade=True
    )
    assert done.changed
    assert [p.package_version for p in list_installed(packages) if p.pair == ("en", "uk")] == [
        "2.0"
    ]
    assert done.package.path == packages / "translate-en_uk-2_0"
    assert sorted(p.name for p in packages.iterdir()) == [
        "translate-en_uk-2_0",
        "translate-uk_en-1_9",
    ]
    assert snapshot(packages / "translate-uk_en-1_9") == other
    before = snapshot(packages)
    same = install_from_file(
        built_packages.archives["en_uk_v2"], packages_dir=packages, upgrade=True
    )
    assert (same.changed, same.package.path) == (False, done.package.path)
    assert snapshot(packages) == before


def test_install_across_file_systems_falls_back_to_a_copy(
    built_packages: BuiltPackages,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cache = tmp_path / "cache"
    real_rename = Path.rename

    def rename(self: Path, target: Any) -> Path:
        if cache in self.parents and not str(target).startswith(str(cache)):
            raise OSError(errno.EXDEV, "Invalid cross-device link")
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", rename)
    info = install_from_file(
        built_packages.archives["en_uk"], packages_dir=tmp_path / "p", cache_dir=cache
    ).package
    assert read_package(info.path).pair == ("en", "uk")
    assert [p.name for p in (tmp_path / "p").iterdir()] == ["translate-en_uk-1_9"]
    assert list(cache.iterdir()) == []


# -- hostile and broken archives ---------------------------------------------------------


def hostile_cases(folder: Path) -> dict[str, list[Member]]:
    good = package_members(folder, top="pkg")
    return {
        "dot-dot": [*good, Member("pkg/../../evil.txt", b"x")],
        "dot-dot-top": [Member("../pkg/", kind="dir"), *good[1:]],
        "absolute": [*good, Member("/tmp/l10n-evil.txt", b"x")],
        "backslash": [*good, Member("pkg\\..\\evil.txt", b"x")],
        "symlink": [*good, Member("pkg/link", b"/etc/passwd", kind="symlink")],
        "fifo": [*good, Member("pkg/pipe", kind="fifo")],
        "two-tops": [*good, Member("other/", kind="dir"), Member("other/metadata.json", b"{}")],
        "top-level-file": [*good, Member("README.md", b"x")],
        "no-metadata": [m for m in good if m.name != "pkg/metadata.json"],
        "duplicate": [*good, Member("pkg/README.md", b"again")],
        "file-and-folder": [*good, Member("pkg/README.md/x", b"x")],
        "dot-top": [Member(m.name.replace("pkg", ".pkg", 1), m.data, m.kind) for m in good],
        "path-like-code": _with_metadata(good, from_code="../en"),
        "path-like-type": _with_metadata(good, type="../../x"),
        "no-model": [m for m in good if not m.name.startswith("pkg/model/")],
    }


def _with_metadata(members: list[Member], **changes: str) -> list[Member]:
    out = []
    for member in members:
        if member.name == "pkg/metadata.json":
            member = Member(
                member.name, json.dumps({**json.loads(member.data), **changes}).encode()
            )
        out.append(member)
    return out


CASES = [
    "dot-dot", "dot-dot-top", "absolute", "backslash", "symlink", "fifo", "two-tops",
    "top-level-file", "no-metadata", "duplicate", "file-and-folder", "dot-top",
    "path-like-code", "path-like-type", "no-model",
]  # fmt: skip


@pytest.mark.parametrize("case", CASES)
def test_hostile_archives_are_refused_and_write_nothing(
    built_packages: BuiltPackages,
    tmp_path: Path,
    case: str,
) -> None:
    work = tmp_path / "work"
    packages = built_packages.install(work / "packages", "uk_en")
    cache = work / "cache"
    cache.mkdir()
    archive = make_zip(
        tmp_path / f"{case}.argosmodel", hostile_cases(built_packages.folders["en_uk"])[case]
    )
    before = snapshot(work)
    with pytest.raises(PackageError) as caught:
        install_from_file(archive, packages_dir=packages, cache_dir=cache)
    assert str(caught.value).startswith(str(archive)) and "\n" not in str(caught.value)
    assert snapshot(work) == before
    assert not Path("/tmp/l10n-evil.txt").exists()
    assert not (tmp_path / "evil.txt").exists()


def test_not_a_zip_is_refused(tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.argosmodel"
    bogus.write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(PackageError, match="not a zip archive"):
        install_from_file(bogus, packages_dir=tmp_path / "p")
    with pytest.raises(PackageError, match="cannot read package"):
        install_from_file(tmp_path / "missing.argosmodel", packages_dir=tmp_path / "p")


def test_an_archive_may_not_overwrite_another_pair_even_with_upgrade(
    built_packages: BuiltPackages,
    tmp_path: Path,
) -> None:
    packages = built_packages.install(tmp_path / "p", "en_uk")
    disguised = zip_folder(
        built_packages.folders["uk_en"], tmp_path / "x.argosmodel", top="translate-en_uk-1_9"
    )
    before = snapshot(packages)
    for upgrade in (False, True):
        with pytest.raises(
            PackageError, match=r"refusing to overwrite translate-en_uk-1_9 \(en→uk\)"
        ):
            install_from_file(disguised, packages_dir=packages, upgrade=upgrade)
    assert snapshot(packages) == before


def test_unpacked_size_is_limited(built_packages: BuiltPackages, tmp_path: Path) -> None:
    with pytest.raises(PackageError, match=r"unpacks to \d+ bytes \(limit 1000\)"):
        install_from_file(
            built_packages.archives["en_uk"], packages_dir=tmp_path / "p", max_bytes=1000
        )
    assert snapshot(tmp_path) == {}


# -- remove ------------------------------------------------------------------------------


def test_remove_deletes_only_that_pair(built_packages: BuiltPackages, tmp_path: Path) -> None:
    packages = built_packages.install(tmp_path / "p", "en_uk", "uk_en")
    other = snapshot(packages / "translate-uk_en-1_9")
    removed = remove("en", "uk", packages_dir=packages)
    assert [p.path.name for p in removed] == ["translate-en_uk-1_9"]
    assert [p.name for p in packages.iterdir()] == ["translate-uk_en-1_9"]
    assert snapshot(packages / "translate-uk_en-1_9") == other
    with pytest.raises(PackageError, match="no installed package for en→uk"):
        remove("en", "uk", packages_dir=packages)


def test_remove_of_a_linked_package_removes_only_the_link(
    built_packages: BuiltPackages, tmp_path: Path
) -> None:
    elsewhere = built_packages.install(tmp_path / "elsewhere", "en_uk")
    packages = tmp_path / "p"
    packages.mkdir()
    (packages / "linked").symlink_to(elsewhere / "translate-en_uk-1_9")
    remove("en", "uk", packages_dir=packages)
    assert list(packages.iterdir()) == []
    assert (elsewhere / "translate-en_uk-1_9" / "metadata.json").is_file()


def test_removed_staging_leftovers_never_show_as_packages(
    built_packages: BuiltPackages, tmp_path: Path
) -> None:
    packages = built_packages.install(tmp_path / "p", "en_uk")
    shutil.copytree(packages / "translate-en_uk-1_9", packages / ".l10n-staging-old")
    assert [p.path.name for p in list_installed(packages)] == ["translate-en_uk-1_9"]
