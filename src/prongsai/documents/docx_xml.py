"""Low-level WordprocessingML helpers for Thai text in python-docx.

Thai is a complex script: Word picks the font and size of Thai text from the *complex-script*
attributes (w:cs, w:szCs, w:bCs), not from the Latin ones that python-docx sets. Theme font
attributes (w:asciiTheme...) override explicit names in Word, so they are removed. Every
w:rPr written here has its children in schema order (Word calls a file corrupt otherwise).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

FONT = "Sarabun"
SYMBOL_FONT = "Segoe UI Symbol"  # ☐ ☑ ✓ are not in Sarabun; Word has this font on Windows
SYMBOLS = frozenset("☐☑☒✓✔")

# CT_RPr child order (ECMA-376 §17.3.2.28), the elements we write and might meet.
_RPR_ORDER = [
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike",
    "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden",
    "color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect",
    "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout",
    "specVanish", "oMath",
]  # fmt: skip
_THEME_ATTRS = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")


def el(tag: str, **attrs: str) -> Any:
    """A new w: element with w: attributes."""
    element = OxmlElement(f"w:{tag}")
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), value)
    return element


def _put(rpr: Any, child: Any) -> None:
    """Insert or replace `child` in rPr, keeping schema order."""
    name = child.tag.split("}")[1]
    for old in rpr.findall(qn(f"w:{name}")):
        rpr.remove(old)
    rank = _RPR_ORDER.index(name)
    for i, existing in enumerate(rpr):
        other = existing.tag.split("}")[1]
        if other in _RPR_ORDER and _RPR_ORDER.index(other) > rank:
            rpr.insert(i, child)
            return
    rpr.append(child)


def thai_rpr(
    rpr: Any,
    *,
    size: float | None = None,
    bold: bool | None = None,
    italic: bool | None = None,
    underline: bool = False,
    font: str = FONT,
    color: str | None = None,
) -> Any:
    """Set the Thai font (all four slots + hint cs), sizes, weight and language on a w:rPr."""
    fonts = el("rFonts", ascii=font, hAnsi=font, eastAsia=font, cs=font, hint="cs")
    _put(rpr, fonts)
    if bold is not None:
        for tag in ("b", "bCs"):
            _put(rpr, el(tag) if bold else el(tag, val="0"))
    if italic is not None:
        for tag in ("i", "iCs"):
            _put(rpr, el(tag) if italic else el(tag, val="0"))
    if color is not None:
        _put(rpr, el("color", val=color))
    if size is not None:
        half_points = str(round(size * 2))
        _put(rpr, el("sz", val=half_points))
        _put(rpr, el("szCs", val=half_points))
    if underline:
        _put(rpr, el("u", val="single"))
    _put(rpr, el("lang", val="th-TH", eastAsia="th-TH", bidi="th-TH"))
    return rpr


def rpr_of(parent: Any) -> Any:
    """The w:rPr of a run or style element, created if missing (first child of w:r)."""
    rpr = parent.find(qn("w:rPr"))
    if rpr is None:
        rpr = el("rPr")
        if parent.tag == qn("w:r"):
            parent.insert(0, rpr)
        else:
            parent.append(rpr)
    return rpr


def set_defaults(document: Any, size: float, line_height: float) -> None:
    """docDefaults and the Normal style: Sarabun for every script, no theme fonts, lines at
    least `line_height` x size apart and no space after paragraphs."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _drop_theme_fonts(rpr)
    thai_rpr(rpr, size=size)
    ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    for old in ppr.findall(qn("w:spacing")):
        ppr.remove(old)
    line = str(round(size * line_height * 20))  # twips
    ppr.append(el("spacing", after="0", line=line, lineRule="atLeast"))
    for fonts in styles.iter(qn("w:rFonts")):  # every style, Heading and Title included
        themed = any(fonts.get(qn(f"w:{attr}")) for attr in _THEME_ATTRS)
        for attr in _THEME_ATTRS:
            fonts.attrib.pop(qn(f"w:{attr}"), None)
        if themed:
            for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
                fonts.set(qn(f"w:{slot}"), FONT)
    thai_rpr(rpr_of(document.styles["Normal"].element), size=size)


def _drop_theme_fonts(rpr: Any) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is not None:
        for attr in _THEME_ATTRS:
            fonts.attrib.pop(qn(f"w:{attr}"), None)


def style_heading(document: Any, level: int, size: float) -> None:
    """Built-in Heading N (kept for Word's navigation pane): Sarabun bold, black, no theme."""
    style = document.styles[f"Heading {level}"]
    rpr = rpr_of(style.element)
    for tag in ("i", "iCs", "color"):
        for old in rpr.findall(qn(f"w:{tag}")):
            rpr.remove(old)
    thai_rpr(rpr, size=size, bold=True, italic=False, color="000000")
    style.paragraph_format.space_before = None
    style.paragraph_format.space_after = None
    pf = style.element.get_or_add_pPr()
    for old in pf.findall(qn("w:spacing")):
        pf.remove(old)
    pf.append(el("spacing", before="120", after="60"))


def add_field(paragraph: Any, instruction: str, placeholder: str = "1") -> None:
    """A complex field (e.g. PAGE) in a paragraph, as Word writes it."""
    for kind, text in (("begin", None), ("instr", instruction), ("separate", None)):
        run = paragraph.add_run()
        if kind == "instr":
            instr = el("instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = f" {text} "
            run._r.append(instr)
        else:
            run._r.append(el("fldChar", fldCharType=kind))
    paragraph.add_run(placeholder)
    paragraph.add_run()._r.append(el("fldChar", fldCharType="end"))


def set_grid(table: Any, widths_twips: Iterable[int]) -> None:
    """Column widths in w:tblGrid (LibreOffice uses only these) and a fixed layout."""
    tbl = table._tbl
    grid = tbl.tblGrid
    for col in list(grid):
        grid.remove(col)
    widths = list(widths_twips)
    for width in widths:
        grid.append(el("gridCol", w=str(width)))
    tblpr = tbl.tblPr
    for tag in ("tblW", "tblLayout"):
        for old in tblpr.findall(qn(f"w:{tag}")):
            tblpr.remove(old)
    tblpr.append(el("tblW", w=str(sum(widths)), type="dxa"))
    tblpr.append(el("tblLayout", type="fixed"))
    _order_tblpr(tblpr)


_TBLPR_ORDER = [
    "tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize",
    "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd",
    "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription",
]  # fmt: skip


def _order_tblpr(tblpr: Any) -> None:
    children = sorted(tblpr, key=lambda c: _TBLPR_ORDER.index(c.tag.split("}")[1]))
    for child in list(tblpr):
        tblpr.remove(child)
    for child in children:
        tblpr.append(child)


def set_cell_width(cell: Any, twips: int) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    for old in tcpr.findall(qn("w:tcW")):
        tcpr.remove(old)
    tcpr.insert(0, el("tcW", w=str(twips), type="dxa"))


def shade_cell(cell: Any, fill: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    for old in tcpr.findall(qn("w:shd")):
        tcpr.remove(old)
    shd = el("shd", val="clear", color="auto", fill=fill.lstrip("#").upper())
    # tcPr order: tcW, gridSpan, vMerge, tcBorders, shd, noWrap, tcMar, textDirection, vAlign
    anchor = tcpr.find(qn("w:vAlign"))
    if anchor is not None:
        anchor.addprevious(shd)
    else:
        tcpr.append(shd)


def mark_header_row(row: Any) -> None:
    """Repeat this row at the top of every page (w:tblHeader) and keep it in one piece."""
    trpr = row._tr.get_or_add_trPr()
    trpr.append(el("cantSplit"))
    trpr.append(el("tblHeader"))


def keep_row_with_next(row: Any) -> None:
    """Keep a group row ("1. ประเด็น…") in one piece and on the page of the row after it:
    cantSplit on the row, keepNext on its paragraphs (Word and LibreOffice honour both)."""
    keep_tr_with_next(row._tr)


def keep_tr_with_next(tr: Any) -> None:
    """`keep_row_with_next` on a w:tr element."""
    trpr = tr.get_or_add_trPr()
    if trpr.find(qn("w:cantSplit")) is None:
        trpr.insert(0, el("cantSplit"))
    for paragraph in tr.iter(qn("w:p")):
        keep_with_next(paragraph)


def keep_with_next(p: Any) -> None:
    """w:keepNext on a w:p (first in its w:pPr after w:pStyle, as the schema orders it)."""
    ppr = p.get_or_add_pPr()
    if ppr.find(qn("w:keepNext")) is None:
        style = ppr.find(qn("w:pStyle"))
        ppr.insert(1 if style is not None else 0, el("keepNext"))


def remove_borders(table: Any) -> None:
    tblpr = table._tbl.tblPr
    borders = el("tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(el(side, val="nil"))
    tblpr.append(borders)
    _order_tblpr(tblpr)


def bottom_border(paragraph: Any) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    border = el("pBdr")
    border.append(el("bottom", val="single", sz="6", space="4", color="000000"))
    # pPr order: pStyle, keepNext, keepLines, pageBreakBefore, framePr, widowControl, numPr,
    # suppressLineNumbers, pBdr, shd, tabs, ... ; insert before tabs/spacing/ind/jc if present.
    for tag in ("shd", "tabs", "suppressAutoHyphens", "spacing", "ind", "jc"):
        anchor = ppr.find(qn(f"w:{tag}"))
        if anchor is not None:
            anchor.addprevious(border)
            return
    ppr.append(border)


def page_number_format(section: Any, fmt: str | None, start: int | None = None) -> None:
    """w:pgNumType on a section: `fmt` (e.g. thaiNumbers) so PAGE fields show Thai digits,
    `start` to count again from it (after a cover page). Neither: no w:pgNumType (add_section
    copies the one before, which would restart the numbering of every later section)."""
    sectpr = section._sectPr
    for old in sectpr.findall(qn("w:pgNumType")):
        sectpr.remove(old)
    if fmt is None and start is None:
        return
    attrs = {"fmt": fmt} if fmt else {}
    if start is not None:
        attrs["start"] = str(start)
    element = el("pgNumType", **attrs)
    # sectPr order: ... pgSz, pgMar, paperSrc, pgBorders, lnNumType, pgNumType, cols, ...
    anchor = None
    for tag in ("cols", "formProt", "vAlign", "noEndnote", "titlePg", "textDirection", "bidi"):
        anchor = sectpr.find(qn(f"w:{tag}"))
        if anchor is not None:
            break
    if anchor is not None:
        anchor.addprevious(element)
    else:
        sectpr.append(element)


def list_numbering(document: Any, *, fmt: str, suffix: str, indent: int, start: int) -> int:
    """A new Word numbering (w:num) for one numbered list, restarting at `start`: inserting a
    step in Word renumbers the rest. `fmt` is "decimal" or "thaiNumbers"; `indent` in twips.
    Lists with the same format share one w:abstractNum. Returns the w:numId."""
    numbering = document.part.numbering_part.element
    cache: dict[tuple[str, str, int], str] = numbering.__dict__.setdefault("_prongsai", {})
    key = (fmt, suffix, indent)
    if key not in cache:
        ids = [int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))]
        abstract_id = str(max(ids, default=-1) + 1)
        abstract = el("abstractNum", abstractNumId=abstract_id)
        abstract.append(el("multiLevelType", val="singleLevel"))
        lvl = el("lvl", ilvl="0")
        for child in (
            el("start", val="1"),
            el("numFmt", val=fmt),
            el("lvlText", val="%1" + suffix.replace("%", "%%")),
            el("lvlJc", val="left"),
        ):
            lvl.append(child)
        ppr = el("pPr")
        tabs = el("tabs")
        tabs.append(el("tab", val="num", pos=str(indent)))
        ppr.append(tabs)
        ppr.append(el("ind", left=str(indent), hanging=str(indent)))
        lvl.append(ppr)
        lvl.append(thai_rpr(el("rPr")))
        abstract.append(lvl)
        first_num = numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            numbering.append(abstract)
        cache[key] = abstract_id
    num_ids = [int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))]
    num_id = max(num_ids, default=0) + 1
    num = el("num", numId=str(num_id))
    num.append(el("abstractNumId", val=cache[key]))
    override = el("lvlOverride", ilvl="0")
    override.append(el("startOverride", val=str(start)))
    num.append(override)
    numbering.append(num)
    return num_id


def set_numbering(p: Any, num_id: int) -> None:
    """w:numPr on a paragraph (after w:pStyle and w:keepNext, before the rest)."""
    ppr = p.get_or_add_pPr()
    numpr = el("numPr")
    numpr.append(el("ilvl", val="0"))
    numpr.append(el("numId", val=str(num_id)))
    anchor = 0
    for i, child in enumerate(ppr):
        if child.tag in (
            qn("w:pStyle"),
            qn("w:keepNext"),
            qn("w:keepLines"),
            qn("w:pageBreakBefore"),
        ):
            anchor = i + 1
    ppr.insert(anchor, numpr)
