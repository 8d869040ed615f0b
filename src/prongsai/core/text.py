"""Text as it may be stored and written into documents and spreadsheets (no Django here: the
document engine uses it too).

DOCX, XLSX and ODF are XML, and XML 1.0 cannot hold most control characters: one vertical tab
pasted from Word (its manual line break) made every DOCX of the agency, the XLSX exports and
whole document batches fail. `clean_text` is applied on the way in (every form field through
`core.security.ControlCharacterMiddleware`, every importer) and again on the way out (the DOCX
and XLSX writers), so text saved before still renders."""

from __future__ import annotations

import re
from typing import Any

# C0 controls except tab, newline and carriage return; lone surrogates; U+FFFE and U+FFFF
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_BREAKS = re.compile("[\x0b\x0c]")  # Word's manual line break and page break, as copied


def clean_text(text: str) -> str:
    """`text` with a vertical tab or form feed turned into a line break and every other
    character XML cannot hold removed."""
    if not _NOT_XML.search(text):
        return text
    return _NOT_XML.sub("", _BREAKS.sub("\n", text))


def clean_strings(value: Any) -> Any:
    """`clean_text` on every string inside lists, tuples and dicts (keys too), e.g. a parsed
    YAML or JSON document."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list | tuple):
        return type(value)(clean_strings(item) for item in value)
    if isinstance(value, dict):
        return {clean_strings(k): clean_strings(v) for k, v in value.items()}
    return value
