"""A minimal reader and incremental writer for the PDFs typst writes (classic xref table).

Just enough for `pdf_text`: objects, streams (Flate), dictionaries and content-stream
strings. Not a general PDF library: anything unexpected raises ValueError.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

# --- reading -----------------------------------------------------------------------------------


class Name(str):
    __slots__ = ()


@dataclass(frozen=True)
class Ref:
    num: int
    gen: int = 0


_WS = b" \t\r\n\x0c\x00"
_NUM = re.compile(rb"[+-]?(?:\d+\.?\d*|\.\d+)")
_REF = re.compile(rb"(\d+)\s+(\d+)\s+R(?![^\s()<>\[\]{}/%])")
_REGULAR = re.compile(rb"[^\s()<>\[\]{}/%]+")
_LITERAL = re.compile(rb"\((?:\\.|[^\\()]|\((?:\\.|[^\\()])*\))*\)", re.S)


class Parser:
    """Reads PDF objects (dicts, arrays, names, numbers, strings, refs) and content tokens."""

    def __init__(self, data: bytes, pos: int = 0) -> None:
        self.data = data
        self.pos = pos

    def skip_ws(self) -> None:
        data, pos, n = self.data, self.pos, len(self.data)
        while pos < n:
            c = data[pos]
            if c in _WS:
                pos += 1
            elif c == 0x25:  # % comment
                while pos < n and data[pos] not in b"\r\n":
                    pos += 1
            else:
                break
        self.pos = pos

    def literal(self) -> bytes:
        match = _LITERAL.match(self.data, self.pos)
        if match:
            self.pos = match.end()
            return unescape(match.group()[1:-1])
        depth, pos, data = 0, self.pos, self.data  # deeper nesting: scan by hand
        while True:
            c = data[pos]
            if c == 0x5C:
                pos += 2
                continue
            if c == 0x28:
                depth += 1
            elif c == 0x29:
                depth -= 1
                if depth == 0:
                    raw = data[self.pos + 1 : pos]
                    self.pos = pos + 1
                    return unescape(raw)
            pos += 1

    def value(self) -> Any:
        self.skip_ws()
        data, pos = self.data, self.pos
        c = data[pos : pos + 1]
        if c == b"/":
            match = _REGULAR.match(data, pos + 1)
            end = match.end() if match else pos + 1
            self.pos = end
            return Name(pdf_name(data[pos + 1 : end]))
        if c == b"(":
            return self.literal()
        if data.startswith(b"<<", pos):
            self.pos += 2
            out: dict[str, Any] = {}
            while True:
                self.skip_ws()
                if self.data.startswith(b">>", self.pos):
                    self.pos += 2
                    return out
                key = self.value()
                out[str(key)] = self.value()
        if c == b"<":
            end = data.index(b">", pos)
            self.pos = end + 1
            hexdigits = re.sub(rb"\s", b"", data[pos + 1 : end])
            return bytes.fromhex((hexdigits + b"0" * (len(hexdigits) % 2)).decode())
        if c == b"[":
            self.pos += 1
            items: list[Any] = []
            while True:
                self.skip_ws()
                if self.data[self.pos : self.pos + 1] == b"]":
                    self.pos += 1
                    return items
                items.append(self.value())
        ref = _REF.match(data, pos)
        if ref:
            self.pos = ref.end()
            return Ref(int(ref.group(1)), int(ref.group(2)))
        match = _REGULAR.match(data, pos)
        if not match:
            raise ValueError(f"unexpected byte at {pos}")
        self.pos = match.end()
        word = match.group()
        if _NUM.fullmatch(word):
            return float(word) if b"." in word else int(word)
        return {b"true": True, b"false": False, b"null": None}.get(word, Op(word))


class Op(bytes):
    """A bare keyword: a content-stream operator."""


_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}
_ESC = re.compile(rb"\\([0-7]{1,3}|\r\n|.)", re.S)


def unescape(raw: bytes) -> bytes:
    def sub(match: re.Match[bytes]) -> bytes:
        s = match.group(1)
        if s[:1].isdigit():
            return bytes([int(s, 8) & 0xFF])
        if s in (b"\n", b"\r", b"\r\n"):
            return b""
        return _ESCAPES.get(s, s)

    return _ESC.sub(sub, raw) if b"\\" in raw else raw


def pdf_name(raw: bytes) -> str:
    return re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), raw).decode(
        "latin-1"
    )


class Pdf:
    """Objects of a PDF with one classic xref table (what typst writes)."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        start = int(re.findall(rb"startxref\s+(\d+)", data[-1024:])[-1])
        if not data.startswith(b"xref", start):
            raise ValueError("not a classic xref table")
        self.offsets: dict[int, int] = {}
        lines = iter(data[start + 4 : data.index(b"trailer", start)].split(b"\n"))
        for line in lines:
            parts = line.split()
            if len(parts) != 2:
                continue
            first, count = int(parts[0]), int(parts[1])
            for num in range(first, first + count):
                entry = next(lines).split()
                if entry[2] == b"n":
                    self.offsets[num] = int(entry[0])
        trailer = Parser(data, data.index(b"trailer", start) + 7).value()
        if "Prev" in trailer or "XRefStm" in trailer:
            raise ValueError("incremental or hybrid PDFs are not handled")
        self.trailer: dict[str, Any] = trailer
        self.startxref = start
        self._cache: dict[int, tuple[Any, int | None]] = {}

    def _header(self, num: int) -> tuple[Any, int | None]:
        if num not in self._cache:
            parser = Parser(self.data, self.offsets[num])
            parser.value(), parser.value()  # "N G"
            parser.skip_ws()
            parser.pos += 3  # obj
            value = parser.value()
            parser.skip_ws()
            stream = None
            if self.data.startswith(b"stream", parser.pos):
                stream = parser.pos + 6
                stream += 2 if self.data.startswith(b"\r\n", stream) else 1
            self._cache[num] = (value, stream)
        return self._cache[num]

    def get(self, value: Any) -> Any:
        return self._header(value.num)[0] if isinstance(value, Ref) else value

    def stream(self, ref: Ref) -> bytes:
        head, start = self._header(ref.num)
        if start is None:
            raise ValueError(f"object {ref.num} is not a stream")
        raw = self.data[start : start + int(self.get(head["Length"]))]
        filters = self.get(head.get("Filter"))
        filters = [filters] if isinstance(filters, str) else filters or []
        for name in filters:
            if name != "FlateDecode":
                raise ValueError(f"unsupported filter {name}")
            raw = zlib.decompress(raw)
        return raw


# --- writing ----------------------------------------------------------------------------------


FLATE_LEVEL = 6


def flate(content: bytes) -> bytes:
    """A stream's content compressed as `append_update` writes it (zlib releases the GIL while
    it works, so `pdf_text` runs this in threads while it goes on reading)."""
    return zlib.compress(content, FLATE_LEVEL)


def append_update(
    pdf: Pdf, changed: dict[int, bytes], packed: Mapping[int, bytes] | None = None
) -> bytes:
    """The PDF with new contents for the given stream objects, as an incremental update:
    the original bytes, then the new objects, a new xref section and a trailer with /Prev.
    `packed`: the contents already compressed with `flate`, by object number."""
    out = bytearray(pdf.data)
    if not out.endswith(b"\n"):
        out += b"\n"
    offsets: dict[int, int] = {}
    for num, content in sorted(changed.items()):
        head = dict(pdf.get(Ref(num)))
        packed_content = packed[num] if packed is not None and num in packed else flate(content)
        head.pop("DecodeParms", None)
        head["Filter"] = Name("FlateDecode")
        head["Length"] = len(packed_content)
        offsets[num] = len(out)
        out += b"%d 0 obj\n" % num + serialise(head) + b"\nstream\n" + packed_content
        out += b"\nendstream\nendobj\n"
    xref = len(out)
    out += b"xref\n"
    for num, offset in sorted(offsets.items()):
        out += b"%d 1\n%010d 00000 n\r\n" % (num, offset)
    trailer = {k: v for k, v in pdf.trailer.items() if k in ("Size", "Root", "Info", "ID")}
    trailer["Prev"] = pdf.startxref
    out += b"trailer\n" + serialise(trailer) + b"\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def serialise(value: Any) -> bytes:
    if isinstance(value, Name):
        return b"/" + re.sub(
            rb"[^!-~]|[()<>\[\]{}/%#]", lambda m: b"#%02X" % m.group()[0], value.encode("latin-1")
        )
    if isinstance(value, bool):
        return b"true" if value else b"false"
    if value is None:
        return b"null"
    if isinstance(value, Ref):
        return b"%d %d R" % (value.num, value.gen)
    if isinstance(value, int):
        return b"%d" % value
    if isinstance(value, float):
        return (b"%.6f" % value).rstrip(b"0").rstrip(b".")
    if isinstance(value, bytes):
        return b"<" + value.hex().encode() + b">"
    if isinstance(value, dict):
        return (
            b"<<"
            + b"".join(serialise(Name(k)) + b" " + serialise(v) for k, v in value.items())
            + b">>"
        )
    if isinstance(value, list):
        return b"[" + b" ".join(serialise(v) for v in value) + b"]"
    raise TypeError(f"cannot write {value!r}")
