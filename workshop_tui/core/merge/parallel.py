"""Reading many exports on every core: this process and forked readers share the files.

A merge of thousands of exports spends most of its time reading them, one file at a
time and each on its own, so the files are split into contiguous shares: forked
readers (os.fork, so they start with everything this process has imported and read)
each read one share and send what they read back through a pipe, pickled in one
piece, while this process reads the first share itself. The results are put back in
file order, so a parallel read gives exactly what a serial one gives.

Forking is safe only in a process with one thread, on a system whose libraries
survive it: Linux. Anywhere else, with other threads running (a notebook's kernel,
a progress bar's refresh thread) or with few files, the files are read here, one by
one. A reader that fails for any reason has its share read again here, so a file is
never lost and an error shows as it would in a serial read.
"""

from __future__ import annotations

import os
import pickle
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

Read = TypeVar("Read")

# Below this many files a reader's fork and pickling cost more than its share saves.
MIN_FILES_PER_READER = 250
# This process also unpickles what every reader sends: it takes a smaller share.
OWN_SHARE = 0.9
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


def read_all(
    files: Sequence[Path],
    read: Callable[[Path], Read],
    jobs: int = 1,
    on_file: Callable[[Path], None] | None = None,
) -> list[Read]:
    """`read(path)` of every file, in file order, over up to `jobs` processes.

    `on_file` is called in this process after each file: as it is read here, and
    for a reader's files once its share is back.
    """
    shares = split(files, _readers(len(files), jobs))
    with _forked(shares[1:], read) as readers:
        results = []
        for path in shares[0]:
            results.append(read(path))
            if on_file is not None:
                on_file(path)
        for reader in readers:
            results += reader.collect(read, on_file)
    return results


def _readers(count: int, jobs: int) -> int:
    """How many processes read `count` files when `jobs` are allowed (this one included)."""
    if jobs <= 1 or not can_fork():
        return 1
    return max(1, min(jobs, MAX_JOBS, count // MIN_FILES_PER_READER))


def split(files: Sequence[Path], readers: int) -> list[Sequence[Path]]:
    """`readers` contiguous shares of `files`; the first (this process's) a little smaller."""
    if readers <= 1:
        return [files]
    weights = [OWN_SHARE] + [1.0] * (readers - 1)
    total = sum(weights)
    shares, start, done = [], 0, 0.0
    for weight in weights:
        done += weight
        end = round(len(files) * done / total)
        shares.append(files[start:end])
        start = end
    return shares


@dataclass
class _Reader(Generic[Read]):
    """A forked reader of one share: its process id and the pipe its results come by."""

    share: Sequence[Path]
    pid: int
    pipe: int

    def collect(
        self, read: Callable[[Path], Read], on_file: Callable[[Path], None] | None
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
        """End a reader whose results are no longer wanted (this process is failing)."""
        if self.pipe >= 0:
            os.close(self.pipe)
        if self.pid:
            with suppress(OSError):
                os.kill(self.pid, 9)
                os.waitpid(self.pid, 0)


@contextmanager
def _forked(
    shares: Sequence[Sequence[Path]], read: Callable[[Path], Read]
) -> Iterator[list[_Reader[Read]]]:
    """A forked reader for each share, stopped if this process fails before collecting."""
    readers: list[_Reader[Read]] = []
    try:
        for share in shares:
            readers.append(_fork(share, read))
        yield readers
    finally:
        for reader in readers:
            reader.stop()


def _fork(share: Sequence[Path], read: Callable[[Path], Read]) -> _Reader[Read]:
    receiving, sending = os.pipe()
    pid = os.fork()
    if pid == 0:  # the reader: read, send, and leave without running any exit handler
        os.close(receiving)
        code = 1
        try:
            data = pickle.dumps([read(path) for path in share], pickle.HIGHEST_PROTOCOL)
            with os.fdopen(sending, "wb") as pipe:
                pipe.write(data)
            code = 0
        finally:
            os._exit(code)  # no flush of buffers this process inherited: they are its parent's
    os.close(sending)
    return _Reader(share, pid, receiving)


__all__ = ["MIN_FILES_PER_READER", "available_cores", "can_fork", "read_all", "split"]
