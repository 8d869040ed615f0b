"""The one exception every import failure raises, with a Thai message and a stable code."""

from __future__ import annotations


class DocumentImportError(Exception):
    """A file could not be read as a document.

    `code` is stable and meant for programs (tests, API clients, log filters); `message` is Thai
    and meant for the person who uploaded the file.
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"DocumentImportError(code={self.code!r}, message={self.message!r})"
