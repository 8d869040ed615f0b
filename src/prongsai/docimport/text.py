"""Cleaning extracted text line by line, without changing the number of lines.

Extracted text keeps tables as tab-separated lines. Cleaning keeps the tabs (a line with a tab is
a table row, a leading tab is an empty first cell) and fixes what extraction leaves behind: HTML
fragments and checkbox `<input>`s, zero-width characters, Wingdings and Thai private-use glyphs,
and the Thai that PDF producers write out of order (`normalise_thai`, the one normaliser every
reader uses).
"""

from __future__ import annotations

import html
import re

from prongsai.core.thai import to_arabic_digits

# Bounds that keep every later regular expression cheap on hostile input.
MAX_LINE_CHARS = 20_000
MAX_TEXT_CHARS = 3_000_000

# A paragraph break inside one table cell (DOCX cells keep their paragraphs apart with it: each
# step, each dated action). A private-use character: `core.text.clean_text` keeps it,
# `str.splitlines()` does not split on it, `str.split()`/`strip()` do not treat it as space, and
# no document we read writes it. Readers that want the cell as one text use `cell_text`.
CELL_BREAK = "\ue000"
# Prefix of a cell that continues a vertically merged cell (DOCX w:vMerge) from the row above;
# the text after it repeats the merged cell's text, so every row it spans carries it.
MERGED_ABOVE = "\ue001"

CHECKED = "☑"
UNCHECKED = "☐"
CHECK_MARKS = frozenset("✓✔√☑☒✗✘xXＸ/")

# A checkbox `<input>`, also when a PDF's narrow table cell wrapped it ("<inpu t check ed=…>").
_INPUT_TAG = re.compile(r"<\s?i\s?n\s?p\s?u\s?t\b[^<>]{0,400}>", re.IGNORECASE)
_BREAK_TAG = re.compile(r"<(?:br|/p|p|/div|div|/li|li)\b[^<>]{0,400}>", re.IGNORECASE)
_ANY_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9:]{0,20}(?:\s[^<>]{0,400})?/?>")

# Wingdings glyphs that Word exports into the private use area, and the Windows Thai PUA glyph
# variants (shifted vowels and tone marks) that Thai fonts map to U+F700–U+F71A.
_GLYPHS: dict[int, str | None] = {
    0xF0FC: "✓",
    0xF0FE: CHECKED,
    0xF078: "☒",
    0xF0A8: UNCHECKED,
    0xF06F: UNCHECKED,
    0xF0A1: UNCHECKED,
    0x2610: UNCHECKED,
    0x2611: CHECKED,
    0x25A1: UNCHECKED,
    0x00A0: " ",
    0x2007: " ",
    0x202F: " ",
    0x3000: " ",
    0x200B: None,
    0x200C: None,
    0x200D: None,
    0x2060: None,
    0xFEFF: None,
    0x00AD: None,
    0xF700: "ฐ",
    0xF70F: "ญ",
}
for _offset, _char in enumerate("ิีึื"):
    _GLYPHS[0xF701 + _offset] = _char
for _base in (0xF705, 0xF70A, 0xF713):
    for _offset, _char in enumerate("่้๊๋์"):
        _GLYPHS[_base + _offset] = _char
for _offset, _char in enumerate("ัํ็"):
    _GLYPHS[0xF710 + _offset] = _char
for _offset, _char in enumerate("ฺุู"):
    _GLYPHS[0xF718 + _offset] = _char
_TRANSLATE = str.maketrans(_GLYPHS)

_SPACES = re.compile(r"[ \f\v\r]+")

# Thai marks by their place in a cluster: vowels above/below (and mai han akat) come before the
# tone marks, and the nikhahit of a decomposed sara am comes after them.
_VOWEL_MARKS = "\u0e31\u0e34-\u0e3a\u0e47"
_TONE_MARKS = "\u0e48-\u0e4c"
_TONE_BEFORE_VOWEL = re.compile(f"([{_TONE_MARKS}])([{_VOWEL_MARKS}])")
_DECOMPOSED_AM = re.compile(f"\u0e4d([{_TONE_MARKS}]?)\u0e32")
_TONE_THEN_NIKHAHIT = re.compile(f"\u0e4d([{_TONE_MARKS}])")
_DOUBLED_MARK = re.compile(f"([{_VOWEL_MARKS}{_TONE_MARKS}\u0e4d])\\1+")
# A cluster with stacked marks written twice ("ขั้ขั้นตอน": a raised tone mark mapped to the whole
# cluster); no Thai word repeats such a cluster without ๆ.
_DOUBLED_CLUSTER = re.compile(
    f"([\u0e01-\u0e2e])([{_VOWEL_MARKS}][{_TONE_MARKS}])\\1[{_VOWEL_MARKS}]?[{_TONE_MARKS}]"
)


# A Buddhist-era year in Thai digits with one digit too many or two: Tesseract's Thai model
# reads ๖ as "๒๐" (the loop taken for a second glyph), "พ.ศ. ๒๕๒๐๒๐" for พ.ศ. ๒๕๖๖.
_SPLIT_SIX_YEAR = re.compile(r"((?:พ\.\s?ศ\.|ปี|คม|ยน|พันธ์)\s?)๒๕([๐-๙]{3,4})(?![๐-๙])")


def _join_split_six(match: re.Match[str]) -> str:
    repaired = match.group(2).replace("๒๐", "๖")
    return f"{match.group(1)}๒๕{repaired}" if len(repaired) == 2 else match.group(0)


def normalise_thai(text: str) -> str:
    """Thai as a keyboard writes it: sara am composed (ํ + า, also with the tone mark between),
    vowels above and below before the tone mark, a mark typed twice once, sara e doubled for
    sara ae (เเ → แ) and a stacked cluster written twice once; a year "๒๕…" of five or six
    Thai digits whose ๖ OCR split into "๒๐" as four (no text writes such a year; OCR's other
    digit slips, ๘ → ๕, ๗ → ๑, ๖ → ๐, keep four digits and cannot be told from real ones)."""
    if not text or not any("\u0e00" <= ch <= "\u0e7f" for ch in text):
        return text
    if "๒๕" in text:
        text = _SPLIT_SIX_YEAR.sub(_join_split_six, text)
    text = _TONE_THEN_NIKHAHIT.sub(lambda m: m.group(1) + "\u0e4d", text)
    text = _DECOMPOSED_AM.sub(lambda m: m.group(1) + "\u0e33", text)
    text = _TONE_BEFORE_VOWEL.sub(r"\2\1", text)
    text = _DOUBLED_MARK.sub(r"\1", text)
    text = _DOUBLED_CLUSTER.sub(r"\1\2", text)
    return text.replace("เเ", "แ")


def _input_to_box(match: re.Match[str]) -> str:
    tag = "".join(match.group(0).lower().split())
    return f" {CHECKED if 'checked' in tag else UNCHECKED} "


def clean_line(line: str) -> str:
    """One extracted line, cleaned; tabs (table cells) are kept, spaces inside cells collapsed."""
    if len(line) > MAX_LINE_CHARS:
        line = line[:MAX_LINE_CHARS]
    line = line.translate(_TRANSLATE)
    if "<" in line:
        line = _INPUT_TAG.sub(_input_to_box, line)
        line = _BREAK_TAG.sub(" ", line)
        line = _ANY_TAG.sub(" ", line)
    if "&" in line:
        line = html.unescape(line)
    line = normalise_thai(line)
    return "\t".join(_SPACES.sub(" ", cell).strip() for cell in line.split("\t"))


def clean_lines(text: str) -> list[str]:
    """The cleaned lines of `text`; line i here is line i of `text.splitlines()`."""
    return [clean_line(line) for line in text[:MAX_TEXT_CHARS].splitlines()]


def cells(line: str) -> list[str]:
    return line.split("\t")


def is_merged(cell: str) -> bool:
    """The cell continues a vertically merged cell of the row above (its text repeats)."""
    return cell.startswith(MERGED_ABOVE)


def cell_text(cell: str, breaks: str = " ") -> str:
    """A cell's text: without the merge mark, paragraphs joined by `breaks`."""
    return cell.replace(MERGED_ABOVE, "").replace(CELL_BREAK, breaks).strip()


def cell_paragraphs(cell: str) -> list[str]:
    """The non-empty paragraphs of a cell."""
    parts = cell.replace(MERGED_ABOVE, "").split(CELL_BREAK)
    return [part.strip() for part in parts if part.strip()]


def readable(line: str) -> str:
    """The line as a reader sees it once: merged cells repeated from the row above left empty,
    paragraph breaks inside cells turned into tabs (a name is never read across them)."""
    if MERGED_ABOVE not in line and CELL_BREAK not in line:
        return line
    parts = ["" if is_merged(part) else part for part in line.split("\t")]
    return "\t".join(parts).replace(CELL_BREAK, "\t")


def is_row(line: str) -> bool:
    """A table row: extraction wrote its cells separated by tabs."""
    return "\t" in line


def plain(line: str) -> str:
    """The line's text with cells joined by spaces (merged cells repeated from the row above
    left out)."""
    return " ".join(
        cell_text(cell) for cell in line.split("\t") if cell and not is_merged(cell)
    ).strip()


def arabic(text: str) -> str:
    """`text` with Thai digits written as Arabic digits, for matching numbers."""
    return to_arabic_digits(text)


def squash(text: str) -> str:
    """`text` without any whitespace (nor cell marks), for comparing names and headings."""
    return "".join(text.replace(CELL_BREAK, "").replace(MERGED_ABOVE, "").split())


_MARKS_ABOVE_BELOW = re.compile("[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]")


def skeleton(text: str) -> str:
    """`text` squashed, without the Thai vowels and tone marks above and below the line and
    with sara am as sara aa: what stays of a word when OCR drops or confuses its marks
    ("ข้อค้าถาม" for ข้อคำถาม, "ขันตอน" for ขั้นตอน). For matching known words (a table's
    column headings), never for the text itself."""
    return _MARKS_ABOVE_BELOW.sub("", squash(text).replace("\u0e33", "\u0e32"))


THAI_DIGITS = frozenset("๐๑๒๓๔๕๖๗๘๙")
ARABIC_DIGITS = frozenset("0123456789")


def digit_style(text: str) -> str | None:
    """ "thai", "arabic", "mixed" or None for the digits in `text`."""
    thai = any(ch in THAI_DIGITS for ch in text)
    arab = any(ch in ARABIC_DIGITS for ch in text)
    if thai and arab:
        return "mixed"
    return "thai" if thai else "arabic" if arab else None
