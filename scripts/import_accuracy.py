"""How right the importer is on the fixture corpus, per format, field by field.

    .venv/bin/python scripts/import_accuracy.py [--corpus DIR] [--seeds DIR] [-v] [--json]
    PRONGSAI_SRC=/work/main/src .venv/bin/python scripts/import_accuracy.py   # another version

Reads every NAME.expected.json in the corpus (tests/docimport/fixtures/corpus/) and imports
each document of that NAME it finds — the naming convention is in docs/import-schema.md:
NAME.txt (text), NAME.docx (DOCX), NAME.pdf (PDF with a text layer), NAME.scan.pdf (scanned
PDF), NAME.html and NAME.result.txt (result pages); a seed ../shared/seeds/NNN_*.txt is the
text of NAME seedNNN. It compares the fields the expected record holds, prints the share of
fields right per format and the processing time per page, and lists the checker's findings on
each document beside those the expected record says a careful reader finds.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
# PRONGSAI_SRC=/path/to/other/src measures another version of the importer (before/after).
sys.path.insert(0, os.environ.get("PRONGSAI_SRC") or str(ROOT / "src"))

from prongsai.docimport import DocumentImportError, check_file, extract  # noqa: E402

# (suffix, format); longest suffix first so "x.scan.pdf" is a scan, not a PDF.
FORMATS = (
    (".scan.pdf", "scanned PDF"),
    (".result.txt", "result page"),
    (".html", "result page"),
    (".pdf", "PDF"),
    (".docx", "DOCX"),
    (".txt", "text"),
)
ORDER = ["text", "DOCX", "PDF", "scanned PDF", "result page"]
_MEASURE_LISTS = ("steps", "monitoring", "question_codes", "quarters_planned", "quarters_done")


def known_codes_for_year(year: int) -> set[str] | None:
    try:
        from prongsai.frameworks.files import framework_codes, load_framework_file

        return framework_codes(load_framework_file(year))
    except Exception:  # no framework file for that year
        return None


def _squash(value: Any) -> Any:
    if isinstance(value, str):
        return "".join(value.split())
    if isinstance(value, (list, tuple)):  # an action is compared as a (date, text) pair
        return [_squash(item) for item in value]
    if isinstance(value, dict):
        return {key: _squash(item) for key, item in value.items()}
    if isinstance(value, float):
        return round(value, 2)
    return value


def _same(expected: Any, got: Any) -> bool:
    return bool(_squash(expected) == _squash(got))


def compare(expected: dict[str, Any], got: dict[str, Any]) -> tuple[int, list[str]]:
    """(fields compared, names of the wrong ones)."""
    total = 0
    wrong: list[str] = []

    def check(name: str, want: Any, have: Any) -> None:
        nonlocal total
        total += 1
        if not _same(want, have):
            wrong.append(name)

    for key in ("kind", "fiscal_year", "period"):
        if key in expected:
            check(key, expected[key], got.get(key))
    for key, want in (expected.get("organization") or {}).items():
        check(f"organization.{key}", want, (got.get("organization") or {}).get(key))
    if "results" in expected:
        have = got.get("results") or {}
        for key, want in (expected["results"] or {}).items():
            check(f"results.{key}", want, have.get(key))
    if "measures" in expected:
        measures = got.get("measures") or []
        check("measures.count", len(expected["measures"]), len(measures))
        for number, want in enumerate(expected["measures"], start=1):
            have = measures[number - 1] if number <= len(measures) else {}
            for key, value in want.items():
                if key == "actions":
                    value = [(a.get("date"), a.get("text")) for a in value]
                    got_actions = [(a.get("date"), a.get("text")) for a in have.get(key) or []]
                    check(f"measure {number}.actions", value, got_actions)
                else:
                    check(f"measure {number}.{key}", value, have.get(key))
    return total, wrong


def _pages(data: bytes, fmt: str, extracted: Any) -> int:
    pages = getattr(extracted, "pages", None)
    if isinstance(pages, int) and pages > 0:
        return pages
    if fmt in ("PDF", "scanned PDF"):
        return max(1, data.count(b"/Type /Page") - data.count(b"/Type /Pages"))
    return 1


def documents(corpus: Path, seeds: Path | None) -> list[tuple[str, str, Path, Path]]:
    """(name, format, document, expected) for every document with an expected record."""
    found: list[tuple[str, str, Path, Path]] = []
    for expected in sorted(corpus.glob("*.expected.json")):
        name = expected.name[: -len(".expected.json")]
        for suffix, fmt in FORMATS:
            path = corpus / f"{name}{suffix}"
            if path.exists():
                found.append((name, fmt, path, expected))
        if seeds is not None and name.startswith("seed") and name[4:].isdigit():
            for path in sorted(seeds.glob(f"{name[4:]}_*.txt"))[:1]:
                found.append((name, "text", path, expected))
    return found


def run(corpus: Path, seeds: Path | None) -> dict[str, Any]:
    totals: dict[str, Counter[str]] = defaultdict(Counter)
    rows: list[dict[str, Any]] = []
    for name, fmt, path, expected_path in documents(corpus, seeds):
        expected = json.loads(expected_path.read_text(encoding="utf-8"))
        data = path.read_bytes()
        started = time.perf_counter()
        try:
            extracted = extract(data, path.name)
            parsed, findings = check_file(
                data, path.name, known_codes_for_year=known_codes_for_year
            )
            error = None
        except DocumentImportError as exc:
            extracted, parsed, findings, error = None, {}, [], exc.code
        seconds = time.perf_counter() - started
        pages = _pages(data, fmt, extracted)
        total, wrong = compare(expected, parsed)
        totals[fmt].update(
            {"fields": total, "right": total - len(wrong), "docs": 1, "pages": pages}
        )
        totals[fmt]["ms"] += int(seconds * 1000)
        # what the parser could not read ("unreadable", info) is not a finding about the text
        found = Counter(finding.code for finding in findings if finding.code != "unreadable")
        rows.append(
            {
                "name": name,
                "format": fmt,
                "file": path.name,
                "fields": total,
                "wrong": wrong,
                "error": error,
                "seconds": round(seconds, 3),
                "pages": pages,
                "confidence": (parsed.get("confidence") or {}).get("overall"),
                "findings": dict(found),
                "expected_findings": {
                    item["code"]: item.get("count", 1) for item in expected.get("findings") or []
                }
                if "findings" in expected
                else None,
            }
        )
    summary = {
        fmt: {
            "documents": counts["docs"],
            "fields": counts["fields"],
            "right": counts["right"],
            "percent": round(100 * counts["right"] / counts["fields"], 1)
            if counts["fields"]
            else None,
            "ms_per_page": round(counts["ms"] / max(counts["pages"], 1), 1),
        }
        for fmt, counts in sorted(totals.items(), key=lambda item: ORDER.index(item[0]))
    }
    return {"formats": summary, "documents": rows}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "tests/docimport/fixtures/corpus")
    parser.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds")
    parser.add_argument("-v", "--verbose", action="store_true", help="name every wrong field")
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args()
    report = run(args.corpus, args.seeds if args.seeds.is_dir() else None)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
        return
    print(f"{'format':<12} {'docs':>4} {'fields':>6} {'right':>6} {'%':>6} {'ms/page':>8}")
    for fmt, row in report["formats"].items():
        print(
            f"{fmt:<12} {row['documents']:>4} {row['fields']:>6} {row['right']:>6} "
            f"{row['percent']:>6} {row['ms_per_page']:>8}"
        )
    print("\nper document (checker findings: found / a careful reader finds)")
    for row in report["documents"]:
        right = row["fields"] - len(row["wrong"])
        print(
            f"  {row['file']:<32} {row['format']:<12} {right:>3}/{row['fields']:<3} "
            f"conf={row['confidence']} {row['error'] or ''}"
        )
        findings = ", ".join(f"{code}×{n}" for code, n in sorted(row["findings"].items()))
        print(f"      findings: {findings or '—'}")
        if row["expected_findings"] is not None:
            wanted = ", ".join(f"{c}×{n}" for c, n in sorted(row["expected_findings"].items()))
            print(f"      expected: {wanted or '—'}")
        if args.verbose and row["wrong"]:
            print(f"      wrong: {', '.join(row['wrong'])}")


if __name__ == "__main__":
    main()
