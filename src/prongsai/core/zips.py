"""Reading zip files someone else wrote (uploads, backups): every way `zipfile` fails on a
damaged or hostile archive, so that each reader refuses it with its own Thai message.

Not only BadZipFile: a central directory asking for a newer zip version or an unknown
compression raises NotImplementedError, a truncated member EOFError, a bad name encoding
UnicodeDecodeError (a ValueError). Found by the hypothesis tests (tests/security)."""

from __future__ import annotations

import zipfile

BROKEN_ZIP: tuple[type[Exception], ...] = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    OSError,
    ValueError,
    EOFError,
    NotImplementedError,
)
