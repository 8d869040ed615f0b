"""ITA framework files: one YAML file per fiscal year (schema in docs/frameworks.md).

Pure Python, no Django: other parts (the document checker, the score command) read a year's file
with `load_framework_file(year)`, check an uploaded one with `validate_framework(data)` and ask
which question and item codes a year has with `framework_codes(data)`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from prongsai.core.ita_codes import normalise_code
from prongsai.core.text import clean_strings
from prongsai.core.thai import is_fiscal_year
from prongsai.frameworks import extras

DATA_DIR = Path(__file__).resolve().parent / "data"
SCHEMA_VERSION = 1
CONFIDENCES = ("C2", "C1", "INF", "REC", "ours")
ANSWER_TYPES = ("four_level", "yes_no", "multi_part")
SUB_ANSWER_TYPES = ("four_level", "yes_no")
LEVEL_SCHEMES = ("aa_f", "rating5")
QUESTION_CODE = re.compile(r"^([ie])([1-9][0-9]*)$")
OIT_CODE = re.compile(r"^o([1-9][0-9]*)$")
MAX_FILE_BYTES = 2 * 1024 * 1024


class FrameworkFileError(ValueError):
    """A framework file that cannot be read or parsed; `errors` lists each problem in Thai."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


def package_years() -> list[int]:
    """The fiscal years that ship with Prongsai (data/fy<year>.yaml)."""
    years = []
    for path in DATA_DIR.glob("fy*.yaml"):
        m = re.fullmatch(r"fy(\d{4})\.yaml", path.name)
        if m:
            years.append(int(m.group(1)))
    return sorted(years)


def framework_file_path(year: int) -> Path:
    return DATA_DIR / f"fy{year}.yaml"


def load_framework_file(year: int) -> dict[str, Any]:
    """The framework file of a fiscal year as shipped, parsed (a fresh copy each call)."""
    path = framework_file_path(year)
    if not path.is_file():
        raise FrameworkFileError([f"ไม่มีไฟล์เกณฑ์ของปีงบประมาณ {year}"])
    return _copy(_load_cached(str(path), path.stat().st_mtime_ns))


@lru_cache(maxsize=16)
def _load_cached(path: str, _mtime: int) -> dict[str, Any]:
    return parse_framework_text(Path(path).read_bytes())


def _copy(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _copy(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_copy(v) for v in data]
    return data


class _NoAliasLoader(yaml.SafeLoader):
    """YAML without aliases: a framework file never needs them, and nested aliases can make a
    small upload expand into billions of items ("billion laughs")."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.events.AliasEvent):
            mark = self.peek_event().start_mark
            raise yaml.composer.ComposerError(
                None, None, "ไม่รองรับการอ้างอิงซ้ำ (alias *…) ในไฟล์เกณฑ์การประเมิน", mark
            )
        return super().compose_node(parent, index)


def parse_framework_text(raw: bytes | str) -> dict[str, Any]:
    """Parse YAML text; raise FrameworkFileError (Thai, with the line) when it is not YAML."""
    if isinstance(raw, bytes):
        if len(raw) > MAX_FILE_BYTES:
            raise FrameworkFileError(["ไฟล์ใหญ่เกินไป (ไม่เกิน 2 MB)"])
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise FrameworkFileError(["ไฟล์ต้องเป็นข้อความ UTF-8 (YAML)"]) from None
    try:
        data = yaml.load(raw, Loader=_NoAliasLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f" บรรทัดที่ {mark.line + 1} คอลัมน์ {mark.column + 1}" if mark else ""
        problem = getattr(e, "problem", None) or str(e)
        raise FrameworkFileError([f"อ่านไฟล์ YAML ไม่ได้{where}: {problem}"]) from None
    except (ValueError, OverflowError, TypeError, RecursionError):
        # a well-formed scalar that is no value: a date such as 0000-00-00, a huge exponent,
        # thousands of nested brackets
        raise FrameworkFileError(
            ["อ่านไฟล์ YAML ไม่ได้: มีค่าที่ไม่ถูกต้อง (เช่น วันที่ที่ไม่มีจริง) หรือซ้อนกันลึกเกินไป"]
        ) from None
    if not isinstance(data, dict):
        raise FrameworkFileError(["ไฟล์ต้องเป็นข้อมูลแบบ key: value (mapping) ที่ระดับบนสุด"])
    return clean_strings(data)  # no control character XML refuses


def framework_codes(data: dict[str, Any]) -> set[str]:
    """Every question and OIT item code of a framework, lower-case: {"i1", …, "e15", "o1", …}."""
    codes = {normalise_code(q.get("code", "")) for q in data.get("questions") or [] if q}
    oit = data.get("oit") or {}
    codes |= {normalise_code(i.get("code", "")) for i in oit.get("items") or [] if i}
    codes.discard("")
    return codes


# ---------------------------------------------------------------- validation


class _Checker:
    def __init__(self) -> None:
        self.errors: list[str] = []

    def err(self, path: str, message: str) -> None:
        self.errors.append(f"{path}: {message}")

    def mapping(self, value: Any, path: str) -> bool:
        if not isinstance(value, dict):
            self.err(path, "ต้องเป็นข้อมูลแบบ key: value (mapping)")
            return False
        return True

    def listing(self, value: Any, path: str, *, allow_empty: bool = True) -> list[Any]:
        if not isinstance(value, list):
            self.err(path, "ต้องเป็นรายการ (list)")
            return []
        if not value and not allow_empty:
            self.err(path, "ต้องมีอย่างน้อยหนึ่งรายการ")
        return value

    def text(self, obj: dict[str, Any], key: str, path: str, *, nullable: bool = False) -> None:
        value = obj.get(key)
        if value is None and nullable and key in obj:
            return
        if not isinstance(value, str) or not value.strip():
            hint = " หรือ null เมื่อไม่ทราบ" if nullable else ""
            self.err(f"{path}.{key}", f"ต้องเป็นข้อความที่ไม่ว่าง{hint}")

    def number(
        self, obj: dict[str, Any], key: str, path: str, *, lo: float = 0, hi: float = 100
    ) -> bool:
        value = obj.get(key)
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.err(f"{path}.{key}", f"ต้องเป็นตัวเลข {lo:g}–{hi:g}")
            return False
        if not lo <= value <= hi:
            self.err(f"{path}.{key}", f"ต้องอยู่ระหว่าง {lo:g} ถึง {hi:g} (ได้ {value})")
            return False
        return True

    def provenance(self, obj: dict[str, Any], path: str) -> None:
        p = obj.get("provenance")
        where = f"{path}.provenance"
        if p is None:
            self.err(where, "ต้องระบุที่มา (sources และ confidence)")
            return
        if not self.mapping(p, where):
            return
        sources = p.get("sources")
        if not isinstance(sources, list) or not all(isinstance(s, str) and s for s in sources):
            self.err(f"{where}.sources", "ต้องเป็นรายการรหัสแหล่งที่มา เช่น [S12, seeds/000]")
        if p.get("confidence") not in CONFIDENCES:
            self.err(
                f"{where}.confidence",
                f"ต้องเป็นหนึ่งใน {', '.join(CONFIDENCES)} (ได้ {p.get('confidence')!r})",
            )
        if p.get("note") is not None and not isinstance(p.get("note"), str):
            self.err(f"{where}.note", "ต้องเป็นข้อความ")


def _label(path: str, obj: Any, key: str) -> str:
    return (
        f"{path} ({obj.get(key)})" if isinstance(obj, dict) and obj.get(key) is not None else path
    )


def validate_framework(data: Any) -> list[str]:
    """Every problem of a framework file, in Thai, each with the path where it is.

    An empty list means the file can be loaded.
    """
    c = _Checker()
    if not c.mapping(data, "ไฟล์"):
        return c.errors
    if data.get("schema") != SCHEMA_VERSION:
        c.err("schema", f"ต้องเป็น {SCHEMA_VERSION} (รูปแบบไฟล์ที่ระบบรู้จัก)")
    year = data.get("year")
    if not is_fiscal_year(year):
        c.err("year", "ต้องเป็นปีงบประมาณ พ.ศ. เช่น 2567")
    c.text(data, "title_th", "title_th")
    if "sources" in data and not isinstance(data["sources"], dict):
        c.err("sources", "ต้องเป็นข้อมูลแบบ รหัส: คำอธิบาย")
    tools = _validate_tools(c, data.get("tools"))
    indicators = _validate_indicators(c, data.get("indicators"), tools)
    _validate_levels(c, data.get("levels"))
    _validate_questions(c, data.get("questions"), indicators)
    _validate_oit(c, data.get("oit"), indicators)
    extras.validate_calendar(c, data)
    return c.errors


def _validate_tools(c: _Checker, tools: Any) -> set[str]:
    codes: set[str] = set()
    total = 0.0
    for i, tool in enumerate(c.listing(tools, "tools", allow_empty=False)):
        path = f"tools[{i}]"
        if not c.mapping(tool, path):
            continue
        path = _label(path, tool, "code")
        code = tool.get("code")
        if not isinstance(code, str) or not re.fullmatch(r"[A-Z]{2,10}", code):
            c.err(f"{path}.code", "ต้องเป็นรหัสตัวพิมพ์ใหญ่ เช่น IIT")
        elif code in codes:
            c.err(f"{path}.code", f"รหัส {code} ซ้ำ")
        else:
            codes.add(code)
        c.text(tool, "name_th", path)
        if c.number(tool, "weight", path):
            total += float(tool["weight"])
        c.provenance(tool, path)
    if codes and abs(total - 100) > 1e-9:
        c.err("tools", f"น้ำหนักของเครื่องมือรวมกันต้องเท่ากับ 100 (ได้ {total:g})")
    return codes


def _validate_indicators(c: _Checker, indicators: Any, tools: set[str]) -> dict[int, str]:
    found: dict[int, str] = {}
    for i, ind in enumerate(c.listing(indicators, "indicators", allow_empty=False)):
        path = f"indicators[{i}]"
        if not c.mapping(ind, path):
            continue
        path = _label(path, ind, "number")
        number = ind.get("number")
        if isinstance(number, bool) or not isinstance(number, int) or number < 1:
            c.err(f"{path}.number", "ต้องเป็นเลขตัวชี้วัด 1, 2, 3, …")
            number = None
        elif number in found:
            c.err(f"{path}.number", f"ตัวชี้วัดที่ {number} ซ้ำ")
            number = None
        c.text(ind, "name_th", path)
        tool = ind.get("tool")
        if tool not in tools:
            c.err(f"{path}.tool", f"ต้องเป็นรหัสเครื่องมือที่มีใน tools ({', '.join(sorted(tools))})")
        elif number is not None:
            found[number] = tool
        c.provenance(ind, path)
    for tool in sorted(tools):
        if found and tool not in found.values():
            c.err("indicators", f"เครื่องมือ {tool} ต้องมีตัวชี้วัดอย่างน้อยหนึ่งตัว")
    return found


def _validate_levels(c: _Checker, levels: Any) -> None:
    if not c.mapping(levels, "levels"):
        return
    if levels.get("scheme") not in LEVEL_SCHEMES:
        c.err("levels.scheme", f"ต้องเป็นหนึ่งใน {', '.join(LEVEL_SCHEMES)}")
    c.number(levels, "pass_mark", "levels")
    rules = c.listing(levels.get("rules"), "levels.rules", allow_empty=False)
    previous = None
    codes: set[str] = set()
    for i, rule in enumerate(rules):
        path = f"levels.rules[{i}]"
        if not c.mapping(rule, path):
            continue
        path = _label(path, rule, "code")
        code = rule.get("code")
        if not isinstance(code, str) or not code.strip():
            c.err(f"{path}.code", "ต้องเป็นข้อความที่ไม่ว่าง")
        elif code in codes:
            c.err(f"{path}.code", f"ระดับ {code} ซ้ำ")
        else:
            codes.add(code)
        if rule.get("label_th") is not None and not isinstance(rule.get("label_th"), str):
            c.err(f"{path}.label_th", "ต้องเป็นข้อความหรือ null")
        if c.number(rule, "min_total", path):
            value = float(rule["min_total"])
            if previous is not None and value > previous:
                c.err(f"{path}.min_total", "ระดับต้องเรียงจากคะแนนสูงไปต่ำ")
            previous = value
        if rule.get("min_each_tool") is not None:
            c.number(rule, "min_each_tool", path)
    if rules and isinstance(rules[-1], dict) and rules[-1].get("min_total") not in (0, 0.0):
        c.err("levels.rules", "ระดับสุดท้ายต้องมี min_total: 0 เพื่อให้ทุกคะแนนมีระดับ")
    c.provenance(levels, "levels")


def _validate_questions(c: _Checker, questions: Any, indicators: dict[int, str]) -> None:
    codes: set[str] = set()
    for i, q in enumerate(c.listing(questions, "questions")):
        path = f"questions[{i}]"
        if not c.mapping(q, path):
            continue
        path = _label(path, q, "code")
        code = q.get("code")
        m = QUESTION_CODE.match(code) if isinstance(code, str) else None
        if not m:
            c.err(f"{path}.code", "ต้องเป็นรหัสตัวพิมพ์เล็ก เช่น i1 หรือ e15")
        elif code in codes:
            c.err(f"{path}.code", f"รหัส {code} ซ้ำ")
        else:
            codes.add(code)
        ind = q.get("indicator")
        expected_tool = {"i": "IIT", "e": "EIT"}.get(m.group(1)) if m else None
        if ind not in indicators:
            c.err(f"{path}.indicator", "ต้องเป็นเลขตัวชี้วัดที่มีใน indicators")
        elif expected_tool and indicators[ind] != expected_tool:
            c.err(
                f"{path}.indicator",
                f"ข้อ {code} เป็นของ {expected_tool} แต่ตัวชี้วัดที่ {ind} เป็นของ {indicators[ind]}",
            )
        c.text(q, "text", path, nullable=True)
        _validate_answer(c, q, path)
        extras.validate_superseded(c, q, path)
        c.provenance(q, path)


def _validate_answer(c: _Checker, q: dict[str, Any], path: str) -> None:
    answer_type = q.get("answer_type")
    if answer_type is not None and answer_type not in ANSWER_TYPES:
        c.err(
            f"{path}.answer_type",
            f"ต้องเป็น {', '.join(ANSWER_TYPES)} หรือ null เมื่อไม่ทราบ (ได้ {answer_type!r})",
        )
        return
    reverse = q.get("reverse")
    if reverse is not None and not isinstance(reverse, bool):
        c.err(f"{path}.reverse", "ต้องเป็น true, false หรือ null")
    if answer_type in ("four_level", "yes_no") and reverse is None:
        c.err(f"{path}.reverse", "ต้องระบุ true หรือ false เมื่อทราบประเภทคำตอบ")
    if answer_type == "multi_part":
        subs = c.listing(q.get("sub_items"), f"{path}.sub_items", allow_empty=False)
        for j, sub in enumerate(subs):
            sp = f"{path}.sub_items[{j}]"
            if not c.mapping(sub, sp):
                continue
            c.text(sub, "text", sp)
            if sub.get("answer_type") not in SUB_ANSWER_TYPES:
                c.err(f"{sp}.answer_type", f"ต้องเป็น {' หรือ '.join(SUB_ANSWER_TYPES)}")
            if not isinstance(sub.get("reverse"), bool):
                c.err(f"{sp}.reverse", "ต้องเป็น true หรือ false")
    elif q.get("sub_items"):
        c.err(f"{path}.sub_items", "มีได้เฉพาะข้อที่ answer_type เป็น multi_part")


def _validate_oit(c: _Checker, oit: Any, indicators: dict[int, str]) -> None:
    if not c.mapping(oit, "oit"):
        return
    if oit.get("display_prefix") not in (None, "o", "O"):
        c.err("oit.display_prefix", "ต้องเป็น o หรือ O")
    oit_indicators = {n for n, tool in indicators.items() if tool == "OIT"}
    subs: set[str] = set()
    for i, sub in enumerate(c.listing(oit.get("sub_indicators", []), "oit.sub_indicators")):
        path = f"oit.sub_indicators[{i}]"
        if not c.mapping(sub, path):
            continue
        path = _label(path, sub, "code")
        code = sub.get("code")
        if not isinstance(code, str) or not re.fullmatch(r"\d+\.\d+", code):
            c.err(f"{path}.code", "ต้องเป็นรหัสตัวชี้วัดย่อย เช่น '9.1' (ใส่เครื่องหมายคำพูด)")
        elif code in subs:
            c.err(f"{path}.code", f"ตัวชี้วัดย่อย {code} ซ้ำ")
        else:
            subs.add(code)
        c.text(sub, "name_th", path, nullable=True)
        if sub.get("indicator") not in oit_indicators:
            c.err(f"{path}.indicator", "ต้องเป็นตัวชี้วัดของ OIT")
        c.provenance(sub, path)
    codes: set[str] = set()
    for i, item in enumerate(c.listing(oit.get("items"), "oit.items")):
        path = f"oit.items[{i}]"
        if not c.mapping(item, path):
            continue
        path = _label(path, item, "code")
        code = item.get("code")
        if not isinstance(code, str) or not OIT_CODE.match(code):
            c.err(f"{path}.code", "ต้องเป็นรหัสตัวพิมพ์เล็ก เช่น o1")
        elif code in codes:
            c.err(f"{path}.code", f"รหัส {code} ซ้ำ")
        else:
            codes.add(code)
        if item.get("indicator") is not None and item.get("indicator") not in oit_indicators:
            c.err(f"{path}.indicator", "ต้องเป็นตัวชี้วัดของ OIT หรือ null เมื่อไม่ทราบ")
        sub = item.get("sub_indicator")
        if sub is not None and sub not in subs:
            c.err(f"{path}.sub_indicator", f"ไม่มีตัวชี้วัดย่อย {sub!r} ใน oit.sub_indicators")
        c.text(item, "title", path, nullable=True)
        c.text(item, "requirement", path, nullable=True)
        for key in ("group_th", "lao_note"):
            if item.get(key) is not None and not isinstance(item.get(key), str):
                c.err(f"{path}.{key}", "ต้องเป็นข้อความ")
        extras.validate_oit_item_extras(c, item, path)
        c.provenance(item, path)


def question_codes_in_order(codes: Iterable[str]) -> list[str]:
    """i-codes, then e-codes, then o-codes, each numerically."""

    def key(code: str) -> tuple[int, int]:
        return ("ieo".index(code[0]) if code[:1] in "ieo" else 3, int(code[1:] or 0))

    return sorted(codes, key=key)
