"""Files Prongsai keeps under MEDIA_ROOT (outside the web root): uploaded evidence, and the
official copies of approved plans and finalised reports. Written atomically, read back only
through views that check access first, always as attachments."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import models
from django.http import FileResponse, Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)


def media_root() -> Path:
    return Path(settings.MEDIA_ROOT)


def absolute(relative: str) -> Path:
    """The file's path, refusing (ValueError) any path that would leave MEDIA_ROOT."""
    root = media_root().resolve()
    full = (root / relative).resolve()
    if root not in full.parents:
        raise ValueError("path escapes MEDIA_ROOT")
    return full


@dataclass(frozen=True)
class StoredBytes:
    path: str  # relative to MEDIA_ROOT
    size: int
    sha256: str


def bytes_store(data: bytes, *, folder: str, extension: str) -> StoredBytes:
    """Write `data` to a new file under MEDIA_ROOT/folder: to a temporary name, synced, renamed."""
    target_dir = media_root() / folder
    target_dir.mkdir(parents=True, exist_ok=True)
    tmp = target_dir / f".{uuid.uuid4().hex}.part"
    final = target_dir / f"{uuid.uuid4().hex}.{extension}"
    try:
        with tmp.open("xb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        tmp.replace(final)
    finally:
        tmp.unlink(missing_ok=True)
    return StoredBytes(
        final.relative_to(media_root()).as_posix(), len(data), hashlib.sha256(data).hexdigest()
    )


def bytes_read(relative: str) -> bytes | None:
    """The content of a kept file, or None when it is gone (or the path is not ours)."""
    try:
        return absolute(relative).read_bytes()
    except (FileNotFoundError, IsADirectoryError, ValueError):
        return None


def attachment(relative: str, *, filename: str, content_type: str) -> FileResponse:
    """A kept file as a download (never shown inline, never cached); 404 when it is gone."""
    try:
        handle = absolute(relative).open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404("ไม่พบไฟล์") from None
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type=content_type
    )
    response["Cache-Control"] = "private, no-store"
    return response


def official_stamp(moment: dt.datetime) -> str:
    """The local date and time of an official act for a file name, B.E.: 25671121-1430."""
    local = timezone.localtime(moment)
    return f"{local.year + 543}{local:%m%d-%H%M}"


# Said after the act when its copy could not be kept (the failure is in the log).
NO_COPY = _("เก็บสำเนา PDF ของฉบับนี้ไม่ได้ (ดูบันทึกของระบบ) แจ้งผู้ดูแลระบบ ส่วนการดำเนินการเสร็จเรียบร้อยแล้ว")


class OfficialCopy(models.Model):
    """The PDF of a document as it stood when it became official (a plan approved, a report
    finalised), kept with the history entry of that act: reopening and changing the document
    later never changes what was approved or sent."""

    copy_path = models.CharField(_("สำเนาเอกสาร"), max_length=300, blank=True)
    copy_size = models.PositiveIntegerField(default=0)
    copy_sha256 = models.CharField(max_length=64, blank=True)

    class Meta:
        abstract = True

    def keep_copy(self, render_pdf: Callable[[], bytes], *, folder: str) -> None:
        """Render and keep the copy. A document that fails to render, or a disk that refuses the
        file, must not stop the act itself: the failure is logged and the entry has no copy."""
        try:
            data = render_pdf()
            stored = bytes_store(data, folder=folder, extension="pdf")
        except Exception:
            logger.exception("the official copy could not be rendered or written (%s)", folder)
            return
        self.copy_path, self.copy_size, self.copy_sha256 = (
            stored.path,
            stored.size,
            stored.sha256,
        )
        self.save(update_fields=["copy_path", "copy_size", "copy_sha256"])
