from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings as hypothesis_settings

# Local runs explore new random inputs every time; CI (.ci/run sets HYPOTHESIS_PROFILE=ci) runs
# the same derandomised examples, so a red CI always means a change broke something.
hypothesis_settings.register_profile("ci", derandomize=True, database=None)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

SEEDS_DIR = (Path(__file__).resolve().parents[1] / ".." / "shared" / "seeds").resolve()


FAST_TEST_SETTINGS: dict[str, Any] = {
    "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
    "TASKS": {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}},
}


@pytest.fixture(autouse=True)
def _fast_passwords(settings: Any, tmp_path: Path) -> Any:
    for name, value in FAST_TEST_SETTINGS.items():
        setattr(settings, name, value)
    settings.MEDIA_ROOT = tmp_path / "uploads"
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


@pytest.fixture(scope="module")
def module_world(
    django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Any:
    """The authorization world, built once for a module of read-mostly tests.

    It is written inside a transaction held open for the whole module, so every test's own
    transaction (the `db` fixture) is a savepoint inside it: what a test writes is rolled back
    after it, and the world itself is rolled back when the module ends. Use it through
    `shared_world`, never alone.
    """
    from django.db import transaction
    from django.test.utils import override_settings

    from tests.authz.world import build_world

    media_root = tmp_path_factory.mktemp("world-uploads")
    overrides = override_settings(MEDIA_ROOT=media_root, **FAST_TEST_SETTINGS)
    with django_db_blocker.unblock():
        overrides.enable()
        outer = transaction.atomic()
        outer.__enter__()
        try:
            built = build_world()
            built.media_root = media_root
            yield built
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            overrides.disable()


@pytest.fixture
def shared_world(db: Any, module_world: Any, _fast_passwords: Any, settings: Any) -> Any:
    """The module's world for one test: its writes are undone after the test."""
    settings.MEDIA_ROOT = module_world.media_root
    return module_world


@pytest.fixture
def seeds_dir() -> Path:
    if not SEEDS_DIR.is_dir():
        pytest.skip("../shared/seeds is not present: the real-document tests need it")
    return SEEDS_DIR


@pytest.fixture
def migrations_restored() -> Iterator[None]:
    """For a test that moves the database to older migrations: afterwards every app is at its
    newest migration again, or the test fails (the tests after it would meet an older schema)."""
    from tests.migrating import migrate_to_latest, unapplied

    yield
    migrate_to_latest()
    assert unapplied() == []
