"""Read report files: paths → ``RawText``, decoding UTF-8, UTF-16, GB18030 and Big5.

Reports come as text files (``.txt``, any case), web pages (``.html``/``.htm``), PDFs and
Word files (``.docx``); ``kg.documents`` takes the text out of the last three, and that
text is the report's raw text, into which evidence offsets point. A folder stands for
the files in it (recursively, hidden ones aside, sorted by path so the order paths are
given in never changes the output). Files that cannot be read as reports are returned
as ``Skipped`` with the reason, never silently dropped, and so are files of kinds kg
does not read (a .doc, a picture), with how to convert them; a reason starts with its
kind ("empty", "binary", "unsupported", …) then a colon (see ``skip_kind``). A graph
file (.ttl, .nt, …) named as an input is refused: it is kg's output, not a report.

Bytes that are not UTF-8 are usually valid both as GB18030 and as Big5: almost
any pair of high bytes is a GB18030 character. When both decode, the text read
with the right table is the one made of common characters, so each candidate is
scored by its share of characters from the common-use tables of both standards
(GB2312 level 1, Big5 常用字) and the higher share wins.
"""

from __future__ import annotations

import codecs
import functools
import hashlib
import re
import stat
from collections.abc import Iterable
from pathlib import Path

from kg import documents
from kg.errors import InputError
from kg.model import RawText, Skipped, Source

# Checked in this order: UTF-32's little-endian mark starts with UTF-16's.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Multi-byte Chinese encodings tried when the bytes are not UTF-8. GB18030 is a superset of
# GBK and GB2312; cp950 and Big5-HKSCS extend Big5 with characters some files use.
_GB = ("gb18030",)
_BIG5 = ("big5", "cp950", "big5hkscs")
_SAMPLE = 200_000
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# Control characters other than layout whitespace, private-use characters and the
# replacement character: a text made of many of these is not a report.
_JUNK = re.compile(r"[\x01-\x08\x0e-\x1f\x7f\ue000-\uf8ff\ufffd]")
_MAX_JUNK_SHARE = 0.02
SKIP_KINDS = ("empty", "binary", "undecodable", "unreadable", "scanned", "unsupported", "graph", "folder", "special")

# Media types by extension (compared in lower case): what kg reads.
MEDIA_TYPES = {
    ".txt": documents.TEXT,
    ".text": documents.TEXT,
    ".html": documents.HTML,
    ".htm": documents.HTML,
    ".xhtml": documents.HTML,
    ".shtml": documents.HTML,
    ".pdf": documents.PDF,
    ".docx": documents.DOCX,
}
# Graph files: kg writes and queries these; a build refuses them (issue 17).
GRAPH_SUFFIXES = {
    ".ttl": "Turtle",
    ".nt": "N-Triples",
    ".nq": "N-Quads",
    ".trig": "TriG",
    ".rdf": "RDF/XML",
    ".owl": "RDF/XML",
    ".jsonld": "JSON-LD",
    ".n3": "Notation3",
}
_TO_DOCX = "save it as .docx (Word or WPS: Save As; or: libreoffice --headless --convert-to docx FILE)"
# Kinds kg does not read, and how to turn each into one it does.
CONVERT = {
    ".doc": f"a Word 97-2003 file; {_TO_DOCX}",
    ".wps": f"a WPS file; {_TO_DOCX}",
    ".rtf": f"a rich-text file; {_TO_DOCX}",
    ".odt": f"an OpenDocument file; {_TO_DOCX}",
    ".pages": "a Pages file; export it as Word (.docx) or PDF",
    ".ofd": "an OFD document; export it as PDF in an OFD reader",
    ".caj": "a CNKI file; export it as PDF in CAJViewer",
    ".mht": "a saved web archive; save the page as .html instead",
    ".mhtml": "a saved web archive; save the page as .html instead",
    ".epub": "an e-book; convert it to .txt (e.g. ebook-convert FILE out.txt)",
    ".md": "Markdown; rename it .txt if it is a report",
    ".csv": "a table, not a report",
    ".xls": "a spreadsheet, not a report",
    ".xlsx": "a spreadsheet, not a report",
    ".zip": "an archive; unpack it and pass the folder",
    ".rar": "an archive; unpack it and pass the folder",
    ".7z": "an archive; unpack it and pass the folder",
    ".gz": "a compressed file; unpack it and pass the file",
    ".png": "a picture; OCR it (e.g. tesseract FILE out -l chi_sim) into .txt",
    ".jpg": "a picture; OCR it (e.g. tesseract FILE out -l chi_sim) into .txt",
    ".jpeg": "a picture; OCR it (e.g. tesseract FILE out -l chi_sim) into .txt",
    ".tif": "a picture; OCR it (e.g. tesseract FILE out -l chi_sim) into .txt",
    ".tiff": "a picture; OCR it (e.g. tesseract FILE out -l chi_sim) into .txt",
}
_OLE = bytes.fromhex("d0cf11e0a1b11ae1")  # the header of Word 97-2003 (and other old Office) files


def expand_paths(paths: Iterable[Path]) -> tuple[tuple[Path, ...], tuple[Skipped, ...]]:
    """Files named directly plus the files under folders, sorted and unique.

    Entries under a folder that are not regular files (a folder named ``x.txt``, a
    broken link, a pipe) come back as ``Skipped``, and so do files of kinds kg does not
    read, with how to convert them; reading a pipe would block forever. Hidden files and
    folders (``.git``, kg's own temp files) are passed over. A graph file named directly
    raises ``InputError``: it is kg's output, to query, not a report to build from.
    """
    found: dict[Path, Path] = {}
    skipped: dict[Path, Skipped] = {}
    for path in paths:
        if path.is_dir():
            try:
                entries = sorted(
                    entry for entry in path.rglob("*") if not _hidden(entry.relative_to(path)) and _listed(entry)
                )
            except OSError as exc:
                skipped[path] = Skipped(path, f"unreadable: cannot list folder: {exc.strerror or exc}")
                continue
            for entry in entries:
                problem = _not_regular(entry) or _not_a_report(entry)
                if problem is None:
                    found.setdefault(_identity(entry), entry)
                else:
                    skipped[entry] = Skipped(entry, problem)
        elif path.exists() or path.is_symlink():
            graph = GRAPH_SUFFIXES.get(path.suffix.lower())
            if graph is not None:
                raise InputError(
                    f"{path} is a graph file ({graph}), not a report: query it with `kg query {path} …`, "
                    f"load it into a store with `kg load {path} --store store/`, or pass report files "
                    "(.txt, .html, .pdf, .docx) to build from"
                )
            problem = _not_regular(path)
            if problem is None:
                found.setdefault(_identity(path), path)
            else:
                skipped[path] = Skipped(path, problem)
        else:
            raise InputError(
                f"{path}: no such file or folder; pass report files (.txt, .html, .pdf, .docx) or folders of them"
            )
    return tuple(sorted(found.values())), tuple(skipped[p] for p in sorted(skipped))


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def _listed(entry: Path) -> bool:
    """Whether a folder entry is a file to read or report: not a folder holding other entries."""
    return not entry.is_dir() or entry.suffix.lower() in MEDIA_TYPES


def _not_a_report(path: Path) -> str | None:
    """Why a file found in a folder is of a kind kg does not read, or None when kg reads it."""
    suffix = path.suffix.lower()
    if suffix in MEDIA_TYPES:
        return None
    if suffix in GRAPH_SUFFIXES:
        return f"graph: a graph file ({GRAPH_SUFFIXES[suffix]}), not a report; query it with `kg query` or `kg load`"
    hint = CONVERT.get(suffix, "not a kind kg reads")
    return f"unsupported: {hint}; kg reads .txt, .html/.htm, .pdf and .docx"


def _identity(path: Path) -> Path:
    """One key for one file however it was named (relative, absolute, through a link)."""
    try:
        return path.resolve()
    except OSError:
        return path.absolute()


def _not_regular(path: Path) -> str | None:
    """Why ``path`` is not a regular file kg can read, or None when it is one."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        if path.is_symlink():
            return f"unreadable: broken or looping link ({exc.strerror or exc})"
        return f"unreadable: {exc.strerror or exc}"
    if stat.S_ISDIR(mode):
        return "folder: a folder named like a report; the reports in it are read on their own"
    if not stat.S_ISREG(mode):
        return "special: not a regular file (pipe, socket or device)"
    return None


@functools.lru_cache(maxsize=1)
def common_characters() -> frozenset[str]:
    """The common-use characters of GB2312 (level 1) and Big5 (常用字), simplified and traditional."""
    chars: set[str] = set()
    # GB2312 level 1: rows 0xB0-0xD7, in order of frequency of use.
    for lead in range(0xB0, 0xD8):
        for trail in range(0xA1, 0xFF):
            try:
                chars.add(bytes((lead, trail)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    # Big5 常用字: 0xA440-0xC67E.
    for lead in range(0xA4, 0xC7):
        for trail in (*range(0x40, 0x7F), *range(0xA1, 0xFF)):
            try:
                chars.add(bytes((lead, trail)).decode("big5"))
            except UnicodeDecodeError:
                continue
    return frozenset(chars)


def common_share(text: str) -> float:
    """Share of common-use characters among the CJK characters of (a sample of) ``text``."""
    sample = _CJK.findall(text[:_SAMPLE])
    if not sample:
        return 0.0
    common = common_characters()
    return sum(char in common for char in sample) / len(sample)


def decode(data: bytes) -> tuple[str, str] | None:
    """Return ``(text, encoding)`` for report bytes, or None when they are not text.

    A few bad bytes (a file cut mid-character, one corrupted byte) do not make a
    report unreadable: an encoding that reads all but one byte in a thousand is
    accepted, the bad bytes become U+FFFD and the encoding says how many.
    """
    tolerance = max(1, len(data) // 1000)
    # FF FE 00 00 marks UTF-32 and also UTF-16 text whose first character is U+0000: take the
    # reading with fewer bad bytes (UTF-32 on a tie, which only a text of NULs can give).
    marked = [_decoding(data, (encoding,)) for bom, encoding in _BOMS if data.startswith(bom)]
    if marked:
        best = min(marked, key=lambda found: found[2])
        return _named(best) if best[2] <= tolerance else None
    if b"\x00" in data:
        return None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # UTF-8 first: UTF-8 bytes mostly decode as GB18030 too, into nonsense.
    utf8 = _decoding(data, ("utf-8",))
    if utf8[2] <= tolerance:
        return _named(utf8)
    candidates = [found for family in (_GB, _BIG5) if (found := _decoding(data, family))[2] <= tolerance]
    if not candidates:
        return None
    # Ties go to GB18030, the first candidate: it reads mainland reports and most others.
    return _named(max(candidates, key=lambda c: (c[2] == 0, common_share(c[0]))))


def _decoding(data: bytes, encodings: tuple[str, ...]) -> tuple[str, str, int]:
    """The decoding in ``encodings`` with the fewest bad bytes: text, encoding, bad bytes."""
    tried: list[tuple[str, str, int]] = []
    for encoding in encodings:
        try:
            return data.decode(encoding), encoding, 0
        except UnicodeDecodeError:
            text = data.decode(encoding, errors="replace")
            tried.append((text, encoding, max(1, text.count("\ufffd"))))
    return min(tried, key=lambda found: found[2])


def _named(found: tuple[str, str, int]) -> tuple[str, str]:
    text, encoding, bad = found
    return text, encoding if bad == 0 else f"{encoding} ({bad} bad bytes replaced)"


def media_type(path: Path, data: bytes) -> str | None:
    """What a file holds, by its content's signature, else its extension; None for a kind kg does not read.

    The signature wins: a PDF or Word file named .txt (or named nothing) is read as one.
    A file named directly with an unknown extension is tried as text.
    """
    if data.startswith(b"%PDF-"):
        return documents.PDF
    if data.startswith(b"PK\x03\x04") and b"word/" in data[:65536]:
        return documents.DOCX
    if data.startswith(_OLE):
        return None
    suffix = path.suffix.lower()
    if suffix in MEDIA_TYPES:
        return MEDIA_TYPES[suffix]
    return None if suffix in CONVERT or suffix in GRAPH_SUFFIXES else documents.TEXT


def read_source(path: Path) -> RawText | Skipped:
    """Read one file as a report, or say why it cannot be one."""
    problem = _not_regular(path)
    if problem is not None:
        return Skipped(path, problem)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return Skipped(path, f"unreadable: {exc.strerror or exc}")
    if not data.strip():
        return Skipped(path, "empty: no text in the file")
    kind = media_type(path, data)
    if kind is None:
        if data.startswith(_OLE):
            return Skipped(path, f"unsupported: {CONVERT['.doc']}")
        return Skipped(path, _not_a_report(path) or "unsupported: not a kind kg reads")
    sha256 = hashlib.sha256(data).hexdigest()
    if kind != documents.TEXT:
        extracted = documents.READERS[kind](data)
        if isinstance(extracted, str):
            return Skipped(path, extracted)
        source = Source(path=path, sha256=sha256, encoding=extracted.encoding, media_type=kind)
        return RawText(source=source, text=extracted.text)
    if b"\x00" in data and not data.startswith(tuple(bom for bom, _ in _BOMS)):
        return Skipped(path, "binary: contains NUL bytes (not a text file)")
    decoded = decode(data)
    if decoded is None:
        return Skipped(path, "undecodable: not text in UTF-8, UTF-16, GB18030 or Big5; convert it to UTF-8")
    text, encoding = decoded
    if not text.strip():
        return Skipped(path, "empty: no text in the file")
    sample = text[:_SAMPLE]
    if len(_JUNK.findall(sample)) > _MAX_JUNK_SHARE * len(sample):
        return Skipped(path, f"binary: decodes as {encoding} but is mostly control characters")
    source = Source(path=path, sha256=sha256, encoding=encoding, media_type=documents.TEXT)
    return RawText(source=source, text=text)


def read_sources(paths: Iterable[Path]) -> tuple[tuple[RawText, ...], tuple[Skipped, ...]]:
    """Read every report under ``paths``; return what was read and what was skipped, by path."""
    files, skipped = expand_paths(paths)
    texts: list[RawText] = []
    unread: list[Skipped] = list(skipped)
    for path in files:
        result = read_source(path)
        if isinstance(result, RawText):
            texts.append(result)
        else:
            unread.append(result)
    return tuple(texts), tuple(sorted(unread, key=lambda s: s.path))


def skip_kind(skipped: Skipped) -> str:
    """The kind of problem (one of ``SKIP_KINDS``) a skipped input had."""
    return skipped.reason.split(":", 1)[0]
