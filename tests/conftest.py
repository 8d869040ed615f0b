from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings as hypothesis_settings

# Local runs explore new random inputs every time; CI (.ci/run sets HYPOTHESIS_PROFILE=ci) runs
# the same derandomised examples, so a red CI always means a change broke something.
hypothesis_settings.register_profile("ci", derandomize=True, database=None)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

SEEDS_DIR = (Path(__file__).resolve().parents[1] / ".." / "shared" / "seeds").resolve()


@pytest.fixture(autouse=True)
def _fast_passwords(settings: Any, tmp_path: Path) -> Any:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "uploads"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    # Cached figures and page fragments are keyed by a data version that restarts with every
    # test database: start each test with an empty cache.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
    # a request in English leaves the thread's language active: do not let it reach the next test
    from django.utils import translation

    translation.deactivate()
    # nor the digit style of the last agency a test reached through its access check
    from prongsai.core import thai

    thai.set_page_digits(None)


@pytest.fixture
def world(db: Any) -> Any:
    from tests.authz.world import build_world

    return build_world()


@pytest.fixture
def seeds_dir() -> Path:
    if not SEEDS_DIR.is_dir():
        pytest.skip("../shared/seeds is not present: the real-document tests need it")
    return SEEDS_DIR
