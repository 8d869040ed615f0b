"""Repair the text layer of typst PDFs where Thai clusters come out doubled.

The bug (typst 0.15 / krilla; typst issue #7610): in a Thai cluster with stacked marks, such as
ขั้ (ข + ั + ้), the shaper raises the tone mark with a vertical offset. typst puts the raised
glyph in a separate text item, so krilla sees it alone, without the glyphs it belongs with, and
maps it to the text of the *whole* cluster. The first part of the cluster already carries that
text (as /ActualText or in ToUnicode), so every text extractor (pdftotext, copy and paste,
search engines) reads "ขั้ขั้นตอน" instead of "ขั้นตอน". It happens with any weight, regular
or bold, and looks fine on screen; it is not synthetic bold.

The fix, applied to the finished PDF: a zero-width glyph (a mark) whose text is the complete
cluster just emitted (base letter included) is a repeat, so it is wrapped in an empty
/ActualText span (or its own /ActualText is emptied). The drawing is untouched. Changed
content streams are appended as an incremental update, so the original bytes stay as they are.
If the PDF does not have the expected shape (classic xref table, Type0 fonts), it is returned
unchanged; the tests would then catch the doubled text.
"""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from prongsai.documents.pdf_objects import (
    Parser,
    Pdf,
    Ref,
    append_update,
    flate,
    pdf_name,
    unescape,
)

logger = logging.getLogger(__name__)

# --- fonts: glyph widths and ToUnicode ---------------------------------------------------------


@dataclass
class FontInfo:
    zero_width: set[int] = field(default_factory=set)  # zero-width glyphs mapped to a cluster
    unicode: dict[int, str] = field(default_factory=dict)
    widths: dict[int, float] = field(default_factory=dict)
    default_width: float = 1000.0
    two_byte: bool = True
    # What a text operator in an /ActualText span shows, by its bytes (`_span_shape`): a
    # document repeats the same few clusters thousands of times.
    shapes: dict[bytes, tuple[bool, tuple[float, int] | None]] = field(default_factory=dict)
    # Whether a text operator outside a span starts with a glyph of `zero_width`, by its bytes.
    repeats: dict[bytes, bool] = field(default_factory=dict)

    def is_mark(self, code: int) -> bool:
        """Zero advance width: a combining mark drawn over the glyph before it."""
        return self.widths.get(code, self.default_width) == 0


def _font_info(pdf: Pdf, font: dict[str, Any]) -> FontInfo:
    info = FontInfo()
    if font.get("Subtype") != "Type0":
        info.two_byte = False
        return info  # Type3 / simple fonts: never touched
    cid = pdf.get(pdf.get(font["DescendantFonts"])[0])
    default_width = pdf.get(cid.get("DW", 1000))
    widths: dict[int, float] = {}
    w = pdf.get(cid.get("W", []))
    i = 0
    while i < len(w):
        first = pdf.get(w[i])
        nxt = pdf.get(w[i + 1])
        if isinstance(nxt, list):
            for k, width in enumerate(nxt):
                widths[first + k] = pdf.get(width)
            i += 2
        else:
            for code in range(first, int(nxt) + 1):
                widths[code] = pdf.get(w[i + 2])
            i += 3
    if "ToUnicode" in font:
        info.unicode = {
            code: _clean(text) or ""
            for code, text in _parse_cmap(pdf.stream(font["ToUnicode"])).items()
        }
    info.widths, info.default_width = widths, default_width
    info.zero_width = {
        code for code, text in info.unicode.items() if info.is_mark(code) and _has_base(text)
    }
    return info


_BFCHAR = re.compile(rb"beginbfchar(.*?)endbfchar", re.S)
_BFRANGE = re.compile(rb"beginbfrange(.*?)endbfrange", re.S)
_HEX = re.compile(rb"<([0-9A-Fa-f]*)>")


def _utf16(hexstr: bytes) -> str:
    return bytes.fromhex(hexstr.decode()).decode("utf-16-be", errors="replace")


def _parse_cmap(data: bytes) -> dict[int, str]:
    out: dict[int, str] = {}
    for block in _BFCHAR.findall(data):
        values = _HEX.findall(block)
        for src, dst in zip(values[::2], values[1::2], strict=False):
            out[int(src, 16)] = _utf16(dst)
    for block in _BFRANGE.findall(data):
        for line in block.splitlines():
            values = _HEX.findall(line)
            if len(values) == 3 and b"[" not in line:
                lo, hi, dst = int(values[0], 16), int(values[1], 16), values[2]
                base = int(dst, 16)
                for k in range(hi - lo + 1):
                    out[lo + k] = _utf16(b"%0*X" % (len(dst), base + k))
    return out


_BFCHAR_PAIR = re.compile(rb"(<[0-9A-Fa-f]+>\s*)<([0-9A-Fa-f]*)>")


def _clean_cmap(data: bytes) -> bytes | None:
    """A ToUnicode CMap without the line-break marks in its glyphs' text, or None if it has
    none (typst maps a glyph to "น\u2060" when the mark follows its letter)."""
    if b"200B" not in data.upper() and b"2060" not in data.upper():
        return None
    changed = False

    def fix(match: re.Match[bytes]) -> bytes:
        nonlocal changed
        dst = match.group(2).upper()
        units = [dst[k : k + 4] for k in range(0, len(dst), 4)]
        kept = [u for u in units if u not in (b"200B", b"2060")]
        if len(kept) == len(units):
            return match.group()
        changed = True
        return match.group(1) + b"<" + b"".join(kept or [b"FEFF"]) + b">"

    out = []
    pos = 0
    for block in _BFCHAR.finditer(data):
        out += [data[pos : block.start(1)], _BFCHAR_PAIR.sub(fix, block.group(1))]
        pos = block.end(1)
    out.append(data[pos:])
    return b"".join(out) if changed else None


def _has_base(text: str) -> bool:
    """True if the text has a character that is not a combining mark (a whole cluster)."""
    return any(unicodedata.category(ch)[0] != "M" for ch in text)


# --- content streams -----------------------------------------------------------------------------

_EMPTY_SPAN = b"/Span<</ActualText<FEFF>>>BDC "

_STR = rb"\((?:\\.|[^\\()]|\((?:\\.|[^\\()])*\))*\)|<[0-9A-Fa-f\s]*>"
# The content-stream constructs that matter, found in one pass. Strings are matched whole
# (last alternative), so an operator name inside glyph bytes is never taken for an operator.
_NAME = rb"/[^\s/\[\]()<>{}%]+"
# The same strings and numbers for that scan, read in runs and without backtracking: each has
# one reading (a string's character is an escape, a paren or neither), so the matches are the
# same (checked on 11 MB of typst's content streams) and found ~20 % faster.
_NUM_RUNS = rb"[-+]?+(?:\d++\.?+\d*+|\.\d++)"  # a number is followed by a space there
_STR_RUNS = rb"\((?:[^\\()]++|\\.|\((?:[^\\()]++|\\.)*+\))*+\)|<[0-9A-Fa-f\s]*+>"
_CONTENT = re.compile(
    rb"(?=[/\[(<E])(?:"
    # A text operator, with the font and position krilla writes before each one (the font is
    # read from the same match: one step of the loop instead of two).
    rb"(?P<tj>(?:(?P<span>/Span\s*(?P<sprops><</ActualText\s*<[0-9A-Fa-f]*+>\s*>>)\s*BDC\s*)?"
    rb"(?:(?P<mode>[0-7])\s+Tr\s*)?/(?P<tjfont>[^\s/\[\]()<>{}%]++)\s+"
    + _NUM_RUNS
    + rb"\s+Tf\s+(?:"
    + _NUM_RUNS
    + rb"\s+){6}Tm\s*)?"
    rb"(?P<show>(?P<arr>\[(?:" + _STR_RUNS + rb"|[^\]\(<]++)*+\])\s*TJ"
    rb"|(?P<one>" + _STR_RUNS + rb")\s*Tj)"
    rb"(?P<tjemc>\s*EMC(?![^\s/\[(<%]))?)"
    rb"|(?P<tf>/(?P<font>[^\s/\[\]()<>{}%]+)\s+[-+\d.]+\s+Tf)"
    rb"|(?P<actual>" + _NAME + rb"\s*(?P<props><</ActualText\s*(?:" + _STR_RUNS + rb")\s*>>)\s*BDC)"
    rb"|(?P<bdc>"
    + _NAME
    + rb"\s*(?:<<(?:"
    + _STR_RUNS
    + rb"|[^<>()]++|<<[^<>]*>>)*+>>|"
    + _NAME
    + rb")\s*BDC)"
    rb"|(?P<bmc>" + _NAME + rb"\s*BMC)"
    rb"|(?P<emc>(?<![^\s\]\)>])EMC(?![^\s/\[(<%]))"
    rb"|" + _STR_RUNS + rb")",
    re.S,
)
# The groups the loop reads for every text operator, by number (quicker than by name).
_TJ_GROUPS = tuple(_CONTENT.groupindex[name] for name in ("sprops", "tjfont", "tjemc", "show"))
_LAST_MODE = re.compile(rb"([0-7])\s+Tr\b")
_ITEM = re.compile(_STR + rb"|[-+]?(?:\d+\.?\d*|\.\d+)", re.S)


def _hex(codes: list[int]) -> bytes:
    return b"<" + b"".join(b"%04X" % c for c in codes) + b">"


def _items(match: re.Match[bytes]) -> list[Any]:
    if match.group("one") is not None:
        return [_string(match.group("one"))]
    out: list[Any] = []
    for item in _ITEM.finditer(match.group("arr"), 1):
        raw = item.group()
        out.append(_string(raw) if raw[:1] in b"(<" else float(raw))
    return out


def _string(raw: bytes) -> bytes:
    if raw[:1] == b"<":
        digits = re.sub(rb"\s", b"", raw[1:-1])
        return bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode())
    return unescape(raw[1:-1])


def _codes(items: list[Any]) -> list[int]:
    return [
        (item[k] << 8) | item[k + 1]
        for item in items
        if isinstance(item, bytes)
        for k in range(0, len(item) - 1, 2)
    ]


_FIRST_STR = re.compile(_STR, re.S)
# The first two bytes of a literal string, after the "[" and any adjustments of a TJ array.
_FIRST_TWO = re.compile(
    rb"(?:\[\s*(?:[-+]?(?:\d+\.?\d*|\.\d+)\s*)*)?\(((?:\\[0-7]{1,3}|\\.|[^\\()]){2})", re.S
)
_first_codes: dict[bytes, int | None] = {}


def _first_code(match: re.Match[bytes]) -> int | None:
    """The first glyph code shown by a text operator, decoding only what is needed (the
    encoded first glyph is looked up in a cache: a document has few distinct ones)."""
    start = match.start("show")
    two = _FIRST_TWO.match(match.string, start)
    if two is not None:
        key = two.group(1)
        code = _first_codes.get(key, -1)
        if code != -1:
            return code
        data = unescape(key)
        if len(data) == 2:
            code = (data[0] << 8) | data[1]
            if len(_first_codes) < 65536:
                _first_codes[key] = code
            return code
    return _first_code_slow(match.group("show"), match.group("one") is not None)


def _first_code_slow(text: bytes, one: bool) -> int | None:
    pos = 0 if one else 1
    while pos < len(text) and text[pos] in b" \t\r\n-+.0123456789":
        pos += 1
    first = _FIRST_STR.match(text, pos)
    data = _string(first.group()) if first else b""
    return (data[0] << 8) | data[1] if len(data) >= 2 else None


# The line-break marks (thaibreak: U+200B, U+2060) in /ActualText, as typst writes it (upper-case
# hex, UTF-16 units of four digits): at the end of the text (nearly always; the last four
# digits are a whole unit there), taken out with bytes.replace; anywhere else, unit by unit.
_MARKS_INSIDE = re.compile(rb"(/ActualText<FEFF)((?:[0-9A-F]{4})*?(?:200B|2060)(?:[0-9A-F]{4})*)>")
_MARK_ENDS = (b"2060>>>BDC", b"200B>>>BDC")


def _without_marks(content: bytes) -> bytes:
    """The content stream with the line-break marks taken out of its /ActualText spans."""
    if b"200B" not in content and b"2060" not in content:
        return content
    while any(end in content for end in _MARK_ENDS):
        for end in _MARK_ENDS:
            content = content.replace(end, b">>>BDC")
    if b"200B" not in content and b"2060" not in content:
        return content

    def inside(match: re.Match[bytes]) -> bytes:
        units = match.group(2)
        kept = [units[k : k + 4] for k in range(0, len(units), 4)]
        return match.group(1) + b"".join(u for u in kept if u not in (b"200B", b"2060")) + b">"

    return _MARKS_INSIDE.sub(inside, content)


def _rewrite_content(content: bytes, fonts: dict[str, FontInfo]) -> bytes | None:
    """The repaired content stream, or None when nothing needed repair.

    Text is decoded lazily: most text operators start with a glyph that cannot be a repeat,
    and only then is the text shown before it needed.
    """
    original = content
    content = _without_marks(content)
    edits: list[tuple[int, int, bytes]] = []
    by_raw_name: dict[bytes, FontInfo] = {}
    font = FontInfo(two_byte=False)
    spans: list[dict[str, Any] | None] = []  # marked-content stack; dict for /ActualText spans
    actives: list[dict[str, Any] | None] = []  # the innermost /ActualText span at each level
    # What was shown last: a span's actual text, or an unspanned text operator (decoded lazily).
    last: str | bytes | tuple[re.Match[bytes], FontInfo] | None = None

    def previous() -> str | None:
        if last is None or isinstance(last, str):
            return last
        if isinstance(last, bytes):
            return _actual_text(last) or None
        match, shown_font = last
        for g in reversed(_codes(_items(match))):
            if shown_font.unicode.get(g):
                return shown_font.unicode[g]
        return None

    def shift_edits(match: re.Match[bytes], shift: tuple[float, int]) -> None:
        # Bring the pen back and draw an invisible mark there, so the span ends where the
        # next letter starts (see _trailing_shift_of).
        offset, mark = shift
        close_at = match.end("arr") - 1  # the "]"
        edits.append((close_at, close_at, b" %g" % -offset))
        end = match.end("show")
        mode = match.group("mode")  # the last mode set before the operator, if in the match
        if mode is None:
            begin = match.start("show")
            modes = _LAST_MODE.findall(content, max(0, begin - 400), begin)
            mode = modes[-1] if modes else b"0"  # restore the text rendering mode
        edits.append((end, end, b" 3 Tr " + _hex([mark]) + b"Tj " + mode + b" Tr"))

    def show_unspanned(match: re.Match[bytes], font: FontInfo) -> None:
        """A text operator in a two-byte font, outside any /ActualText span."""
        nonlocal last
        if _first_code(match) not in font.zero_width:
            last = (match, font)
            return
        items = _items(match)
        glyphs = _codes(items)
        before = _clean(previous())
        lead = 0
        for g in glyphs:
            if g in font.zero_width and font.unicode.get(g) == before:
                lead += 1
            else:
                break
        if lead:
            edits.append((match.start("show"), match.end("show"), _split_show(items, lead)))
        last = (match, font) if lead < len(glyphs) else before

    def show_spanned(match: re.Match[bytes], font: FontInfo, active: dict[str, Any]) -> None:
        """A text operator in a two-byte font inside an /ActualText span."""
        shown = match.group("show")
        shape = font.shapes.get(shown)
        if shape is None:
            shape = font.shapes[shown] = _span_shape(match, font)
        zero, tail = shape
        if tail is not None:
            following = _NEXT_POSITIONING.search(content, match.end("show"))
            if following is not None and following.group() in (b"Tm", b"ET"):
                shift_edits(match, tail)
        if active["zero"]:  # still only marks in this span?
            active["zero"] = zero

    def close() -> None:
        """The end of a marked-content span (EMC)."""
        nonlocal last
        span = spans.pop()
        actives.pop()
        if span is None:
            return
        props = span["props"]
        if span["zero"]:
            text = _actual_text(props)
            if _has_base(text) and _clean(text) == _clean(previous()):
                edits.append((span["at"], span["end"], b"<</ActualText<FEFF>>>"))
                return
        if b"200B" in props or b"2060" in props or b"200b" in props:
            # The line-break marks (thaibreak) are not part of the text (a form that
            # _without_marks did not take).
            clean = _MARKS.sub("", _actual_text(props))
            edits.append((span["at"], span["end"], _actual_props(clean)))
        last = props

    # Line-break marks that `_without_marks` left (in a form it does not take)?
    marks_left = b"200B" in content or b"2060" in content or b"200b" in content
    for match in _CONTENT.finditer(content):
        kind = match.lastgroup
        if kind == "tj":
            # One text operator, with what krilla writes before it (an /ActualText span,
            # the font, the position) and the span's end after it, read in one step.
            sprops, raw_name, tjemc, shown = match.group(*_TJ_GROUPS)
            if raw_name is not None:
                found = by_raw_name.get(raw_name)
                if found is None:
                    found = by_raw_name[raw_name] = fonts.get(
                        pdf_name(raw_name), FontInfo(two_byte=False)
                    )
                font = found
            if sprops is not None and tjemc is not None and font.two_byte:
                # The usual span: one operator in its own /ActualText span. What it shows
                # is judged once per distinct bytes (`FontInfo.shapes`).
                shape = font.shapes.get(shown)
                if shape is None:
                    shape = font.shapes[shown] = _span_shape(match, font)
                if shape[1] is not None:
                    following = _NEXT_POSITIONING.search(content, match.end("show"))
                    if following is not None and following.group() in (b"Tm", b"ET"):
                        shift_edits(match, shape[1])
                if shape[0]:  # only marks: `close` of a span of its own
                    at, end = match.span("sprops")
                    spans.append({"props": sprops, "zero": True, "at": at, "end": end})
                    actives.append(None)
                    close()
                    continue
                if marks_left and (b"200B" in sprops or b"2060" in sprops or b"200b" in sprops):
                    clean = _MARKS.sub("", _actual_text(sprops))
                    edits.append((*match.span("sprops"), _actual_props(clean)))
                last = sprops
                continue
            if sprops is None and font.two_byte and not (actives and actives[-1]):
                # A text operator outside any span: it may repeat the text before it only
                # if it starts with a mark that stands for a whole cluster.
                repeat = font.repeats.get(shown)
                if repeat is None:
                    repeat = font.repeats[shown] = _first_code(match) in font.zero_width
                if repeat:
                    show_unspanned(match, font)
                else:
                    last = (match, font)
                if tjemc is not None and spans:
                    close()
                continue
            if sprops is not None:
                span: dict[str, Any] = {
                    "props": sprops,
                    "zero": True,
                    "at": match.start("sprops"),
                    "end": match.end("sprops"),
                }
                spans.append(span)
                actives.append(span)
            if font.two_byte:
                active = actives[-1] if actives else None
                if active is None:
                    show_unspanned(match, font)
                else:
                    show_spanned(match, font, active)
            if tjemc is not None and spans:
                close()
        elif kind == "tf":
            raw_name = match.group("font")
            if raw_name not in by_raw_name:
                by_raw_name[raw_name] = fonts.get(pdf_name(raw_name), FontInfo(two_byte=False))
            font = by_raw_name[raw_name]
        elif kind == "bdc" or kind == "bmc":
            spans.append(None)
            actives.append(actives[-1] if actives else None)
        elif kind == "actual":
            start, end = match.start("props"), match.end("props")
            span = {"props": match.group("props"), "zero": True, "at": start, "end": end}
            spans.append(span)
            actives.append(span)
        elif kind == "emc" and spans:
            close()
    if not edits:
        return None if content is original else content
    out, pos = [], 0
    for begin, end, replacement in sorted(edits):
        out += [content[pos:begin], replacement]
        pos = end
    out.append(content[pos:])
    return b"".join(out)


_ENDS_WITH_GLYPH_AFTER_SHIFT = re.compile(
    rb"[0-9.]\s*(\((?:\\.|[^\\()])*\)|<[0-9A-Fa-f\s]*>)\s*\]\s*TJ$", re.S
)
_NEXT_POSITIONING = re.compile(rb"(?<![A-Za-z*'\"])(Tm|ET|TJ|Tj|Td|TD|T\*|'|\")(?![A-Za-z*])")


def _span_shape(match: re.Match[bytes], font: FontInfo) -> tuple[bool, tuple[float, int] | None]:
    """(all its glyphs are marks, the trailing shift it may need) for a text operator in an
    /ActualText span: what depends on the operator's bytes alone, cached per font."""
    first = _first_code(match)  # cheap test first, then all glyphs
    zero = (
        first is not None
        and font.is_mark(first)
        and all(font.is_mark(g) for g in _codes(_items(match)))
    )
    return zero, _trailing_shift_of(match, font)


def _trailing_shift_of(match: re.Match[bytes], font: FontInfo) -> tuple[float, int] | None:
    """(shift, glyph) when a TJ ends with a mark moved sideways, else None.

    The tone mark on ป ฝ ฟ is drawn after an adjustment that moves it left, and a TJ ending
    with it leaves the pen there. Text extractors (poppler) end the /ActualText span at the
    last glyph drawn, see a gap before the next letter and insert a space ("ฟื้ น"). The shift
    is in 1/1000 em; undoing it changes nothing on the page when the next text is placed
    absolutely (Tm) or the text object ends, which the caller checks (`show_spanned`): the
    shift depends on the operator's bytes alone and is cached, what follows it is not.
    """
    if match.group("arr") is None:
        return None
    text = match.group("show")
    # Only the tail matters: an adjustment, then the last string (a mark or two).
    tail = _ENDS_WITH_GLYPH_AFTER_SHIFT.search(text, max(0, len(text) - 64))
    if tail is None:
        return None
    data = _string(tail.group(1))
    if len(data) < 2 or not font.is_mark((data[-2] << 8) | data[-1]):
        return None  # the cheap test: the last glyph is not a mark
    total = 0.0
    last: int | None = None
    for item in reversed(_items(match)):
        if not isinstance(item, bytes):
            total += item
            continue
        for k in range(len(item) - 2, -1, -2):
            code = (item[k] << 8) | item[k + 1]
            if not font.is_mark(code):
                return (total, last) if total and last is not None else None
            last = code if last is None else last
    return None


_MARKS = re.compile("[\u200b\u2060]")


def _clean(text: str | None) -> str | None:
    """Text without the invisible line-break marks of `thaibreak` (U+200B, U+2060)."""
    return None if text is None else _MARKS.sub("", text)


def _actual_props(text: str) -> bytes:
    return b"<</ActualText<FEFF" + text.encode("utf-16-be").hex().upper().encode() + b">>>"


_HEX_ACTUAL = re.compile(rb"<</ActualText\s*<([0-9A-Fa-f]*)>\s*>>")


@lru_cache(maxsize=4096)
def _actual_text(props: bytes) -> str:
    simple = _HEX_ACTUAL.fullmatch(props)  # what typst writes; anything else is parsed
    if simple is not None and len(simple.group(1)) % 2 == 0:
        return _text_string(bytes.fromhex(simple.group(1).decode()))
    return _text_string(Parser(props).value().get("ActualText"))


def _text_string(value: Any) -> str:
    if not isinstance(value, bytes):
        return ""
    if value.startswith(b"\xfe\xff"):
        return value[2:].decode("utf-16-be", errors="replace")
    return value.decode("latin-1")


def _split_show(items: list[Any], lead: int) -> bytes:
    """`[..]TJ` with its first `lead` glyphs in an empty /ActualText span."""
    head: list[bytes] = []
    tail: list[bytes] = []
    seen = 0
    for item in items:
        if isinstance(item, bytes):
            codes = [(item[k] << 8) | item[k + 1] for k in range(0, len(item) - 1, 2)]
            take = max(0, min(len(codes), lead - seen))
            if take:
                head.append(_hex(codes[:take]))
            if codes[take:]:
                tail.append(_hex(codes[take:]))
            seen += len(codes)
        else:
            (head if seen < lead else tail).append(b"%g" % item)
    out = _EMPTY_SPAN + b"[" + b" ".join(head) + b"]TJ EMC"
    if tail:
        out += b" [" + b" ".join(tail) + b"]TJ"
    return out


# --- the whole file ----------------------------------------------------------------------------


def fix_split_clusters(data: bytes) -> bytes:
    """The PDF with doubled Thai clusters removed from its text layer (drawing unchanged)."""
    packing: dict[int, Future[bytes]] = {}
    try:
        pdf = Pdf(data)
        changed = _repair(pdf, packing)
        packed = {num: job.result() for num, job in packing.items()}
    except Exception:  # a best-effort repair must never break rendering
        logger.warning("could not repair the PDF text layer", exc_info=True)
        return data
    if not changed:
        return data
    return append_update(pdf, changed, packed)


_pool_lock = threading.Lock()
_pool: ThreadPoolExecutor | None = None


def _packer() -> ThreadPoolExecutor:
    """Threads that compress the repaired streams while the next ones are repaired (a third
    of the repair's time was zlib's, which runs without the GIL)."""
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="prongsai-flate")
        return _pool


_PAGE_OR_FORM = re.compile(rb"(\d+) 0 obj\s*<<[^\n]*?/(?:Type\s*/Page\b|Subtype\s*/Form\b)")


def _repair(pdf: Pdf, packing: dict[int, Future[bytes]] | None = None) -> dict[int, bytes]:
    """The new contents of the streams that need repair, by object number; `packing` gets
    each one's compression, started as soon as it is known."""
    font_cache: dict[int, FontInfo] = {}
    changed: dict[int, bytes] = {}

    def keep(num: int, content: bytes) -> None:
        changed[num] = content
        if packing is not None:
            packing[num] = _packer().submit(flate, content)

    seen_cmaps: set[int] = set()
    # Pages and forms, by the start of each object the xref points at (a search of the whole
    # file for these headers took ~15 ms of binary data).
    candidates = [
        num
        for num, offset in pdf.offsets.items()
        if _PAGE_OR_FORM.match(pdf.data, offset) is not None
    ]
    for num in sorted(candidates):
        head = pdf.get(Ref(num))
        if not isinstance(head, dict):
            continue
        is_page = head.get("Type") == "Page"
        is_form = head.get("Subtype") == "Form"
        if not (is_page or is_form):
            continue
        resources = pdf.get(head.get("Resources", {})) or {}
        fonts: dict[str, FontInfo] = {}
        for name, ref in (pdf.get(resources.get("Font", {})) or {}).items():
            key = ref.num if isinstance(ref, Ref) else id(ref)
            if key not in font_cache:
                font_cache[key] = _font_info(pdf, pdf.get(ref))
            fonts[name] = font_cache[key]
        for ref in (pdf.get(resources.get("Font", {})) or {}).values():
            font = pdf.get(ref)
            cmap = font.get("ToUnicode") if isinstance(font, dict) else None
            if isinstance(cmap, Ref) and cmap.num not in changed and cmap.num not in seen_cmaps:
                seen_cmaps.add(cmap.num)
                cleaned = _clean_cmap(pdf.stream(cmap))
                if cleaned is not None:
                    keep(cmap.num, cleaned)
        if not any(f.two_byte for f in fonts.values()):
            continue
        contents = [Ref(num)] if is_form else head.get("Contents", [])
        contents = [contents] if isinstance(contents, Ref) else pdf.get(contents)
        for ref in contents:
            fixed = _rewrite_content(pdf.stream(ref), fonts)
            if fixed is not None:
                keep(ref.num, fixed)
    return changed
