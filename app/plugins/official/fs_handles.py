"""The fs plugin's open files (``open``, ``create`` and the guest's ``FileHandle``: ``read``,
``write``, ``seek``, ``stat``, ``truncate``, ``close``) and ``readTextFileLines``: each an
operating-system file descriptor in the app's resource table, opened once its path passed the
fs scope (``fs.py``). Answers are shaped as the guest package decodes them (bytes with the
count read, lines with a last byte saying whether the file ended)."""

from __future__ import annotations

import os
import stat as stat_module
from collections.abc import Iterator
from typing import Any

from ...app import App
from ...commands.rawbody import Response, raw_response
from ..image import ByteValues, bytes_of
from ..resources import resources_of

Options = dict[str, Any] | None


def file_info(found: os.stat_result) -> dict[str, Any]:
    """A stat result as the guest's ``FileInfo`` (times in milliseconds)."""
    mode = found.st_mode
    return {
        "isFile": stat_module.S_ISREG(mode),
        "isDirectory": stat_module.S_ISDIR(mode),
        "isSymlink": stat_module.S_ISLNK(mode),
        "size": found.st_size,
        "mtime": round(found.st_mtime * 1000),
        "atime": round(found.st_atime * 1000),
        "birthtime": None,
        "readonly": not mode & stat_module.S_IWUSR,
        "fileAttributes": None,
        "dev": found.st_dev,
        "ino": found.st_ino,
        "mode": mode,
        "nlink": found.st_nlink,
        "uid": found.st_uid,
        "gid": found.st_gid,
        "rdev": found.st_rdev,
        "blksize": found.st_blksize,
        "blocks": found.st_blocks,
    }


class OpenFile:
    """A file descriptor a page holds as a ``FileHandle``."""

    def __init__(self, fd: int) -> None:
        self.fd = fd

    def close(self) -> None:
        os.close(self.fd)


def open_flags(options: dict[str, Any]) -> int:
    """``os.open`` flags for the guest's ``OpenOptions``, with Rust's ``OpenOptions`` rules
    (Tauri's): reading unless told otherwise; creating or truncating needs write access."""
    append = bool(options.get("append"))
    write = bool(options.get("write")) or append
    read = bool(options.get("read", not write))
    create_new = bool(options.get("createNew"))
    if not (read or write):
        raise ValueError("open: give read, write or append access")
    if (options.get("create") or options.get("truncate") or create_new) and not write:
        raise ValueError("open: create, createNew and truncate need write or append access")
    if options.get("truncate") and append and not create_new:
        raise ValueError("open: truncate and append cannot go together")
    flags = os.O_RDWR if read and write else os.O_WRONLY if write else os.O_RDONLY
    if append:
        flags |= os.O_APPEND
    if create_new:
        flags |= os.O_CREAT | os.O_EXCL
    else:
        flags |= (os.O_CREAT if options.get("create") else 0) | (
            os.O_TRUNC if options.get("truncate") else 0
        )
    return flags | getattr(os, "O_CLOEXEC", 0)


def add_open_file(app: App, path: os.PathLike[str], flags: int, mode: object) -> int:
    fd = os.open(path, flags, mode if type(mode) is int else 0o666)
    handle = OpenFile(fd)
    return resources_of(app).add(handle, handle.close)


def open_file(app: App, rid: int) -> OpenFile:
    found = resources_of(app).get(rid)
    if not isinstance(found, OpenFile):
        raise ValueError(f"resource id {rid} is not an open file")
    return found


# One read answers at most this much (a read may give fewer bytes than asked, and the guest
# says how many it got): a page cannot make the backend allocate what it asks for.
MAX_READ_BYTES = 16 * 1024 * 1024


def read(app: App, rid: int, len: int) -> Response:
    """Up to ``len`` bytes, then the count read as 8 big-endian bytes (the guest's shape)."""
    if type(len) is not int or len < 0:
        raise ValueError(f"read: len must be a non-negative number, got {len!r}")
    data = os.read(open_file(app, rid).fd, min(len, MAX_READ_BYTES))
    return raw_response(data + int.to_bytes(data.__len__(), 8, "big"))


def write(app: App, rid: int, data: ByteValues) -> int:
    return os.write(open_file(app, rid).fd, bytes_of(data, "write"))


# The guest's SeekMode numbers -> os.lseek's.
_WHENCE = {0: os.SEEK_SET, 1: os.SEEK_CUR, 2: os.SEEK_END}


def seek(app: App, rid: int, offset: int, whence: int) -> int:
    if whence not in _WHENCE:
        raise ValueError(f"seek: whence is SeekMode.Start, Current or End, got {whence!r}")
    return os.lseek(open_file(app, rid).fd, offset, _WHENCE[whence])


def fstat(app: App, rid: int) -> dict[str, Any]:
    return file_info(os.fstat(open_file(app, rid).fd))


def ftruncate(app: App, rid: int, len: int | None = None) -> None:
    os.ftruncate(open_file(app, rid).fd, len or 0)


class Lines:
    """A text file read line by line (``readTextFileLines``): the lines' bytes, without their
    ``\\n`` or ``\\r\\n``; the page decodes them."""

    def __init__(self, path: os.PathLike[str]) -> None:
        self._file = open(path, "rb")  # noqa: SIM115 (closed with the resource)
        self._lines: Iterator[bytes] = iter(self._file)

    def next(self) -> bytes | None:
        line = next(self._lines, None)
        if line is None:
            return None
        if line.endswith(b"\n"):
            line = line[:-2] if line.endswith(b"\r\n") else line[:-1]
        return line

    def close(self) -> None:
        self._file.close()


def add_lines(app: App, path: os.PathLike[str]) -> int:
    lines = Lines(path)
    return resources_of(app).add(lines, lines.close)


def read_text_file_lines_next(app: App, rid: int) -> Response:
    """The next line and a 0, or just a 1 at the end (then the resource is gone: the guest
    starts over with a new one)."""
    table = resources_of(app)
    lines = table.get(rid)
    if not isinstance(lines, Lines):
        raise ValueError(f"resource id {rid} is not a file read by lines")
    try:
        line = lines.next()
    except OSError:
        table.close(rid)  # as Tauri: on an error the resource is gone
        raise
    if line is None:
        table.close(rid)
        return raw_response(b"\x01")
    return raw_response(line + b"\x00")
