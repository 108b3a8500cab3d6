"""clean: page layout undone, offsets kept (real seed text, messy breaks included)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.clean import _FOLD as FOLDED
from kg.clean import clean, to_simplified, undouble
from kg.model import RawText, Source

SEEDS = Path(__file__).parent.parent / "seeds"


def raw(text: str) -> RawText:
    return RawText(Source(Path("t.txt"), "0" * 64, "utf-8"), text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A newspaper column breaks a number from its unit across a blank line (seed 000).
        (
            "向区委汇报经济社会重要工作 28\n\n项，始终坚持以党的领导引领区域经济发展和社会治理。",
            "向区委汇报经济社会重要工作28项，始终坚持以党的领导引领区域经济发展和社会治理。",
        ),
        # Spaces between a number and its unit are layout.
        ("争取上级专项资金 5.6 亿元，同比增长 10.5%。", "争取上级专项资金5.6亿元，同比增长10.5%。"),
        # Full-width digits fold to ASCII, Chinese punctuation stays.
        ("增长７．５％，", "增长7.5%，"),
        # Corner brackets, single and vertical quotes quote as “ and ” do (a Hong Kong or Taiwan
        # page's quotation marks, a web page's).
        ("深入推進「三大攻堅戰」，『放管服』改革", "深入推進“三大攻堅戰”，“放管服”改革"),
        ("推进‘放管服’改革，推行〝河长制〞", "推进“放管服”改革，推行“河长制”"),
        # A space that groups a number's thousands goes; two numbers side by side keep theirs.
        ("城镇居民人均可支配收入23 150元，户籍人口1 286 000人", "城镇居民人均可支配收入23150元，户籍人口1286000人"),
        ("2018-03-20 10:33 来源", "2018-03-20 10:33来源"),
        # A page's count of its readers is no part of the report.
        ("时间：2023-02-08 浏览：1,286次 下载", "时间：2023-02-08下载"),
        # Characters an encoding lost: "??" goes, a "?" between numbers was a ratio's colon.
        ("??三次产业结构调整为1.2?30.2?68.6。", "三次产业结构调整为1.2:30.2:68.6。"),
        # Character references a web page left undecoded are the characters they stand for.
        ("实施&ldquo;四好农村路&rdquo;建设&nbsp;三年行动", "实施“四好农村路”建设三年行动"),
        # A space between two ASCII words is kept.
        ("PM2.5 浓度下降", "PM2.5浓度下降"),
        # Pinyin a converter glossed after characters goes; an aside in capitals stays (issue 14).
        ("全區生產(chǎn)總值增長(zhǎng)百分之六點(diǎn)五", "全區生產總值增長百分之六點五"),
        ("地区生产总值（GDP）增长6%", "地区生产总值（GDP）增长6%"),
        # An anti-copy marker after a paragraph goes; an acronym or a word does not.
        ("圆满完成了全年目标任务。kTq\n二、2024年工作安排qW", "圆满完成了全年目标任务。\n二、2024年工作安排"),
        ("上线“青松办”App", "上线“青松办”App"),
        # List items on lines of their own, each ending in a semicolon, are clauses of one sentence.
        (
            "地区生产总值增长6%；\n规上工业增加值增长7%；\n固定资产投资增长8%。\n二、工作安排",
            "地区生产总值增长6%；规上工业增加值增长7%；固定资产投资增长8%。\n二、工作安排",
        ),
        # A number broken across lines is one number, whatever the width of the lines; a page
        # number on a line of its own is not part of the next line.
        (
            "全面回顾了2\n018年的工作，展望了今后五年的目标任务，安排部署了今年的重点工作。",
            "全面回顾了2018年的工作，展望了今后五年的目标任务，安排部署了今年的重点工作。",
        ),
        ("12\n2019年以来", "12\n2019年以来"),
        # A PDF that spaces every character of a number (and of the title's year) spaces one number;
        # two numbers side by side stay two.
        ("生产总值完成 1 2 3 . 4 5 亿元，增长 4 . 2 %", "生产总值完成123.45亿元，增长4.2%"),
        ("2 0 2 1 年政府工作报告", "2021年政府工作报告"),
        ("发布时间：2018-03-20 10:33:06", "发布时间：2018-03-20 10:33:06"),
        # A line that is only a page's number goes, and the paragraph it interrupted goes on.
        ("完成农村危房改造\n— 12 —\n320户。", "完成农村危房改造320户。"),
        ("新建5G基站120个。\n第3页 共20页\n二、工作安排", "新建5G基站120个。\n二、工作安排"),
        # Note markers after a word (circled numbers, a bracketed number) are no part of the text.
        ("工业增加值②增长8.2%，投资[3]增长10.5%。", "工业增加值增长8.2%，投资增长10.5%。"),
        # Bulleted items without punctuation are lines of their own, not one run-on line.
        ("▲地区生产总值增长8.3%\n■城镇新增就业5.6万人", "▲地区生产总值增长8.3%\n■城镇新增就业5.6万人"),
        # Quotation marks a converter wrote as ";;" are quotation marks again.
        ("深入开展;;厕所革命;;,改造旱厕200座", "深入开展“厕所革命”,改造旱厕200座"),
    ],
)
def test_clean_joins_and_tightens(text: str, expected: str) -> None:
    assert clean(raw(text)).text == expected


def test_clean_undoubles_pdf_headings() -> None:
    text = "20222022年城西区工作回顾年城西区工作回顾\n\n20232023年城西区这样干年城西区这样干\n"
    assert clean(raw(text)).text.split("\n") == ["2022年城西区工作回顾", "2023年城西区这样干"]


@pytest.mark.parametrize(
    "line", ["谢谢谢谢", "一二三四五六", "地区生产总值增长7.5%", "六项重点工作成效显著", "奋进2024"]
)
def test_clean_leaves_ordinary_lines_alone(line: str) -> None:
    assert undouble(line) is None


def test_clean_undouble_keeps_indices() -> None:
    assert undouble("20222022年回顾年回顾") == ("2022年回顾", (0, 1, 2, 3, 8, 9, 10))


def test_clean_keeps_headings_apart_from_paragraphs() -> None:
    text = (SEEDS / "000_6a8a5062bf73147d.txt").read_text(encoding="utf-8")
    paragraphs = clean(raw(text)).text.split("\n")
    assert "六项重点工作成效显著" in paragraphs
    assert any(p.startswith("坚持党的全面领导，凝心聚力") and p.endswith("社会治理。") is False for p in paragraphs)


def test_clean_offsets_point_into_raw_text() -> None:
    text = (SEEDS / "003_338ed807dc2533c7.txt").read_text(encoding="utf-8")
    cleaned = clean(raw(text))
    assert len(cleaned.offsets) == len(cleaned.text) == len(cleaned.simplified)
    for i, char in enumerate(cleaned.text):
        if char != "\n":
            assert text[cleaned.offsets[i]].translate(FOLDED) == char  # (quotes and full-width signs fold)
    assert list(cleaned.offsets) == sorted(cleaned.offsets)


def test_clean_decoded_references_point_at_the_reference() -> None:
    text = "实施&ldquo;四好农村路&rdquo;工程"
    cleaned = clean(raw(text))
    assert cleaned.text == "实施“四好农村路”工程"
    assert text[cleaned.offsets[2] :].startswith("&ldquo;")
    assert text[cleaned.offsets[8] :].startswith("&rdquo;")
    assert text[cleaned.offsets[9]] == "工"


def test_clean_simplified_view_same_length() -> None:
    assert to_simplified("地區生產總值增長7.5%") == "地区生产总值增长7.5%"
    cleaned = clean(raw("城鎮新增就業3萬人以上。"))
    assert cleaned.text == "城鎮新增就業3萬人以上。"
    assert cleaned.simplified == "城镇新增就业3万人以上。"


_CJK_OR_DIGIT = re.compile(r"[\u4e00-\u9fff0-9]")


@given(st.text(alphabet=st.sampled_from(list("城东区增长亿元0123456789 \n，。、“”%年")), max_size=200))
def test_clean_keeps_every_cjk_character_and_digit(text: str) -> None:
    cleaned = clean(raw(text))
    kept = _CJK_OR_DIGIT.findall(cleaned.text)
    original = _CJK_OR_DIGIT.findall(text)
    # Undoubling a PDF heading is the one step allowed to drop characters.
    if kept != original:
        assert len(kept) < len(original)
        assert any(undouble(line.strip().replace(" ", "")) for line in text.split("\n"))


@pytest.mark.issue(17)
def test_clean_column_with_indented_paragraphs_joins_what_the_column_broke() -> None:
    """A PDF's column: a full line goes on into a line that is not indented, whatever it ends with
    short of a full stop; an indented line starts a new paragraph."""
    column = [
        "\u3000\u3000（二）经济运行稳步复苏。成立工作专班，争取财政补助",
        "资金294.4亿元、新增债券104亿元；新增企业贷款42.3",  # a full line ending in a digit …
        "7亿元，发放稳岗返还资金1.94亿元，落实援企稳岗政策；",  # … and one ending in ；
        "全年新增城镇就业1.2万人，城镇调查失业率控制在5.5%以",
        "内。",
        "\u3000\u3000（三）项目建设加快推进。实施重点项目120个，完成投",
        "资580亿元，占年度计划的108%；建成长春至珲春高速",
        "公路改扩建工程。",
        "\u3000\u3000三、2021年工作安排",
    ]
    text = clean(raw("\n".join(column) + "\n")).text
    assert text.splitlines() == [
        "（二）经济运行稳步复苏。成立工作专班，争取财政补助资金294.4亿元、新增债券104亿元；新增企业贷款42.37亿元，"
        "发放稳岗返还资金1.94亿元，落实援企稳岗政策；全年新增城镇就业1.2万人，城镇调查失业率控制在5.5%以内。",
        "（三）项目建设加快推进。实施重点项目120个，完成投资580亿元，占年度计划的108%；建成长春至珲春高速公路改扩建工程。",
        "三、2021年工作安排",
    ]


def test_clean_drops_a_pages_list_of_links_and_keeps_the_report_after_it() -> None:
    """ "相关新闻：" and the headlines under it are another page's; a paragraph after them is the report's."""
    text = (
        "新增省级财政投入105亿元，用于十件民生实事\n相关新闻：\n· 朱小丹：今年广东GDP预期增长7%以上\n"
        "· 广东省十二届人大四次会议开幕\n全省城镇新增就业150万人，登记失业率2.5%。\n"
    )
    assert clean(raw(text)).text == (
        "新增省级财政投入105亿元，用于十件民生实事\n相关新闻：\n全省城镇新增就业150万人，登记失业率2.5%。"
    )
