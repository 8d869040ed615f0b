"""Backups: every record and every uploaded file in one zip; restore into an empty database.

A backup holds `manifest.json` (format, Prongsai version, time, record counts per model),
`data.jsonl` (Django's serialised records with their primary keys, one per line) and `uploads/…`
(every kept file — evidence, official copies, batches — read through Django's storage,
`prongsai.core.files`, so a backup on any machine holds the files of every machine). A backup
refuses to report success when a file the database names is not in the store (BackupMissing,
naming them); restore checks the manifest, refuses a database that already holds agencies, writes
the files into the store, then loads every record in one transaction, which is rolled back when
the record counts differ from the manifest or a file the records name is neither in the backup nor
in the store.

Both directions stream through files on disk, one record at a time, so memory stays flat at
national scale (1.3 million records); the records are read in one snapshot (REPEATABLE READ on
PostgreSQL), so counts and records agree while others keep working. Backups of the first format
(`data.json`, one JSON document) still restore.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import zipfile
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from prongsai import __version__
from prongsai.core import files
from prongsai.core.zips import BROKEN_ZIP

FORMAT = "prongsai-backup-2"
DATA_MEMBER = {"prongsai-backup-1": "data.json", "prongsai-backup-2": "data.jsonl"}
# Sessions and the task queue are passing state. Content types and permissions are kept: restore
# loads into emptied tables, so they come back with their own ids and the permissions given to
# users and groups still point at them.
EXCLUDE = ["sessions", "django_tasks_database"]


class BackupError(Exception):
    """A backup that cannot be written or restored; the message is in Thai."""


class BackupMissing(BackupError):
    """Files the database names that are not in the store."""

    def __init__(self, names: list[str], *, restoring: bool = False) -> None:
        self.names = names
        shown = ", ".join(names[:20]) + (
            f" และอีก {len(names) - 20:,} ไฟล์" if len(names) > 20 else ""
        )
        if restoring:
            head = f"ไฟล์ที่ข้อมูลอ้างถึงไม่อยู่ในไฟล์สำรองและไม่อยู่ในที่เก็บไฟล์ {len(names):,} ไฟล์ จึงยกเลิกการกู้คืน"
        else:
            head = f"ไฟล์ที่ข้อมูลอ้างถึงหายไปจากที่เก็บไฟล์ {len(names):,} ไฟล์ จึงไม่ได้สำรองข้อมูล"
        super().__init__(f"{head}: {shown}")


def _missing(named: Iterable[tuple[str, str]], present: set[str]) -> list[str]:
    """The names the database holds that are not in `present` nor (checked one by one) in the
    store."""
    out = set()
    for _label, name in named:
        if name not in present and not files.exists(name):
            out.add(name)
    return sorted(out)


def _models() -> list[Any]:
    out = []
    for model in apps.get_models():
        label = model._meta.label_lower
        if model._meta.app_label in EXCLUDE or label in EXCLUDE or model._meta.proxy:
            continue
        if not model._meta.managed:
            continue
        out.append(model)
    return out


def record_counts() -> dict[str, int]:
    return {m._meta.label_lower: m._default_manager.count() for m in _models()}


def backup_write(path: Path, *, allow_missing: bool = False) -> dict[str, Any]:
    """Every record and every kept file into the zip at `path` (written beside it, renamed once
    complete). BackupMissing, and no backup, when a file the records name is not in the store
    (with `allow_missing`, the backup is written and its manifest lists them)."""
    with tempfile.TemporaryDirectory(dir=path.parent) as staging:
        records = Path(staging) / "data.jsonl"
        outermost = not connection.in_atomic_block
        with transaction.atomic():  # one consistent snapshot
            if outermost:
                _snapshot()
            call_command(
                "dumpdata", exclude=EXCLUDE, format="jsonl", output=str(records), verbosity=0
            )
            counts = record_counts()
            named = list(files.referenced_names())
        stored = set(files.all_names())
        missing = _missing(named, stored)
        if missing and not allow_missing:
            raise BackupMissing(missing)
        manifest = {
            "format": FORMAT,
            "version": __version__,
            "created": timezone.now().isoformat(),
            "counts": counts,
            "files": len(stored),
            "missing": missing,
        }
        tmp = path.with_name(path.name + ".part")
        tmp.unlink(missing_ok=True)
        try:
            # every password hash is inside: readable by the service's own account only (0600),
            # whatever the umask; created so, never chmod-ed after being written
            owner_only = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with (
                os.fdopen(owner_only, "wb") as raw,
                zipfile.ZipFile(raw, "w", compression=zipfile.ZIP_DEFLATED) as zf,
            ):
                zf.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1))
                zf.write(records, "data.jsonl")
                for name in sorted(stored):
                    try:
                        with zf.open(f"uploads/{name}", "w", force_zip64=True) as out:
                            files.copy_to(name, out)
                    except FileNotFoundError:  # removed since it was listed (evidence deleted)
                        if name in {n for _l, n in named}:
                            raise BackupMissing([name]) from None
            tmp.replace(path)
        finally:
            tmp.unlink(missing_ok=True)
    return manifest


def _snapshot() -> None:
    """On PostgreSQL, read every table as of one moment (its default isolation would let rows
    committed meanwhile into later tables). SQLite's transaction is one snapshot already."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")


def backup_restore(path: Path, *, allow_nonempty: bool = False) -> dict[str, Any]:
    from prongsai.orgs.models import Agency

    try:
        zf = zipfile.ZipFile(path)
    except BROKEN_ZIP:
        raise BackupError("ไฟล์นี้ไม่ใช่ไฟล์สำรองข้อมูลของโปร่งใส (อ่านไฟล์ zip ไม่ได้)") from None
    except OSError as e:
        raise BackupError(f"เปิดไฟล์สำรองข้อมูลไม่ได้: {e.strerror or e}") from None
    with zf:
        try:
            manifest, data, uploads = _read_backup(zf)
        except BROKEN_ZIP:
            raise BackupError("ไฟล์สำรองข้อมูลเสียหาย (ข้อมูลใน zip อ่านไม่ได้)") from None
        if Agency.objects.exists() and not allow_nonempty:
            raise BackupError("ฐานข้อมูลนี้มีข้อมูลหน่วยงานอยู่แล้ว กู้คืนได้เฉพาะฐานข้อมูลว่าง")
        # the records staged on local disk (a national backup's are ~500 MB: not for a small
        # /tmp), the files written straight into the store
        with tempfile.TemporaryDirectory(dir=_staging_dir()) as staging:
            try:
                target = Path(staging) / data
                with zf.open(data) as src, target.open("wb") as dst:
                    shutil.copyfileobj(src, dst)
                written = _restore_files(zf, uploads)
            except BROKEN_ZIP:
                raise BackupError("ไฟล์แนบในไฟล์สำรองข้อมูลเสียหาย อ่านไม่ได้") from None
            _load(target, manifest["counts"], written)
    return manifest


def _read_backup(zf: zipfile.ZipFile) -> tuple[dict[str, Any], str, list[str]]:
    """The manifest, the name of the records' member and the upload names, each checked;
    BackupError (Thai) for anything else."""
    names = set(zf.namelist())
    if "manifest.json" not in names:
        raise BackupError("ไฟล์สำรองข้อมูลไม่ครบ: ไม่มี manifest.json")
    try:
        manifest = json.loads(zf.read("manifest.json"))
    except (ValueError, RecursionError):  # JSONDecodeError and UnicodeDecodeError included
        raise BackupError("ไฟล์สำรองข้อมูลเสียหาย: manifest.json อ่านไม่ได้") from None
    found = manifest.get("format") if isinstance(manifest, dict) else None
    if not isinstance(found, str) or found not in DATA_MEMBER:
        raise BackupError(f"ไม่รู้จักรูปแบบไฟล์สำรองข้อมูล “{found}”")
    data = DATA_MEMBER[found]
    if data not in names:
        raise BackupError(f"ไฟล์สำรองข้อมูลไม่ครบ: ไม่มี {data}")
    counts = manifest.get("counts")
    if not isinstance(counts, dict) or not all(
        isinstance(k, str) and type(v) is int for k, v in counts.items()
    ):
        raise BackupError("ไฟล์สำรองข้อมูลเสียหาย: จำนวนข้อมูลใน manifest.json ไม่ถูกต้อง")
    uploads = [n for n in names if n.startswith("uploads/") and not n.endswith("/")]
    for name in uploads:
        if ".." in Path(name).parts or name.startswith("/"):
            raise BackupError(f"ชื่อไฟล์ในไฟล์สำรองข้อมูลไม่ปลอดภัย: {name}")
    return manifest, data, uploads


def _staging_dir() -> Path:
    folder = Path(settings.DATA_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _restore_files(zf: zipfile.ZipFile, uploads: list[str]) -> set[str]:
    """Each file of the backup into the store under its own name; the names written."""
    written = set()
    for member in uploads:
        name = member.removeprefix("uploads/")
        try:
            files.safe_name(name)
        except ValueError:
            raise BackupError(f"ชื่อไฟล์ในไฟล์สำรองข้อมูลไม่ปลอดภัย: {member}") from None
        with zf.open(member) as src, files.temporary_file() as scratch:
            shutil.copyfileobj(src, scratch)
            scratch.flush()
            files.stream_store(scratch, name=name)
        written.add(name)
    return written


def _load(fixture: Path, expected_counts: dict[str, int], restored: set[str]) -> None:
    """Replace every record with the backup's, in one transaction: all of it or nothing (nothing
    either when a file the records name is neither restored nor already in the store)."""
    try:
        with transaction.atomic():
            call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
            call_command("loaddata", str(fixture), verbosity=0)
            counts = record_counts()
            expected = {k: v for k, v in expected_counts.items() if k in counts}
            if Counter(expected) != Counter({k: counts[k] for k in expected}):
                raise BackupError("จำนวนข้อมูลหลังกู้คืนไม่ตรงกับไฟล์สำรองข้อมูล จึงยกเลิกการกู้คืน")
            missing = _missing(files.referenced_names(), restored)
            if missing:
                raise BackupMissing(missing, restoring=True)
            _complete_content_types()
    except BackupError:
        raise
    except Exception as e:  # loaddata fails in many ways: bad JSON, unknown fields, broken keys
        detail = str(e).splitlines()[0][:300] if str(e) else type(e).__name__
        raise BackupError(
            f"ข้อมูลในไฟล์สำรองข้อมูลเสียหาย จึงยกเลิกการกู้คืน (ไม่มีข้อมูลใดถูกเปลี่ยน): {detail}"
        ) from e


def _complete_content_types() -> None:
    """Content types and permissions of the models this version has that the backup lacks (a
    backup of the first format kept none; a newer version may have added models)."""
    from django.contrib.auth.management import create_permissions
    from django.contrib.contenttypes.management import create_contenttypes

    for app_config in apps.get_app_configs():
        create_contenttypes(app_config, verbosity=0)
        create_permissions(app_config, verbosity=0)
