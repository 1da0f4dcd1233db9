"""Hostile model sources through `l10n models ...` (issue 10, sections 5, 6 and 8).

A hostile or broken index, server or archive gets one line and exit 1, writes nothing
and leaves nothing behind; every test serves its index on 127.0.0.1 (loopback stays
allowed: tests and local mirrors use it).

- downloads: a server that drips bytes (body or headers) is given up at the deadline; an
  index link or a redirect to a link-local or cloud metadata address is refused before
  any connection, also when a host name resolves to one.
- archives: one that expands more than 20 times its size (and past 16 MiB) is refused
  from its headers before anything is written, from a file or from the index; a member
  whose data is longer than its header says is refused while unpacking.
- JSON: a package folder whose metadata.json is nested too deep, too large or broken is
  skipped with one warning line naming it (other pairs list and translate); such an index
  is one error line naming its URL.
- leftovers: an installer killed with ``kill -9`` leaves its staging folder (it names the
  writer's host and pid); the next model command or translation removes it, never one
  of a live installer.
- installing an installed pair behaves the same from a file and from the index: one
  line, exit 0, nothing changed; ``--upgrade`` replaces another version.
"""

from __future__ import annotations

import hashlib
import http.server
import json
import os
import shutil
import signal
import socket
import ssl
import struct
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from l10n.engine.archive import MAX_RATIO
from l10n.engine.download import fetch_bytes, refused_address
from l10n.engine.install import install_from_file, sweep_staging
from l10n.engine.packages import INSTALL_RECORD, model_digest, read_package
from l10n.engine.paths import argos_paths
from l10n.errors import NetworkError, PackageError
from tests.argos_factory import (
    SPECS,
    BuiltPackages,
    Loopback,
    index_entry,
    package_members,
    serve,
)

pytest_plugins = ["tests.conftest_engine"]

Run = Callable[..., Result]
Handler = http.server.BaseHTTPRequestHandler


@pytest.fixture
def argos_home(argos_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Argos's folders under tmp_path (tests.conftest_engine), and a project folder to run in."""
    (tmp_path / "project").mkdir()
    monkeypatch.chdir(tmp_path / "project")
    return argos_home


@pytest.fixture
def server(built_packages: BuiltPackages, monkeypatch: pytest.MonkeyPatch) -> Iterator[Loopback]:
    """A loopback server with the en→uk archive at /en_uk.argosmodel; ``offer(link)`` makes
    the index at /index.json offer en→uk from that link."""
    with serve({"/en_uk.argosmodel": built_packages.archives["en_uk"].read_bytes()}) as loop:
        monkeypatch.setenv("ARGOS_PACKAGE_INDEX", loop.url("/"))
        yield loop


def offer(server: Loopback, link: str, spec: str = "en_uk") -> None:
    server.routes["/index.json"] = json.dumps([index_entry(SPECS[spec], link)]).encode()


def snapshot(root: Path) -> dict[str, bytes | None]:
    """Every path under ``root`` with its bytes (None for folders)."""
    return {
        str(p.relative_to(root)): None if p.is_dir() else p.read_bytes()
        for p in sorted(root.rglob("*"))
    }


def files(root: Path) -> list[str]:
    """Every file and folder under ``root`` (relative), sorted; [] when it is missing."""
    return sorted(str(p.relative_to(root)) for p in root.rglob("*")) if root.exists() else []


def nothing_left(argos_home: Path) -> bool:
    """No package installed, no staging folder left in the cache."""
    return files(argos_home / "packages") == files(argos_home / "cache/argos-translate") == []


def one_error_line(result: Result) -> str:
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.output
    return result.stderr[len("error: ") : -1]


# -- downloads: an overall deadline ------------------------------------------------------


def drip_body(handler: Handler) -> None:
    """Headers at once, then one byte every 50 ms: alive, but never done (stops at 10 s)."""
    handler.send_response(200)
    handler.send_header("Content-Length", "100000")
    handler.end_headers()
    _drip(handler)


def drip_headers(handler: Handler) -> None:
    """A status line, then a header that never ends, one byte every 50 ms."""
    handler.wfile.write(b"HTTP/1.1 200 OK\r\nX-Slow: ")
    _drip(handler)


def _drip(handler: Handler) -> None:
    try:
        for _ in range(200):
            handler.wfile.write(b"x")
            time.sleep(0.05)
    except OSError:
        return


@pytest.mark.parametrize("drip", [drip_body, drip_headers], ids=["body", "headers"])
def test_a_dripping_server_is_given_up_at_the_deadline(
    drip: Callable[[Handler], None],
) -> None:
    with serve({"/index.json": drip}) as loop:
        url = loop.url("/index.json")
        with pytest.raises(NetworkError) as caught:
            fetch_bytes(url, offline=False, timeout=5, max_bytes=1 << 20, deadline=0.5)
    assert str(caught.value).startswith(f"{url}: download not finished within the deadline")


def test_models_install_gives_up_a_dripping_download(
    argos_home: Path, server: Loopback, run_cli: Run
) -> None:
    server.routes["/slow.argosmodel"] = drip_body
    offer(server, server.url("/slow.argosmodel"))
    result = run_cli("models", "install", "en", "uk", "--deadline", "1", expect=1)
    assert one_error_line(result) == (
        f"{server.url('/slow.argosmodel')}: download not finished within the deadline of 1 s "
        f"(`l10n models install --deadline SECONDS` allows more)"
    )
    assert nothing_left(argos_home)


@pytest.fixture
def tls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ssl.SSLContext:
    """A server context with a self-signed certificate for 127.0.0.1, the only one
    trusted (``SSL_CERT_FILE``)."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1",
         "-addext", "basicConstraints=critical,CA:TRUE"],
        check=True, capture_output=True,
    )  # fmt: skip
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    return context


def test_https_keeps_to_the_deadline_too(tls: ssl.SSLContext) -> None:
    with serve({"/ok": b"hello", "/slow": drip_body, "/hello": drip_headers}, tls=tls) as loop:
        assert loop.base.startswith("https://")
        assert fetch_bytes(loop.url("/ok"), offline=False, timeout=5, max_bytes=100) == b"hello"
        for path in ("/slow", "/hello"):
            with pytest.raises(NetworkError, match=r"not finished within the deadline of 0\.5 s"):
                fetch_bytes(loop.url(path), offline=False, timeout=5, max_bytes=10**6, deadline=0.5)


# -- downloads: no link-local or metadata addresses --------------------------------------


@pytest.mark.parametrize(
    "address",
    [
        "169.254.169.254", "169.254.0.1", "fe80::1", "fe80::1%lo", "fd00:ec2::254",
        "::ffff:169.254.169.254", "64:ff9b::a9fe:a9fe", "2002:a9fe:a9fe::1",
        "100.100.100.200", "192.0.0.192", "168.63.129.16",
    ],
)  # fmt: skip
def test_link_local_and_metadata_addresses_are_refused(address: str) -> None:
    assert refused_address(address)


@pytest.mark.parametrize(
    "address",
    ["127.0.0.1", "::1", "10.1.2.3", "192.168.0.10", "172.16.0.1", "93.184.215.14",
     "2001:db8::1", "fd00::1"],
)  # fmt: skip
def test_loopback_private_and_public_addresses_are_allowed(address: str) -> None:
    assert not refused_address(address)


@pytest.fixture
def connections(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The addresses connected to; connecting to a refused one fails the test at once."""
    seen: list[str] = []
    real = socket.socket.connect

    def connect(self: socket.socket, address: Any) -> None:
        seen.append(str(address[0]))
        assert not refused_address(str(address[0])), f"connected to {address[0]}"
        real(self, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    return seen


@pytest.fixture
def metadata_host(monkeypatch: pytest.MonkeyPatch) -> str:
    """A host name that resolves to the cloud metadata address."""
    real = socket.getaddrinfo

    def resolve(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        if host == "mirror.test":
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("169.254.169.254", port or 80))]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    return "mirror.test"


def redirect_to(location: str) -> Callable[[Handler], None]:
    def redirect(handler: Handler) -> None:
        handler.send_response(302)
        handler.send_header("Location", location)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    return redirect


@pytest.mark.parametrize(
    ("link", "named"),
    [
        ("http://169.254.169.254/latest/x.argosmodel", "169.254.169.254"),
        ("http://[fe80::1]:8080/x.argosmodel", "fe80::1"),
        ("http://[fd00:ec2::254]/x.argosmodel", "fd00:ec2::254"),
        ("http://2852039166/x.argosmodel", "2852039166 (169.254.169.254)"),
        ("http://mirror.test/x.argosmodel", "mirror.test (169.254.169.254)"),
        ("/redirect", "169.254.169.254"),
    ],
    ids=["ipv4", "ipv6-link-local", "aws-ipv6", "decimal", "dns", "redirect"],
)
def test_an_index_link_to_a_metadata_address_is_refused_before_connecting(
    argos_home: Path,
    server: Loopback,
    connections: list[str],
    metadata_host: str,
    run_cli: Run,
    link: str,
    named: str,
) -> None:
    server.routes["/redirect"] = redirect_to("http://169.254.169.254/latest/meta-data/")
    url = server.url(link) if link.startswith("/") else link
    offer(server, url)
    result = run_cli("models", "install", "en", "uk", expect=1)
    assert one_error_line(result) == (
        f"{url}: refusing to connect to {named}: a link-local or cloud metadata address"
    )
    assert set(connections) == {"127.0.0.1"}  # the index (and the redirect) only
    assert nothing_left(argos_home)


def test_an_index_url_on_a_metadata_address_is_refused(
    argos_home: Path, connections: list[str], monkeypatch: pytest.MonkeyPatch, run_cli: Run
) -> None:
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", "http://169.254.169.254/argos/")
    result = run_cli("models", "available", expect=1)
    assert one_error_line(result) == (
        "http://169.254.169.254/argos/index.json: refusing to connect to 169.254.169.254: "
        "a link-local or cloud metadata address"
    )
    assert connections == []


def test_a_redirect_to_a_metadata_address_is_refused(connections: list[str]) -> None:
    with (
        serve({"/index.json": redirect_to("http://169.254.169.254/")}) as loop,
        pytest.raises(PackageError, match=r"refusing to connect to 169\.254\.169\.254"),
    ):
        fetch_bytes(loop.url("/index.json"), offline=False, timeout=5, max_bytes=1000)
    assert connections == ["127.0.0.1"]


# -- archives: bounded expansion ---------------------------------------------------------

PADDING = "translate-en_uk-1_9/model/padding.bin"


def padded(built_packages: BuiltPackages, archive: Path, size: int) -> Path:
    """The en→uk package plus ``size`` zero bytes in one member, deflated (1000:1)."""
    members = package_members(built_packages.folders["en_uk"])
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as out:
        for member in members:
            out.writestr(member.name, member.data)
        with out.open(PADDING, "w") as sink:
            for _ in range(size >> 20):
                sink.write(bytes(1 << 20))
    return archive


@pytest.mark.parametrize("source", ["file", "index"])
def test_a_zip_bomb_is_refused_before_anything_is_unpacked(
    argos_home: Path,
    server: Loopback,
    built_packages: BuiltPackages,
    tmp_path: Path,
    run_cli: Run,
    source: str,
) -> None:
    bomb = padded(built_packages, tmp_path / "bomb.argosmodel", 64 << 20)
    size = bomb.stat().st_size
    unpacked = sum(info.file_size for info in zipfile.ZipFile(bomb).infolist())
    assert size < 2 << 20 and unpacked > (64 << 20) and unpacked > MAX_RATIO * size
    if source == "file":
        where, args = str(bomb), ("--file", str(bomb))
    else:
        server.routes["/bomb.argosmodel"] = bomb.read_bytes()
        offer(server, server.url("/bomb.argosmodel"))
        where, args = server.url("/bomb.argosmodel"), ("en", "uk")
    result = run_cli("models", "install", *args, expect=1)
    assert one_error_line(result) == (
        f"{where}: archive unpacks to {unpacked} bytes, {unpacked // size} times its {size} "
        f"bytes (limit {MAX_RATIO} times): a zip bomb?"
    )
    assert nothing_left(argos_home)


def test_a_real_package_that_compresses_well_still_installs(
    argos_home: Path, built_packages: BuiltPackages, tmp_path: Path, run_cli: Run
) -> None:
    archive = padded(built_packages, tmp_path / "padded.argosmodel", 8 << 20)  # under 16 MiB
    result = run_cli("models", "install", "--file", str(archive))
    assert result.stdout.startswith("installed translate-en_uk 1.9")
    assert (argos_home / "packages/translate-en_uk-1_9/model/padding.bin").stat().st_size == 8 << 20


def lie_about_size(archive: Path, name: str, size: int) -> None:
    """Rewrite the uncompressed size of ``name`` in its local and central headers."""
    data = bytearray(archive.read_bytes())
    end = data.rindex(b"PK\x05\x06")
    count, _, offset = struct.unpack_from("<HII", data, end + 10)
    for _ in range(count):
        name_length, extra, comment = struct.unpack_from("<HHH", data, offset + 28)
        local = struct.unpack_from("<I", data, offset + 42)[0]
        if data[offset + 46 : offset + 46 + name_length] == name.encode():
            struct.pack_into("<I", data, offset + 24, size)  # central directory entry
            struct.pack_into("<I", data, local + 22, size)  # local file header
        offset += 46 + name_length + extra + comment
    archive.write_bytes(bytes(data))


def test_a_member_larger_than_its_header_says_is_refused(
    built_packages: BuiltPackages, tmp_path: Path
) -> None:
    archive = padded(built_packages, tmp_path / "liar.argosmodel", 4 << 20)
    lie_about_size(archive, PADDING, 1000)
    assert zipfile.ZipFile(archive).getinfo(PADDING).file_size == 1000
    packages, cache = tmp_path / "p", tmp_path / "c"
    with pytest.raises(PackageError, match=f"^{archive}: cannot unpack '{PADDING}': Bad CRC-32"):
        install_from_file(archive, packages_dir=packages, cache_dir=cache)
    assert files(packages) == [] and files(cache) == []


def test_unpacking_counts_bytes_rather_than_trusting_the_zip_reader(
    built_packages: BuiltPackages, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = padded(built_packages, tmp_path / "liar.argosmodel", 1 << 20)
    lie_about_size(archive, PADDING, 1000)
    real_open = zipfile.ZipFile.open

    def trusting_open(self: zipfile.ZipFile, name: Any, *args: Any, **kwargs: Any) -> Any:
        stream = real_open(self, name, *args, **kwargs)
        if getattr(name, "filename", name) == PADDING:
            stream._left = 1 << 40  # a reader that believes the data, not the header
        return stream

    monkeypatch.setattr(zipfile.ZipFile, "open", trusting_open)
    packages, cache = tmp_path / "p", tmp_path / "c"
    with pytest.raises(PackageError) as caught:
        install_from_file(archive, packages_dir=packages, cache_dir=cache)
    assert str(caught.value) == (
        f"{archive}: refusing '{PADDING}': it unpacks to more than the 1000 bytes its header "
        f"declares"
    )
    assert files(packages) == [] and files(cache) == []


# -- JSON: bounded, and a broken package folder is skipped -------------------------------

NESTED = "[" * 100_000 + "]" * 100_000
BROKEN_METADATA = {
    "nested 100000 deep": (NESTED, "metadata.json is nested deeper than 32 levels"),
    "nested 200 deep": (
        '{"from_code": "xx", "to_code": "yy", "from_name": ' + "[" * 200 + "]" * 200 + "}",
        "metadata.json is nested deeper than 32 levels",
    ),
    "too large": (
        '{"from_code": "xx", "pad": "' + "x" * (1 << 20) + '"}',
        "metadata.json is too large (more than 1048576 bytes)",
    ),
    "not JSON": (
        '{"from_code": ',
        "metadata.json is not valid JSON: Expecting value: line 1 column 15 (char 14)",
    ),
}  # fmt: skip


def with_example(root: Path) -> None:
    """The example article and its l10n.toml in ``root``."""
    repo = Path(__file__).resolve().parent.parent
    (root / "examples").mkdir()
    shutil.copy(repo / "examples/article.txt", root / "examples/article.txt")
    shutil.copy(repo / "l10n.toml", root / "l10n.toml")


def break_a_package(argos_home: Path, built_packages: BuiltPackages, case: str) -> str:
    """en→uk installed, and a package folder whose metadata.json is broken; the warning."""
    packages = built_packages.install(argos_home / "packages", "en_uk")
    broken = packages / "translate-xx_yy-1_0"
    broken.mkdir()
    text, message = BROKEN_METADATA[case]
    (broken / "metadata.json").write_text(text, encoding="utf-8")
    return f"warning: skipped a broken package: {broken}/metadata.json: {message}\n"


@pytest.mark.parametrize("case", BROKEN_METADATA)
def test_models_list_skips_a_broken_package_with_a_warning(
    argos_home: Path, built_packages: BuiltPackages, run_cli: Run, case: str
) -> None:
    warning = break_a_package(argos_home, built_packages, case)
    result = run_cli("models", "list")
    assert result.stdout.startswith("en→uk  translate-en_uk 1.9") and result.stderr == warning
    result = run_cli("models", "list", "--json")
    listed = json.loads(result.stdout)
    assert [p["code"] for p in listed if p["engine"] == "argos"] == ["translate-en_uk"]
    assert result.stderr == warning


def test_translation_skips_a_broken_package_with_a_warning(
    argos_home: Path, built_packages: BuiltPackages, run_cli: Run
) -> None:
    warning = break_a_package(argos_home, built_packages, "nested 100000 deep")
    with_example(Path.cwd())
    result = run_cli("run", "-l", "uk", "--compute-type", "float32", "--beam-size", "1")
    assert "uk: 39 machine-translated now" in result.stdout and result.stderr == warning


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (NESTED, "index is nested deeper than 32 levels"),
        ('[{"from_code": "en", "to_code": "uk", "links": ' + "[" * 40 + "]" * 40 + "}]",
         "index is nested deeper than 32 levels"),
        (" " * (16 << 20) + "[]", "download of 16777218 bytes exceeds the limit of 16777216 bytes"),
        ("[1, 2", "index is not valid JSON: Expecting ',' delimiter: line 1 column 6 (char 5)"),
    ],
    ids=["nested 100000 deep", "nested 40 deep", "too large", "not JSON"],
)  # fmt: skip
def test_a_broken_index_is_one_line_naming_it(
    argos_home: Path, server: Loopback, run_cli: Run, body: str, message: str
) -> None:
    server.routes["/index.json"] = body.encode()
    for command in (("models", "available"), ("models", "install", "en", "uk")):
        result = run_cli(*command, expect=1)
        assert one_error_line(result) == f"{server.url('/index.json')}: {message}", command
    assert files(argos_home / "packages") == []


def test_a_deep_install_record_or_settings_file_is_ignored(
    built_packages: BuiltPackages, tmp_path: Path
) -> None:
    info = read_package(built_packages.install(tmp_path / "p", "en_uk") / "translate-en_uk-1_9")
    (info.path / INSTALL_RECORD).write_text(NESTED, encoding="utf-8")
    model = (info.model_dir / "model.bin").read_bytes()
    assert model_digest(info) == hashlib.sha256(model).hexdigest()
    config = tmp_path / "home/.config/argos-translate"
    config.mkdir(parents=True)
    (config / "settings.json").write_text(NESTED, encoding="utf-8")
    paths = argos_paths({}, home=tmp_path / "home")
    assert paths.packages_dir == tmp_path / "home/.local/share/argos-translate/packages"


# -- leftovers of killed installers ------------------------------------------------------


@pytest.fixture
def stuck_download(server: Loopback) -> Iterator[str]:
    """The index offers en→uk from a link that drips until the test ends."""
    done = threading.Event()

    def drip_until_done(handler: Handler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Length", "100000")
        handler.end_headers()
        try:
            while not done.wait(0.05):
                handler.wfile.write(b"x")
        except OSError:
            return

    server.routes["/stuck.argosmodel"] = drip_until_done
    offer(server, server.url("/stuck.argosmodel"))
    yield server.url("/stuck.argosmodel")
    done.set()


def start_installer(cache: Path) -> tuple[subprocess.Popen[str], Path]:
    """`l10n models install en uk` in a child process, once its staging folder exists."""
    before = set(cache.glob(".l10n-staging-*")) if cache.exists() else set()
    child = subprocess.Popen(
        [sys.executable, "-m", "l10n", "models", "install", "en", "uk"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    for _ in range(1200):  # a minute at most, whatever the machine
        found = [p for p in cache.glob(".l10n-staging-*") if p not in before]
        if found and (found[0] / "download.zip").exists():
            return child, found[0]
        if child.poll() is not None:
            pytest.fail(f"the installer ended early: {child.communicate()[1]!r}")
        time.sleep(0.05)
    child.kill()
    pytest.fail("the installer never created its staging folder")


def test_staging_folders_of_killed_installers_are_removed_at_the_next_start(
    argos_home: Path, stuck_download: str, run_cli: Run
) -> None:
    cache = argos_home / "cache/argos-translate"
    dead, dead_staging = start_installer(cache)
    assert f"-{dead.pid}-" in dead_staging.name
    os.kill(dead.pid, signal.SIGKILL)
    dead.wait()
    assert (dead_staging / "download.zip").exists()  # what kill -9 leaves
    run_cli("models", "list")
    assert files(cache) == []
    alive, alive_staging = start_installer(cache)
    try:
        run_cli("models", "list")
        assert (alive_staging / "download.zip").exists()  # a live installer's: untouched
    finally:
        alive.kill()
        alive.wait()
    assert alive_staging.exists()
    with_example(Path.cwd())
    run_cli("extract")
    run_cli("init", "-l", "uk")
    run_cli("translate", "-l", "uk", "--engine", "fake")
    assert files(cache) == []


def test_only_dead_local_installers_folders_are_swept(tmp_path: Path) -> None:
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    host = socket.gethostname()
    names = {
        "dead": f".l10n-staging-{_safe(host)}-{gone.pid}-abc_123",
        "alive": f".l10n-staging-{_safe(host)}-{os.getpid()}-abc_123",
        "other host": f".l10n-staging-elsewhere-{gone.pid}-abc_123",
        "old style": ".l10n-staging-abc_123",
        "package": "translate-en_uk-1_9",
    }
    for name in names.values():
        (tmp_path / name).mkdir()
        (tmp_path / name / "x").write_text("x")
    target = tmp_path / "target"
    target.mkdir()
    link = tmp_path / f".l10n-staging-{_safe(host)}-{gone.pid}-link"
    link.symlink_to(target)
    assert sweep_staging(tmp_path, tmp_path / "missing") == [tmp_path / names["dead"]]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [*(v for k, v in names.items() if k != "dead"), "target", link.name]
    )
    assert (target).is_dir()


def _safe(host: str) -> str:
    return "".join(c if c.isalnum() or c == "." else "_" for c in host)[:64]


# -- installing an installed pair: the same from a file and from the index ---------------


def test_installing_an_installed_pair_changes_nothing_from_a_file_or_the_index(
    argos_home: Path, server: Loopback, built_packages: BuiltPackages, run_cli: Run
) -> None:
    archive = built_packages.archives["en_uk"]
    offer(server, server.url("/en_uk.argosmodel"))
    run_cli("models", "install", "--file", str(archive))
    packages = argos_home / "packages"
    folder = packages / "translate-en_uk-1_9"
    before = snapshot(argos_home)
    same = f"en→uk: already installed (translate-en_uk 1.9, {folder}); nothing changed\n"
    assert run_cli("models", "install", "--file", str(archive)).stdout == same
    assert run_cli("models", "install", "en", "uk").stdout == same
    assert run_cli("models", "install", "en", "uk", "--upgrade").stdout == same
    assert run_cli("models", "install", "--file", str(archive), "--upgrade").stdout == same
    newer = built_packages.archives["en_uk_v2"]
    assert run_cli("models", "install", "--file", str(newer)).stdout == (
        same[:-1] + " (--upgrade replaces it with 2.0)\n"
    )
    server.routes["/v2.argosmodel"] = newer.read_bytes()
    offer(server, server.url("/v2.argosmodel"), "en_uk_v2")
    assert run_cli("models", "install", "en", "uk").stdout == same  # the index is not read
    assert snapshot(argos_home) == before
    assert "/en_uk.argosmodel" not in server.hits and "/v2.argosmodel" not in server.hits

    result = run_cli("models", "install", "en", "uk", "--upgrade")
    assert result.stdout == "installed translate-en_uk 2.0 (en→uk)\n"
    assert [p.name for p in packages.iterdir()] == ["translate-en_uk-2_0"]
    again = run_cli("models", "install", "en", "uk", "--upgrade")
    assert again.stdout.startswith("en→uk: already installed (translate-en_uk 2.0, ")
    assert server.hits.count("/v2.argosmodel") == 1

    for upgrade in ((), ("--upgrade",)):  # never back to an older version
        result = run_cli("models", "install", "--file", str(archive), *upgrade)
        assert result.stdout.endswith(" 2.0, " + str(packages / "translate-en_uk-2_0") + "); "
                                      "nothing changed (1.9 is older)\n")
    assert [p.name for p in packages.iterdir()] == ["translate-en_uk-2_0"]
    result = run_cli("models", "install", "--file", str(newer), "--upgrade")
    assert result.stdout.endswith("nothing changed\n")


def test_a_pivot_route_is_installed_once(
    argos_home: Path, built_packages: BuiltPackages, run_cli: Run
) -> None:
    routes = {f"/{key}": built_packages.archives[key].read_bytes() for key in ("de_en", "en_uk")}
    with serve(routes) as loop:
        entries = [index_entry(SPECS[key], loop.url(f"/{key}")) for key in ("de_en", "en_uk")]
        loop.routes["/index.json"] = json.dumps(entries).encode()
        os.environ["ARGOS_PACKAGE_INDEX"] = loop.url("/")
        first = run_cli("models", "install", "de", "uk").stdout.splitlines()
        assert first == [
            "installed translate-de_en 1.0 (de→en)",
            "installed translate-en_uk 1.9 (en→uk)",
        ]
        second = run_cli("models", "install", "de", "uk").stdout.splitlines()
        assert [line.split(" (")[0] for line in second] == [
            "de→en: already installed", "en→uk: already installed"
        ]
        assert sorted(loop.hits) == ["/de_en", "/en_uk", "/index.json"]
