"""Where the Sarabun font files are: installed from PyPI (`fontpkg-sarabun`), never committed."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import fontpkg

FAMILY = "Sarabun"


@cache
def font_path(weight: int = 400, italic: bool = False) -> Path:
    return Path(fontpkg.path("sarabun", weight, style="italic" if italic else "normal"))


@cache
def font_dir() -> Path:
    return font_path(400).parent
