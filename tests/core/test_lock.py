"""The dependency locks (`make install` installs from requirements-dev.lock with hashes) match
pyproject.toml; when they do not, the message says how to regenerate them."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]


def _checker() -> ModuleType:
    spec = importlib.util.spec_from_file_location("lock_check", ROOT / "scripts" / "lock_check.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_dependency_of_pyproject_is_locked_at_an_allowed_version_with_hashes() -> None:
    found = _checker().problems(ROOT)
    assert not found, "\n".join([*found, _checker().FIX])


def test_a_dependency_added_to_pyproject_without_a_new_lock_is_named_with_the_fix(
    tmp_path: Path,
) -> None:
    for name in ("requirements.lock", "requirements-dev.lock"):
        shutil.copy(ROOT / name, tmp_path / name)
    text = (ROOT / "pyproject.toml").read_text()
    text = text.replace(
        "dependencies = [\n", 'dependencies = [\n    "prongsai-not-locked-yet>=1.0",\n', 1
    )
    text = text.replace('"Django>=5.2,<5.3"', '"Django>=6.0"', 1)
    (tmp_path / "pyproject.toml").write_text(text)
    checker = _checker()
    found = checker.problems(tmp_path)
    assert any("prongsai-not-locked-yet" in p and "not in the lock" in p for p in found), found
    assert any(p.startswith("requirements.lock: Django==5.2") and "Django>=6.0" in p for p in found)
    assert "make lock" in checker.FIX


def test_make_install_uses_the_lock_with_hashes() -> None:
    makefile = (ROOT / "Makefile").read_text()
    assert "pip install --quiet --require-hashes -r $(DEV_LOCK)" in makefile
    assert "pip install --quiet --no-deps -e ." in makefile
