"""Sections and sentences: ``CleanText`` + ``ReportMeta`` → ``Report``.

Each sentence knows whether it reports results (review) or sets out plans (plan)
and the year it speaks of. The part comes from the headings a report is divided
by ("回首2019" … "着眼2020"), corrected paragraph by paragraph where the wording
says otherwise (newspaper digests print review paragraphs under plan headings);
the year from the part, unless the sentence names its own ("2023年，…", "今年").
This module also owns kg's one cached jieba tokenizer.
"""

from __future__ import annotations

import functools
import marshal
import re
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from kg.clean import BULLETS
from kg.dates import arabic_years
from kg.model import CleanText, Part, Report, ReportMeta, Sentence

if TYPE_CHECKING:
    import jieba
    import jieba.posseg

_SENTENCE_END = re.compile(r"[。！？!?]+[”’」』）)]*|…{1,2}[”’」』]?(?=[^，、])")
_REVIEW_HEADING = re.compile(r"回首|回顾|回望|过去|成效|成绩|成果|精彩(?:19|20)\d\d|这一年|取得|显著|喜人|硕果|答卷")
_PLAN_HEADING = re.compile(
    r"着眼|奋进(?:19|20)\d\d|奋进新征程|展望|今年|工作安排|这样干|重点任务|主要任务|预期目标|开启|谋划|目标任务"
    r"|工作任务|总体要求|下一步|新的一年|今后"
)
# Wording that marks a paragraph as reporting results or as setting out plans.
_REVIEW_CUES = re.compile(r"了|同比|比上年|较上年|累计|全年|建成|完成|获评|入选|荣获|位列|率先|首个|得以")
_PLAN_CUES = re.compile(
    r"将|要|力争|确保|预期|目标|计划|争取|今年|明年|着力|努力|进一步"
    r"|(?:^|[。；！])(?:加快|推进|实施|深化|持续|强化|全力|大力|扎实|坚持|积极|全面|完善|健全|提升|推动|抓好|做好|落实)"
)
# A clause opened by a verb of doing, as plans are written: "着力…。加快…，抓好…，继续实施…".
_IMPERATIVE = re.compile(
    r"(?:^|[。；！，,;])(?:着力|加快|推进|推动|实施|继续|深化|持续|强化|全力|大力|扎实|坚持|积极|全面|完善|健全|提升"
    r"|抓好|做好|落实|加强|力争|确保|争取)"
)
# Stated amounts: results are reported in numbers, plans mostly in verbs.
_AMOUNT = re.compile(r"\d+(?:\.\d+)?余?[万亿千]?(?:元|人|户|套|个|家|项|所|座|条|件|亩|%|张|部|处|平方米|公里|吨)")
# What turns a paragraph of a news piece or digest to results, or to plans (with the year planned).
# "据了解，…": a news piece's own reporting of background, not the report's plans.
_REVIEW_TURN = re.compile(r"^(?:[^。，]{0,12}回顾了?(?:19|20)\d\d年|预计全年|过去一年|一年来|据了解)")
_PLAN_TURN = re.compile(r"预期目标|主要目标|目标是|目标为|发展目标")
# (要 as a verb of intent: not the 要 of 主要, 重要, 需要)
_WILL = r"[^。，,；;]{0,12}?(?:将|(?<![主重需必只纲概])要(?![求素点])|力争|拟)"
_SPEECH_OF_PLANS = re.compile(r"(?:指出|提出|表示|强调|明确|说)[，,:：]\s?" + _WILL)
_OWN_YEAR = re.compile(r"^((?:19|20)\d\d)年[，,]")
_THIS_YEAR = re.compile(r"今年|本年度")
_LAST_YEAR = re.compile(r"去年|过去的?一年|上一年")
_HEADING_MAX = 40
# A year a heading names (not a date: "日期:2022年01月24日" is page chrome).
_HEADING_YEAR = re.compile(r"((?:19|20)\d\d)\s?年(?!\s?[\d一二三四五六七八九十]{1,2}\s?月)")
# A run of text longer than this with no sentence end (a report flattened to one line, a
# table dump) is cut at its last clause mark before the limit, so that no later stage does
# work quadratic in the length of one sentence (issue 7). Real sentences stay far shorter.
_MAX_SENTENCE = 1000
_CLAUSE_MARK = re.compile(r"[，；,;、]")
# A numbered part heading inside a run of text, naming the part it opens ("二、2020年工作安排").
_PART_NAME = r"[^，。；、]{0,10}?(?:工作回顾|工作安排|主要工作|工作任务|重点工作|总体要求|预期目标)"
_RUN_IN_HEADING = re.compile(
    rf"(?<=[^\s第，、；：。！？,;:“（(\d一二三四五六七八九十])[一二三四五六七八九十]{{1,2}}、(?={_PART_NAME})"
    rf"|^[一二三四五六七八九十]{{1,2}}、{_PART_NAME}"
)
_RUN_IN_NUMBER = re.compile(r"[一二三四五六七八九十]、")  # in every run-in heading
_NUMBERED_HEADING = re.compile(
    r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|第[一二三四五六七八九十]+部分)"
)


def segment(clean: CleanText, meta: ReportMeta, *, report_id: str) -> Report:
    """Split a cleaned report into sentences that know their part and year."""
    sentences: list[Sentence] = []
    part = Part.REVIEW
    carried = Part.REVIEW  # the part the last sentence was in, where a news piece turned mid-paragraph
    position = 0
    for paragraph in clean.text.split("\n"):
        start, position = position, position + len(paragraph) + 1
        if not paragraph:
            continue
        # Years in Chinese numerals (二〇〇四年) read as digits, length kept (kg.dates).
        simplified = arabic_years(clean.simplified[start : start + len(paragraph)])
        heading = _is_heading(paragraph)
        if heading:
            part = _heading_part(simplified, part, meta)
            paragraph_part = part
        else:
            # A narrated result paragraph under a plan heading starts a review run.
            paragraph_part = part = _paragraph_part(simplified, part, meta)
            if carried is Part.PLAN and paragraph_part is Part.REVIEW and _goes_on_planning(simplified):
                paragraph_part = Part.PLAN
        # "今年以来…" opens an account of the delivery year so far that runs to the paragraph's end.
        so_far = simplified.find("今年以来")
        sentence_part = paragraph_part
        for s_start, s_end in _sentence_spans(paragraph):
            text = paragraph[s_start:s_end]
            simple = simplified[s_start:s_end]
            run_in = _RUN_IN_HEADING.match(simple) if s_start else None
            if run_in is not None:
                # A part heading run into its first sentence opens its part, as on a line of its own.
                sentence_part = part = _heading_part(simple[: run_in.end()], part, meta)
            if not heading:
                turned = _sentence_part(simple, sentence_part, meta)
                if turned is not sentence_part:
                    part = turned  # a news piece's turn holds for the paragraphs after it
                sentence_part = turned
            year = _sentence_year(simple, sentence_part, meta)
            if (
                0 <= so_far < s_end
                and sentence_part is Part.REVIEW
                and meta.report_year
                and not _OWN_YEAR.match(simple)
            ):
                year = meta.report_year
            carried = sentence_part
            sentences.append(
                Sentence(
                    report_id=report_id,
                    index=len(sentences),
                    start=start + s_start,
                    end=start + s_end,
                    text=text,
                    simplified=simple,
                    part=sentence_part,
                    year=year,
                    heading=heading,
                )
            )
    return Report(id=report_id, source=clean.source, meta=meta, sentences=tuple(sentences))


def _is_heading(paragraph: str) -> bool:
    if paragraph[:1] and paragraph[0] in BULLETS:
        # "▲地区生产总值增长8.3%", "•县医院新院区建成投用": a digest's item, however short; unless it
        # titles a part ("◆【回眸2021】", "▲2024年工作安排") and states no number.
        item = paragraph[1:]
        titled = item.startswith("【") or _REVIEW_HEADING.search(item) or _PLAN_HEADING.search(item)
        if _AMOUNT.search(item) or not titled:
            return False
    if len(paragraph) > _HEADING_MAX or _SENTENCE_END.search(paragraph):
        return False
    return bool(_NUMBERED_HEADING.match(paragraph)) or "，" not in paragraph[:-1]


def _heading_part(heading: str, current: Part, meta: ReportMeta) -> Part:
    # "二、2023年工作任务", "一、2022年主要工作", "摘要(一):2021年全县…目标任务全面完成": a heading
    # that names one year, the reviewed or the planned one, says whose part it opens.
    # A report's own title ("2020年西宁市政府工作报告") names the delivery year, not a part's.
    after_title = heading.rpartition("政府工作报告")[2]
    years = {int(y) for y in _HEADING_YEAR.findall(after_title)}
    if len(years) == 1 and meta.plan_year != meta.review_year:
        if meta.plan_year in years:
            return Part.PLAN
        if meta.review_year in years:
            return Part.REVIEW
    review = _REVIEW_HEADING.search(heading)
    plan = _PLAN_HEADING.search(heading)
    if review and plan:
        return Part.REVIEW if review.start() < plan.start() else Part.PLAN
    if review:
        return Part.REVIEW
    if plan:
        return Part.PLAN
    return current


def _paragraph_part(paragraph: str, section: Part, meta: ReportMeta) -> Part:
    """A paragraph's own wording overrides its section when it clearly says otherwise.

    Plans are written in the imperative ("持续改善生态环境。完成国土绿化40万亩"); a
    paragraph under a plan heading that narrates with a subject ("城西区强化就业保障，
    发放…") and reports amounts without plan words is a result misplaced by the layout.
    """
    review = len(_REVIEW_CUES.findall(paragraph)) + len(_AMOUNT.findall(paragraph))
    plan = len(_PLAN_CUES.findall(paragraph))
    subjects = ("我们", "我区", "我市", "我县", *((meta.region,) if meta.region else ()))
    narrated = paragraph.startswith(subjects)
    if section is Part.PLAN and narrated and review >= 1 and review >= 3 * plan:
        return Part.REVIEW
    delivered_in_plan_year = meta.report_year == meta.plan_year
    if section is Part.REVIEW and plan >= review + 3 and delivered_in_plan_year and _THIS_YEAR.search(paragraph[:12]):
        return Part.PLAN
    # "2023年，全区经济社会发展主要预期目标为：…" opening the plan year's paragraph in its own report.
    opens_plan_year = meta.plan_year is not None and paragraph.startswith(f"{meta.plan_year}年，")
    if section is Part.REVIEW and opens_plan_year and meta.plan_year == meta.report_year and plan > review:
        return Part.PLAN
    return section


def _goes_on_planning(paragraph: str) -> bool:
    """A paragraph after one that turned to the plans goes on with them where it is written in the
    imperative (着力…。加快…，抓好…，继续实施…，力争…) and reports nothing: a news piece quoting the
    plans paragraph by paragraph does not go back to results without saying so."""
    review = len(_REVIEW_CUES.findall(paragraph)) + len(_AMOUNT.findall(paragraph))
    imperative = len(_IMPERATIVE.findall(paragraph))
    return not _REVIEW_TURN.search(paragraph) and imperative >= 3 and imperative >= review + 2


def _sentence_part(sentence: str, current: Part, meta: ReportMeta) -> Part:
    """News pieces and digests turn from results to plans mid-paragraph: "报告首先回顾了2017年工作。
    …预计全年地区生产总值… 对于2018年工作，报告提出…". A sentence that announces the reviewed
    year's results or the planned year's targets turns the part from there on."""
    if meta.review_year is None or meta.plan_year is None or meta.review_year == meta.plan_year:
        return current
    # A clause opened by the reviewed year speaks of it: "报告指出，2020年全区实现…",
    # "在…共同努力下，2021年，…全面完成".
    reviewed = re.search(f"(?:^|[，,:：]){meta.review_year}年(?![底末初]|[\\d一二三四五六七八九十]+月)", sentence)
    if _REVIEW_TURN.search(sentence) or reviewed:
        return Part.REVIEW
    # The plan year by name, and by 今年/明年 where the report is delivered in (before) it: a
    # report delivered in December says 今年 of the year it reviews.
    plan_year = f"{meta.plan_year}年"
    this_year = "今年" if meta.report_year == meta.plan_year else "明年"
    named = re.compile(f"{this_year}|{plan_year}")
    if _PLAN_TURN.search(sentence) and named.search(sentence):
        return Part.PLAN
    if sentence.startswith((f"对于{plan_year}", f"对{plan_year}", f"对于{this_year}", f"对{this_year}")):
        return Part.PLAN
    if sentence.startswith(plan_year) and _PLAN_CUES.search(sentence):
        return Part.PLAN
    # The report's words on the plan year: "报告提出，2012年全省生产总值增长10%以上", "…提出，今年…".
    if re.search(f"(?:提出|指出|表示|强调|称)[，,:：](?:{plan_year}|{this_year})", sentence):
        return Part.PLAN
    # "…在报告中提出，2012年，云南将力争…", "他表示，今年全市要…", "省长指出，要构建…".
    if _SPEECH_OF_PLANS.search(sentence) or re.search(f"(?:{this_year}|{plan_year})[，,]?{_WILL}", sentence):
        return Part.PLAN
    # A sentence or an answer opened by 今年 (明年 in December) speaks of the plan year ("答：今年再建成…");
    # not 今年以来 (the year so far) nor a date of this year (今年1月).
    if re.search(f"(?:^|[：:]){this_year}(?!以来|\\d|[一二三四五六七八九十]+月)", sentence):
        return Part.PLAN
    return current


def _sentence_spans(paragraph: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = len(paragraph) - len(paragraph.lstrip(BULLETS))  # an item's bullet is no part of its sentence
    # A text with its line breaks lost runs its numbered part headings into the sentences around
    # them ("…会议上一、2019年工作回顾2019年，全省…"): a part heading starts a sentence.
    ends = {m.end() for m in _SENTENCE_END.finditer(paragraph)}
    if _RUN_IN_NUMBER.search(paragraph):  # (what every run-in heading holds: most paragraphs skip the scan)
        ends |= {m.start() for m in _RUN_IN_HEADING.finditer(paragraph)}
    for end in sorted(ends):
        if end > start:
            spans.append((start, end))
            start = end
    if start < len(paragraph):
        spans.append((start, len(paragraph)))
    return [piece for a, b in spans for piece in _cut_long(paragraph, a, b) if paragraph[piece[0] : piece[1]].strip()]


def _cut_long(paragraph: str, start: int, end: int) -> list[tuple[int, int]]:
    """Pieces of at most ``_MAX_SENTENCE`` characters, cut after a clause mark where there is one."""
    pieces: list[tuple[int, int]] = []
    while end - start > _MAX_SENTENCE:
        limit = start + _MAX_SENTENCE
        marks = [m.end() for m in _CLAUSE_MARK.finditer(paragraph, limit - _MAX_SENTENCE // 4, limit)]
        cut = marks[-1] if marks else limit
        pieces.append((start, cut))
        start = cut
    pieces.append((start, end))
    return pieces


def _sentence_year(sentence: str, part: Part, meta: ReportMeta) -> int | None:
    own = _OWN_YEAR.match(sentence)
    if own:
        return int(own.group(1))
    if "今年以来" in sentence and meta.report_year is not None:
        # "今年以来" reports what has been done so far in the year the report is delivered.
        return meta.report_year
    if _THIS_YEAR.search(sentence) and meta.report_year is not None and meta.report_year != meta.plan_year:
        return meta.report_year  # delivered in December: 今年 is the year under review
    if _THIS_YEAR.search(sentence) and meta.plan_year is not None and part is Part.PLAN:
        return meta.plan_year
    if _LAST_YEAR.search(sentence) and meta.review_year is not None:
        return meta.review_year
    return meta.review_year if part is Part.REVIEW else meta.plan_year


@functools.lru_cache(maxsize=1)
def tokenizer() -> jieba.posseg.POSTokenizer:
    """kg's jieba part-of-speech tokenizer, built once per process."""
    import jieba
    import jieba.posseg

    jieba.setLogLevel(60)  # jieba logs "Building prefix dict…" to stderr at first use
    _read_prefix_dict(jieba.dt)
    # jieba.posseg builds its default tokenizer on import; a second one would load its tags again.
    return jieba.posseg.dt


def _read_prefix_dict(dt: jieba.Tokenizer) -> None:
    """Give jieba's default tokenizer its prefix dictionary from jieba's own cache file, read in one
    call: jieba unmarshals the open file, one read per entry (1.1 s, against 0.3 s from its bytes),
    and every process of a build pays that before its first report. The same dictionary as jieba's
    initialize reads; where there is no cache yet, or it cannot be read, jieba makes it as before."""
    if dt.initialized or dt.dictionary is not None or dt.cache_file or dt.tmp_dir:
        return  # not the default dictionary at its default cache (jieba.DEFAULT_DICT is None)
    try:
        dt.FREQ, dt.total = marshal.loads((Path(tempfile.gettempdir()) / "jieba.cache").read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return  # no cache yet, or a broken one: jieba's initialize makes it
    dt.initialized = True
