"""Evidence files: checked by content (not by name) on a local scratch file, limited in size, then
kept through `prongsai.core.files` (whole or not at all, on the file system or shared object
storage) and read back only through an access-checked view."""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from prongsai.core import files, thai
from prongsai.core.zips import BROKEN_ZIP
from prongsai.progress import conf

TYPES: dict[str, tuple[str, str]] = {
    # kind: (extension, content type)
    "pdf": ("pdf", "application/pdf"),
    "png": ("png", "image/png"),
    "jpeg": ("jpg", "image/jpeg"),
    "docx": ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xlsx": ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}
ALLOWED_LABEL = "PDF, PNG, JPEG, DOCX, XLSX"
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class StoredFile:
    path: str  # the file's name in the store (core.files)
    name: str
    content_type: str
    size: int
    sha256: str


def sniff(f: IO[bytes]) -> str | None:
    """The file's type from its content: "pdf", "png", "jpeg", "docx", "xlsx" or None."""
    f.seek(0)
    head = f.read(8)
    f.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(f) as z:  # reads the central directory only; nothing extracted
                names = set(z.namelist())
        except BROKEN_ZIP:
            return None
        if "[Content_Types].xml" in names:
            if "word/document.xml" in names:
                return "docx"
            if "xl/workbook.xml" in names:
                return "xlsx"
    return None


def safe_name(name: str, extension: str) -> str:
    """The uploader's file name, cleaned for a download header, with the real extension."""
    base = unicodedata.normalize("NFC", os.path.basename(name or "")).strip()
    stem = base.rsplit(".", 1)[0] if "." in base else base
    stem = re.sub(r"[\x00-\x1f\x7f/\\:*?\"<>|]+", "_", stem).strip(" ._")[:120] or "evidence"
    return f"{stem}.{extension}"


def store_upload(upload: Any, *, folder: str) -> StoredFile:
    """Keep an uploaded file in `folder` after checking its size and content.

    Raises ValidationError (Thai) and leaves nothing behind when the file is refused."""
    limit = conf.max_upload_bytes()
    if upload.size is not None and upload.size > limit:
        raise ValidationError(_too_big(limit))
    digest = hashlib.sha256()
    size = 0
    with files.temporary_file() as scratch:
        for chunk in _chunks(upload):
            size += len(chunk)
            if size > limit:
                raise ValidationError(_too_big(limit))
            digest.update(chunk)
            scratch.write(chunk)
        scratch.flush()
        if size == 0:
            raise ValidationError(_("ไฟล์ว่างเปล่า"))
        kind = sniff(scratch)
        if kind is None:
            raise ValidationError(
                _("รับเฉพาะไฟล์ %(types)s (ตรวจจากเนื้อไฟล์ ไม่ใช่จากชื่อไฟล์)") % {"types": ALLOWED_LABEL}
            )
        extension, content_type = TYPES[kind]
        stored = files.stream_store(scratch, folder=folder, extension=extension)
    return StoredFile(
        stored.path, safe_name(upload.name, extension), content_type, size, digest.hexdigest()
    )


def remove(name: str) -> None:
    files.delete(name)


def _chunks(upload: Any) -> Any:
    if hasattr(upload, "chunks"):
        yield from upload.chunks(_CHUNK)
        return
    while True:
        chunk = upload.read(_CHUNK)
        if not chunk:
            return
        yield chunk


def _too_big(limit: int) -> str:
    mb = limit / (1024 * 1024)
    size = f"{mb:.0f} MB" if mb >= 1 else f"{limit // 1024} KB"
    return thai.to_thai_digits(f"ไฟล์ใหญ่เกินกำหนด (ไม่เกิน {size})")
