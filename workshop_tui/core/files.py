"""Reading a file the user named, safely: regular files only, and only so many bytes.

A FIFO, a device or a folder given where a file belongs would block a read
forever (`watch`, `validate`) or never end; a huge file would fill memory. Every
command reads user files through `read_regular_file`, which opens without
blocking, checks what it opened and refuses with a named problem.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from workshop_tui.core.errors import Problem, WorkshopError
from workshop_tui.core.i18n import N_, t


class NotRegularFileError(OSError):
    """The path names a pipe, a device or a folder, not a file."""


class _TooLargeError(OSError):
    """The file is larger than the limit for its kind."""


def read_regular_file(path: Path, limit: int, lang: str = "en") -> bytes:
    """The bytes of `path`; a WorkshopError naming the file if it cannot be used."""
    return read_regular_file_with_stat(path, limit, lang)[0]


def read_regular_file_with_stat(
    path: Path, limit: int, lang: str = "en"
) -> tuple[bytes, os.stat_result]:
    """As `read_regular_file`, with the stat of the very file descriptor read."""
    try:
        return read_regular_bytes_with_stat(path, limit)
    except FileNotFoundError:
        raise WorkshopError(
            N_("File not found"), [Problem(path, t("file not found", lang))]
        ) from None
    except NotRegularFileError:
        raise WorkshopError(
            N_("Unreadable file"),
            [
                Problem(
                    path, t("not a regular file (a folder, pipe or device cannot be read)", lang)
                )
            ],
        ) from None
    except _TooLargeError:
        raise WorkshopError(
            N_("File too large"),
            [Problem(path, t("the file is larger than {limit} bytes", lang, limit=limit))],
        ) from None
    except OSError as error:
        reason = error.strerror or str(error)
        raise WorkshopError(
            N_("Unreadable file"),
            [Problem(path, t("cannot be read: {reason}", lang, reason=reason))],
        ) from None


def read_regular_text(path: Path, limit: int, lang: str = "en") -> str:
    """`read_regular_file` decoded as UTF-8 (a byte order mark is dropped)."""
    return decode_text(read_regular_file(path, limit, lang), path, lang)


def decode_text(data: bytes, path: Path, lang: str = "en") -> str:
    """UTF-8 text (a byte order mark dropped); a WorkshopError naming the file otherwise."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise WorkshopError(
            N_("Invalid file"),
            [Problem(path, t("not UTF-8 text ({reason})", lang, reason=error.reason))],
        ) from None


def read_regular_bytes(path: Path, limit: int) -> bytes:
    """The bytes of a regular file; OSError (NotRegularFileError for a pipe) otherwise.

    O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer.
    """
    data, _ = read_regular_bytes_with_stat(path, limit)
    return data


def read_regular_bytes_with_stat(path: Path, limit: int) -> tuple[bytes, os.stat_result]:
    """As `read_regular_bytes`, with the stat of the very file descriptor read."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFileError(f"{path} is not a regular file")
        if info.st_size > limit:
            raise _TooLargeError(f"{path} is larger than {limit} bytes")
        chunks, total = [], 0
        while chunk := os.read(fd, 1 << 16):
            total += len(chunk)
            if total > limit:  # grew while being read
                raise _TooLargeError(f"{path} is larger than {limit} bytes")
            chunks.append(chunk)
    finally:
        os.close(fd)
    return b"".join(chunks), info
