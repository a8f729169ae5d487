"""Reading many files on every core: this process and forked readers share the files.

A merge of thousands of exports spends most of its time reading them, one file at a
time and each on its own, so the files are split into contiguous shares: forked
readers each read one share and send what they read back through a pipe, pickled in
one piece, while this process reads the first share itself. The results are put back
in file order, so a parallel read gives exactly what a serial one gives.

The readers can start before this process has imported what reading takes: each is
given a `setup` that imports and prepares its `read` function itself, so a command
forks first (imports nothing heavy before) and every process imports at once, on its
own core. Nothing here imports more than the standard library.

Forking is safe only in a process with one thread, on a system whose libraries
survive it: Linux. Anywhere else, with other threads running (a notebook's kernel,
a progress bar's refresh thread) or with few files, the files are read here, one by
one. A reader that fails for any reason has its share read again here, so a file is
never lost and an error shows as it would in a serial read.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from contextlib import suppress
from pathlib import Path
from types import TracebackType
from typing import Generic, TypeVar

Read = TypeVar("Read")
ReadFunction = Callable[[Path], Read]

# Below this many files a reader's fork and pickling cost more than its share saves.
MIN_FILES_PER_READER = 250
MAX_JOBS = 32


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity where the system tells it)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    """Whether forking readers is safe here: Linux, and no other thread running."""
    return sys.platform.startswith("linux") and threading.active_count() == 1


def readers_for(count: int, jobs: int) -> int:
    """How many processes read `count` files when `jobs` are allowed (this one included)."""
    if jobs <= 1 or not can_fork():
        return 1
    return max(1, min(jobs, MAX_JOBS, count // MIN_FILES_PER_READER))


def split(files: Sequence[Path], readers: int) -> list[Sequence[Path]]:
    """`readers` contiguous shares of `files`, as equal as whole files allow."""
    ends = [round(len(files) * (n + 1) / readers) for n in range(readers)]
    return [files[start:end] for start, end in zip([0, *ends], ends, strict=False)]


class Readers(Generic[Read]):
    """Forked readers of all but the first share of `files`, started at once.

    Use it as a context manager: leaving it (by an error, say) stops the readers
    whose results were not collected.

        with Readers(files, setup, jobs) as readers:
            ...  # this process imports, loads, prepares while they read
            results = readers.results(setup(), on_file)
    """

    def __init__(
        self, files: Sequence[Path], setup: Callable[[], ReadFunction[Read]], jobs: int = 1
    ):
        shares = split(files, readers_for(len(files), jobs))
        self.own: Sequence[Path] = shares[0]
        self._forked: list[_Reader[Read]] = []
        for share in shares[1:]:
            self._forked.append(_fork(share, setup))

    def results(
        self, read: ReadFunction[Read], on_file: Callable[[Path], None] | None = None
    ) -> list[Read]:
        """`read(path)` of every file, in file order: this process's share read now.

        `on_file` is called after each file: as it is read here, and for a
        reader's files once its share is back.
        """
        results = []
        for path in self.own:
            results.append(read(path))
            if on_file is not None:
                on_file(path)
        for reader in self._forked:
            results += reader.collect(read, on_file)
        self._forked = []
        return results

    def stop(self) -> None:
        """End the readers not yet collected (this process will not want their results)."""
        for reader in self._forked:
            reader.stop()
        self._forked = []

    def __enter__(self) -> Readers[Read]:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()


def read_all(
    files: Sequence[Path],
    read: ReadFunction[Read],
    jobs: int = 1,
    on_file: Callable[[Path], None] | None = None,
) -> list[Read]:
    """`read(path)` of every file, in file order, over up to `jobs` processes."""
    with Readers(files, lambda: read, jobs) as readers:
        return readers.results(read, on_file)


class _Reader(Generic[Read]):
    """A forked reader of one share: its process id and the pipe its results come by."""

    def __init__(self, share: Sequence[Path], pid: int, pipe: int):
        self.share, self.pid, self.pipe = share, pid, pipe

    def collect(
        self, read: ReadFunction[Read], on_file: Callable[[Path], None] | None
    ) -> list[Read]:
        """The share's results; read here if the reader failed (it cannot lose a file)."""
        results = self._received()
        if results is None:
            results = [read(path) for path in self.share]
        if on_file is not None:
            for path in self.share:
                on_file(path)
        return results

    def _received(self) -> list[Read] | None:
        with os.fdopen(self.pipe, "rb") as pipe:
            data = pipe.read()
        self.pipe = -1
        _, status = os.waitpid(self.pid, 0)
        self.pid = 0
        if os.waitstatus_to_exitcode(status) != 0:
            return None
        try:
            results: list[Read] = pickle.loads(data)
        except Exception:  # a reader cut short mid-write: read its share here
            return None
        return results if len(results) == len(self.share) else None

    def stop(self) -> None:
        if self.pipe >= 0:
            os.close(self.pipe)
            self.pipe = -1
        if self.pid:
            with suppress(OSError):
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            self.pid = 0


def _fork(share: Sequence[Path], setup: Callable[[], ReadFunction[Read]]) -> _Reader[Read]:
    receiving, sending = os.pipe()
    pid = os.fork()
    if pid == 0:  # the reader: read, send, and leave without running any exit handler
        os.close(receiving)
        code = 1
        try:
            read = setup()
            data = pickle.dumps([read(path) for path in share], pickle.HIGHEST_PROTOCOL)
            with os.fdopen(sending, "wb") as pipe:
                pipe.write(data)
            code = 0
        finally:
            os._exit(code)  # no flush of buffers this process inherited: they are its parent's
    os.close(sending)
    return _Reader(share, pid, receiving)


__all__ = [
    "MIN_FILES_PER_READER",
    "Readers",
    "available_cores",
    "can_fork",
    "read_all",
    "readers_for",
    "split",
]
