"""Write the bad-input corpus of issue 7 into a folder, one file per case.

    python tests/bad_inputs/generate.py OUT_DIR

The corpus is generated, not committed: every case is made here from a real seed
report (seeds/001…, which states 地区生产总值增长5.5%左右) or from bytes written out
below, and ``CASES`` says what kg must do with each. tests/test_bad_inputs.py
generates it into a temp folder and checks every outcome; docs/robustness.md is
the table of the same cases with what was observed.
"""

from __future__ import annotations

import codecs
import gzip
import os
import random
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
SEED = ROOT / "seeds" / "001_7756f7c55821148a.txt"
# The measure every readable variant must still yield (GOLD.md: indicator, growth, value).
MEASURE = ("地区生产总值", "5.5")
HOSTILE_NAME = 'hostile name <a> "b" #c {d} |e| ^f `g` \\h.txt'


@dataclass(frozen=True, slots=True)
class Case:
    """One input file and what kg must do with it."""

    name: str
    note: str
    expect: str  # "read", or the skip kind from kg.ingest.SKIP_KINDS
    encoding: str | None = None  # for "read": the encoding ingest reports (a prefix of it)
    make: Callable[[Path], None] | None = None


def _seed() -> str:
    return SEED.read_text(encoding="utf-8")


def _traditional() -> str:
    import opencc

    # Taiwan standard forms: every character has a Big5 code (plain s2t writes 爲, which has none).
    converted: str = opencc.OpenCC("s2tw").convert(_seed())
    return converted


def _bytes(data: Callable[[], bytes]) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(data())


def _line_endings(ending: str | None) -> Callable[[], bytes]:
    def make() -> bytes:
        lines = _seed().split("\n")
        if ending is not None:
            return ending.join(lines).encode("utf-8")
        endings = ("\r\n", "\r", "\n")
        return "".join(line + endings[i % 3] for i, line in enumerate(lines)).encode("utf-8")

    return make


def _fullwidth() -> bytes:
    folded = {ord(c): ord(c) + 0xFEE0 for c in "0123456789%."}
    return _seed().translate(folded).encode("utf-8")


def _truncated_gb18030() -> bytes:
    data = _seed().rstrip().encode("gb18030")
    return data[:-1]  # the file ends in the middle of a two-byte character


def _corrupt_utf8() -> bytes:
    data = _seed().encode("utf-8")
    middle = len(data) // 2
    return data[:middle] + b"\xff" + data[middle:]


def _control_characters_in_text() -> bytes:
    return _seed().replace("。", "。\x07", 3).replace("，", "，\x1b", 3).encode("utf-8")


def _png() -> bytes:
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00" + bytes(64)


def _noise() -> bytes:
    rng = random.Random(7)
    return bytes(rng.randrange(1, 256) for _ in range(4096))


def _lone_surrogate() -> bytes:
    data = _seed().encode("utf-16")
    middle = len(data) // 4 * 2
    return data[:middle] + b"\x00\xd8" + data[middle:]


def _utf16_noise() -> bytes:
    rng = random.Random(11)
    return codecs.BOM_UTF16_LE + bytes(rng.randrange(1, 256) for _ in range(4096))


def _folder(path: Path) -> None:
    path.mkdir()


def _broken_link(path: Path) -> None:
    path.symlink_to(path.parent / "no-such-target.txt")


def _looping_link(path: Path) -> None:
    path.symlink_to(path)


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _no_permission(path: Path) -> None:
    path.write_bytes(_seed().encode("utf-8"))
    path.chmod(0)


CASES: tuple[Case, ...] = (
    Case("utf8.txt", "UTF-8, no BOM", "read", "utf-8", _bytes(lambda: _seed().encode("utf-8"))),
    Case("utf8_bom.txt", "UTF-8 with BOM", "read", "utf-8-sig", _bytes(lambda: _seed().encode("utf-8-sig"))),
    Case("utf16le_bom.txt", "UTF-16 LE with BOM", "read", "utf-16", _bytes(lambda: _seed().encode("utf-16"))),
    Case(
        "utf16be_bom.txt",
        "UTF-16 BE with BOM",
        "read",
        "utf-16",
        _bytes(lambda: codecs.BOM_UTF16_BE + _seed().encode("utf-16-be")),
    ),
    Case("utf32_bom.txt", "UTF-32 with BOM", "read", "utf-32", _bytes(lambda: _seed().encode("utf-32"))),
    Case("gb18030.txt", "GB18030", "read", "gb18030", _bytes(lambda: _seed().encode("gb18030"))),
    Case("gbk.txt", "GBK", "read", "gb18030", _bytes(lambda: _seed().encode("gbk"))),
    Case(
        "big5_traditional.txt",
        "Big5, traditional characters (also valid GB18030 bytes)",
        "read",
        "big5",
        _bytes(lambda: _traditional().encode("big5")),
    ),
    Case(
        "gb18030_traditional.txt",
        "GB18030, traditional characters (must not be taken for Big5)",
        "read",
        "gb18030",
        _bytes(lambda: _traditional().encode("gb18030")),
    ),
    Case(
        "utf8_traditional.txt",
        "UTF-8, traditional characters",
        "read",
        "utf-8",
        _bytes(lambda: _traditional().encode()),
    ),
    Case("crlf.txt", "Windows line endings (\\r\\n)", "read", "utf-8", _bytes(_line_endings("\r\n"))),
    Case("cr.txt", "old Mac line endings (\\r)", "read", "utf-8", _bytes(_line_endings("\r"))),
    Case("mixed_eol.txt", "\\r\\n, \\r and \\n mixed line by line", "read", "utf-8", _bytes(_line_endings(None))),
    Case("fullwidth.txt", "full-width digits, ％ and ．", "read", "utf-8", _bytes(_fullwidth)),
    Case("one_line.txt", "the whole report on one line", "read", "utf-8", _bytes(_line_endings(""))),
    Case(
        "truncated_gb18030.txt",
        "GB18030 cut in the middle of a character",
        "read",
        "gb18030 (1 bad bytes replaced)",
        _bytes(_truncated_gb18030),
    ),
    Case(
        "corrupt_utf8.txt",
        "UTF-8 with one corrupt byte",
        "read",
        "utf-8 (",
        _bytes(_corrupt_utf8),
    ),
    Case(
        "lone_surrogate.txt",
        "UTF-16 with one lone surrogate",
        "read",
        "utf-16 (1 bad bytes replaced)",
        _bytes(_lone_surrogate),
    ),
    Case(
        "control_chars_in_text.txt",
        "a report with a few BEL/ESC characters",
        "read",
        "utf-8",
        _bytes(_control_characters_in_text),
    ),
    Case(HOSTILE_NAME, 'file name with <>"#{}|^`\\ and spaces', "read", "utf-8", _bytes(lambda: _seed().encode())),
    Case("empty.txt", "0 bytes", "empty", make=_bytes(lambda: b"")),
    Case(
        "blank.txt",
        "only spaces, tabs, line breaks, full-width spaces",
        "empty",
        make=_bytes(lambda: " \t\r\n\u3000\n".encode()),
    ),
    Case("bom_only.txt", "a UTF-8 BOM and nothing else", "empty", make=_bytes(lambda: codecs.BOM_UTF8)),
    Case("utf16_bom_only.txt", "a UTF-16 BOM and nothing else", "empty", make=_bytes(lambda: codecs.BOM_UTF16_LE)),
    Case("image.txt", "a PNG image named .txt", "binary", make=_bytes(_png)),
    Case(
        "gzip.txt",
        "a gzip-compressed report named .txt",
        "binary",
        make=_bytes(lambda: gzip.compress(_seed().encode(), mtime=0)),
    ),
    Case(
        "control_chars.txt", "control characters and no text", "binary", make=_bytes(lambda: bytes(range(1, 32)) * 64)
    ),
    Case("noise.txt", "random bytes without NUL", "undecodable", make=_bytes(_noise)),
    Case("utf16_noise.txt", "a UTF-16 BOM followed by random bytes", "undecodable", make=_bytes(_utf16_noise)),
    Case("folder.txt", "a folder named like a report", "folder", make=_folder),
    Case("broken_link.txt", "a symbolic link to nothing", "unreadable", make=_broken_link),
    Case("looping_link.txt", "a symbolic link to itself", "unreadable", make=_looping_link),
    Case("pipe.txt", "a named pipe (reading it would block)", "special", make=_fifo),
    Case("no_permission.txt", "a file without read permission (not for root)", "unreadable", make=_no_permission),
)


def write(folder: Path) -> tuple[Case, ...]:
    """Write every case into ``folder`` (created if needed); return the cases."""
    folder.mkdir(parents=True, exist_ok=True)
    for case in CASES:
        if case.make is not None:
            case.make(folder / case.name)
    return CASES


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "bad_inputs_corpus")
    for case in write(out):
        print(f"{case.expect:<12} {case.name}")
