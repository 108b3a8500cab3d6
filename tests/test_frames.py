"""frames: each report's issuer and years read without building; never drop a report, but say what is missing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.frames import frame_rows, read_frames
from kg.meta import name_year
from kg.pipeline import BuildOptions, build

ROOT = Path(__file__).parent.parent

# A county's report that names no government: only 县人民政府, 县人民代表大会, 全县 (issue 13).
NO_GOVERNMENT = """政府工作报告
——2019年1月10日在县第十七届人民代表大会第三次会议上
各位代表：
现在，我代表县人民政府，向大会报告工作，请予审议。
过去一年，全县地区生产总值增长6.5%，城镇新增就业1200人。
2019年，全县地区生产总值预期增长7%。
"""


@pytest.fixture
def no_government(tmp_path: Path) -> Path:
    path = tmp_path / "12_county.txt"
    path.write_text(NO_GOVERNMENT, encoding="utf-8")
    return path


@pytest.mark.issue(13)
def test_frames_build_keeps_a_report_without_issuer_and_warns(no_government: Path) -> None:
    result = build([no_government], BuildOptions(output_dir=None))
    assert result.stats.reports == 1 and result.stats.observations > 0  # facts kept, without a region
    assert {o.region for f in result.facts for o in f.observations} == {None}
    (warning,) = result.warnings
    assert warning.startswith(f"{no_government}: no issuing government found")
    assert "--region" in warning and "manifest's region column" in warning


def test_frames_given_region_silences_the_warning_and_is_marked_given(no_government: Path) -> None:
    options = BuildOptions(region="某某县")
    assert build([no_government], options).warnings == ()
    found = read_frames([no_government], options)
    assert found.warnings == ()
    (row,) = frame_rows(found.frames).rows
    assert row[1] == "某某县" and row[-1] == "region"


def test_frames_read_the_seeds_without_building() -> None:
    found = read_frames([ROOT / "seeds"], BuildOptions())
    rows = {Path(row[0] or "").name[:3]: row for row in frame_rows(found.frames).rows}
    assert found.warnings == () and found.skipped == ()
    assert rows["000"][1:2] == ("城东区",) and rows["000"][4:7] == ("2020", "2019", "2020")
    assert rows["004"][1:4] == ("西宁市", "630100", "prefecture")  # code and level where the gazetteer knows them


@pytest.mark.issue(13)
def test_frames_cli_prints_rows_and_warns_on_stderr(no_government: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["frames", str(no_government), "--format", "json"])
    assert result.exit_code == 0, result.output
    (binding,) = json.loads(result.stdout)["results"]["bindings"]
    assert binding["file"] == str(no_government) and "region" not in binding and binding["plan_year"] == "2019"
    assert result.stderr.startswith(f"warning: {no_government}: no issuing government found")
    manifest = tmp_path / "frames.csv"
    manifest.write_text(f"file,region\n{no_government.name},某某县\n", encoding="utf-8")
    given = CliRunner().invoke(main, ["frames", str(no_government), "--manifest", str(manifest), "--format", "csv"])
    assert given.exit_code == 0 and given.stderr == ""
    assert given.stdout.splitlines()[1].split(",")[1] == "某某县"


@pytest.mark.issue(13)
def test_frames_build_warns_even_when_quiet(no_government: Path, tmp_path: Path) -> None:
    """-q silences progress; a missing issuer is not progress, so it is still said."""
    result = CliRunner().invoke(main, ["build", str(no_government), "-o", str(tmp_path / "out"), "-q", "--no-html"])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"warning: {no_government}: no issuing government found in the text; facts keep no region. "
        "Give it with --region or the manifest's region column."
    ]
    assert "reports: 1 read" in result.stdout


def test_frames_csv_corrected_is_a_manifest(no_government: Path, tmp_path: Path) -> None:
    """`kg frames --format csv > frames.csv`, fill in what is missing, then `--manifest frames.csv`."""
    printed = CliRunner().invoke(main, ["frames", str(no_government), "--format", "csv"]).stdout
    header, row = printed.splitlines()
    assert header == "file,region,code,level,year,review_year,plan_year,given"
    manifest = tmp_path / "frames.csv"
    manifest.write_text(f"{header}\n{row.replace(',,', ',某某县,', 1)}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["frames", str(no_government), "--manifest", str(manifest), "--format", "tsv"])
    assert result.exit_code == 0 and result.stderr == "", result.output
    fields = result.stdout.splitlines()[1].split("\t")
    assert fields[1] == "某某县" and fields[4:] == ["2019", "2018", "2019", "region,year,review_year,plan_year"]


# Two reports of 吉林市's congress: the first dated, the second (a digest) naming only its session.
DATED = """吉林市人民政府工作报告
——2011年1月8日在吉林市第十四届人民代表大会第五次会议上
过去一年，全市地区生产总值增长15%。
"""
SESSION_ONLY = """吉林市政府工作报告摘要
吉林市第十五届人民代表大会第一次会议听取了市长所作的政府工作报告。
过去一年，全市地区生产总值增长14%。今年全市地区生产总值预期增长13%。
"""


@pytest.mark.issue(13)
def test_frames_a_report_naming_only_its_session_is_dated_by_another_of_the_same_congress(tmp_path: Path) -> None:
    """A congress meets once a year and is elected for five: 第十五届…第一次会议 met a year after
    第十四届…第五次会议. Found on 成都's 2018/2019 digests (tests/real/texts/11, 12), checked here on 吉林市."""
    (tmp_path / "2011.txt").write_text(DATED, encoding="utf-8")
    (tmp_path / "digest.txt").write_text(SESSION_ONLY, encoding="utf-8")
    frames = {frame.path.name: frame.meta for frame in read_frames([tmp_path], BuildOptions()).frames}
    assert frames["digest.txt"].session == (15, 1)
    assert (frames["digest.txt"].report_year, frames["digest.txt"].review_year) == (2012, 2011)
    alone = read_frames([tmp_path / "digest.txt"], BuildOptions()).frames[0].meta
    assert alone.report_year is None  # nothing to link to: no year is guessed
    built = build([tmp_path], BuildOptions(output_dir=None))
    digest = next(f for f in built.facts if f.report.id == "digest")
    assert {(o.kind.value, o.year) for o in digest.observations} == {("actual", 2011), ("target", 2012)}


@pytest.mark.issue(14)
def test_frames_a_report_whose_text_names_no_year_is_dated_by_its_file_name(tmp_path: Path) -> None:
    """Reports are named by the year of their session ("吉林市2013年政府工作报告摘要"); the name is the
    weakest clue, taken only when the text states no year and no other report dates the session."""
    named = tmp_path / "吉林市2013年政府工作报告摘要.txt"
    named.write_text(SESSION_ONLY, encoding="utf-8")
    meta = read_frames([named], BuildOptions()).frames[0].meta
    assert (meta.report_year, meta.review_year, meta.plan_year) == (2013, 2012, 2013)
    built = build([named], BuildOptions(output_dir=None))
    assert {(o.kind.value, o.year) for o in built.facts[0].observations} == {("actual", 2012), ("target", 2013)}
    # another report of the same congress dates the session, and wins over the name
    (tmp_path / "2011.txt").write_text(DATED, encoding="utf-8")
    frames = {frame.path.name: frame.meta for frame in read_frames([tmp_path], BuildOptions()).frames}
    assert frames[named.name].report_year == 2012


@pytest.mark.parametrize(
    ("name", "year"),
    [
        ("chengdu-2019-digest", 2019),
        ("2020年西宁市政府工作报告", 2020),
        ("tianchang-2016-titled-2015", None),  # two years: the name settles nothing
        ("014706649_01", None),  # digits of an id, no year
        ("report-1850", None),
    ],
)
def test_frames_the_year_a_file_name_gives(name: str, year: int | None) -> None:
    assert name_year(Path(f"{name}.txt")) == year


# A county's report that names no government, and a neighbouring city in passing.
NAMES_A_NEIGHBOUR = """政府工作报告
各位代表：
过去一年，全市地区生产总值增长6.5%，融入合肥都市圈步伐加快，合肥至本市城际铁路开工。
"""


@pytest.mark.issue(14)
@pytest.mark.parametrize(
    ("name", "text", "region"),
    [
        # the name, in pinyin or in characters, where the text names no government
        ("wuhu-2021-digest.txt", NAMES_A_NEIGHBOUR, "芜湖市"),
        ("芜湖市2021年政府工作报告.txt", NAMES_A_NEIGHBOUR, "芜湖市"),
        ("report-2021.txt", NAMES_A_NEIGHBOUR, "合肥市"),  # a name that names no place: the text alone
        # a name shared by two regions (肇源县, 招远市): the text tells them apart
        ("zhaoyuan-2020.txt", "政府工作报告\n——在肇源县第十七届人民代表大会第六次会议上\n全县经济平稳增长。", "肇源县"),
        ("zhaoyuan-2020.txt", "政府工作报告\n——在招远市第十八届人民代表大会第五次会议上\n全市经济平稳增长。", "招远市"),
        # the text's own title wins over a file named for another city
        ("wuhu-2021.txt", "马鞍山市人民政府工作报告\n各位代表：全市经济平稳增长，马鞍山港吞吐量增长。", "马鞍山市"),
    ],
)
def test_frames_the_file_name_names_the_issuer_where_the_text_does_not(
    tmp_path: Path, name: str, text: str, region: str
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    assert read_frames([path], BuildOptions()).frames[0].meta.region == region
