"""Importing the ITA documents agencies already have, and checking any document.

    import_document(data, filename) -> dict          # bytes of DOCX/PDF/text → parsed dict
    check_file(data, filename, ...) -> CheckResult   # the same, plus the checker's findings
    check_document(parsed, known_codes=...) -> list[Finding]
    normalise_question_code("119", known_codes) -> "i19"

The parsed dict's schema is in docs/import-schema.md. Every failure to read a file raises
DocumentImportError (Thai `message`, stable `code`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, NamedTuple

from prongsai.core.ita_codes import normalise_question_code

from .checker import check_document
from .confidence import assess
from .errors import DocumentImportError
from .extract import DEFAULT_MAX_BYTES, Extracted, detect_format, extract, extract_text
from .findings import Finding
from .parse import known_codes_around, parse_text

__all__ = [
    "DEFAULT_MAX_BYTES",
    "CheckResult",
    "DocumentImportError",
    "Extracted",
    "Finding",
    "check_document",
    "check_file",
    "detect_format",
    "ensure_ita_document",
    "extract",
    "extract_text",
    "import_document",
    "normalise_question_code",
    "parse_text",
]

KnownCodesForYear = Callable[[int], "set[str] | None"]


def _read(
    data: bytes, filename: str, known_codes_for_year: KnownCodesForYear | None, max_bytes: int
) -> tuple[dict[str, Any], str]:
    extracted = extract(data, filename, max_bytes=max_bytes)
    structured = extracted.format == "docx" or bool(getattr(extracted, "structured", False))
    parsed = parse_text(
        extracted.text,
        known_codes_for_year=known_codes_for_year,
        structured=structured,
        ocr=extracted.source == "ocr",
    )
    parsed["warnings"] = [*extracted.warnings, *parsed["warnings"]]
    parsed["confidence"] = assess(parsed, extracted)
    return parsed, extracted.text


def import_document(
    data: bytes,
    filename: str = "",
    *,
    known_codes_for_year: KnownCodesForYear | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> dict[str, Any]:
    """The parsed dict of a DOCX, PDF or text file.

    `known_codes_for_year(fy)` gives a framework year's question codes (or None when unknown);
    it helps repair damaged codes. Raises DocumentImportError when the file cannot be read or
    is not an ITA document at all.
    """
    parsed, _text = _read(data, filename, known_codes_for_year, max_bytes)
    ensure_ita_document(parsed)
    return parsed


def ensure_ita_document(parsed: dict[str, Any]) -> None:
    """Refuse (DocumentImportError) a file that reads as text but holds no ITA document: no
    recognisable kind, no measures table and no indicator scores."""
    if parsed["kind"] is None and not parsed["measures"] and not parsed["scores"]["indicators"]:
        raise DocumentImportError(
            "not_ita_document",
            "ไม่พบเนื้อหาเอกสาร ITA ในไฟล์นี้ (การวิเคราะห์ผล มาตรการ หรือรายงานผลการดำเนินการ)",
        )


class CheckResult(NamedTuple):
    document: dict[str, Any]
    findings: list[Finding]


def check_file(
    data: bytes,
    filename: str = "",
    *,
    known_codes_for_year: KnownCodesForYear | None = None,
    agency_name: str | None = None,
    other_agency_names: Iterable[str] = (),
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> CheckResult:
    """Read any file and check it: (parsed dict, findings). Unlike import_document it does not
    refuse a document it cannot classify; it reports what it found. Raises
    DocumentImportError only when the file cannot be read."""
    parsed, text = _read(data, filename, known_codes_for_year, max_bytes)
    known = known_codes_around(known_codes_for_year, parsed.get("fiscal_year"))
    findings = check_document(
        parsed,
        known_codes=known,
        agency_name=agency_name,
        other_agency_names=other_agency_names,
        text=text,
    )
    return CheckResult(parsed, findings)
