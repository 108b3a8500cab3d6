"""Files a build writes: atomically (readers see the old content or the new), and temp files of dead writers removed."""

from __future__ import annotations

import functools
import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from kg.errors import OutputError

# ".graph.ttl.<pid>.<random>.tmp": a temp file of write_atomic, named after its writer.
_TEMP = re.compile(r"^\..+\.(\d+)\.[^.]+\.tmp$")


@functools.cache
def _file_mode() -> int:
    """The mode a new file gets under this process's umask (0644 under the usual 022)."""
    mask = os.umask(0o022)  # reading the umask means setting it; put it straight back
    os.umask(mask)
    return 0o666 & ~mask


def write_atomic(path: Path, data: bytes) -> None:
    """Write a file so that readers see the old content or the new, never half of it."""
    with atomic_stream(path) as stream:
        stream.write(data)


@contextmanager
def atomic_stream(path: Path) -> Iterator[BinaryIO]:
    """A stream to write ``path`` through, piece by piece, so that readers see the old content or the new.

    The bytes go to a temp file in the same folder, are flushed to disk, and the temp
    file is renamed over ``path`` (atomic on POSIX and Windows) when the block ends
    without an error; then the folder entry is flushed too. A run killed before the
    rename leaves ``path`` as it was, plus a hidden temp file that the next build into
    the folder removes.
    """
    temp: str | None = None
    try:
        handle, temp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(handle, "wb") as stream:
            if hasattr(os, "fchmod"):  # mkstemp makes the file 0600; give it a new file's mode
                os.fchmod(handle, _file_mode())
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp, path)
        temp = None
        _fsync_folder(path.parent)
    except OSError as exc:
        raise OutputError(
            f"cannot write {path}: {exc.strerror}; check the folder's permissions and free space"
        ) from exc
    finally:
        if temp is not None:
            Path(temp).unlink(missing_ok=True)


def _fsync_folder(folder: Path) -> None:
    """Make a rename durable (POSIX); folders cannot be opened this way on Windows."""
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def remove_stale_temps(folder: Path) -> tuple[Path, ...]:
    """Delete temp files left in ``folder`` by ``write_atomic`` calls of processes that died."""
    removed: list[Path] = []
    for entry in sorted(folder.iterdir()):
        match = _TEMP.match(entry.name)
        if match and entry.is_file() and not _alive(int(match.group(1))):
            entry.unlink(missing_ok=True)
            removed.append(entry)
    return tuple(removed)


def _alive(pid: int) -> bool:
    if pid == os.getpid() or os.name != "posix":
        return True  # on Windows os.kill(pid, 0) would send Ctrl-C, so never guess there
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists but belongs to someone else
    return True
