from __future__ import annotations

from pathlib import Path


def repo_root() -> Path | None:
    """The checkout this package is installed from (editable install), if any."""
    candidate = Path(__file__).resolve().parents[3]
    return candidate if (candidate / "pyproject.toml").is_file() else None
