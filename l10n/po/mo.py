"""Compiling a catalog to a GNU ``.mo`` file, byte for byte what ``msgfmt`` writes.

``msgfmt`` keeps the header and every non-obsolete entry whose ``msgstr`` (``msgstr[0]`` for plural
entries) is not empty, drops fuzzy entries unless asked (the header stays even when fuzzy, less its
``POT-Creation-Date`` line), sorts the keys (``msgctxt`` EOT ``msgid``) bytewise, and adds a hash
table of the next prime size above 4/3 of the entry count using gettext's ``hashpjw``.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Iterable

from .entry import CatalogEntry

__all__ = ["compile_entries"]

_MAGIC = 0x950412DE
_HEADER_SIZE = 28
_POT_DATE = re.compile(r"^POT-Creation-Date:.*(?:\n|$)", re.MULTILINE)


def compile_entries(
    entries: Iterable[CatalogEntry], *, charset: str = "utf-8", use_fuzzy: bool = False
) -> bytes:
    """The ``.mo`` image of ``entries`` (header entry included when given)."""
    pairs = sorted(_pairs(entries, charset=charset, use_fuzzy=use_fuzzy))
    count = len(pairs)
    hash_size = _hash_size(count)
    ids_offset = _HEADER_SIZE
    strs_offset = ids_offset + 8 * count
    hash_offset = strs_offset + 8 * count
    data_offset = hash_offset + 4 * hash_size
    table_ids, table_strs, blob = [], [], bytearray()
    for key, _ in pairs:
        table_ids.append((len(key), data_offset + len(blob)))
        blob += key + b"\0"
    for _, value in pairs:
        table_strs.append((len(value), data_offset + len(blob)))
        blob += value + b"\0"
    head = struct.pack("<7I", _MAGIC, 0, count, ids_offset, strs_offset, hash_size, hash_offset)
    tables = b"".join(struct.pack("<2I", *pair) for pair in table_ids + table_strs)
    hashes = struct.pack(f"<{hash_size}I", *_hash_table([key for key, _ in pairs], hash_size))
    return head + tables + hashes + bytes(blob)


def _pairs(
    entries: Iterable[CatalogEntry], *, charset: str, use_fuzzy: bool
) -> list[tuple[bytes, bytes]]:
    pairs = []
    for entry in entries:
        if entry.obsolete:
            continue
        header = entry.msgid == "" and entry.msgctxt is None
        if entry.msgid_plural:
            forms = entry.msgstr_plural
            values = [forms[index] for index in sorted(forms)] or [""]
            key = entry.msgid + "\0" + entry.msgid_plural
        else:
            values = [entry.msgstr]
            key = entry.msgid
        if not values[0] or ("fuzzy" in entry.flags and not use_fuzzy and not header):
            continue
        if header:  # msgfmt leaves this out so that builds are reproducible
            values = [_POT_DATE.sub("", values[0])]
        if entry.msgctxt is not None:
            key = entry.msgctxt + "\x04" + key
        pairs.append((key.encode(charset), "\0".join(values).encode(charset)))
    return pairs


def _hash_size(count: int) -> int:
    size = _next_prime(count * 4 // 3)
    return 3 if size <= 2 else size


def _next_prime(number: int) -> int:
    candidate = number | 1
    while not _is_prime(candidate):
        candidate += 2
    return candidate


def _is_prime(number: int) -> bool:
    """gettext's test, quirks included (it calls 3 not prime, so 2 entries get 5 slots)."""
    divisor = 3
    square = divisor * divisor
    while square < number and number % divisor != 0:
        divisor += 1
        square += 4 * divisor
        divisor += 1
    return number % divisor != 0


def _hash_table(keys: list[bytes], size: int) -> list[int]:
    table = [0] * size
    for number, key in enumerate(keys, 1):
        value = _hashpjw(key)
        index = value % size
        if table[index]:
            step = 1 + value % (size - 2)
            while table[index]:
                index = index - (size - step) if index >= size - step else index + step
        table[index] = number
    return table


def _hashpjw(key: bytes) -> int:
    """gettext's string hash (with 64-bit ``long``), up to the first NUL of the key."""
    value = 0
    for byte in key.split(b"\0", 1)[0]:
        value = (value << 4) + byte
        high = value & ~0x0FFFFFFF
        if high:
            value ^= high >> 24
            value ^= high
    return value & 0xFFFFFFFF
