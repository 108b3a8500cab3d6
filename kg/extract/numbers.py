"""Numbers in report text: numerals, units, multipliers and qualifiers → ``QuantityMatch``.

Arabic numerals (with thousands separators), Chinese numerals (三千, 两批次) and
water-quality classes (Ⅲ类) are read as exact ``Decimal`` values. A number is a
quantity only with a unit from ``units.tsv``, possibly after a multiplier
(1.9万件 → 1.9, "万件", base 19000 件) and with a qualifier cue around it
(5400余万元, 增长6.5%以上, 控制在2.5%以内). Dates, ordinals (第二), slogans in
quotes (“四个意识”) and codes (PM2.5, 12345) are not quantities.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass
from decimal import Decimal

from kg.lexicons import read_tsv
from kg.model import Qualifier

_CN_DIGITS = {
    "零": 0,
    "0": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_SECTIONS = {"万": 10_000, "亿": 100_000_000}
_ROMAN = {"Ⅰ": 1, "Ⅱ": 2, "Ⅲ": 3, "Ⅳ": 4, "Ⅴ": 5, "Ⅵ": 6, "I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6}
_ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# Chinese numerals, with 0 written for 〇 ("二00四", "一0五") and a decimal part after 点
# ("二千五百四十点三", "百分之八点二").
# 万 inside a numeral ("一万三千六百九十八亿元") belongs to it; at its end it is the multiplier.
_CHINESE = (
    r"[零〇一二两三四五六七八九十百千](?:[零〇0一二两三四五六七八九十百千]|万(?=[零〇一二两三四五六七八九十百千]))*"
    r"(?:点[零〇0一二三四五六七八九]+)?"
)


@dataclass(frozen=True, slots=True)
class QuantityMatch:
    """A number with its unit found in text: span, stated form, value, base value, qualifier."""

    start: int
    end: int
    stated: str
    value: Decimal
    unit: str
    base_value: Decimal
    base_unit: str
    qualifier: Qualifier = Qualifier.EXACT
    qualifier_span: tuple[int, int] | None = None


@functools.lru_cache(maxsize=1)
def _units() -> dict[str, tuple[str, Decimal]]:
    return {row["unit"]: (row["base_unit"], Decimal(row["factor"])) for row in read_tsv("units.tsv")}


@functools.lru_cache(maxsize=1)
def _multipliers() -> dict[str, Decimal]:
    return {row["prefix"]: Decimal(row["factor"]) for row in read_tsv("multipliers.tsv")}


@functools.lru_cache(maxsize=1)
def _qualifiers() -> tuple[tuple[str, Qualifier, str], ...]:
    rows = read_tsv("qualifiers.tsv")
    return tuple(sorted(((r["cue"], Qualifier(r["qualifier"]), r["position"]) for r in rows), key=lambda c: -len(c[0])))


def _alternation(words: dict[str, tuple[str, Decimal]] | dict[str, Decimal]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


# A character every match of ``_pattern`` starts with: a digit, a Chinese numeral (百 of 百分之), a Roman one.
# What follows a water-quality class that names a kind of water with it: 水体, or 水 not opening
# 水平, 水质 or 水标准 (a level: "稳定在Ⅲ类水平", "达到Ⅲ类水质标准").
_WATER_KIND = re.compile(r"(?:以上|以下)?水(?:体|(?![平质标]))")
_NUMBER_START = re.compile(r"[\d零〇一二两三四五六七八九十百千ⅠⅡⅢⅣⅤⅥIV]")


@functools.lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    units = _alternation(_units())
    mults = _alternation(_multipliers())
    # "惠及20万老年人", "78万农村困难群众": people counted in 万 with no unit word (people.tsv).
    rows = read_tsv("people.tsv")
    people = "|".join(re.escape(row["word"]) for row in rows if row["part"] == "noun")
    modifiers = "|".join(re.escape(row["word"]) for row in rows if row["part"] == "modifier")
    return re.compile(
        rf"(?P<num>{_ARABIC}|{_CHINESE})(?:%?(?P<range>[-~～—–至到])(?P<num2>{_ARABIC}))?"
        rf"(?P<many1>余|多)?(?P<mult>{mults})?(?P<many2>余|多)?"
        rf"(?P<unit>人[（(]次[）)]|{units}|(?<=[万亿])(?=(?:{modifiers})*(?:{people})))"
        rf"|(?P<roman>Ⅲ|Ⅱ|Ⅰ|Ⅳ|Ⅴ|Ⅵ|III|II|IV|VI|I|V)(?P<class>类)"
        rf"|百分之(?P<pct>{_ARABIC}|{_CHINESE})"
    )


def parse_numeral(text: str) -> Decimal | None:
    """An Arabic or Chinese numeral (or a Roman water class) as an exact Decimal."""
    text = text.strip().replace(",", "").replace("，", "")
    if not text:
        return None
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return Decimal(text)
    if text in _ROMAN:
        return Decimal(_ROMAN[text])
    chinese = re.fullmatch(r"([零〇0一二两三四五六七八九十百千万亿]+)(?:点([零〇0一二三四五六七八九]+))?", text)
    if chinese and chinese.group(1)[0] != "0":
        whole = Decimal(_chinese(chinese.group(1)))
        if chinese.group(2) is None:
            return whole
        fraction = "".join(str(_CN_DIGITS[c]) for c in chinese.group(2))
        return whole + Decimal("0." + fraction)
    mixed = re.fullmatch(r"(\d+(?:\.\d+)?)([万亿])", text)
    if mixed:
        return Decimal(mixed.group(1)) * _CN_SECTIONS[mixed.group(2)]
    return None


def _chinese(text: str) -> int:
    if len(text) > 1 and all(char in _CN_DIGITS for char in text):
        return int("".join(str(_CN_DIGITS[char]) for char in text))  # 二00四 is written digit by digit
    total, section, digit = 0, 0, 0
    for char in text:
        if char in _CN_DIGITS:
            digit = _CN_DIGITS[char]
        elif char in _CN_UNITS:
            section += (digit or 1) * _CN_UNITS[char]
            digit = 0
        elif char in _CN_SECTIONS:
            total = (total + section + digit) * _CN_SECTIONS[char]
            section, digit = 0, 0
    return total + section + digit


def normalise_unit(unit: str) -> str:
    """The unit as kg writes it: 人（次） → 人次."""
    return re.sub(r"[（(]次[）)]", "次", unit)


def to_base(value: Decimal, unit: str) -> tuple[Decimal, str]:
    """A value in a stated unit (亿元, 万人, %) → the value in the base unit (元, 人, %)."""
    unit = normalise_unit(unit)
    factor = Decimal(1)
    if unit in _units():  # 千米 is a unit of its own, not 千 × 米
        base, unit_factor = _units()[unit]
        return value * unit_factor, base
    for prefix, multiplier in sorted(_multipliers().items(), key=lambda p: -len(p[0])):
        rest = unit[len(prefix) :]
        if unit.startswith(prefix) and rest in _units():
            factor, unit = multiplier, rest
            break
    base, unit_factor = _units().get(unit, (unit, Decimal(1)))
    return value * factor * unit_factor, base


def decimal_str(value: Decimal) -> str:
    """Plain decimal notation without exponent or trailing zeros: 6.2E+8 → "620000000"."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _excluded(text: str, match: re.Match[str]) -> bool:
    start, number = match.start(), match.group("num")
    before = text[start - 1] if start else ""
    after_end = text[match.end() : match.end() + 1]
    if before.isascii() and (before.isalnum() or before in ".-/") and before != "" and not _minus(text, start):
        return True  # PM2.5, 5G, a code or a date part
    if before == "每":
        return True  # "每千人口执业医师数": the base of a rate, not an amount
    if after_end == "级":
        return True  # "千万千瓦级风电基地", "30万吨级码头": a class of size inside a name
    if _in_slogan(text, start, match.end()):
        return True
    # Chinese numerals: not ordinals, not the article 一 or 零, not inside a quoted slogan,
    # not session numbers (三次会议), not the parts of a speech (七个方面).
    chinese = bool(number) and not number[0].isdigit()
    if chinese and (number in ("零", "〇") or _NOT_AMOUNTS.match(text, match.end())):
        return True
    if chinese and _counts_the_list_before(text, start, number):
        return True
    # "一万亿元": 一 before a multiplier is the number, not the article.
    article = number == "一" and not match.group("mult")
    return before == "第" or (chinese and (before in '“"‘「' or article or (after_end != "" and after_end in '”"')))


def _minus(text: str, start: int) -> bool:
    """ "增长-2.3%": a minus sign after a word is the number's sign (not a range or a code)."""
    return start >= 2 and text[start - 1] in "-－−" and "\u4e00" <= text[start - 2] <= "\u9fff"


def _counts_the_list_before(text: str, start: int, number: str) -> bool:
    """A numeral that counts the list it follows ("在发展理念、产业路径、城市风貌、制度环境四个领域
    打造样板") restates the list; it is not an amount."""
    clause = re.split(r"[，；。,;：:]", text[:start])[-1]
    items = len(re.findall(r"、|和|及", clause)) + 1
    names_the_kind = re.match(r"[个大项种类条家所座][\u4e00-\u9fff]", text[start + len(number) :])
    return items >= 2 and names_the_kind is not None and not re.search(r"\d", clause) and parse_numeral(number) == items


# An age or a time span is a measure only where it closes its clause, where a time is
# bounded, or where a change starts from it ("人均预期寿命达到78.5岁。", "缩短到6小时以内",
# "由1天缩短到…").
_ATTRIBUTE_UNITS = frozenset({"岁", "天", "小时"})
_CLAUSE_CLOSE = re.compile(r"$|[，。；！？、,;）)]")
_RANK = re.compile(r"位次|名次")
_MONTHS = re.compile(r"多?(?:月|季度|星期)")
_COUNT_OF_DAYS = re.compile(r"天数(?:达到|达|为|保持在|稳定在|增加到|增至)?$")
_TIME_BOUND = re.compile(r"以内|之内|内|左右")


def _amount_of_time(text: str, match: re.Match[str], unit: str) -> bool:
    after = match.end()
    if match.start() == 0 or text[match.start() - 1] in "，。；！？、,;：:":
        return False  # "40天内全部治愈", "15天建成…": how long it took, opening its clause
    if text[match.start() - 1] == "在" and _TIME_BOUND.match(text, after):
        return False  # "在24小时内建成隔离点12个": the time something was done in, not an amount
    if _CLAUSE_CLOSE.match(text, after) or text[match.start() - 1 : match.start()] in ("由", "从"):
        return True
    if _COUNT_OF_DAYS.search(text, max(0, match.start() - 12), match.start()):
        return True  # "优良天数达到210天以上": a count of days, however bounded
    return unit != "岁" and bool(_TIME_BOUND.match(text, after))


# What follows a Chinese-numeral count when it numbers sessions, phases or the parts of a text,
# or names a standing rule ("中央八项规定") or the economy's sectors ("三次产业").
# A count of the indicators just listed ("两项指标稳居全市第一") restates them.
_NOT_AMOUNTS = re.compile(r"会议|全会|全体会议|党代会|方面|大(?!关)|中心城市|规定|产业|指标")


def _in_slogan(text: str, start: int, end: int) -> bool:
    """A number inside a short quoted name ("15条硬措施", "10个100%") or inside a document's title
    (《关于支持实体经济发展的30条措施》) is part of the name."""
    opening = text.rfind("“", max(0, start - 12), start)
    if opening >= 0 and "”" not in text[opening:start] and text.find("”", end, end + 12) >= 0:
        return True
    title = text.rfind("《", max(0, start - 40), start)
    return title >= 0 and "》" not in text[title:start] and text.find("》", end, end + 40) >= 0


def _qualifier(text: str, start: int, end: int, many: bool) -> tuple[Qualifier, tuple[int, int] | None]:
    for cue, qualifier, position in _qualifiers():
        if position == "after" and text.startswith(cue, end):
            return qualifier, (end, end + len(cue))
        if position == "before" and text.endswith(cue, 0, start):
            return qualifier, (start - len(cue), start)
    if many:
        return Qualifier.AT_LEAST, None
    return Qualifier.EXACT, None


def find_quantities(text: str) -> list[QuantityMatch]:
    """Every number-with-unit in ``text``, left to right, non-overlapping."""
    if not _NUMBER_START.search(text):
        return []  # most phrases hold no numeral at all: one scan for a character, not the whole pattern
    found: list[QuantityMatch] = []
    for match in _pattern().finditer(text):
        if match.group("roman"):
            if _WATER_KIND.match(text, match.end()):
                continue  # "剿灭劣Ⅴ类水", "Ⅲ类以上水体": a class that names a kind of water, not a level
            value, unit = Decimal(_ROMAN[match.group("roman")]), "类"
        elif match.group("pct"):
            parsed = parse_numeral(match.group("pct"))
            if parsed is None:
                continue
            value, unit = parsed, "%"
        else:
            if _excluded(text, match):
                continue
            parsed = parse_numeral(match.group("num2") or match.group("num"))
            if parsed is None:
                continue
            value = parsed
            # An empty unit is a person noun after 万 or 亿 ("20万老年人"): people.
            unit = (match.group("mult") or "") + (normalise_unit(match.group("unit")) or "人")
            if _RANK.match(text, match.end()):
                continue  # "前进两个位次": a move in a ranking (GOLD.md: rankings are not measures)
            if text[match.start() - 1 : match.start()] == "前" and unit in ("名", "位", "强"):
                continue  # "进入全国百强县前50名": a place in a ranking
            if not match.group("num")[0].isdigit() and text.startswith("“", match.end()):
                continue  # "三个“一号工程”": the count a slogan is named by
            if unit == "个" and _MONTHS.match(text, match.end()):
                continue  # "两个多月时间", "连续44个月": a span of time, not a count
            if unit in _ATTRIBUTE_UNITS and not _amount_of_time(text, match, unit):
                # "65岁以上老年人", "24小时城市书屋", "全年365天…监测": an age band or an opening time
                # says which or how, it is not an amount
                continue
        many = (
            bool(match.group("many1") or match.group("many2"))
            if not match.group("roman") and not match.group("pct")
            else False
        )
        qualifier, span = _qualifier(text, match.start(), match.end(), many)
        if match.groupdict().get("range") and match.group("range"):
            qualifier = Qualifier.AT_MOST if qualifier is Qualifier.EXACT else qualifier
        start, stated = match.start(), match.group(0)
        if match.group("num") and _minus(text, start):
            start, stated, value = start - 1, text[start - 1] + stated, -value
        base_value, base_unit = to_base(value, unit)
        found.append(QuantityMatch(start, match.end(), stated, value, unit, base_value, base_unit, qualifier, span))
    if not found:
        return found  # most phrases state no amount: no units to share, no bounds to spread
    return _bound_together(text, _with_shared_units(text, found))


@functools.lru_cache(maxsize=1)
def _bare_before() -> re.Pattern[str]:
    mults = _alternation(_multipliers())
    return re.compile(rf"(?<![\d.])(?P<num>{_ARABIC}|{_CHINESE})(?P<mult>{mults})?、$")


def _with_shared_units(text: str, found: list[QuantityMatch]) -> list[QuantityMatch]:
    """Numbers listed before one that states the unit share it: "分别达到3.2、1.5万元",
    "分别突破百亿、三百亿元大关"."""
    shared: list[QuantityMatch] = []
    for quantity in found:
        mult = next((m for m in _multipliers() if quantity.unit.startswith(m) and quantity.unit[len(m) :]), "")
        unit = quantity.unit[len(mult) :]
        start = quantity.start
        while (bare := _bare_before().search(text, max(0, start - 16), start)) is not None:
            value = parse_numeral(bare.group("num"))
            if value is None or (not bare.group("num")[0].isdigit() and _excluded(text, bare)):
                break
            stated_unit = (bare.group("mult") or mult) + unit
            base_value, base_unit = to_base(value, stated_unit)
            end = bare.end() - 1
            qualifier, span = _qualifier(text, bare.start(), end, False)
            stated = text[bare.start() : end]
            shared.append(
                QuantityMatch(bare.start(), end, stated, value, stated_unit, base_value, base_unit, qualifier, span)
            )
            start = bare.start()
    return sorted(found + shared, key=lambda quantity: quantity.start)


def _bound_together(text: str, quantities: list[QuantityMatch]) -> list[QuantityMatch]:
    """A bound before the first of a listed run bounds them all ("突破百亿、三百亿元大关"), and
    one after the last bounds them all ("分别增长7%和8%左右")."""
    ordered = sorted(quantities, key=lambda quantity: quantity.start)
    for number, quantity in enumerate(ordered[1:], 1):
        previous = ordered[number - 1]
        listed = previous.end + 1 == quantity.start and text[previous.end] in "、和及"
        listed = listed and previous.base_unit == quantity.base_unit
        if listed and previous.qualifier is not Qualifier.EXACT and quantity.qualifier is Qualifier.EXACT:
            ordered[number] = dataclasses.replace(quantity, qualifier=previous.qualifier, qualifier_span=None)
    for number in range(len(ordered) - 2, -1, -1):
        quantity, following = ordered[number], ordered[number + 1]
        listed = quantity.end + 1 == following.start and text[quantity.end] in "、和及"
        listed = listed and quantity.base_unit == following.base_unit  # "…项目12个、10亿元以上…" lists no run
        bound_after = following.qualifier_span is not None and following.qualifier_span[0] >= following.end
        if listed and bound_after and quantity.qualifier is Qualifier.EXACT:
            ordered[number] = dataclasses.replace(quantity, qualifier=following.qualifier)
    return ordered
