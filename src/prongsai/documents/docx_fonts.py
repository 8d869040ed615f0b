"""Sarabun embedded in every DOCX we write, so the document looks as written on a computer that
does not have the font (most office PCs have TH Sarabun, not Google's Sarabun): Word and
LibreOffice use the embedded copy; the font's licence (OFL, fsType 0) allows it.

WordprocessingML embeds a font as an "obfuscated" part (ECMA-376 Part 1, §17.8.1): the first 32
bytes of the TTF are XORed with a key taken from a GUID, which w:fontTable names next to the part.
The GUID is derived from the font file itself, so the same document renders to the same bytes.
"""

from __future__ import annotations

import hashlib
import uuid
from pathlib import Path
from typing import Any

from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from lxml import etree

from prongsai.core.fonts import font_path
from prongsai.documents.docx_xml import FONT, el

FONT_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
FONT_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/font"
THAI_CHARSET = "DE"  # 222, THAI_CHARSET in Windows' terms

# w:embedXxx in w:font, in schema order, with the Sarabun file each one takes.
STYLES = {
    "embedRegular": (400, False),
    "embedBold": (700, False),
    "embedItalic": (400, True),
    "embedBoldItalic": (700, True),
}


def font_key(data: bytes) -> str:
    """A GUID in Word's "{XXXXXXXX-…}" form, the same for the same font file."""
    return "{" + str(uuid.UUID(bytes=hashlib.sha256(data).digest()[:16])).upper() + "}"


def obfuscate(data: bytes, key: str) -> bytes:
    """XOR the first 32 bytes with the key's 16 bytes, read from the GUID's end (the same
    operation turns an embedded font back into the TTF)."""
    secret = bytes.fromhex(key.strip("{}").replace("-", ""))[::-1]
    head = bytes(b ^ secret[i % 16] for i, b in enumerate(data[:32]))
    return head + data[32:]


def embed_sarabun(document: Any, *, italic: bool) -> None:
    """Embed regular and bold Sarabun (and the italics when the document uses them)."""
    package = document.part.package
    table = next(p for p in package.iter_parts() if p.partname == "/word/fontTable.xml")
    root = parse_xml(table.blob)
    for old in root.findall(qn("w:font")):
        if old.get(qn("w:name")) == FONT:
            root.remove(old)
    font = el("font", name=FONT)
    font.append(el("charset", val=THAI_CHARSET))
    font.append(el("family", val="auto"))
    font.append(el("pitch", val="variable"))
    for number, (tag, (weight, is_italic)) in enumerate(STYLES.items(), start=1):
        if is_italic and not italic:
            continue
        data = Path(font_path(weight, is_italic)).read_bytes()
        key = font_key(data)
        part = Part(
            PackURI(f"/word/fonts/font{number}.odttf"),
            FONT_CONTENT_TYPE,
            obfuscate(data, key),
            package,
        )
        embedded = el(tag, fontKey=key)
        embedded.set(qn("r:id"), table.relate_to(part, FONT_RELATIONSHIP))
        font.append(embedded)
    root.append(font)
    table._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    _ask_to_keep_them(document.settings.element)


def _ask_to_keep_them(settings: Any) -> None:
    """w:embedTrueTypeFonts: Word keeps the fonts embedded when the officer saves the file.
    It comes after w:zoom and before w:proofState and the rest (CT_Settings order)."""
    if settings.find(qn("w:embedTrueTypeFonts")) is not None:
        return
    flag = el("embedTrueTypeFonts")
    zoom = settings.find(qn("w:zoom"))
    if zoom is not None:
        zoom.addnext(flag)
    else:
        settings.insert(0, flag)
