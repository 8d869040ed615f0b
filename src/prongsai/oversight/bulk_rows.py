"""Reading and checking a bulk import file (`prongsai.oversight.bulk`): every row as a result
to save, and every problem in Thai with its row and column. Nothing here writes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from prongsai.core.tables import TableReadError, read_table
from prongsai.frameworks.models import Framework
from prongsai.orgs.models import AGENCY_TYPE_SHORT, Agency, AgencyType, District, Province
from prongsai.results.importing import _apply, _integer, _text
from prongsai.results.services import ResultInput, result_check

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 10000
MAX_COLUMNS = 200
CODE = re.compile(r"[0-9A-Za-z][0-9A-Za-z-]{0,19}")
META = {
    "agency": ("รหัสหน่วยงาน", "agency_code", "agency"),
    "year": ("ปีงบประมาณ", "year", "fy"),
    "province": ("จังหวัด", "province"),
    "district": ("อำเภอ", "district"),
    "type": ("ประเภท", "ประเภทหน่วยงาน", "type"),
    "name": ("ชื่อหน่วยงาน", "ชื่อ", "name"),
}


class BulkImportFailed(Exception):
    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class _Row:
    number: int
    code: str
    data: ResultInput
    new: dict[str, Any] | None  # what to create the agency with, when it does not exist


def read_rows(content: bytes, filename: str) -> Iterator[tuple[int, list[Any]]]:
    try:
        yield from read_table(content, filename, columns=MAX_COLUMNS)
    except TableReadError as e:
        raise BulkImportFailed([e.message]) from None


def _columns(header: list[Any]) -> tuple[dict[str, int], dict[int, str], list[str]]:
    """Meta columns by key, result-code columns by index, and header problems."""
    meta: dict[str, int] = {}
    codes: dict[int, str] = {}
    errors: list[str] = []
    seen: dict[str, int] = {}
    for index, cell in enumerate(header):
        text = _text(cell)
        if not text:
            continue
        key = next((k for k, names in META.items() if text.lower() in names), None)
        token = key or text.split()[0]
        letter = get_column_letter(index + 1)
        if token.lower() in seen:
            errors.append(
                _("แถวที่ 1 คอลัมน์ %(column)s: หัวคอลัมน์ “%(text)s” ซ้ำกับคอลัมน์ %(other)s")
                % {
                    "column": letter,
                    "text": text,
                    "other": get_column_letter(seen[token.lower()] + 1),
                }
            )
            continue
        seen[token.lower()] = index
        if key:
            meta[key] = index
        else:
            codes[index] = token
    for key in ("agency", "year"):
        if key not in meta:
            errors.append(_("แถวที่ 1: ไม่มีคอลัมน์ “%(name)s”") % {"name": META[key][0]})
    return meta, codes, errors


def _type_of(value: str) -> str | None:
    text = value.strip().rstrip(".")
    for t in AgencyType:
        if text in (t.value, str(t.label), AGENCY_TYPE_SHORT[t].rstrip(".")) and text:
            return t.value
    return None


def _bare_name(name: str, type_value: str) -> str:
    name = name.strip()
    t = AgencyType(type_value)
    for prefix in (str(t.label), AGENCY_TYPE_SHORT[t], AGENCY_TYPE_SHORT[t].rstrip(".")):
        if prefix and name.startswith(prefix) and t != AgencyType.OTHER:
            return name[len(prefix) :].strip()
    return name


class _Places:
    """Provinces and districts by code or name, read once."""

    def __init__(self) -> None:
        self.provinces = {p.code: p for p in Province.objects.all()}
        self.provinces.update({p.name: p for p in list(self.provinces.values())})
        self.districts = list(District.objects.all())

    def province(self, value: str) -> Province | None:
        return self.provinces.get(value.removeprefix("จังหวัด").strip())

    def district(self, value: str, province: Province | None) -> District | None:
        text = value.removeprefix("อำเภอ").removeprefix("เขต").strip()
        for d in self.districts:
            in_province = province is None or d.province_id == province.pk
            if in_province and text in (d.code, d.name):
                return d
        return None


@dataclass
class _Line:
    """One row of the file: its cells by column key, and where its problems go."""

    number: int
    cells: list[Any]
    meta: dict[str, int]
    errors: list[str]

    def get(self, key: str) -> str:
        return _text(self.cells[self.meta[key]]) if key in self.meta else ""

    def err(self, key: str, message: str) -> None:
        self.errors.append(_cell(self.number, self.meta[key], META[key][0], message))


def _cell(number: int, index: int, header: str, message: str) -> str:
    return _("แถวที่ %(row)s คอลัมน์ %(column)s (%(header)s): %(message)s") % {
        "row": number,
        "column": get_column_letter(index + 1),
        "header": header,
        "message": message,
    }


def parse(content: bytes, filename: str) -> tuple[list[_Row], list[str]]:
    """Every row of the file as a result to save, and every problem (nothing is written)."""
    if len(content) > MAX_BYTES:
        return [], [_("ไฟล์ใหญ่เกินไป (ไม่เกิน %(mb)s MB)") % {"mb": MAX_BYTES // (1024 * 1024)}]
    rows_iter = read_rows(content, filename)
    first = next(rows_iter, None)
    if first is None:
        return [], [_("ไฟล์ว่าง ไม่มีหัวคอลัมน์")]
    meta, codes, errors = _columns(first[1])
    if errors:
        return [], errors
    frameworks = {f.year: f for f in Framework.objects.prefetch_related("tools")}
    known: dict[int, tuple[set[str], set[str], set[str]]] = {}
    places = _Places()
    raw: list[tuple[int, list[Any]]] = []
    for number, cells in rows_iter:
        if number > MAX_ROWS + 1:
            return [], [_("ไฟล์มีเกิน %(rows)s แถว แบ่งเป็นหลายไฟล์") % {"rows": f"{MAX_ROWS:,}"}]
        if any(_text(c) for c in cells):
            raw.append((number, cells + [None] * (len(first[1]) - len(cells))))
    wanted = {_text(cells[meta["agency"]]) for _n, cells in raw}
    agencies = {a.code: a for a in Agency.objects.filter(code__in=wanted).select_related(
        "district__province")}  # fmt: skip
    rows: list[_Row] = []
    seen: dict[tuple[str, int], int] = {}
    created: dict[str, dict[str, Any]] = {}
    for number, cells in raw:
        before = len(errors)
        line = _Line(number, cells, meta, errors)
        get, err = line.get, line.err
        code, year = get("agency"), _integer(cells[meta["year"]])
        if not code:
            err("agency", _("ไม่มีรหัสหน่วยงาน"))
            continue
        if not CODE.fullmatch(code):
            err(
                "agency",
                _("รหัสหน่วยงาน “%(code)s” ต้องเป็นตัวเลขหรืออักษรอังกฤษ ไม่เกิน 20 ตัว") % {"code": code},
            )
            continue
        if year is None or year not in frameworks:
            years = ", ".join(map(str, sorted(frameworks)))
            err(
                "year",
                _("“%(text)s” ไม่ใช่ปีงบประมาณที่มีเกณฑ์ในระบบ (%(years)s)")
                % {"text": get("year"), "years": years},
            )
            continue
        if (code, year) in seen:
            err(
                "agency",
                _("หน่วยงาน %(code)s ปี %(year)s ซ้ำกับแถวที่ %(row)s")
                % {"code": code, "year": year, "row": seen[(code, year)]},
            )
            continue
        seen[(code, year)] = number
        new = _agency_check(code, get, err, agencies.get(code), places, created)
        fw = frameworks[year]
        if year not in known:
            known[year] = (
                set(fw.questions.values_list("code", flat=True)),
                set(fw.oit_items.values_list("code", flat=True)),
                set(fw.tools.values_list("code", flat=True)),
            )
        data = ResultInput(year=year, indicators={}, questions={}, oit={})
        for index, column in codes.items():
            value = cells[index] if index < len(cells) else None
            if _text(value) == "":
                continue
            problem = _apply(data, fw, column.lower(), column, value, *known[year])
            if problem:
                errors.append(_cell(number, index, column, problem[1]))
        # A row with question scores or OIT items replaces the saved ones; a row without keeps them.
        data.questions = data.questions or None
        data.oit = data.oit or None
        if len(errors) == before:
            errors += [
                _("แถวที่ %(row)s: %(message)s") % {"row": number, "message": message}
                for message in result_check(data)
            ]
        rows.append(_Row(number, code, data, new))
    if not raw and not errors:
        errors.append(_("ไม่พบข้อมูลในไฟล์ (มีแต่หัวคอลัมน์)"))
    return rows, errors


def _agency_check(
    code: str, get: Any, err: Any, agency: Agency | None, places: _Places, created: dict[str, Any]
) -> dict[str, Any] | None:
    """Check the place/type/name columns of a row against the agency (or for creating it)."""
    province_text, district_text = get("province"), get("district")
    type_text, name_text = get("type"), get("name")
    province = places.province(province_text) if province_text else None
    if province_text and province is None:
        err("province", _("ไม่พบจังหวัด “%(text)s”") % {"text": province_text})
    district = places.district(district_text, province) if district_text else None
    if district_text and district is None:
        if province:
            err(
                "district",
                _("ไม่พบอำเภอ “%(text)s” ในจังหวัด%(province)s")
                % {"text": district_text, "province": province.name},
            )
        else:
            err("district", _("ไม่พบอำเภอ “%(text)s”") % {"text": district_text})
    kind = _type_of(type_text) if type_text else None
    if type_text and kind is None:
        err("type", _("ไม่รู้จักประเภท “%(text)s” (เช่น อบต. ทต. ทม. ทน. อบจ.)") % {"text": type_text})
    if agency is not None:
        if province is not None and agency.district.province_id != province.pk:
            err(
                "province",
                _("หน่วยงาน %(code)s อยู่ในจังหวัด%(actual)s ไม่ใช่จังหวัด%(given)s")
                % {"code": code, "actual": agency.district.province.name, "given": province.name},
            )
        if district is not None and agency.district_id != district.pk:
            err(
                "district",
                _("หน่วยงาน %(code)s อยู่ในอำเภอ%(actual)s ไม่ใช่อำเภอ%(given)s")
                % {"code": code, "actual": agency.district.name, "given": district.name},
            )
        if kind is not None and agency.type != kind:
            err(
                "type",
                _("หน่วยงาน %(code)s เป็น%(type)s")
                % {"code": code, "type": agency.get_type_display()},
            )
        if name_text and _bare_name(name_text, agency.type) != agency.name:
            err(
                "name",
                _("รหัส %(code)s เป็นของ%(agency)s ไม่ใช่ “%(text)s”")
                % {"code": code, "agency": agency.full_name, "text": name_text},
            )
        return None
    missing = [META[k][0] for k, v in (("province", province_text), ("district", district_text),
               ("type", type_text), ("name", name_text)) if not v]  # fmt: skip
    if missing:
        err(
            "agency",
            _("ไม่พบหน่วยงานรหัส %(code)s ในระบบ จะสร้างใหม่ได้ต้องมี %(missing)s")
            % {"code": code, "missing": ", ".join(missing)},
        )
        return None
    if district is None or kind is None:
        return None
    new = {"district": district, "type": kind, "name": _bare_name(name_text, kind)}
    earlier = created.setdefault(code, new)
    if earlier != new:
        err(
            "agency",
            _("หน่วยงานใหม่รหัส %(code)s มีจังหวัด อำเภอ ประเภท หรือชื่อไม่ตรงกันในแต่ละแถว") % {"code": code},
        )
    return new
