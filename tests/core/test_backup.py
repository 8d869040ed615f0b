import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from prongsai.core.backup import backup_restore, backup_write, record_counts
from prongsai.orgs.models import Agency


@pytest.mark.django_db(transaction=True)
def test_backup_then_restore_into_an_empty_database_gives_the_same_records_and_files(
    tmp_path: Path,
) -> None:
    call_command("demo", verbosity=0)
    upload = Path(settings.MEDIA_ROOT) / "evidence" / "x.pdf"
    upload.parent.mkdir(parents=True, exist_ok=True)
    upload.write_bytes(b"%PDF-1.4 evidence")
    before = record_counts()
    texts_before = _document_texts()
    archive = tmp_path / "backup.zip"
    backup_write(archive)

    call_command("flush", interactive=False, verbosity=0)
    upload.unlink()
    assert not Agency.objects.exists()
    backup_restore(archive)

    assert record_counts() == before
    assert upload.read_bytes() == b"%PDF-1.4 evidence"
    assert _document_texts() == texts_before


def _document_texts() -> list[str]:
    from prongsai.core.documents import DocumentOptions, build_document, document_kinds
    from prongsai.documents.model import Document

    agency = Agency.objects.get(slug="demo")
    out = []
    for kind in document_kinds():
        try:
            doc: Document = build_document(kind, agency, 2567, DocumentOptions())
        except Exception as e:  # a kind with no data for the demo is compared by its message
            out.append(f"{kind}: {e}")
            continue
        out.append(repr(doc))
    return out


@pytest.mark.django_db
def test_restore_refuses_a_database_that_already_has_agencies(tmp_path: Path, world: Any) -> None:
    archive = tmp_path / "b.zip"
    backup_write(archive)
    with pytest.raises(CommandError, match="ฐานข้อมูลว่าง"):
        call_command("restore", str(archive))
    assert Agency.objects.count() == 2


@pytest.mark.django_db
def test_restore_rejects_a_file_that_is_not_a_backup_and_changes_nothing(tmp_path: Path) -> None:
    bogus = tmp_path / "b.zip"
    bogus.write_bytes(b"not a zip")
    with pytest.raises(CommandError, match="zip"):
        call_command("restore", str(bogus))
    unsafe = tmp_path / "u.zip"
    with zipfile.ZipFile(unsafe, "w") as zf:
        zf.writestr("manifest.json", '{"format": "prongsai-backup-1", "counts": {}}')
        zf.writestr("data.json", "[]")
        zf.writestr("uploads/../../etc/x", "x")
    with pytest.raises(CommandError, match="ไม่ปลอดภัย"):
        call_command("restore", str(unsafe))
