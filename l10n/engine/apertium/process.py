"""One long-lived Apertium pipeline: its stages as processes, records in and out.

The stages are started here, each reading the one before (no shell), so that the
caller can tell which stage died. :meth:`Pipeline.exchange` writes NUL-terminated
records from a thread (a pipeline holds only so much: writing everything before
reading would deadlock) and reads one NUL-terminated record per input, waiting at most
``stall`` seconds for each. It returns what it got and, when the pipeline went wrong
(a stage exited, nothing came for ``stall`` seconds), why: the caller then kills the
pipeline and starts another. The processes are killed when the pipeline is closed,
collected, or the interpreter exits.
"""

from __future__ import annotations

import contextlib
import os
import selectors
import subprocess
import tempfile
import threading
import time
import weakref
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from ...errors import EngineError

__all__ = ["Exchange", "Pipeline"]

_READ = 1 << 16


@dataclass(frozen=True, slots=True)
class Exchange:
    """The records a pipeline returned, in order, and why it stopped early (or None)."""

    records: list[bytes]
    failure: str | None = None


def _stop(processes: list[subprocess.Popen[bytes]]) -> None:
    for process in processes:
        if process.poll() is None:
            with contextlib.suppress(OSError):
                process.kill()
    for process in processes:
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=10)
        for stream in (process.stdin, process.stdout):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()


class Pipeline:
    """Processes ``commands`` as one pipeline; see the module docstring."""

    def __init__(
        self,
        commands: Sequence[Sequence[str]],
        *,
        env: Mapping[str, str] | None = None,
        stall: float = 30.0,
    ) -> None:
        self.commands = [list(command) for command in commands]
        self.stall = stall
        self._errors: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 (closed in close())
        self._buffer = bytearray()
        self.processes: list[subprocess.Popen[bytes]] = []
        try:
            self._start(env)
        except OSError as error:
            self.close()
            raise EngineError(f"cannot start {self.commands[0][0]}: {error}") from None
        self._finalizer = weakref.finalize(self, _stop, self.processes)

    def _start(self, env: Mapping[str, str] | None) -> None:
        previous: IO[bytes] | int = subprocess.PIPE
        for command in self.commands:
            process = subprocess.Popen(
                command,
                stdin=previous,
                stdout=subprocess.PIPE,
                stderr=self._errors,
                env=None if env is None else dict(env),
                close_fds=True,
            )
            if self.processes:
                stdout = self.processes[-1].stdout
                if stdout is not None:
                    stdout.close()  # the next stage holds it now
            self.processes.append(process)
            assert process.stdout is not None
            previous = process.stdout
        self._stdin = self.processes[0].stdin
        assert self.processes[-1].stdout is not None
        self._stdout = self.processes[-1].stdout

    @property
    def alive(self) -> bool:
        return bool(self.processes) and all(p.poll() is None for p in self.processes)

    def close(self) -> None:
        """Kill the stages (idempotent)."""
        _stop(self.processes)
        self._errors.close()

    def exchange(
        self, records: Sequence[bytes], *, received: Callable[[int], None] | None = None
    ) -> Exchange:
        """Send ``records`` (each without its NUL) and read as many back.

        ``received(n)`` is called after each record read, with the count so far. On a
        failure the records read until then come back with the reason.
        """
        if not records:
            return Exchange([])
        data = b"".join(record + b"\0" for record in records)
        writer = threading.Thread(target=self._feed, args=(data,), daemon=True)
        writer.start()
        got: list[bytes] = []
        failure = None
        finished = False
        try:
            failure = self._read(len(records), got, received)
            finished = failure is None
        finally:
            if not finished:  # failed, or interrupted: the writer may be stuck on a full pipe
                self.close()
            writer.join(timeout=None if finished else 10)
        return Exchange(got, failure)

    def _feed(self, data: bytes) -> None:
        try:
            assert self._stdin is not None
            self._stdin.write(data)
            self._stdin.flush()
        except (OSError, ValueError):
            pass  # the pipeline died or was killed: the reader says why

    def _read(
        self, wanted: int, got: list[bytes], received: Callable[[int], None] | None
    ) -> str | None:
        descriptor = self._stdout.fileno()
        with selectors.DefaultSelector() as selector:
            selector.register(descriptor, selectors.EVENT_READ)
            deadline = time.monotonic() + self.stall
            while len(got) < wanted:
                end = self._buffer.find(b"\0")
                if end >= 0:
                    got.append(bytes(self._buffer[:end]))
                    del self._buffer[: end + 1]
                    deadline = time.monotonic() + self.stall
                    if received is not None:
                        received(len(got))
                    continue
                left = deadline - time.monotonic()
                if left <= 0:
                    return f"no answer for {self.stall:g} s"
                if not selector.select(left):
                    continue
                chunk = os.read(descriptor, _READ)
                if not chunk:
                    return self._death()
                self._buffer += chunk
        return None

    def stopped(self, *, wait: float = 1.0) -> str | None:
        """Why the pipeline stopped, when a stage has exited (waiting up to ``wait``
        seconds for one to); None while every stage runs."""
        deadline = time.monotonic() + wait
        while all(process.poll() is None for process in self.processes):
            if time.monotonic() >= deadline:
                return None
            time.sleep(0.01)
        return self._death(wait=wait)

    def _death(self, *, wait: float = 2.0) -> str:
        """Why the output ended: the first stage that exited badly (waiting up to
        ``wait`` seconds for one: the others may still run), and its last words."""
        deadline = time.monotonic() + wait
        while True:
            codes = [process.poll() for process in self.processes]
            failed = next((i for i, code in enumerate(codes) if code not in (0, None)), None)
            if failed is not None or time.monotonic() >= deadline:
                break
            time.sleep(0.01)
        if failed is None:
            return "the pipeline ended early"
        stage = self.processes[failed]
        name = Path(str(stage.args[0] if isinstance(stage.args, list) else stage.args)).name
        code = stage.returncode
        how = f"was killed by signal {-code}" if code < 0 else f"exited with status {code}"
        said = self._last_error_line()
        return f"{name} {how}" + (f" ({said})" if said else "")

    def _last_error_line(self) -> str:
        try:
            self._errors.seek(0, os.SEEK_END)
            size = self._errors.tell()
            self._errors.seek(max(0, size - 2048))
            lines = self._errors.read().decode("utf-8", errors="replace").strip().splitlines()
        except (OSError, ValueError):
            return ""
        return lines[-1].strip()[:200] if lines else ""
