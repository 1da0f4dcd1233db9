"""Bounded, checked HTTP downloads that fail fast without a network.

Only ``http``/``https`` URLs (redirects included), no proxies from the environment, a
timeout on name resolution, on connecting and on every read, a size limit checked
against ``Content-Length`` and while reading, and a SHA-256 computed as the bytes
arrive. ``offline=True`` raises before any socket is opened.
"""

from __future__ import annotations

import hashlib
import io
import socket
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from http.client import HTTPResponse
from typing import BinaryIO

from l10n.errors import NetworkError, PackageError

__all__ = [
    "OFFLINE_REMEDY",
    "DownloadProgress",
    "Downloaded",
    "download",
    "fetch_bytes",
]

DownloadProgress = Callable[[int, int | None], None]
"""Called with (bytes received so far, total bytes or None when unknown)."""

OFFLINE_REMEDY = "install from a file instead: `l10n models install --file PATH`"
_CHUNK = 1 << 18
_USER_AGENT = "l10n (Argos package client)"


@dataclass(frozen=True, slots=True)
class Downloaded:
    """What a download produced: the URL that answered, its size and SHA-256."""

    url: str
    size: int
    sha256: str


def fetch_bytes(url: str, *, offline: bool, timeout: float, max_bytes: int) -> bytes:
    """The body at ``url`` (at most ``max_bytes``), e.g. an index."""
    sink = io.BytesIO()
    _download_one(url, sink, offline=offline, timeout=timeout, max_bytes=max_bytes)
    return sink.getvalue()


def download(
    urls: Sequence[str],
    sink: BinaryIO,
    *,
    offline: bool,
    timeout: float,
    max_bytes: int,
    progress: DownloadProgress | None = None,
) -> Downloaded:
    """Write the first of ``urls`` that answers into ``sink``; NetworkError if none does.

    ``sink`` is truncated before each attempt, so a failed mirror leaves nothing behind.
    """
    usable = [url for url in urls if _is_http(url)]
    if not usable:
        raise PackageError(f"no http(s) link among {list(urls)!r}")
    failures: list[NetworkError] = []
    for url in usable:
        sink.seek(0)
        sink.truncate()
        try:
            return _download_one(
                url, sink, offline=offline, timeout=timeout, max_bytes=max_bytes, progress=progress
            )
        except NetworkError as error:
            if offline:
                raise
            failures.append(error)
    if len(failures) == 1:
        raise failures[0]
    raise NetworkError("; ".join(str(error) for error in failures))


def _download_one(
    url: str,
    sink: BinaryIO,
    *,
    offline: bool,
    timeout: float,
    max_bytes: int,
    progress: DownloadProgress | None = None,
) -> Downloaded:
    if offline:
        raise NetworkError(f"network access is forbidden (offline); {OFFLINE_REMEDY}", path=url)
    if not _is_http(url):
        raise NetworkError("only http and https URLs are supported", path=url)
    with _open(url, timeout=timeout) as response:
        total = _content_length(response)
        if total is not None and total > max_bytes:
            raise PackageError(
                f"download of {total} bytes exceeds the limit of {max_bytes} bytes", path=url
            )
        size, digest = _copy(
            response, sink, url=url, max_bytes=max_bytes, progress=progress, total=total
        )
    if total is not None and size != total:
        raise NetworkError(f"download ended after {size} of {total} bytes", path=url)
    return Downloaded(url=url, size=size, sha256=digest)


def _copy(
    response: HTTPResponse,
    sink: BinaryIO,
    *,
    url: str,
    max_bytes: int,
    progress: DownloadProgress | None,
    total: int | None,
) -> tuple[int, str]:
    digest = hashlib.sha256()
    size = 0
    while True:
        try:
            chunk = response.read(_CHUNK)
        except (OSError, ValueError) as error:
            raise _network_error(url, error) from error
        if not chunk:
            return size, digest.hexdigest()
        size += len(chunk)
        if size > max_bytes:
            raise PackageError(f"download exceeds the limit of {max_bytes} bytes", path=url)
        digest.update(chunk)
        sink.write(chunk)
        if progress is not None:
            progress(size, total)


def _open(url: str, *, timeout: float) -> HTTPResponse:
    parts = urllib.parse.urlsplit(url)
    _resolve(
        parts.hostname or "",
        parts.port or (443 if parts.scheme == "https" else 80),
        url=url,
        timeout=timeout,
    )
    request = urllib.request.Request(url, headers={"User-Agent": _USER_AGENT})
    try:
        response = _opener().open(request, timeout=timeout)
    except (OSError, ValueError, urllib.error.URLError) as error:
        raise _network_error(url, error) from error
    if not isinstance(response, HTTPResponse):
        response.close()
        raise NetworkError("unexpected response type", path=url)
    return response


def _opener() -> urllib.request.OpenerDirector:
    """HTTP and HTTPS only (redirects too), and no proxies read from the environment."""
    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.ProxyHandler({}),
        urllib.request.HTTPHandler(),
        urllib.request.HTTPSHandler(),
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


def _resolve(host: str, port: int, *, url: str, timeout: float) -> None:
    """Resolve ``host`` in a helper thread so a dead resolver cannot hang us."""
    outcome: list[BaseException | None] = []

    def work() -> None:
        try:
            socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
            outcome.append(None)
        except OSError as error:
            outcome.append(error)

    worker = threading.Thread(target=work, name="l10n-resolve", daemon=True)
    worker.start()
    worker.join(timeout)
    if not outcome:
        raise NetworkError(
            f"cannot resolve {host!r} within {timeout:g} s; {OFFLINE_REMEDY}", path=url
        )
    if outcome[0] is not None:
        raise _network_error(url, outcome[0])


def _network_error(url: str, error: BaseException) -> NetworkError:
    reason = getattr(error, "reason", None) or error
    return NetworkError(f"cannot download: {reason}; {OFFLINE_REMEDY}", path=url)


def _content_length(response: HTTPResponse) -> int | None:
    value = response.headers.get("Content-Length")
    if value is None or not value.strip().isdigit():
        return None
    return int(value)


def _is_http(url: str) -> bool:
    parts = urllib.parse.urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.hostname)
