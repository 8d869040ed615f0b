"""Serve the Sarabun web font from the `fontpkg-sarabun` package, so no font file is committed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage

from prongsai.core.fonts import font_dir

PREFIX = "fonts"


class FontPackageFinder(BaseFinder):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.storage = FileSystemStorage(location=str(font_dir()))
        self.storage.prefix = PREFIX  # type: ignore[attr-defined]

    def check(self, **kwargs: Any) -> list[Any]:
        return []

    def find(self, path: str, find_all: bool = False, **kwargs: Any) -> Any:
        if not path.startswith(PREFIX + "/"):
            return [] if find_all else None
        candidate = Path(font_dir()) / path[len(PREFIX) + 1 :]
        if candidate.is_file() and candidate.suffix == ".ttf":
            return [str(candidate)] if find_all else str(candidate)
        return [] if find_all else None

    def list(self, ignore_patterns: Any) -> Iterator[tuple[str, FileSystemStorage]]:
        for name in sorted(Path(font_dir()).glob("Sarabun-*.ttf")):
            yield name.name, self.storage
