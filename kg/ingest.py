"""Read report files: paths → ``RawText``, decoding UTF-8, UTF-16, GB18030 and Big5.

A folder stands for the ``.txt`` files in it (recursively, sorted by path so the
order paths are given in never changes the output). Files that cannot be read as
text are returned as ``Skipped`` with the reason, never silently dropped.
"""

from __future__ import annotations

import codecs
import hashlib
from collections.abc import Iterable
from pathlib import Path

from kg.errors import InputError
from kg.model import RawText, Skipped, Source

# Tried in order after the byte-order marks; GB18030 is a superset of GBK and GB2312.
_ENCODINGS = ("utf-8", "gb18030", "big5")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def expand_paths(paths: Iterable[Path]) -> tuple[Path, ...]:
    """Files named directly plus the ``.txt`` files under folders, sorted and unique."""
    found: set[Path] = set()
    for path in paths:
        if path.is_dir():
            found.update(p for p in path.rglob("*.txt") if p.is_file())
        elif path.exists():
            found.add(path)
        else:
            raise InputError(f"{path}: no such file or folder; pass report .txt files or folders of them")
    return tuple(sorted(found))


def decode(data: bytes) -> tuple[str, str] | None:
    """Return ``(text, encoding)`` for report bytes, or None when they are not text."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                return None
    if b"\x00" in data:
        return None
    for encoding in _ENCODINGS:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return None


def read_source(path: Path) -> RawText | Skipped:
    """Read one file as a report, or say why it cannot be one."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return Skipped(path, f"unreadable: {exc.strerror or exc}")
    if not data.strip():
        return Skipped(path, "empty file")
    decoded = decode(data)
    if decoded is None:
        return Skipped(path, "not text in UTF-8, UTF-16, GB18030 or Big5 (binary?)")
    text, encoding = decoded
    source = Source(path=path, sha256=hashlib.sha256(data).hexdigest(), encoding=encoding)
    return RawText(source=source, text=text)


def read_sources(paths: Iterable[Path]) -> tuple[tuple[RawText, ...], tuple[Skipped, ...]]:
    """Read every report under ``paths``; return what was read and what was skipped."""
    texts: list[RawText] = []
    skipped: list[Skipped] = []
    for path in expand_paths(paths):
        result = read_source(path)
        (texts if isinstance(result, RawText) else skipped).append(result)  # type: ignore[arg-type]
    return tuple(texts), tuple(skipped)
