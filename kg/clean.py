"""Undo the page layout of report text: ``RawText`` → ``CleanText``.

Newspaper columns and PDF extraction break sentences across lines, split numbers
from their units, scatter blank lines and print headings twice
("20222022年城西区工作回顾年城西区工作回顾"). Cleaning joins broken lines, drops
layout whitespace, folds full-width digits and letters to ASCII, undoubles
headings, and adds a simplified-character view of the same length. Characters
move but each kept one remembers its position in the raw text (``offsets``).
"""

from __future__ import annotations

import functools
import html
import re
import statistics
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace

from kg.model import CleanText, RawText

# Punctuation that ends a paragraph line for good; anything else may be a column break.
_FINAL = frozenset("。！？!?；;：:）)…")
_CLOSING_QUOTES = frozenset("”」』’")
# Punctuation that says the sentence goes on.
_CONTINUING = frozenset("，,、“「『（(—-")
_LINE_BREAK = re.compile(r"\r\n|[\r\n\u2028\u2029\x0b\x0c\x85]")
# Control characters (BEL, ESC, …, not the line breaks above) are layout noise too (issue 7).
_SPACE = re.compile(r"[ \t\u3000\u00a0\u2002-\u200b\ufeff\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]+")
_MARKDOWN_HEADING = re.compile(r"^#{1,6}[ \t]+")
_BRACKETED_HEADING = re.compile(r"【[^【】，。；,;]{2,24}】")
# A numbered part or section title: "一、…", "（二）…", "第三部分…", without sentence punctuation.
_NUMBERED_HEADING = re.compile(
    r"(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|第[一二三四五六七八九十]+部分)[^，。；：,;:、！？]{2,30}"
)
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_ASCII_ALNUM = re.compile(r"[0-9A-Za-z]")
# Pinyin a converter glossed after a character ("經(jīng)濟", "生產(chǎn)"): lower-case syllables
# with a tone mark, in brackets, straight after a CJK character.
_PINYIN_GLOSS = re.compile(
    r"(?<=[\u3400-\u9fff\uf900-\ufaff])[(（](?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ])[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]{1,7}[)）]"
)
# Anti-copy markers a web page appends to its paragraphs ("…同志们提出意见。vfO"): a few ASCII
# letters with a capital after a small one (not an acronym like GDP, not a word like App) after
# CJK text, ending the line
# or followed by a space.
_ANTI_COPY = re.compile(
    r"(?<=[\u3400-\u9fff。：；！？，、”）:;!?,)])(?=[A-Za-z]{0,2}[a-z][A-Z])[A-Za-z]{2,4}(?=[ \t\u3000]|$)"
)
_LOWER_UPPER = re.compile(r"[a-z][A-Z]")  # inside every anti-copy marker
# Bullet marks a digest opens its items with ("▲地区生产总值增长8.3%", "★新开工重大项目100个"): kept in
# the text, where kg.segment reads a bulleted line as an item of its own.
BULLETS = "▲△■□◆◇●○★☆•►▶✔✓√※◎◉"
_BULLET = re.compile(f"[ \t\u3000]*[{BULLETS}]")
# Emoji and pictographs a social-media post decorates its lines with ("✅全县地区生产总值…", "🎯…",
# "…建成投用🏥", "划重点↓↓↓"): one that opens a line is its bullet (read as "•"), the others go.
_EMOJI = re.compile(f"(?![{BULLETS}])[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\u2190-\u21ff\ufe0f\u200d\u20e3]")
_EMOJI_BULLET = re.compile(f"[ \t\u3000]*{_EMOJI.pattern}")
# Note markers a PDF or an e-paper prints after a word ("规模以上工业增加值②增长8.2%", "固定资产投资[3]"):
# circled numbers, and a bracketed number right after a character.
_NOTE_MARK = re.compile(r"[\u2460-\u2473\u2776-\u277f]|(?<=[\u4e00-\u9fff%）)])\[\d{1,2}\]")
_INDENT = re.compile(r"^(?:\u3000|[ \t\u00a0]{2})")
# Lines whose first line is indented before a paragraph is said to be set with indents (PDFs, Word).
_MIN_INDENTED = 3
# A line that is only a page's number as a PDF prints it ("— 3 —", "-12-", "第3页 共20页").
_PAGE_NUMBER = re.compile(r"[—\-–－]{1,2}\d{1,4}[—\-–－]{1,2}|第\d{1,4}页(?:共\d{1,4}页)?")
_BROKEN_NUMBER = re.compile(r"(?<!\d)\d{1,3}$")
_PAGE_STATISTIC = re.compile(
    r"(?:浏览|阅读|点击|访问|浏览量|阅读量|点击量|访问量|浏览次数|阅读次数|点击次数)[：:]\s?[\d,]+次?"
)
# What announces a page's list of links to other pages, alone on its line.
_LINK_LIST = re.compile(
    r"[【\[]?(?:相关新闻|相关链接|相关阅读|相关文章|延伸阅读|推荐阅读|热点推荐|猜你喜欢)[】\]]?[：:]?"
)
_HEADLINE_MAX = 40
_LOST_CHARACTERS = re.compile(r"\?{2,}")
_LOST_COLON = re.compile(r"(?<=\d)\?(?=\d)")
# A pair of semicolons standing for a quotation mark.
_SEMICOLON_QUOTE = re.compile(r";;")
# An HTML character reference: named, decimal or hexadecimal.
_ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{1,7}|#[xX][0-9a-fA-F]{1,6});")

# Full-width digits, letters and the signs numbers use, folded to ASCII one for one.
_FOLD = {code: code - 0xFEE0 for code in range(0xFF10, 0xFF1A)}
_FOLD.update({code: code - 0xFEE0 for code in range(0xFF21, 0xFF3B)})
_FOLD.update({code: code - 0xFEE0 for code in range(0xFF41, 0xFF5B)})
_FOLD.update({ord("％"): ord("%"), ord("．"): ord("."), ord("＋"): ord("+"), ord("－"): ord("-")})
# Other quotation marks read as the “ and ” a mainland report quotes a brand in: corner brackets,
# as texts from Hong Kong, Taiwan and their converters print them ("「三大攻堅戰」", "『放管服』");
# single quotes and the vertical-text pair, as web pages print them ("‘放管服’改革", "〝河长制〞").
_FOLD.update({ord(a): ord("“") for a in "「『‘〝"})
_FOLD.update({ord(a): ord("”") for a in "」』’〞"})
_FOLD[ord("＂")] = ord('"')


@dataclass(frozen=True, slots=True)
class _Line:
    """A non-blank raw line: its text after in-line cleaning and raw offsets."""

    text: str
    offsets: tuple[int, ...]
    heading: bool
    indented: bool = False  # the raw line began with an indent: a paragraph's first line in a PDF
    span: int = 0  # its length in the raw text, spaces and indent included: how much of a column it fills
    bullet: bool = False  # the raw line began with a bullet mark (▲, ■, ★): an item of its own


def clean(raw: RawText) -> CleanText:
    """Join broken lines, drop layout whitespace, undouble headings; keep offsets."""
    text = raw.text.translate(_FOLD)
    lines = _without_link_lists(
        [line for line in _split_lines(text) if line.text and not _PAGE_NUMBER.fullmatch(line.text)]
    )
    width = _column_width(lines)
    indents = _full_line(lines) if sum(line.indented for line in lines) >= _MIN_INDENTED else 0
    out: list[str] = []
    offsets: list[int] = []
    for i, line in enumerate(lines):
        out.append(line.text)
        offsets.extend(line.offsets)
        if i + 1 < len(lines) and not _joins_next(line, lines[i + 1], width, indents=indents):
            out.append("\n")
            offsets.append(line.offsets[-1] + 1)
    clean_text = "".join(out)
    return CleanText(
        source=raw.source,
        text=clean_text,
        simplified=to_simplified(clean_text),
        offsets=tuple(offsets),
    )


def _without_link_lists(lines: list[_Line]) -> list[_Line]:
    """Lines without a page's lists of links to other pages: the headlines after a line that only
    announces one ("相关新闻：", "推荐阅读"), short lines with no full stop. The announcing line stays,
    as a heading, so that the text before the list does not run on into the text after it."""
    kept: list[_Line] = []
    in_list = False
    for line in lines:
        if _LINK_LIST.fullmatch(line.text):
            in_list = True
            kept.append(replace(line, heading=True))
        elif not (in_list and len(line.text) <= _HEADLINE_MAX and "。" not in line.text):
            in_list = False
            kept.append(line)
    return kept


def _split_lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    start = 0
    for match in _LINE_BREAK.finditer(text):
        lines.append(_clean_line(text, start, match.start()))
        start = match.end()
    lines.append(_clean_line(text, start, len(text)))
    return lines


def _clean_line(text: str, start: int, end: int) -> _Line:
    """Drop layout spaces and page debris inside one raw line; keep a space only between ASCII words."""
    line = text[start:end]
    marker = _MARKDOWN_HEADING.match(line)
    skip = marker.end() if marker else 0
    heading = marker is not None
    emoji_bullet = _EMOJI_BULLET.match(line, skip)
    if emoji_bullet:
        line = line[: emoji_bullet.end() - 1] + "•" + line[emoji_bullet.end() :]
    bullet = _BULLET.match(line, skip)  # kept: segment reads the line as an item, not a heading
    kept = _Kept(line[skip:], tuple(range(start + skip, end)))
    if _EMOJI.search(kept.text):
        kept = _drop(kept, _EMOJI)
    if "(" in kept.text or "（" in kept.text:  # (what each pattern cannot match without: most lines skip both)
        kept = _drop(kept, _PINYIN_GLOSS)
    if _LOWER_UPPER.search(kept.text):
        kept = _drop(kept, _ANTI_COPY)
    if _NOTE_MARK.search(kept.text):
        kept = _drop(kept, _NOTE_MARK)
    if "：" in kept.text or ":" in kept.text:
        kept = _drop(kept, _PAGE_STATISTIC)  # "浏览：1,286次", "阅读量:3562": a page's count of its readers
    if "?" in kept.text:
        # Characters an encoding lost, as a page prints them: a run of "??" (an indent, a dash), and
        # a "?" between two numbers (the colon of a ratio, "1.2?30.2?68.6").
        kept = _drop(kept, _LOST_CHARACTERS)
        kept = _replaced(kept, _LOST_COLON, lambda _, __: ":")
    if ";;" in kept.text:
        # Quotation marks a converter wrote as ";;" ("打好;;三大攻坚战;;") become “ and ” again.
        kept = _replaced(kept, _SEMICOLON_QUOTE, lambda number, _: "”" if number % 2 else "“")
    if "&" in kept.text:
        # Character references a web page left undecoded ("&ldquo;四好农村路&rdquo;", "&nbsp;").
        kept = _replaced(kept, _ENTITY, lambda _, match: html.unescape(match.group()))
    kept, has_cjk_gap = _tighten(kept)
    cleaned, offsets = kept.text, kept.offsets
    # A headline spaced like "勇争先 当表率", or numbered like "二、2023年工作任务", with no
    # sentence punctuation is a heading.
    # So is a line that is one title in black lenticular brackets ("【2016年预期目标】").
    if (
        (has_cjk_gap and not any(c in cleaned for c in "，。；,;"))
        or _NUMBERED_HEADING.fullmatch(cleaned)
        or _BRACKETED_HEADING.fullmatch(cleaned)
    ):
        heading = True
    undoubled = undouble(cleaned)
    if undoubled is not None:
        return _Line(undoubled[0], tuple(offsets[i] for i in undoubled[1]), True)
    return _Line(cleaned, offsets, heading, bool(_INDENT.match(line)), len(line.rstrip()), bullet is not None)


@dataclass(frozen=True, slots=True)
class _Kept:
    """Text being cleaned and, for each of its characters, the raw position it came from."""

    text: str
    offsets: tuple[int, ...]


def _drop(kept: _Kept, pattern: re.Pattern[str]) -> _Kept:
    """Remove every match of ``pattern`` (debris that is not the report's wording)."""
    return _replaced(kept, pattern, lambda _, __: "")


def _replaced(kept: _Kept, pattern: re.Pattern[str], replacement: Callable[[int, re.Match[str]], str]) -> _Kept:
    """Each match of ``pattern`` replaced by ``replacement(its number, it)``, whose characters all
    come from where the match began."""
    chars: list[str] = []
    offsets: list[int] = []
    pos = 0
    for number, match in enumerate(pattern.finditer(kept.text)):
        chars.append(kept.text[pos : match.start()])
        offsets.extend(kept.offsets[pos : match.start()])
        replaced = replacement(number, match)
        chars.append(replaced)
        offsets.extend([kept.offsets[match.start()]] * len(replaced))
        pos = match.end()
    if not pos:
        return kept
    chars.append(kept.text[pos:])
    offsets.extend(kept.offsets[pos:])
    return _Kept("".join(chars), tuple(offsets))


def _tighten(kept: _Kept) -> tuple[_Kept, bool]:
    """Drop layout spaces; keep one between ASCII words. Also say whether CJK text had a gap."""
    line = kept.text
    if _SPACE.search(line) is None:
        return kept, False  # most lines have no space to drop: nothing to copy
    chars: list[str] = []
    offsets: list[int] = []
    pos = 0
    has_cjk_gap = False
    for match in _SPACE.finditer(line):
        chars.append(line[pos : match.start()])
        offsets.extend(kept.offsets[pos : match.start()])
        before = line[match.start() - 1] if match.start() else ""
        after = line[match.end()] if match.end() < len(line) else ""
        if _letter_spaced_digits(line, match.start(), match.end()):
            pass  # "1 2 3 . 4 5 亿元", "2 0 2 1 年": a PDF's letter spacing inside one number
        elif _thousands_space(line, match.start(), match.end()):
            pass  # "23 150元", "1 286 000人": a space that groups a number's thousands
        elif _ASCII_ALNUM.match(before) and _ASCII_ALNUM.match(after):
            chars.append(" ")
            offsets.append(kept.offsets[match.start()])
        elif _CJK.match(before) and _CJK.match(after):
            has_cjk_gap = True
        pos = match.end()
    chars.append(line[pos:])
    offsets.extend(kept.offsets[pos:])
    return _Kept("".join(chars), tuple(offsets)), has_cjk_gap


def _thousands_space(line: str, start: int, end: int) -> bool:
    """Whether the space at ``start:end`` separates a number's thousands: one to three digits (not
    after a decimal point or a letter), then exactly three."""
    if not start or not line[start - 1].isdigit() or not line[end : end + 3].isdigit() or len(line) < end + 3:
        return False
    if end + 3 < len(line) and line[end + 3].isdigit():
        return False
    head = start
    while head and line[head - 1].isdigit():
        head -= 1
    return start - head <= 3 and (not head or not (_ASCII_ALNUM.match(line[head - 1]) or line[head - 1] in ".:-/"))


def _letter_spaced_digits(line: str, start: int, end: int) -> bool:
    """Whether the space at ``start:end`` falls between two digits that stand alone, as a PDF
    spaces every character of a number; two numbers side by side ("2018-03-20 10:33") are not."""
    if not start or end >= len(line) or not (line[start - 1].isdigit() and line[end].isdigit()):
        return False
    alone_before = start < 2 or not _ASCII_ALNUM.match(line[start - 2])
    alone_after = end + 1 >= len(line) or not _ASCII_ALNUM.match(line[end + 1])
    return alone_before and alone_after


def undouble(line: str) -> tuple[str, tuple[int, ...]] | None:
    """Undo PDF doubling "XXYY" → "XY"; return the text and the kept indices, or None.

    A line is doubled when it splits into chunks each written twice in a row
    ("2022" "2022" "年城西区工作回顾" "年城西区工作回顾"). Only headings-sized lines
    of at least six characters are considered, so ordinary text is left alone.
    """
    n = len(line)
    if n < 6 or n > 80 or n % 2 or line[0] not in line[1 : n // 2 + 1]:
        return None  # (a doubled line's first chunk is written twice: its first character comes again)
    # reach[i]: a chunk boundary list reaching position i by doubled chunks.
    reach: dict[int, tuple[int, ...]] = {0: ()}
    for i in range(n):
        if i not in reach:
            continue
        for size in range(1, (n - i) // 2 + 1):
            j = i + 2 * size
            if j not in reach and line[i : i + size] == line[i + size : j]:
                reach[j] = (*reach[i], i, size)
    if n not in reach:
        return None
    path = reach[n]
    kept = tuple(k for start, size in zip(path[::2], path[1::2], strict=True) for k in range(start, start + size))
    return "".join(line[k] for k in kept), kept


def _full_line(lines: list[_Line]) -> int:
    """The raw length of a full line of a column: the commonest length of the longer lines (0 if none).

    Short lines (a paragraph's last, a heading) are many in a PDF, so the median undercounts;
    the lines the column broke all have the column's length, so that length is the commonest.
    """
    spans = Counter(line.span for line in lines if line.span >= 8)
    return max(spans, key=lambda span: (spans[span], span)) if spans else 0


def _column_width(lines: list[_Line]) -> float:
    """The typical length of a body line: the width of a newspaper column, or of a paragraph."""
    lengths = [len(line.text) for line in lines if len(line.text) >= 8 and not line.heading]
    return statistics.median(lengths) if lengths else 0.0


def _joins_next(line: _Line, following: _Line, width: float, *, indents: int = 0) -> bool:
    """Whether a line break between two lines is layout (join) rather than a paragraph end."""
    if following.bullet:
        return False  # "▲地区生产总值增长8.3%\n■城镇新增就业5.6万人": each bullet is an item of its own
    # In a text whose paragraphs start indented (a PDF's column, issue 17), a full line followed
    # by one that is not indented goes on in it, whatever it ends with short of a full stop
    # ("…新增债券104亿元；" / "落实援企稳岗政策…"; a title spaced like a heading that wraps).
    if (
        indents
        and not following.indented
        and line.span >= 0.9 * indents
        and line.text[-1] not in "。！？!?"
        and not _NUMBERED_HEADING.fullmatch(line.text)
        and not following.heading
    ):
        return True
    if line.heading or following.heading:
        return False
    last = line.text[-1]
    if last in _CLOSING_QUOTES and len(line.text) > 1:
        # A quote closes a paragraph only after the sentence inside it has ended.
        last = line.text[-2] if line.text[-2] in _FINAL else "”"
    # Items of a list each on their own line ("地区生产总值增长3.5%；\n规上工业增加值增长6.3%；\n…。")
    # are clauses of one sentence: a line that ends in a semicolon goes on into the next item.
    if last in "；;" and following.text[-1] in "；;。":
        return True
    # A number broken across lines ("2\n018年", "约合12\n43亿元") is one number; a line of digits
    # alone is a page number, and one ending in a whole year is a heading ("回首2019").
    broken = _BROKEN_NUMBER.search(line.text)
    if broken and following.text[0].isdigit() and not line.text.isdigit():
        return True
    if last in _FINAL:
        return False
    if last in _CONTINUING or following.text[0] in "，、。；：%）)":
        return True
    # A line as wide as the column that stops mid-sentence was broken by the layout;
    # so was a wider line followed by one about as wide (a second, wider column).
    size = len(line.text)
    if width > 0 and 0.7 * width <= size <= 1.25 * width:
        return True
    return size > 1.25 * width and size >= 0.7 * len(following.text)


@functools.lru_cache(maxsize=1)
def _converters() -> tuple[object, ...]:
    import opencc  # deferred: loading its dictionaries is not free

    # hk2s and tw2s are t2s plus the Hong Kong and Taiwan variant characters that t2s leaves
    # alone (衞 → 卫; 著眼 → 着眼, where 著 is also a simplified character).
    return opencc.OpenCC("hk2s"), opencc.OpenCC("tw2s")


def to_simplified(text: str) -> str:
    """Traditional → simplified characters, keeping the length (one character for one)."""
    for converter in _converters():
        converted: str = converter.convert(text)  # type: ignore[attr-defined]
        if len(converted) != len(text):
            # A phrase rule changed the length somewhere: convert character by character.
            converted = "".join(c if len(s := converter.convert(c)) != 1 else s for c in text)  # type: ignore[attr-defined]
        text = converted
    return text
