"""Text out of the files reports come in: web pages, PDFs and Word files (issue 17).

Each reader takes a file's bytes and returns the report's text (one paragraph or printed
line a line) with the encoding it was read in, or a reason it cannot be read that starts
with its kind, as ``kg.ingest``'s skip reasons do. The text they return is the report's raw text: evidence offsets
point into it, and ``kg.clean`` joins the lines a PDF's column broke.

- A web page is decoded by its byte-order mark, else the charset its ``<meta>`` declares,
  else as a text file is; trafilatura then keeps the article and drops navigation,
  sidebars, footers, scripts and styles.
- A PDF's text layer is read by pdfminer.six, line by line in reading order; page numbers
  ("— 3 —", "第3页", "3/12") and a running header or footer repeated on most pages are page
  furniture and are left out. A PDF with no text at all is a scan.
- A Word file (.docx) is read by python-docx: its paragraphs and the rows of its tables,
  in document order.
"""

from __future__ import annotations

import codecs
import io
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

HTML = "text/html"
PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TEXT = "text/plain"

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# Charsets a page declares that a wider table reads the same: GB2312 and GBK pages often hold
# characters only GB18030 (their superset) has, and Big5 pages characters of cp950.
_WIDER = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030", "big5": "cp950"}
# A line that is only a page number: "3", "- 3 -", "— 3 —", "第3页", "第 3 页 共 12 页", "3/12", "·3·".
_PAGE_NUMBER = re.compile(
    r"^[\s\-—–―·•.]*(?:第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}(?:\s*/\s*\d{1,4})?)[\s\-—–―·•.]*$"
)
# A line of a page's own furniture that extractors keep with the article: hit counters, font-size
# switches, print/close/share links. The publish date beside them is the page's, not the report's
# (sites republish old reports), so the whole line goes.
_PAGE_CHROME = re.compile(
    r"浏览次数|访问次数|点击数|阅读次数|字体[:：]?\s*[\[【(（]?\s*大|字号[:：]|打印本页|关闭窗口|分享到[:：]|【打印】|【关闭】"
)
_CHROME_LINE = 80  # longer lines are text that happens to mention such a word
_FURNITURE_LINES = 2  # the lines at each end of a page where a header, footer or page number sits


@dataclass(frozen=True, slots=True)
class Extracted:
    """The text a reader found, and what its bytes were read as."""

    text: str
    encoding: str


Reader = Callable[[bytes], "Extracted | str"]


def html_text(data: bytes) -> Extracted | str:
    """The article of a web page, or why there is none."""
    decoded = decode_page(data)
    if decoded is None:
        return "undecodable: the web page is not text in its declared charset, UTF-8, GB18030 or Big5"
    page, encoding = decoded
    import trafilatura  # deferred: a second to import, and only web pages need it

    # favor_recall: a report is long and plain; losing a paragraph costs facts, a stray line little.
    text = trafilatura.extract(
        page, favor_recall=True, include_comments=False, include_tables=True, include_images=False, deduplicate=False
    )
    if not text or not text.strip():
        # No article found (a page that is all one block, or very short): keep every visible text.
        text = trafilatura.html2txt(page)
    text = "\n".join(line for line in text.splitlines() if not (len(line) < _CHROME_LINE and _PAGE_CHROME.search(line)))
    if not text.strip():
        return "empty: the web page has no text"
    return Extracted(text + "\n", encoding)


def decode_page(data: bytes) -> tuple[str, str] | None:
    """A page's text: by its byte-order mark, else its meta charset, else as a text file."""
    from kg.ingest import decode  # ingest imports this module; decode is ingest's

    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(name, errors="replace"), name
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii").lower()
        name = _WIDER.get(name, name)
        try:
            return data.decode(name), name
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown declaration: read the bytes as a text file's
    return decode(data)


def pdf_text(data: bytes) -> Extracted | str:
    """The text layer of a PDF, one printed line a line, without page numbers and running headers."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTTextContainer, LTTextLine
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    pages: list[list[str]] = []
    try:
        for page in extract_pages(io.BytesIO(data), laparams=LAParams()):
            lines: list[str] = []
            for box in page:
                if isinstance(box, LTTextContainer):
                    lines.extend(
                        text
                        for line in box
                        if isinstance(line, LTTextLine) and (text := line.get_text().rstrip("\r\n")).strip()
                    )
            pages.append(lines)
    except PDFPasswordIncorrect:
        return "unreadable: the PDF is encrypted; save an unprotected copy, or its text as .txt"
    except Exception as exc:  # pdfminer raises many kinds (PDFSyntaxError, PSEOF, KeyError, …) on a damaged file
        return f"unreadable: not a readable PDF ({type(exc).__name__}); save its text as .txt"
    if not any(pages):
        return "scanned: no text layer (scanned PDF); OCR it (e.g. ocrmypdf -l chi_sim) or save its text as .txt"
    text = "\n".join(line for page in _without_furniture(pages) for line in page)
    return Extracted(text + "\n", "PDF text layer")


def _without_furniture(pages: list[list[str]]) -> list[list[str]]:
    """Pages without their page numbers, and without a header or footer most pages repeat."""
    ends = Counter(
        _key(line) for page in pages for line in {*page[:_FURNITURE_LINES], *page[-_FURNITURE_LINES:]} if line
    )
    repeated = {key for key, count in ends.items() if len(pages) >= 2 and count > len(pages) / 2}
    kept: list[list[str]] = []
    for page in pages:
        last = len(page) - 1
        kept.append(
            [
                line
                for number, line in enumerate(page)
                if not (
                    (number < _FURNITURE_LINES or number > last - _FURNITURE_LINES)
                    and (_PAGE_NUMBER.match(line) or _key(line) in repeated)
                )
            ]
        )
    return kept


def _key(line: str) -> str:
    return re.sub(r"\s+", "", line)


def docx_text(data: bytes) -> Extracted | str:
    """The paragraphs of a Word file and its tables' rows (cells joined by tabs), in order."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds (BadZipFile, KeyError, …) on a damaged file
        return f"unreadable: not a readable Word file ({type(exc).__name__}); open it and save it again as .docx"
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, Table):
            lines.extend("\t".join(cell.text for cell in row.cells) for row in block.rows)
    text = "\n".join(lines)
    if not text.strip():
        return "empty: the Word file has no text"
    return Extracted(text + "\n", "utf-8")


READERS: dict[str, Reader] = {HTML: html_text, PDF: pdf_text, DOCX: docx_text}
