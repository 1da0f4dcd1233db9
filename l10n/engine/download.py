"""Bounded, checked HTTP downloads that fail fast without a network.

Only ``http``/``https`` URLs (redirects included), no proxies from the environment, a
size limit checked against ``Content-Length`` and while reading, and a SHA-256 computed
as the bytes arrive. ``offline=True`` raises before any socket is opened.

Time is bounded twice: ``timeout`` bounds name resolution, connecting and every single
read, and ``deadline`` bounds the whole download, headers and redirects included, so a
server that drips a byte now and then cannot keep it alive. Every socket read waits at
most for what is left of the deadline; a download still running then is a NetworkError.

Every address a host name resolves to is checked before connecting (the first URL and
every redirect): link-local addresses and the cloud metadata services (see
:data:`REFUSED_NETWORKS`) are refused, so an index cannot point ``l10n`` at the metadata
of the machine it runs on. The connection then goes to the address that was checked
(no second lookup). Loopback and private addresses stay allowed: local mirrors use them.
"""

from __future__ import annotations

import functools
import hashlib
import http.client
import io
import ipaddress
import socket
import ssl
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, BinaryIO

from ..errors import NetworkError, PackageError

__all__ = [
    "INDEX_DEADLINE",
    "OFFLINE_REMEDY",
    "PACKAGE_DEADLINE",
    "REFUSED_NETWORKS",
    "DownloadProgress",
    "Downloaded",
    "download",
    "fetch_bytes",
    "refused_address",
]

DownloadProgress = Callable[[int, int | None], None]
"""Called with (bytes received so far, total bytes or None when unknown)."""

OFFLINE_REMEDY = "install from a file instead: `l10n models install --file PATH`"
PACKAGE_DEADLINE = 3600.0
"""Seconds a package download may take in all: 600 MB at 170 kB/s."""
INDEX_DEADLINE = 120.0
"""Seconds fetching the package index may take in all."""
REFUSED_NETWORKS = tuple(
    ipaddress.ip_network(network)
    for network in (
        "169.254.0.0/16",  # IPv4 link-local: 169.254.169.254 is AWS, GCP, Azure, OpenStack metadata
        "fe80::/10",  # IPv6 link-local
        "fd00:ec2::254/128",  # AWS instance metadata over IPv6
        "100.100.100.200/32",  # Alibaba Cloud metadata
        "192.0.0.192/32",  # Oracle Cloud metadata
        "168.63.129.16/32",  # Azure WireServer
    )
)
"""Addresses no download may connect to (after resolution, IPv4 inside IPv6 included)."""

_CHUNK = 1 << 18
_USER_AGENT = "l10n (Argos package client)"
_EMBEDDED_V4 = (
    ipaddress.ip_network("::ffff:0:0/96"),  # IPv4-mapped
    ipaddress.ip_network("64:ff9b::/96"),  # NAT64
    ipaddress.ip_network("::/96"),  # IPv4-compatible (deprecated)
)


@dataclass(frozen=True, slots=True)
class Downloaded:
    """What a download produced: the URL that answered, its size and SHA-256."""

    url: str
    size: int
    sha256: str


def fetch_bytes(
    url: str, *, offline: bool, timeout: float, max_bytes: int, deadline: float = INDEX_DEADLINE
) -> bytes:
    """The body at ``url`` (at most ``max_bytes``, within ``deadline`` s), e.g. an index."""
    sink = io.BytesIO()
    budget = _Budget(timeout=timeout, seconds=deadline)
    _download_one(url, sink, offline=offline, budget=budget, max_bytes=max_bytes)
    return sink.getvalue()


def download(
    urls: Sequence[str],
    sink: BinaryIO,
    *,
    offline: bool,
    timeout: float,
    max_bytes: int,
    deadline: float = PACKAGE_DEADLINE,
    progress: DownloadProgress | None = None,
) -> Downloaded:
    """Write the first of ``urls`` that answers into ``sink``; NetworkError if none does.

    ``sink`` is truncated before each attempt, so a failed mirror leaves nothing behind.
    ``deadline`` (seconds) bounds all attempts together.
    """
    usable = [url for url in urls if _is_http(url)]
    if not usable:
        raise PackageError(f"no http(s) link among {list(urls)!r}")
    budget = _Budget(timeout=timeout, seconds=deadline)
    failures: list[NetworkError] = []
    for url in usable:
        sink.seek(0)
        sink.truncate()
        try:
            return _download_one(
                url, sink, offline=offline, budget=budget, max_bytes=max_bytes, progress=progress
            )
        except NetworkError as error:
            if offline or budget.expired():
                raise
            failures.append(error)
    if len(failures) == 1:
        raise failures[0]
    raise NetworkError("; ".join(str(error) for error in failures))


def refused_address(address: str) -> bool:
    """Whether ``address`` (an IP, maybe with a ``%zone``) lies in :data:`REFUSED_NETWORKS`."""
    try:
        ip = ipaddress.ip_address(address.partition("%")[0])
    except ValueError:
        return True  # not an address at all: nothing to connect to
    candidates: list[ipaddress.IPv4Address | ipaddress.IPv6Address] = [ip]
    if isinstance(ip, ipaddress.IPv6Address):
        if any(ip in network for network in _EMBEDDED_V4):
            candidates.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
        if ip.sixtofour is not None:
            candidates.append(ip.sixtofour)
    return any(
        candidate in network
        for candidate in candidates
        for network in REFUSED_NETWORKS
        if candidate.version == network.version
    )


# -- one download ----------------------------------------------------------------------


class _Budget:
    """The time left: each socket operation waits at most ``timeout`` and never past the
    deadline, ``seconds`` from now."""

    def __init__(self, *, timeout: float, seconds: float) -> None:
        self.timeout = timeout
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def left(self) -> float:
        return self.end - time.monotonic()

    def expired(self) -> bool:
        return self.left() <= 0

    def wait(self) -> float:
        """The timeout for the next socket operation; TimeoutError once the deadline passed."""
        left = self.left()
        if left <= 0:
            raise TimeoutError(f"deadline of {self.seconds:g} s passed")
        return min(self.timeout, left)

    def error(self, url: str) -> NetworkError:
        return NetworkError(
            f"download not finished within the deadline of {self.seconds:g} s "
            f"(`l10n models install --deadline SECONDS` allows more)",
            path=url,
        )


def _download_one(
    url: str,
    sink: BinaryIO,
    *,
    offline: bool,
    budget: _Budget,
    max_bytes: int,
    progress: DownloadProgress | None = None,
) -> Downloaded:
    if offline:
        raise NetworkError(f"network access is forbidden (offline); {OFFLINE_REMEDY}", path=url)
    if not _is_http(url):
        raise NetworkError("only http and https URLs are supported", path=url)
    with _open(url, budget=budget) as response:
        total = _content_length(response)
        if total is not None and total > max_bytes:
            raise PackageError(
                f"download of {total} bytes exceeds the limit of {max_bytes} bytes", path=url
            )
        size, digest = _copy(
            response,
            sink,
            url=url,
            budget=budget,
            max_bytes=max_bytes,
            progress=progress,
            total=total,
        )
    if total is not None and size != total:
        raise NetworkError(f"download ended after {size} of {total} bytes", path=url)
    return Downloaded(url=url, size=size, sha256=digest)


def _copy(
    response: http.client.HTTPResponse,
    sink: BinaryIO,
    *,
    url: str,
    budget: _Budget,
    max_bytes: int,
    progress: DownloadProgress | None,
    total: int | None,
) -> tuple[int, str]:
    digest = hashlib.sha256()
    size = 0
    while True:
        try:
            chunk = response.read(_CHUNK)
        except (OSError, ValueError, http.client.HTTPException) as error:
            raise _network_error(url, error, budget) from error
        if not chunk:
            return size, digest.hexdigest()
        size += len(chunk)
        if size > max_bytes:
            raise PackageError(f"download exceeds the limit of {max_bytes} bytes", path=url)
        digest.update(chunk)
        sink.write(chunk)
        if progress is not None:
            progress(size, total)


def _open(url: str, *, budget: _Budget) -> http.client.HTTPResponse:
    request = urllib.request.Request(url, headers={"User-Agent": _USER_AGENT})
    try:
        response = _opener(budget).open(request, timeout=budget.timeout)
    except (OSError, ValueError, urllib.error.URLError, http.client.HTTPException) as error:
        raise _network_error(url, error, budget) from error
    except (NetworkError, PackageError) as error:  # raised while connecting: name the URL
        if error.path is not None:
            raise
        raise type(error)(error.message, path=url) from error
    if not isinstance(response, http.client.HTTPResponse):
        response.close()
        raise NetworkError("unexpected response type", path=url)
    return response


def _opener(budget: _Budget) -> urllib.request.OpenerDirector:
    """HTTP and HTTPS only (redirects too), no proxies read from the environment, and
    connections that check addresses and keep to ``budget``."""
    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.ProxyHandler({}),
        _HttpHandler(budget),
        _HttpsHandler(budget),
        _HttpOnlyRedirects(),
        urllib.request.HTTPDefaultErrorHandler(),
        urllib.request.HTTPErrorProcessor(),
    ):
        opener.add_handler(handler)
    return opener


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    max_redirections = 5

    def redirect_request(  # type: ignore[no-untyped-def]
        self, req, fp, code, msg, headers, newurl
    ):
        if not _is_http(newurl):
            raise urllib.error.URLError(f"refusing redirect to {newurl!r}")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class _HttpHandler(urllib.request.HTTPHandler):
    def __init__(self, budget: _Budget) -> None:
        super().__init__()
        self.budget = budget

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        connection = functools.partial(_Connection, budget=self.budget)
        return self.do_open(connection, req)


class _HttpsHandler(urllib.request.AbstractHTTPHandler):
    """urllib's HTTPS handler, but the TLS context (CA certificates: 60 ms to load) is
    made only when an https URL is opened."""

    def __init__(self, budget: _Budget) -> None:
        super().__init__()
        self.budget = budget

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        context = ssl.create_default_context()
        context.sslsocket_class = _BudgetSSLSocket
        connection = functools.partial(_SecureConnection, budget=self.budget)
        return self.do_open(connection, req, context=context)

    https_request = urllib.request.AbstractHTTPHandler.do_request_


class _Connection(http.client.HTTPConnection):
    """An HTTP connection to a checked address, whose reads keep to the budget."""

    def __init__(self, *args: Any, budget: _Budget, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._create_connection = functools.partial(_connect, budget=budget)


class _SecureConnection(http.client.HTTPSConnection):
    """An HTTPS connection to a checked address, whose reads keep to the budget."""

    def __init__(self, *args: Any, budget: _Budget, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._create_connection = functools.partial(_connect, budget=budget)
        self._budget = budget

    def connect(self) -> None:
        super().connect()  # the TLS handshake waits at most what the budget gave connect
        if isinstance(self.sock, _BudgetSSLSocket):
            self.sock.budget = self._budget


class _BudgetSocket(socket.socket):
    """A socket whose every read waits at most for what is left of its budget."""

    budget: _Budget | None = None

    def recv_into(self, buffer: Any, nbytes: int = 0, flags: int = 0) -> int:
        if self.budget is not None:
            self.settimeout(self.budget.wait())
        return super().recv_into(buffer, nbytes, flags)


class _BudgetSSLSocket(ssl.SSLSocket):
    """The TLS side of :class:`_BudgetSocket` (its budget is set after the handshake)."""

    budget: _Budget | None = None

    def recv_into(self, buffer: Any, nbytes: int | None = None, flags: int = 0) -> int:
        if self.budget is not None:
            self.settimeout(self.budget.wait())
        return super().recv_into(buffer, nbytes, flags)


def _connect(
    address: tuple[str, int],
    timeout: object = None,
    source_address: object = None,
    *,
    budget: _Budget,
) -> socket.socket:
    """Resolve ``address``, refuse it if any of its addresses is refused, connect."""
    host, port = address
    found = _resolve(host, port, budget=budget)
    for *_, sockaddr in found:
        ip = str(sockaddr[0])
        if refused_address(ip):
            named = host if host.strip("[]") == ip else f"{host} ({ip})"
            raise PackageError(
                f"refusing to connect to {named}: a link-local or cloud metadata address"
            )
    error: OSError = OSError(f"no address for {host!r}")
    for family, kind, proto, _, sockaddr in found:
        sock = _BudgetSocket(family, kind, proto)
        try:
            sock.settimeout(budget.wait())
            sock.connect(sockaddr)
        except OSError as failed:
            sock.close()
            error = failed
            continue
        sock.budget = budget
        return sock
    raise error


def _resolve(host: str, port: int, *, budget: _Budget) -> list[Any]:
    """Resolve ``host`` in a helper thread so a dead resolver cannot hang us."""
    outcome: list[list[Any] | OSError] = []

    def work() -> None:
        try:
            outcome.append(socket.getaddrinfo(host, port, type=socket.SOCK_STREAM))
        except OSError as error:
            outcome.append(error)

    wait = budget.wait()
    worker = threading.Thread(target=work, name="l10n-resolve", daemon=True)
    worker.start()
    worker.join(wait)
    if not outcome:
        raise NetworkError(f"cannot resolve {host!r} within {wait:g} s; {OFFLINE_REMEDY}")
    result = outcome[0]
    if isinstance(result, OSError):
        raise result
    return result


def _network_error(url: str, error: BaseException, budget: _Budget) -> NetworkError:
    if budget.expired():
        return budget.error(url)
    reason = getattr(error, "reason", None) or error
    return NetworkError(f"cannot download: {reason}; {OFFLINE_REMEDY}", path=url)


def _content_length(response: http.client.HTTPResponse) -> int | None:
    value = response.headers.get("Content-Length")
    if value is None or not value.strip().isdigit():
        return None
    return int(value)


def _is_http(url: str) -> bool:
    parts = urllib.parse.urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.hostname)
