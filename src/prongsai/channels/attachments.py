"""Reporters' attachments: checked by content (the evidence uploads' `sniff`), size-limited,
their metadata stripped (images re-encoded by Pillow without EXIF, PDFs rewritten by pikepdf
without /Info and XMP), then kept encrypted through `prongsai.core.files`."""

from __future__ import annotations

import io
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from prongsai.channels import conf, crypto
from prongsai.core import files, thai
from prongsai.progress.evidence_files import sniff

ALLOWED = ("pdf", "png", "jpeg")
ALLOWED_LABEL = "PDF, PNG, JPEG"
CONTENT_TYPES = {"pdf": "application/pdf", "png": "image/png", "jpeg": "image/jpeg"}
EXTENSIONS = {"pdf": "pdf", "png": "png", "jpeg": "jpg"}
FOLDER = "channels"


def _read(upload: Any, limit: int) -> bytes:
    if upload.size is not None and upload.size > limit:
        raise ValidationError(_too_big(limit))
    data = b"".join(upload.chunks()) if hasattr(upload, "chunks") else upload.read()
    if len(data) > limit:
        raise ValidationError(_too_big(limit))
    if not data:
        raise ValidationError(_("ไฟล์ว่างเปล่า"))
    return bytes(data)


def _too_big(limit: int) -> str:
    mb = limit / (1024 * 1024)
    size = f"{mb:.0f} MB" if mb >= 1 else f"{limit // 1024} KB"
    return thai.to_thai_digits(f"ไฟล์ใหญ่เกินกำหนด (ไม่เกิน {size})")


def _refused() -> ValidationError:
    return ValidationError(
        _("รับเฉพาะไฟล์ %(types)s (ตรวจจากเนื้อไฟล์ ไม่ใช่จากชื่อไฟล์)") % {"types": ALLOWED_LABEL}
    )


def strip_image(data: bytes, kind: str) -> bytes:
    """The picture re-encoded from its pixels only: no EXIF (place, camera, time), no comments."""
    from PIL import Image, ImageOps

    Image.MAX_IMAGE_PIXELS = 40_000_000  # a decompression bomb is refused, not decoded
    try:
        with Image.open(io.BytesIO(data)) as opened:
            image: Any = ImageOps.exif_transpose(opened)  # keep what the photo showed upright
            if kind == "jpeg":
                image = image.convert("RGB") if image.mode not in ("RGB", "L") else image
            elif image.mode not in ("RGB", "RGBA", "L"):
                image = image.convert("RGBA")
            # only the pixels: EXIF, XMP, ICC, comments and text chunks stay behind
            clean = Image.frombytes(image.mode, image.size, image.tobytes())
            out = io.BytesIO()
            if kind == "jpeg":
                clean.save(out, "JPEG", quality=90)
            else:
                clean.save(out, "PNG")
            return out.getvalue()
    except Exception as error:  # a broken or hostile picture is refused
        raise _refused() from error


def strip_pdf(data: bytes) -> bytes:
    """The PDF without its document information (/Info: author, producer, dates) and XMP."""
    import pikepdf

    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            if "/Metadata" in pdf.Root:
                del pdf.Root["/Metadata"]
            if "/Info" in pdf.trailer:
                del pdf.trailer["/Info"]
            for page in pdf.pages:
                if "/Metadata" in page.obj:
                    del page.obj["/Metadata"]
            out = io.BytesIO()
            pdf.save(out, fix_metadata_version=False, deterministic_id=True)
            return out.getvalue()
    except Exception as error:
        raise _refused() from error


def clean_upload(upload: Any) -> tuple[str, bytes]:
    """(kind, bytes without metadata), or ValidationError (Thai) when the file is refused."""
    data = _read(upload, conf.max_file_bytes())
    kind = sniff(io.BytesIO(data))
    if kind not in ALLOWED:
        raise _refused()
    clean = strip_pdf(data) if kind == "pdf" else strip_image(data, str(kind))
    return str(kind), clean


def store(kind: str, clean: bytes) -> files.StoredBytes:
    """Kept encrypted: a copy of the file store (a backup) shows nothing of it."""
    return files.bytes_store(crypto.encrypt(clean), folder=FOLDER, extension="bin")


def read(path: str) -> bytes:
    return crypto.decrypt(files.read_bytes(path))
