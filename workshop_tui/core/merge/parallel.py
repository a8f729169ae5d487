"""Reading many files on every core: this process and forked readers share the files.

A merge of thousands of exports spends most of its time reading them, one file at a
time and each on its own. So the files are cut into small chunks, and the chunks'
numbers are put in a pipe before any reader is forked: this process and each reader
take the next number from the pipe (a read of four bytes from a pipe is atomic, so no
chunk is taken twice) until it is empty. Whoever is free takes the next chunk, so all
finish together however fast each started or reads. A reader writes each chunk it
read, pickled, to a file of its own in memory, which this process reads between its
own chunks and once the pipe is empty; every result is put back in file order, so a
parallel read gives exactly what a serial one gives.

The readers can start before this process has imported what reading takes: each is
given a `setup` that imports and prepares its `read` function itself, so a command
forks first (imports nothing heavy before) and every process imports at once, on its
own core. Nothing here imports more than the standard library.

Forking is safe only in a process with one thread, on a system whose libraries
survive it: Linux. Anywhere else, with other threads running (a notebook's kernel,
a progress bar's refresh thread) or with few files, the files are read here, one by
one. A chunk that a reader took and did not send back whole (it failed, or was
killed) is read here, so a file is never lost and an error shows as it would in a
serial read.
"""

from __future__ import annotations

import os
import pickle
import signal
import struct
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import suppress
from pathlib import Path
from types import TracebackType
from typing import Any, Generic, TypeVar

Read = TypeVar("Read")
ReadFunction = Callable[[Path], Read]

# Below this many files a reader's fork and pickling cost more than its share saves.
MIN_FILES_PER_READER = 250
MAX_JOBS = 32
CHUNK_FILES = 16  # a chunk takes a few milliseconds: the readers end within that of each other
# Their numbers, four bytes each, are written before anyone reads, so they must fit in
# the least a pipe holds: one page (4 KiB; Linux gives a user with many pipes no more).
MAX_CHUNKS = 1024
_NUMBER = struct.Struct("<I")
_HEADER = struct.Struct("<II")  # a chunk's number and its pickle's length


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


def chunk_size(count: int, readers: int) -> int:
    """Files per chunk: CHUNK_FILES, fewer where each process would get only a few chunks,
    more where the chunks' numbers would not fit in the pipe."""
    few = max(1, min(CHUNK_FILES, count // (4 * readers)))
    return max(few, -(-count // MAX_CHUNKS))


class Readers(Generic[Read]):
    """Forked readers of `files`, started at once; this process reads beside them.

    Use it as a context manager: leaving it (by an error, say) stops the readers
    whose results were not collected.

        with Readers(files, setup, jobs) as readers:
            ...  # this process imports, loads, prepares while they read
            results = readers.results(setup(), on_file)
    """

    def __init__(
        self, files: Sequence[Path], setup: Callable[[], ReadFunction[Read]], jobs: int = 1
    ):
        self.files = files
        readers = readers_for(len(files), jobs)
        self.size = chunk_size(len(files), readers)
        self.chunks = -(-len(files) // self.size)  # the last one may hold fewer files
        self._queue: int | None = None
        self._forked: list[_Reader] = []
        try:
            if readers > 1:
                self._queue = _chunk_queue(self.chunks)
            for _ in range(readers - 1):
                self._forked.append(_fork(self, setup))
        except OSError:  # no process or file to spare (a system limit): fewer readers, or none
            pass

    def chunk(self, number: int) -> Sequence[Path]:
        return self.files[number * self.size : (number + 1) * self.size]

    def take(self) -> Iterator[int]:
        """The numbers of the chunks this process takes from the queue, until it is empty."""
        if self._queue is None:
            yield from range(self.chunks)
            return
        while number := os.read(self._queue, _NUMBER.size):
            yield _NUMBER.unpack(number)[0]

    def results(
        self, read: ReadFunction[Read], on_file: Callable[[Path], None] | None = None
    ) -> list[Read]:
        """`read(path)` of every file, in file order.

        `on_file` is called after each file: as it is read here, and for a
        reader's files once its chunks are back.
        """
        chunks: dict[int, list[Read]] = {}
        for number in self.take():
            own: list[Read] = []
            for path in self.chunk(number):
                own.append(read(path))
                if on_file is not None:
                    on_file(path)
            chunks[number] = own
            # what the readers sent meanwhile is unpickled between chunks, so the queue
            # shares that work out too, rather than leave it all for the end
            self._receive(chunks, on_file, ended=False)
        self._receive(chunks, on_file, ended=True)
        self._forked = []
        results: list[Read] = []
        for number in range(self.chunks):
            if number not in chunks:  # taken by a reader that did not send it back
                chunks[number] = [read(path) for path in self.chunk(number)]
                _announce(self.chunk(number), on_file)
            results += chunks[number]
        return results

    def _receive(
        self,
        chunks: dict[int, list[Read]],
        on_file: Callable[[Path], None] | None,
        ended: bool,
    ) -> None:
        """The chunks the readers sent whole so far (`ended`: once each has ended)."""
        for reader in self._forked:
            sent = reader.collect() if ended else reader.received()
            for number in sent:
                _announce(self.chunk(number), on_file)
            chunks.update(sent)

    def stop(self) -> None:
        """End the readers not yet collected (this process will not want their results)."""
        for reader in self._forked:
            reader.stop()
        self._forked = []
        if self._queue is not None:
            os.close(self._queue)
            self._queue = None

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


def _announce(paths: Sequence[Path], on_file: Callable[[Path], None] | None) -> None:
    if on_file is not None:
        for path in paths:
            on_file(path)


def _chunk_queue(chunks: int) -> int:
    """A pipe holding every chunk's number, its writing end closed: reading it to the end
    takes each number once, whoever reads."""
    reading, writing = os.pipe()
    os.write(writing, b"".join(_NUMBER.pack(number) for number in range(chunks)))
    os.close(writing)
    return reading


class _Reader:
    """A forked reader: its process id and the in-memory file its chunks come back in."""

    def __init__(self, pid: int, sent: int):
        self.pid, self.sent = pid, sent
        self.unread = 0  # where in `sent` the first chunk not yet received begins

    def received(self) -> dict[int, list[Any]]:
        """The chunks sent whole since the last call, by number (a chunk being written,
        or cut short by a failure, is not whole: it waits, or is read here at the end)."""
        size = os.fstat(self.sent).st_size
        if size - self.unread < _HEADER.size:
            return {}
        data = _read_from(self.sent, self.unread, size)
        chunks: dict[int, list[Any]] = {}
        at = 0
        while at + _HEADER.size <= len(data):
            number, length = _HEADER.unpack_from(data, at)
            if at + _HEADER.size + length > len(data):
                break
            start = at + _HEADER.size
            with suppress(Exception):  # a chunk that does not unpickle is read here
                chunks[number] = pickle.loads(data[start : start + length])
            at = start + length
        self.unread += at
        return chunks

    def collect(self) -> dict[int, list[Any]]:
        """The chunks not yet received, once the reader has ended."""
        os.waitpid(self.pid, 0)  # however it ended, what it sent whole counts
        self.pid = 0
        chunks = self.received()
        os.close(self.sent)
        self.sent = -1
        return chunks

    def stop(self) -> None:
        if self.pid:
            with suppress(OSError):
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            self.pid = 0
        if self.sent >= 0:
            os.close(self.sent)
            self.sent = -1


def _read_from(fd: int, start: int, end: int) -> bytes:
    parts, at = [], start
    while at < end and (part := os.pread(fd, end - at, at)):
        parts.append(part)
        at += len(part)
    return b"".join(parts)


def _fork(readers: Readers[Read], setup: Callable[[], ReadFunction[Read]]) -> _Reader:
    sent = _memory_file()
    try:
        pid = os.fork()
    except OSError:
        os.close(sent)
        raise
    if pid == 0:  # the reader: read, send, and leave without running any exit handler
        code = 1
        try:
            read = setup()
            for number in readers.take():
                data = pickle.dumps([read(path) for path in readers.chunk(number)], -1)
                _write_all(sent, _HEADER.pack(number, len(data)) + data)
            code = 0
        finally:
            os._exit(code)  # no flush of buffers this process inherited: they are its parent's
    return _Reader(pid, sent)


def _memory_file() -> int:
    """A file in memory (a temporary file where the system has none), open for both."""
    if hasattr(os, "memfd_create"):
        return os.memfd_create("workshop-tui-reader", os.MFD_CLOEXEC)
    import tempfile

    with tempfile.TemporaryFile() as handle:  # nameless already: the copy keeps it alive
        return os.dup(handle.fileno())


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


__all__ = [
    "MIN_FILES_PER_READER",
    "Readers",
    "available_cores",
    "can_fork",
    "chunk_size",
    "read_all",
    "readers_for",
]
