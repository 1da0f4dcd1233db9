"""A stand-in for one stage of an Apertium pipeline (no Apertium needed): NUL-terminated
records in, the same records out, except where a record asks for trouble.

A record containing ``CRASH`` kills the stage (SIGSEGV), ``STALL`` makes it hang,
``SPLIT`` makes it answer with two records, ``EMPTY`` with an empty one, and ``UPPER``
with the record in capitals (a "translation"). With ``--log FILE`` each record received
is appended to FILE, one per line; ``--crash-on TEXT`` crashes on records containing
TEXT (the way a tagger crashes on a language's sentences).
"""

from __future__ import annotations

import argparse
import os
import signal
import time


def answer(record: bytes, crash_on: bytes | None) -> bytes:
    if b"CRASH" in record or (crash_on is not None and crash_on in record):
        os.kill(os.getpid(), signal.SIGSEGV)
    if b"STALL" in record:
        time.sleep(3600)
    if b"SPLIT" in record:
        return record.replace(b"SPLIT", b"SP\0LIT")
    if b"EMPTY" in record:
        return b""
    if b"UPPER" in record:
        return record.decode("utf-8").upper().encode("utf-8")
    return record


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--log")
    parser.add_argument("--crash-on")
    parser.add_argument("rest", nargs="*")  # flags a real stage would take (-1, -n, ...)
    options, _ = parser.parse_known_args()
    crash_on = options.crash_on.encode("utf-8") if options.crash_on else None
    buffer = b""
    while True:
        chunk = os.read(0, 1 << 16)
        if not chunk:
            break
        buffer += chunk
        while b"\0" in buffer:
            record, buffer = buffer.split(b"\0", 1)
            if options.log:
                with open(options.log, "ab") as log:
                    log.write(record.replace(b"\n", b"\\n") + b"\n")
            os.write(1, answer(record, crash_on) + b"\0")
    os.write(1, b"\0\0")  # as Apertium's stages do at the end of their input


if __name__ == "__main__":
    main()
