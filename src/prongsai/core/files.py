"""Every file Prongsai keeps — uploaded evidence, the official copies of approved plans and
finalised reports, document batches, imports waiting for a worker — goes through this module, over
Django's storage API (`storages["default"]`: the file system under MEDIA_ROOT, or S3-compatible
object storage shared by several machines, see `prongsai.core.storage`).

Its guarantees, whatever the storage:
- a name is always relative and can never leave the store (`safe_name`, ValueError otherwise);
- a file is written whole or not at all (atomic rename on disk, one complete upload on S3);
- files are read back only through views that check access first, always as attachments, never
  cached (`attachment`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import logging
import posixpath
import shutil
import tempfile
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO, Any

from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import Storage, storages
from django.db import models
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

_CHUNK = 64 * 1024


def storage() -> Storage:
    return storages["default"]


def safe_name(name: str) -> str:
    """`name` as a clean relative name inside the store; ValueError for anything that could
    leave it or is not a plain file name (absolute, `..`, backslashes, control characters)."""
    if not isinstance(name, str) or not name or len(name) > 300:
        raise ValueError("bad stored file name")
    if name.startswith("/") or "\\" in name or any(ord(c) < 32 or ord(c) == 127 for c in name):
        raise ValueError("bad stored file name")
    parts = name.split("/")
    if any(p in ("", ".", "..") for p in parts):
        raise ValueError("stored file name escapes the store")
    return posixpath.join(*parts)


class StoredPath(models.CharField):
    """A CharField holding the name of a file kept through this module. Backups check that every
    file named by such a field is there (`referenced_names`). Stored as a plain CharField (its
    migrations say CharField), so adding it to a model changes no schema. No default for `blank`:
    a default would come back on every clone and undo an explicit `blank=False`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 300)
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.CharField", args, kwargs


def referenced_names() -> Iterator[tuple[str, str]]:
    """(model label, file name) of every file the database names, through `StoredPath` fields."""
    from django.apps import apps

    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, StoredPath):
                values = (
                    model._default_manager.exclude(**{field.name: ""})
                    .order_by()
                    .values_list(field.name, flat=True)
                    .iterator(chunk_size=2000)
                )
                for value in values:
                    yield model._meta.label_lower, value


@dataclass(frozen=True)
class StoredBytes:
    path: str  # the file's name in the store
    size: int
    sha256: str


def new_name(folder: str, extension: str) -> str:
    return safe_name(f"{folder.strip('/')}/{uuid.uuid4().hex}.{extension}")


def bytes_store(data: bytes, *, folder: str, extension: str) -> StoredBytes:
    """Keep `data` as a new file in `folder`, whole or not at all."""
    name = storage().save(new_name(folder, extension), ContentFile(data))
    return StoredBytes(name, len(data), hashlib.sha256(data).hexdigest())


def stream_store(
    source: IO[bytes], *, folder: str = "", extension: str = "", name: str = ""
) -> StoredBytes:
    """Keep what a file object holds (read from its start, in chunks: memory stays flat), as a
    new file in `folder` or under the exact `name` (replacing one of that name)."""
    target = safe_name(name) if name else new_name(folder, extension)
    digest = hashlib.sha256()
    size = 0
    source.seek(0)
    while chunk := source.read(_CHUNK):
        digest.update(chunk)
        size += len(chunk)
    source.seek(0)
    saved = storage().save(target, File(source, name=posixpath.basename(target)))
    return StoredBytes(saved, size, digest.hexdigest())


def local_store(path: Any, *, folder: str = "", extension: str = "", name: str = "") -> StoredBytes:
    """Keep a local file (a batch rendered on a worker's disk, a checked upload)."""
    with open(path, "rb") as source:
        return stream_store(source, folder=folder, extension=extension, name=name)


def open_file(name: str) -> IO[bytes]:
    """The kept file for reading; FileNotFoundError when it is not there (or the name is bad)."""
    try:
        clean = safe_name(name)
    except ValueError:
        raise FileNotFoundError(name) from None
    store = storage()
    try:
        return store.open(clean, "rb")
    except FileNotFoundError:
        raise
    except OSError as e:  # a store that is not there
        raise FileNotFoundError(name) from e
    except Exception as e:  # django-storages raises its own errors for a missing object
        if not store.exists(clean):
            raise FileNotFoundError(name) from e
        raise


def read_bytes(name: str) -> bytes:
    with open_file(name) as f:
        return f.read()


def copy_to(name: str, target: IO[bytes]) -> None:
    """Write the kept file into an open file object, in chunks."""
    with open_file(name) as f:
        shutil.copyfileobj(f, target, _CHUNK)


def exists(name: str) -> bool:
    try:
        return storage().exists(safe_name(name))
    except ValueError:
        return False


def delete(name: str) -> None:
    """Remove a kept file; nothing happens when it is already gone (or the name is bad)."""
    if not name:
        return
    try:
        clean = safe_name(name)
    except ValueError:
        return
    with contextlib.suppress(FileNotFoundError):
        storage().delete(clean)


def all_names(folder: str = "") -> Iterator[str]:
    """Every file in the store (or under `folder`), temporary ones left out, sorted per folder."""
    store = storage()
    try:
        dirs, names = store.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(names):
        if not name.startswith("."):
            yield posixpath.join(folder, name) if folder else name
    for d in sorted(dirs):
        if not d.startswith("."):
            yield from all_names(posixpath.join(folder, d) if folder else d)


def temporary_file() -> Any:
    """A local scratch file for work before a file is kept (removed when closed)."""
    return tempfile.NamedTemporaryFile(prefix="prongsai-", dir=settings.FILE_UPLOAD_TEMP_DIR)


def attachment(name: str, *, filename: str, content_type: str) -> HttpResponseBase:
    """A kept file as a download (never shown inline, never cached); 404 when it is gone or the
    name is bad. Call it only after the view's access check: on S3 with signed URLs on, the
    answer is a redirect to a URL valid for a minute."""
    try:
        clean = safe_name(name)
    except ValueError:
        raise Http404("ไม่พบไฟล์") from None
    response: HttpResponseBase
    if settings.PRONGSAI_STORAGE_SIGNED_URLS and hasattr(storage(), "bucket_name"):
        if not storage().exists(clean):
            raise Http404("ไม่พบไฟล์")
        disposition = content_disposition_header(True, filename) or "attachment"
        url = storage().url(  # type: ignore[call-arg]
            clean,
            parameters={
                "ResponseContentDisposition": disposition,
                "ResponseContentType": content_type,
                "ResponseCacheControl": "private, no-store",
            },
            expire=60,
        )
        response = HttpResponseRedirect(url)
    else:
        try:
            handle = open_file(clean)
        except FileNotFoundError:
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

    copy_path = StoredPath(_("สำเนาเอกสาร"), blank=True)
    copy_size = models.PositiveIntegerField(default=0)
    copy_sha256 = models.CharField(max_length=64, blank=True)

    class Meta:
        abstract = True

    def keep_copy(self, render_pdf: Callable[[], bytes], *, folder: str) -> None:
        """Render and keep the copy. A document that fails to render, or a store that refuses
        the file, must not stop the act itself: the failure is logged and the entry has no copy."""
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
