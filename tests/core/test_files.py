"""Kept files go through Django's storage: names can never leave the store, a file is written
whole or not at all, downloads are attachments that are never cached."""

import io
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.files.storage import storages
from django.test import Client
from django.urls import reverse

from prongsai.core import files
from prongsai.jobs.models import DocumentJob
from tests.authz.world import PASSWORD
from tests.core.test_settings import settings_printing

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "name",
    [
        "../secret",
        "jobs/../../etc/passwd",
        "/etc/passwd",
        "jobs\\..\\x",
        "jobs//x",
        "./x",
        "jobs/x\x00.pdf",
        "",
        "a" * 301,
    ],
)
def test_a_name_that_could_leave_the_store_is_refused(name: str) -> None:
    with pytest.raises(ValueError):
        files.safe_name(name)
    assert files.exists(name) is False
    with pytest.raises(FileNotFoundError):
        files.open_file(name)


def test_kept_bytes_read_back_and_delete_through_the_storage(settings: Any) -> None:
    stored = files.bytes_store(b"%PDF-1.4 a copy", folder="copies/x", extension="pdf")
    assert stored.path.startswith("copies/x/") and stored.path.endswith(".pdf")
    assert files.read_bytes(stored.path) == b"%PDF-1.4 a copy"
    assert files.exists(stored.path)
    assert stored.path in set(files.all_names())
    # on the file system: under MEDIA_ROOT, through the storage Django is configured with
    assert (Path(settings.MEDIA_ROOT) / stored.path).read_bytes() == b"%PDF-1.4 a copy"
    assert storages["default"].exists(stored.path)
    files.delete(stored.path)
    assert not files.exists(stored.path)
    files.delete(stored.path)  # already gone: nothing happens


def test_a_write_that_fails_midway_leaves_no_file_and_no_partial_one(settings: Any) -> None:
    class Breaks(io.BytesIO):
        reads = 0

        def read(self, size: int | None = -1) -> bytes:
            self.reads += 1
            if self.reads > 7:  # the hash pass reads it whole (5 reads); the write pass breaks
                raise OSError("disk went away")
            return super().read(size)

    source = Breaks(b"x" * (200 * 1024))
    with pytest.raises(OSError):
        files.stream_store(source, folder="evidence", extension="pdf")
    folder = Path(settings.MEDIA_ROOT) / "evidence"
    assert source.reads > 7
    assert not folder.exists() or list(folder.iterdir()) == []


def test_a_batch_whose_recorded_name_leaves_the_store_is_not_served(
    world: Any, settings: Any, tmp_path: Path
) -> None:
    """A result_path pointing outside the store (a bad row, an edited database) is a 404, as for
    evidence: job_download used to join it onto MEDIA_ROOT and serve whatever it named."""
    secret = Path(settings.MEDIA_ROOT).parent / "secret.zip"
    secret.parent.mkdir(parents=True, exist_ok=True)
    secret.write_bytes(b"PK not yours")
    job = DocumentJob.objects.create(
        agency=world.agency,
        fiscal_year=2567,
        kinds=["plan"],
        formats=["pdf"],
        status=DocumentJob.Status.DONE,
        result_path="../secret.zip",
    )
    client = Client()
    client.login(username="editor", password=PASSWORD)
    response = client.get(reverse("jobs:download", args=[world.agency.slug, job.pk]))
    assert response.status_code == 404
    job.result_path = str(secret)  # an absolute path
    job.save()
    assert client.get(reverse("jobs:download", args=[world.agency.slug, job.pk])).status_code == 404


def test_a_batch_downloads_from_the_store_as_an_uncached_attachment(world: Any) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("plan.pdf", b"%PDF-1.4")
    stored = files.stream_store(buffer, name="jobs/ours-2567-1.zip")
    job = DocumentJob.objects.create(
        agency=world.agency,
        fiscal_year=2567,
        kinds=["plan"],
        formats=["pdf"],
        status=DocumentJob.Status.DONE,
        result_path=stored.path,
    )
    client = Client()
    client.login(username="viewer", password=PASSWORD)
    response = client.get(reverse("jobs:download", args=[world.agency.slug, job.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert f"ours-cycle-2567-{job.pk}.zip" in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content) == buffer.getvalue()
    # another agency's officer: the access check comes first
    client.login(username="other", password=PASSWORD)
    assert client.get(reverse("jobs:download", args=[world.agency.slug, job.pk])).status_code == 404


def test_on_object_storage_a_download_can_redirect_to_a_short_signed_url(
    world: Any, settings: Any, monkeypatch: Any
) -> None:
    asked: dict[str, Any] = {}

    class FakeBucket:
        bucket_name = "prongsai"

        def exists(self, name: str) -> bool:
            return name == "jobs/a.zip"

        def url(self, name: str, parameters: Any = None, expire: Any = None) -> str:
            asked.update(name=name, parameters=parameters, expire=expire)
            return f"http://objects.example/{name}?signature=x"

    settings.PRONGSAI_STORAGE_SIGNED_URLS = True
    monkeypatch.setattr(files, "storage", FakeBucket)
    response = files.attachment("jobs/a.zip", filename="ก.zip", content_type="application/zip")
    assert response.status_code == 302
    assert response["Location"].startswith("http://objects.example/jobs/a.zip")
    assert response["Cache-Control"] == "private, no-store"
    assert asked["expire"] == 60
    assert asked["parameters"]["ResponseContentDisposition"].startswith("attachment")
    with pytest.raises(Exception, match="ไม่พบไฟล์"):
        files.attachment("jobs/b.zip", filename="b.zip", content_type="application/zip")


def _settings_with(**env: str) -> subprocess.CompletedProcess[str]:
    return settings_printing(
        "print(s.STORAGES['default']['BACKEND']); print(s.CACHES['default']['BACKEND'])", **env
    )


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"PRONGSAI_STORAGE_URL": "ftp://x"}, "PRONGSAI_STORAGE_URL"),
        ({"PRONGSAI_STORAGE_URL": "s3://?endpoint=http://x"}, "PRONGSAI_STORAGE_URL"),
        ({"PRONGSAI_STORAGE_URL": "s3://b?endpont=http://x"}, "PRONGSAI_STORAGE_URL"),
        ({"PRONGSAI_STORAGE_URL": "s3://b?endpoint=x:1"}, "PRONGSAI_STORAGE_URL"),
        (
            {"PRONGSAI_STORAGE_URL": "s3://b", "PRONGSAI_STORAGE_ACCESS_KEY": "k"},
            "PRONGSAI_STORAGE_SECRET_KEY",
        ),
        ({"PRONGSAI_CACHE_URL": "memcached://x"}, "PRONGSAI_CACHE_URL"),
        ({"PRONGSAI_CACHE_URL": "redis://h:port/0"}, "PRONGSAI_CACHE_URL"),
        ({"PRONGSAI_CACHE_URL": "redis://h:6379/zero"}, "PRONGSAI_CACHE_URL"),
    ],
)
def test_a_bad_storage_or_cache_url_stops_start_up_naming_the_variable(
    env: dict[str, str], named: str
) -> None:
    result = _settings_with(**env)
    assert result.returncode != 0
    assert named in result.stderr


def test_object_storage_and_redis_are_chosen_from_the_environment() -> None:
    result = _settings_with(
        PRONGSAI_STORAGE_URL="s3://prongsai?endpoint=http://127.0.0.1:8333&region=th-1",
        PRONGSAI_STORAGE_ACCESS_KEY="key",
        PRONGSAI_STORAGE_SECRET_KEY="secret",
        PRONGSAI_CACHE_URL="redis://127.0.0.1:6379/0",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "storages.backends.s3.S3Storage",
        "django.core.cache.backends.redis.RedisCache",
    ]
    default = _settings_with()
    assert default.stdout.split() == [
        "prongsai.core.storage.AtomicFileSystemStorage",
        "django.core.cache.backends.locmem.LocMemCache",
    ]
