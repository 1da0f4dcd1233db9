"""Package indexes and downloads over a loopback server; offline and no-network behaviour."""

from __future__ import annotations

import hashlib
import http.server
import json
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from l10n.engine.index import fetch_index, parse_index
from l10n.engine.install import install_from_index
from l10n.engine.packages import INSTALL_RECORD, list_installed
from l10n.errors import NetworkError, PackageError
from tests.argos_factory import SPECS, BuiltPackages, closed_port, index_entry, serve

pytest_plugins = ["tests.conftest_engine"]

REMEDY = "install from a file instead: `l10n models install --file PATH`"


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def index_bytes(*entries: dict[str, Any]) -> bytes:
    return json.dumps(list(entries)).encode()


@pytest.fixture
def no_sockets(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Make every network primitive fail loudly, and record attempts."""
    attempts: list[str] = []

    def forbid(name: str) -> Any:
        def refuse(*args: Any, **kwargs: Any) -> Any:
            attempts.append(name)
            raise AssertionError(f"network used: {name}")

        return refuse

    monkeypatch.setattr(socket.socket, "connect", forbid("connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", forbid("connect_ex"))
    monkeypatch.setattr(socket, "create_connection", forbid("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", forbid("getaddrinfo"))
    return attempts


# -- parsing -----------------------------------------------------------------------------


def test_parse_index_reads_argos_fields() -> None:
    text = json.dumps(
        [
            {
                "package_version": "1.9", "argos_version": "1.9.0", "from_code": "en",
                "from_name": "English", "to_code": "uk", "to_name": "Ukrainian",
                "links": ["https://example.org/translate-en_uk-1_9.argosmodel", "ipfs://Qm"],
                "code": "translate-en_uk",
            },
            {"type": "sbd", "code": "sbd-en", "from_codes": ["en"]},
            {"from_code": "uk", "to_code": "en", "package_version": "1.0", "links": [],
             "sha256": "A" * 64},
        ]
    )  # fmt: skip
    first, second = parse_index(text, url="idx")
    assert (first.pair, first.code, first.package_version, first.links[1]) == (
        ("en", "uk"), "translate-en_uk", "1.9", "ipfs://Qm",
    )  # fmt: skip
    assert (second.code, second.type, second.sha256) == ("translate-uk_en", "translate", "a" * 64)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("type", "../../../etc", "refusing path-like type '../../../etc'"),
        ("type", "translate/../x", "refusing path-like type"),
        ("from_code", "../en", "refusing path-like from_code '../en'"),
        ("to_code", "uk/../../x", "refusing path-like to_code"),
        ("to_code", "C:\\x", "refusing path-like to_code"),
        ("code", "../translate-en_uk", "refusing path-like code"),
        ("package_version", "1/../../2", "refusing path-like package_version"),
        ("sha256", "abc", "malformed sha256"),
        ("links", "http://x", "links must be a list of strings"),
    ],
)
def test_hostile_index_entries_refuse_the_index(field: str, value: str, message: str) -> None:
    good = {"from_code": "en", "to_code": "uk", "package_version": "1.0", "links": []}
    text = json.dumps([good, {**good, field: value}])
    with pytest.raises(PackageError, match=message) as caught:
        parse_index(text, url="http://idx/index.json")
    assert str(caught.value).startswith("http://idx/index.json entry 2: ")


@pytest.mark.parametrize("text", ["{", "{}", "[1]", '"x"'])
def test_malformed_indexes_are_package_errors(text: str) -> None:
    with pytest.raises(PackageError):
        parse_index(text, url="idx")


# -- loopback index and downloads --------------------------------------------------------


@pytest.fixture
def loopback_index(built_packages: BuiltPackages) -> Iterator[Any]:
    archive = built_packages.archives["en_uk"].read_bytes()
    with serve({"/files/en_uk.argosmodel": archive}) as server:
        yield server


def test_fetch_index_and_install_from_loopback(
    loopback_index: Any, built_packages: BuiltPackages, tmp_path: Path
) -> None:
    link = loopback_index.url("/files/en_uk.argosmodel")
    loopback_index.routes["/index.json"] = index_bytes(index_entry(SPECS["en_uk"], link))
    (found,) = fetch_index(loopback_index.url("/index.json"), offline=False, timeout=5)
    progress: list[tuple[int, int | None]] = []
    info = install_from_index(
        found,
        packages_dir=tmp_path / "p",
        offline=False,
        progress=lambda n, t: progress.append((n, t)),
    ).package
    size = built_packages.archives["en_uk"].stat().st_size
    assert progress[-1] == (size, size)
    record = json.loads((info.path / INSTALL_RECORD).read_text())
    assert record["archive_sha256"] == sha256_of(built_packages.archives["en_uk"])
    assert record["source"] == link
    assert [p.pair for p in list_installed(tmp_path / "p")] == [("en", "uk")]


@pytest.mark.parametrize("where", ["index", "user"])
def test_sha256_from_index_or_user_is_checked(
    loopback_index: Any,
    built_packages: BuiltPackages,
    tmp_path: Path,
    where: str,
) -> None:
    good = sha256_of(built_packages.archives["en_uk"])
    link = loopback_index.url("/files/en_uk.argosmodel")
    extra = {"sha256": "f" * 64} if where == "index" else {}
    text = index_bytes(index_entry(SPECS["en_uk"], link, **extra)).decode()
    (entry,) = parse_index(text, url="idx")
    user = "f" * 64 if where == "user" else None
    with pytest.raises(PackageError, match=f"sha256 mismatch: expected f{{64}}, got {good}"):
        install_from_index(
            entry, packages_dir=tmp_path / "p", cache_dir=tmp_path / "c", offline=False, sha256=user
        )
    assert list((tmp_path / "p").iterdir()) == [] and list((tmp_path / "c").iterdir()) == []
    (right,) = parse_index(
        index_bytes(index_entry(SPECS["en_uk"], link, sha256=good)).decode(), url="idx"
    )
    assert install_from_index(right, packages_dir=tmp_path / "p", offline=False).package.pair == (
        "en",
        "uk",
    )


def test_archive_must_match_its_index_entry(loopback_index: Any, tmp_path: Path) -> None:
    link = loopback_index.url("/files/en_uk.argosmodel")
    for spec_key, message in (
        ("de_en", "archive is for en→uk, the index said de→en"),
        ("en_uk_v2", "archive is version '1.9'"),
    ):
        (entry,) = parse_index(index_bytes(index_entry(SPECS[spec_key], link)).decode(), url="idx")
        with pytest.raises(PackageError, match=message):
            install_from_index(entry, packages_dir=tmp_path / "p", offline=False)
    assert list((tmp_path / "p").iterdir()) == []


def test_oversized_downloads_are_refused(loopback_index: Any, tmp_path: Path) -> None:
    def no_length(handler: http.server.BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.end_headers()
        handler.wfile.write(b"x" * 50_000)

    loopback_index.routes["/stream"] = no_length
    link = loopback_index.url("/files/en_uk.argosmodel")
    cases = [
        (
            index_entry(SPECS["en_uk"], link),
            "download of \\d+ bytes exceeds the limit of 10000 bytes",
        ),
        (
            index_entry(SPECS["en_uk"], loopback_index.url("/stream")),
            "download exceeds the limit of 10000 bytes",
        ),
        (
            index_entry(SPECS["en_uk"], link, size=10**12),
            "is 1000000000000 bytes \\(limit 10000\\)",
        ),
    ]
    for raw, message in cases:
        (entry,) = parse_index(index_bytes(raw).decode(), url="idx")
        with pytest.raises(PackageError, match=message):
            install_from_index(
                entry,
                packages_dir=tmp_path / "p",
                cache_dir=tmp_path / "c",
                offline=False,
                max_bytes=10_000,
            )
    assert list((tmp_path / "p").iterdir()) == [] and list((tmp_path / "c").iterdir()) == []


def test_a_dead_mirror_falls_through_to_the_next_link(loopback_index: Any, tmp_path: Path) -> None:
    links = [
        f"http://127.0.0.1:{closed_port()}/x.argosmodel",
        loopback_index.url("/missing"),
        loopback_index.url("/files/en_uk.argosmodel"),
    ]
    (entry,) = parse_index(
        index_bytes({**index_entry(SPECS["en_uk"], ""), "links": links}).decode(), url="idx"
    )
    assert install_from_index(entry, packages_dir=tmp_path / "p", offline=False).package.pair == (
        "en",
        "uk",
    )


def test_no_http_link_is_a_package_error(tmp_path: Path) -> None:
    (entry,) = parse_index(
        index_bytes(
            {**index_entry(SPECS["en_uk"], ""), "links": ["ipfs://Qm", "file:///etc/passwd"]}
        ).decode(),
        url="idx",
    )
    with pytest.raises(PackageError, match="no http\\(s\\) link"):
        install_from_index(entry, packages_dir=tmp_path / "p", offline=False)


@pytest.mark.parametrize("location", ["file:///etc/passwd", "ftp://127.0.0.1/index.json"])
def test_redirects_to_other_schemes_are_refused(loopback_index: Any, location: str) -> None:
    def redirect(handler: http.server.BaseHTTPRequestHandler) -> None:
        handler.send_response(302)
        handler.send_header("Location", location)
        handler.end_headers()

    loopback_index.routes["/index.json"] = redirect
    with pytest.raises(
        NetworkError,
        match=f"(refusing redirect to '{location}'|Redirection to url '{location}' is not allowed)",
    ):
        fetch_index(loopback_index.url("/index.json"), offline=False, timeout=5)


# -- offline and without a network -------------------------------------------------------


def test_offline_never_opens_a_socket(
    no_sockets: list[str], built_packages: BuiltPackages, tmp_path: Path
) -> None:
    url = "http://127.0.0.1:9/index.json"
    with pytest.raises(NetworkError) as caught:
        fetch_index(url, offline=True)
    assert str(caught.value) == f"{url}: network access is forbidden (offline); {REMEDY}"
    (entry,) = parse_index(
        index_bytes(index_entry(SPECS["en_uk"], "http://127.0.0.1:9/p.argosmodel")).decode(),
        url="idx",
    )
    with pytest.raises(NetworkError, match="forbidden"):
        install_from_index(entry, packages_dir=tmp_path / "p", offline=True)
    assert no_sockets == []
    assert list((tmp_path / "p").iterdir()) == []


def test_refused_connection_fails_with_url_and_remedy() -> None:
    url = f"http://127.0.0.1:{closed_port()}/index.json"
    with pytest.raises(NetworkError) as caught:
        fetch_index(url, offline=False, timeout=5)
    message = str(caught.value)
    assert message.startswith(f"{url}: cannot download: ") and message.endswith(REMEDY)


def test_unresolvable_host_fails_with_url_and_remedy() -> None:
    url = "http://l10n-test-host.invalid/index.json"
    with pytest.raises(NetworkError) as caught:
        fetch_index(url, offline=False, timeout=5)
    assert str(caught.value).startswith(url) and REMEDY in str(caught.value)


def test_a_silent_server_times_out() -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    accepted: list[socket.socket] = []
    thread = threading.Thread(target=lambda: accepted.append(listener.accept()[0]), daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/index.json"
    try:
        with pytest.raises(NetworkError, match="timed out"):
            fetch_index(url, offline=False, timeout=0.5)
    finally:
        for conn in accepted:
            conn.close()
        listener.close()


def test_a_slow_resolver_cannot_hang_us(monkeypatch: pytest.MonkeyPatch) -> None:
    release = threading.Event()

    def stuck(*args: Any, **kwargs: Any) -> Any:
        release.wait(10)
        raise OSError("never resolved")

    monkeypatch.setattr(socket, "getaddrinfo", stuck)
    try:
        with pytest.raises(NetworkError, match=r"cannot resolve 'example\.org' within 0\.2 s"):
            fetch_index("http://example.org/index.json", offline=False, timeout=0.2)
    finally:
        release.set()
