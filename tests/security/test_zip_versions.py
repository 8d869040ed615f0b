"""Zip files whose central directory asks for a zip version Python cannot read ("zip file version
6.4", found by the hypothesis test of the results import): every reader of uploaded or restored
zips refuses them with its Thai message and writes nothing."""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path
from typing import Any

import pytest

from prongsai.core.backup import BackupError, backup_restore
from prongsai.core.tables import TableReadError, read_table
from prongsai.docimport.docx_text import docx_to_text
from prongsai.docimport.errors import DocumentImportError
from prongsai.progress.evidence_files import sniff
from prongsai.results.importing import ImportFailed, results_import
from prongsai.results.models import Result

CENTRAL = b"PK\x01\x02"


def _zip(names: tuple[str, ...]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name in names:
            zf.writestr(name, "<x/>")
    return buffer.getvalue()


def from_the_future(data: bytes) -> bytes:
    """Every central directory entry asks for zip version 6.4 to extract."""
    out = bytearray(data)
    at = out.find(CENTRAL)
    assert at >= 0
    while at >= 0:
        out[at + 6 : at + 8] = struct.pack("<H", 64)
        at = out.find(CENTRAL, at + 4)
    with pytest.raises(NotImplementedError):
        zipfile.ZipFile(io.BytesIO(bytes(out)))
    return bytes(out)


OOXML = ("[Content_Types].xml", "word/document.xml", "xl/workbook.xml")


def test_a_table_upload_from_the_future_is_refused_in_thai() -> None:
    with pytest.raises(TableReadError) as caught:
        read_table(from_the_future(_zip(OOXML)), "r.xlsx", columns=4)
    assert "เปิดไฟล์ Excel" in caught.value.message


@pytest.mark.django_db
def test_a_results_import_from_the_future_writes_nothing(world: Any) -> None:
    before = Result.objects.count()
    with pytest.raises(ImportFailed):
        results_import(world.agency, from_the_future(_zip(OOXML)), "r.xlsx")
    assert Result.objects.count() == before


def test_a_document_from_the_future_is_a_broken_docx() -> None:
    with pytest.raises(DocumentImportError) as caught:
        docx_to_text(from_the_future(_zip(OOXML)))
    assert caught.value.code == "broken_zip"


def test_an_evidence_file_from_the_future_has_no_accepted_type(tmp_path: Path) -> None:
    path = tmp_path / "e.docx"
    path.write_bytes(from_the_future(_zip(OOXML)))
    with path.open("rb") as f:
        assert sniff(f) is None


@pytest.mark.django_db
def test_a_backup_from_the_future_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "b.zip"
    path.write_bytes(from_the_future(_zip(("manifest.json", "data.json"))))
    with pytest.raises(BackupError):
        backup_restore(path)
