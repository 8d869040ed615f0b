from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

pytestmark = pytest.mark.django_db


def test_render_writes_the_month_and_the_year_bundle(october: Any, tmp_path: Path) -> None:
    slug = october.agency.slug
    pdf, xlsx = tmp_path / "m.pdf", tmp_path / "y.xlsx"
    out = io.StringIO()
    call_command(
        "render",
        "procurement",
        org=slug,
        year=2569,
        month=10,
        format="pdf",
        out=str(pdf),
        stdout=out,
    )
    assert pdf.read_bytes().startswith(b"%PDF") and "m.pdf" in out.getvalue()
    call_command(
        "render", "procurement", org=slug, year=2569, format="xlsx", out=str(xlsx), stdout=out
    )
    assert load_workbook(xlsx).worksheets[0]["J1"].value == "แบบ สขร. ๑"
    with pytest.raises(CommandError, match="ยังไม่มีเดือน"):
        call_command("render", "procurement", org=slug, year=2570, format="pdf", out=str(pdf))
    with pytest.raises(CommandError, match="pdf หรือ xlsx"):
        call_command("render", "procurement", org=slug, year=2569, format="docx", out=str(pdf))
