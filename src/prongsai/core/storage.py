"""The file system storage behind `prongsai.core.files` (PRONGSAI_STORAGE_URL is read by
`prongsai.env_urls`).

- Default (a laptop, one machine): the file system under MEDIA_ROOT, each file written to a
  temporary name, synced and renamed, so no reader and no crash ever sees half a file.
- `s3://bucket?endpoint=…&region=…`: S3-compatible object storage through django-storages
  (several machines share one store). An object appears only once its upload is complete.
"""

from __future__ import annotations

import os
import uuid
from typing import Any

from django.core.files.storage import FileSystemStorage


class AtomicFileSystemStorage(FileSystemStorage):
    """Django's file system storage, but a file is complete or absent: written beside its final
    name under a temporary one, synced to disk, then renamed over it."""

    def _save(self, name: str, content: Any) -> str:
        full = self.path(name)
        directory = os.path.dirname(full)
        os.makedirs(directory, exist_ok=True)
        tmp = os.path.join(directory, f".{uuid.uuid4().hex}.part")
        try:
            with open(tmp, "xb") as out:
                if hasattr(content, "seek"):
                    content.seek(0)
                for chunk in content.chunks():
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            if self.file_permissions_mode is not None:
                os.chmod(tmp, self.file_permissions_mode)
            os.replace(tmp, full)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        return str(name).replace("\\", "/")

    def get_available_name(self, name: str, max_length: int | None = None) -> str:
        return name  # names are fresh random ones, or a restore's exact ones: replace
