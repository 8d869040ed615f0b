import json
import os
import stat
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from prongsai.core.backup import (
    EXCLUDE,
    BackupError,
    backup_restore,
    backup_write,
    record_counts,
)
from prongsai.orgs.models import Agency


@pytest.mark.django_db(transaction=True)
def test_backup_then_restore_into_an_empty_database_gives_the_same_records_and_files(
    tmp_path: Path,
) -> None:
    from django.contrib.auth.models import Permission, User

    call_command("demo", verbosity=0)
    # a site staff member allowed to change agencies in /admin/ (a permission, not a role)
    clerk = User.objects.create_user("clerk", is_staff=True)
    clerk.user_permissions.add(Permission.objects.get(codename="change_agency"))
    upload = Path(settings.MEDIA_ROOT) / "evidence" / "x.pdf"
    upload.parent.mkdir(parents=True, exist_ok=True)
    upload.write_bytes(b"%PDF-1.4 evidence")
    before = record_counts()
    texts_before = _document_texts()
    plan_text_before = _rendered_plan_text(tmp_path)
    archive = tmp_path / "backup.zip"
    backup_write(archive)

    call_command("flush", interactive=False, verbosity=0)
    upload.unlink()
    assert not Agency.objects.exists()
    backup_restore(archive)

    assert record_counts() == before
    # content types and permissions come back too (they used to be left empty by the restore)
    assert Permission.objects.count() == before["auth.permission"] > 100
    assert User.objects.get(username="clerk").has_perm("orgs.change_agency")
    assert upload.read_bytes() == b"%PDF-1.4 evidence"
    assert _document_texts() == texts_before
    # the plan as an officer downloads it: the PDF's text, identical after the restore
    assert _rendered_plan_text(tmp_path) == plan_text_before
    assert "มาตรการ" in plan_text_before


def _rendered_plan_text(tmp_path: Path) -> str:
    from prongsai.documents import render
    from prongsai.plans.documents import plan_document
    from prongsai.plans.models import Plan
    from tests.plans.test_documents import pdftotext

    plan = Plan.objects.get(agency__slug="demo", fiscal_year=2567)
    return pdftotext(render(plan_document(plan), "pdf"), tmp_path)


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


def _rezip(source: Path, target: Path, member: str, edit: Any) -> None:
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w") as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            dst.writestr(info.filename, edit(body) if info.filename == member else body)


@pytest.mark.django_db
def test_a_damaged_backup_is_refused_in_thai_and_changes_nothing(
    tmp_path: Path, world: Any
) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    good = tmp_path / "good.zip"
    backup_write(good)
    before = record_counts()
    damaged = tmp_path / "damaged.zip"

    @settings(
        max_examples=30,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(
        member=st.sampled_from(["manifest.json", "data.jsonl"]),
        at=st.floats(0, 1),
        cut=st.integers(0, 40),
        insert=st.binary(max_size=20)
        | st.sampled_from([b'"', b"}", b"]", b"null", b'"pk": "x"', b"\xff", b'"model": "x.y"']),
        whole=st.none() | st.binary(max_size=300),
    )
    def restore(member: str, at: float, cut: int, insert: bytes, whole: bytes | None) -> None:
        def edit(body: bytes) -> bytes:
            i = int(at * len(body))
            return body[:i] + insert + body[i + cut :]

        if whole is not None:
            damaged.write_bytes(whole)
        else:
            _rezip(good, damaged, member, edit)
        try:
            backup_restore(damaged, allow_nonempty=True)
        except BackupError as e:
            assert str(e).startswith(("ไฟล์", "ไม่รู้จัก", "ข้อมูล", "จำนวน")), str(e)
        assert record_counts() == before  # refused, or the edit changed nothing that counts

    restore()


@pytest.mark.django_db(transaction=True)
def test_a_backup_of_the_first_format_still_restores(tmp_path: Path) -> None:
    import io
    import json

    call_command("demo", verbosity=0)
    before = record_counts()
    records = io.StringIO()
    call_command("dumpdata", exclude=EXCLUDE, stdout=records, verbosity=0)  # one JSON document
    old = tmp_path / "old.zip"
    with zipfile.ZipFile(old, "w") as zf:
        manifest = {"format": "prongsai-backup-1", "counts": before, "created": "2026-01-01"}
        zf.writestr("manifest.json", json.dumps(manifest))
        zf.writestr("data.json", records.getvalue())
    call_command("flush", interactive=False, verbosity=0)
    backup_restore(old)
    assert record_counts() == before


@pytest.mark.django_db
def test_a_backup_writes_its_records_one_per_line(tmp_path: Path, world: Any) -> None:
    archive = tmp_path / "b.zip"
    manifest = backup_write(archive)
    assert manifest["format"] == "prongsai-backup-2"
    with zipfile.ZipFile(archive) as zf:
        lines = zf.read("data.jsonl").decode().splitlines()
    assert len(lines) == sum(manifest["counts"].values())
    assert not list(tmp_path.glob("tmp*"))  # the staging folder is gone


@pytest.mark.django_db
def test_a_backup_is_readable_only_by_its_owner(tmp_path: Path, world: Any) -> None:
    # it holds every password hash and every agency's records: the usual umask (022) made it
    # readable by every account on the machine
    archive = tmp_path / "b.zip"
    previous = os.umask(0o022)
    try:
        backup_write(archive)
        backup_write(archive)  # overwriting an existing backup keeps the mode too
    finally:
        os.umask(previous)
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600


def _batch_with_file(world: Any, data: bytes = b"PK batch") -> Any:
    from prongsai.core import files
    from prongsai.jobs.models import DocumentJob

    stored = files.bytes_store(data, folder="jobs", extension="zip")
    return DocumentJob.objects.create(
        agency=world.agency,
        fiscal_year=2567,
        kinds=["plan"],
        formats=["pdf"],
        status=DocumentJob.Status.DONE,
        result_path=stored.path,
    )


@pytest.mark.django_db
def test_a_backup_missing_a_file_the_database_names_fails_naming_it(
    tmp_path: Path, world: Any
) -> None:
    """It used to exit 0 with whatever files the machine happened to have."""
    from prongsai.core import files

    kept = _batch_with_file(world)
    lost = _batch_with_file(world, b"PK lost")
    files.delete(lost.result_path)
    archive = tmp_path / "b.zip"
    with pytest.raises(CommandError) as caught:
        call_command("backup", str(archive))
    assert lost.result_path in str(caught.value) and "หายไป" in str(caught.value)
    assert kept.result_path not in str(caught.value)
    assert not archive.exists() and not list(tmp_path.glob("*.part"))
    # asked for explicitly: written, the manifest lists what is missing
    call_command("backup", str(archive), "--allow-missing")
    with zipfile.ZipFile(archive) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        assert zf.read(f"uploads/{kept.result_path}") == b"PK batch"
    assert manifest["missing"] == [lost.result_path]


@pytest.mark.django_db(transaction=True)
def test_a_restore_writes_every_file_through_the_storage_and_refuses_one_missing(
    tmp_path: Path, settings: Any
) -> None:
    from prongsai.core import files
    from prongsai.jobs.models import DocumentJob
    from tests.authz.world import build_world

    world = build_world()
    job = _batch_with_file(world)
    archive = tmp_path / "b.zip"
    backup_write(archive)
    call_command("flush", interactive=False, verbosity=0)
    # another machine: an empty store
    settings.MEDIA_ROOT = tmp_path / "machine-b"
    assert not files.exists(job.result_path)
    call_command("restore", str(archive))
    assert files.read_bytes(DocumentJob.objects.get(pk=job.pk).result_path) == b"PK batch"

    # a backup whose file was taken out: refused, nothing loaded
    call_command("flush", interactive=False, verbosity=0)
    settings.MEDIA_ROOT = tmp_path / "machine-c"
    gutted = tmp_path / "gutted.zip"
    _rezip_without(archive, gutted, f"uploads/{job.result_path}")
    with pytest.raises(CommandError, match="ไม่อยู่ในไฟล์สำรอง") as caught:
        call_command("restore", str(gutted))
    assert job.result_path in str(caught.value)
    assert not Agency.objects.exists() and not DocumentJob.objects.exists()


def _rezip_without(source: Path, target: Path, member: str) -> None:
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w") as dst:
        for info in src.infolist():
            if info.filename != member:
                dst.writestr(info.filename, src.read(info.filename))
