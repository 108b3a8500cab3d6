"""Years and dates as reports write them, in every numeral style.

Reports write a year as ``2020年``, ``2020 年``, ``２０２０年`` (folded by ``clean``), or in
Chinese numerals: ``二○二○年`` (○ U+25CB, common in older reports), ``二〇二〇年``,
``二零二零年``, ``二0一0年`` and ``二O一O年`` (a digit zero or a letter O for 〇). Months and
days follow in either style (``一月二十日``). ``arabic_years`` rewrites the Chinese forms as
digits without changing the text's length, so that one ``(19|20)\\d\\d年`` pattern finds them
all and offsets stay valid.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ZERO = "〇○零0OoＯ"
_DIGITS = {**dict.fromkeys(_ZERO, 0), "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_ANY_DIGIT = f"[{_ZERO}一二三四五六七八九]"
# 一九xx or 二〇xx, then 年: a year, not a count (一九… and 二〇… are no other numbers' shape).
_CHINESE_YEAR = re.compile(f"(?:一九|二[{_ZERO}]){_ANY_DIGIT}{{2}}(?=\\s?年)")
_SMALL = "[\\d一二三四五六七八九十]{1,3}"
YEAR = r"((?:19|20)\d\d)"
# "2025年1月15日", "2011年1月", "二○二五年一月二十日" (after arabic_years): year, month, day.
DATE = re.compile(YEAR + r"\s?年\s?(" + _SMALL + r")\s?月(?:\s?(" + _SMALL + r")\s?日)?")


@dataclass(frozen=True, slots=True)
class Date:
    """A date as a report states it; month and day may be missing."""

    year: int
    month: int | None = None
    day: int | None = None


def arabic_years(text: str) -> str:
    """``text`` with years in Chinese numerals written as digits, of the same length."""
    return _CHINESE_YEAR.sub(lambda m: "".join(str(_DIGITS[c]) for c in m.group(0)), text)


def small_number(text: str) -> int | None:
    """A month or day: "12", "十二", "二十", "二十六", "一" → its value; None if not one."""
    if text.isdigit():
        return int(text)
    if not text or any(c not in _DIGITS and c != "十" for c in text):
        return None
    if "十" not in text:
        return _DIGITS[text] if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1:
        return None
    return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[ones] if ones else 0)


def date_of(match: re.Match[str]) -> Date:
    """The ``Date`` a match of ``DATE`` states."""
    month = small_number(match.group(2))
    day = small_number(match.group(3)) if match.group(3) else None
    return Date(int(match.group(1)), month if month and month <= 12 else None, day if day and day <= 31 else None)
