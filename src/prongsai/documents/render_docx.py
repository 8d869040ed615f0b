"""DOCX rendering with python-docx: the same model as the PDF, in Word's own structures.

Real tables (grid widths, merged cells, repeating header rows), sections with their own
orientation, a PAGE field in the header (Thai digits through the section's page-number format),
headings in Word's Heading styles. Sizes are the same Sarabun sizes as the PDF (11 pt body looks
like TH Sarabun 16 pt). Fonts are not embedded: Word shows Sarabun where it is installed
and substitutes otherwise.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any
from xml.sax.saxutils import escape

import docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.shared import Cm, Pt, Twips

from prongsai.core.text import clean_text
from prongsai.documents import docx_xml as x
from prongsai.documents import model as m
from prongsai.documents.docx_fonts import embed_sarabun

A4_SHORT, A4_LONG = Cm(21.0), Cm(29.7)
MARGINS = {"left": Cm(3.0), "right": Cm(2.0), "top": Cm(2.5), "bottom": Cm(2.0)}
HEADER_DISTANCE = Cm(1.2)
PAR_INDENT = Cm(2.5)
LIST_INDENT = Cm(0.75)
#: Line pitch as a multiple of the font size, "at least" (the PDF uses ~1.6 em). Word's own
#: single spacing for Sarabun is ~1.85 em and LibreOffice's ~1.3 em; "at least" lifts
#: LibreOffice to the PDF's pitch and never clips stacked Thai marks in Word.
LINE_HEIGHT = 1.6

_ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.THAI_JUSTIFY,  # w:jc="thaiDistribute"
}
_VALIGN = {
    "top": WD_CELL_VERTICAL_ALIGNMENT.TOP,
    "middle": WD_CELL_VERTICAL_ALIGNMENT.CENTER,
    "bottom": WD_CELL_VERTICAL_ALIGNMENT.BOTTOM,
}


def render_docx(document: m.Document) -> bytes:
    """Render a document to DOCX bytes."""
    localised = m.localise(document, document.digits)
    return _Writer(m.mark_breaks(localised, glue="vocabulary")).write()


class _Writer:
    def __init__(self, doc: m.Document) -> None:
        self.doc = doc
        self.out: Any = docx.Document()
        x.set_defaults(self.out, m.BODY_PT, LINE_HEIGHT)
        for level, size in m.HEADING_PT.items():
            x.style_heading(self.out, level, size)
        self.text_width = 0  # twips, of the current section
        self.italic = False  # any italic run: embed the italic fonts too

    def write(self) -> bytes:
        body = self.out.element.body
        for child in list(body):  # the template's empty paragraph
            if child.tag != x.qn("w:sectPr"):
                body.remove(child)
        for index, section in enumerate(self.doc.sections):
            self._section(index, section)
            for block in section.blocks:
                self._block(block)
        embed_sarabun(self.out, italic=self.italic)
        props = self.out.core_properties
        props.title = clean_text(self.doc.title)
        props.author = self.doc.author or self.doc.agency
        props.subject = self.doc.subject
        props.keywords = self.doc.agency
        props.last_modified_by = "Prongsai"
        props.comments = ""
        now = dt.datetime.now(dt.UTC).replace(microsecond=0)
        props.created = props.modified = now
        props.revision = 1
        _own_package(self.out, company=self.doc.agency)
        buffer = io.BytesIO()
        self.out.save(buffer)
        return buffer.getvalue()

    # --- sections and page numbers -----------------------------------------------------------

    def _section(self, index: int, section: m.Section) -> None:
        sect = self.out.sections[0] if index == 0 else self.out.add_section(WD_SECTION.NEW_PAGE)
        landscape = section.orientation == "landscape"
        sect.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        sect.page_width, sect.page_height = (
            (A4_LONG, A4_SHORT) if landscape else (A4_SHORT, A4_LONG)
        )
        sect.left_margin, sect.right_margin = MARGINS["left"], MARGINS["right"]
        sect.top_margin, sect.bottom_margin = MARGINS["top"], MARGINS["bottom"]
        sect.header_distance = HEADER_DISTANCE
        self.text_width = int((sect.page_width - sect.left_margin - sect.right_margin) / Twips(1))
        after_cover = index > 0 and self.doc.sections[index - 1].cover
        x.page_number_format(
            sect,
            "thaiNumbers" if self.doc.digits == "thai" else None,
            start=1 if after_cover else None,  # a cover page is not counted
        )
        header = sect.header
        header.is_linked_to_previous = False
        for paragraph in header.paragraphs[1:]:
            paragraph._p.getparent().remove(paragraph._p)
        paragraph = header.paragraphs[0]
        if section.page_numbers and not section.cover:
            self._page_number(paragraph)
        # add_section() copies the previous w:sectPr, titlePg included: set it every time. The
        # first page (after a cover, the first page after it) has no number.
        first = all(s.cover for s in self.doc.sections[:index]) and not section.cover
        sect.different_first_page_header_footer = first and not self.doc.number_first_page
        if sect.different_first_page_header_footer:
            sect.first_page_header.is_linked_to_previous = False
        if section.corner:  # a form's code at the top right of every page
            headers = [header]
            if sect.different_first_page_header_footer:
                headers.append(sect.first_page_header)
            for target in headers:
                corner = target.add_paragraph() if target is header else target.paragraphs[0]
                corner.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                self._run(corner, m.Run(section.corner), bold=True, size=m.BODY_PT)

    def _page_number(self, paragraph: Any) -> None:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        prefix, _, suffix = self.doc.page_number_format.partition("{n}")
        if prefix:
            self._run(paragraph, m.Run(prefix))
        x.add_field(paragraph, "PAGE", m.localise_text("1", self.doc.digits))
        if suffix:
            self._run(paragraph, m.Run(suffix))
        for run in paragraph.runs:
            x.thai_rpr(x.rpr_of(run._r), size=m.BODY_PT)

    # --- blocks --------------------------------------------------------------------------------

    def _block(self, block: m.Block) -> None:
        if isinstance(block, m.Heading):
            paragraph = self.out.add_paragraph(style=f"Heading {min(max(block.level, 1), 3)}")
            paragraph.alignment = _ALIGN[block.align]
            paragraph.paragraph_format.keep_with_next = True
            self._run(paragraph, m.Run(block.text))
        elif isinstance(block, m.Paragraph):
            self._paragraph(self.out, block, size=m.BODY_PT)
        elif isinstance(block, m.NumberedList):
            self._list(self.out, block, size=m.BODY_PT)
        elif isinstance(block, m.Table):
            self._table(block)
        elif isinstance(block, m.Image):
            self._image(block)
        elif isinstance(block, m.SignatureBlock):
            self._signature(self.out, block, block.align)
        elif isinstance(block, m.SignatureRow):
            self._signature_row(block)
        elif isinstance(block, m.Memo):
            self._memo(block)
        elif isinstance(block, m.PageBreak):
            self.out.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        elif isinstance(block, m.Spacer):
            spacer = self.out.add_paragraph()
            spacer.paragraph_format.line_spacing = Cm(block.height_cm)  # exact height
        else:
            raise TypeError(f"not a document block: {block!r}")

    def _run(
        self, paragraph: Any, run: m.Run, *, bold: bool = False, size: float | None = None
    ) -> None:
        """Runs for one model run: text with line breaks, symbols in a font that has them."""
        self.italic = self.italic or bool(run.italic)
        for chunk, is_symbol in _split_symbols(clean_text(run.text)):  # XML-safe, \v a break
            lines = chunk.split("\n")
            out = paragraph.add_run()
            for i, line in enumerate(lines):
                if i:
                    out.add_break()
                if line:
                    out._r.append(_text(line))
            x.thai_rpr(
                x.rpr_of(out._r),
                size=size,
                bold=(run.bold or bold) or None,
                italic=run.italic or None,
                underline=run.underline,
                font=x.SYMBOL_FONT if is_symbol else x.FONT,
            )
            if run.url and not is_symbol:
                _hyperlink(paragraph, out, run.url)

    def _paragraph(
        self, container: Any, p: m.Paragraph, *, size: float, in_cell: bool = False
    ) -> Any:
        paragraph = container.add_paragraph()
        paragraph.alignment = _ALIGN[p.align]
        if p.indent_first_line and not in_cell:
            paragraph.paragraph_format.first_line_indent = PAR_INDENT
        if p.space_after:
            paragraph.paragraph_format.space_after = Cm(p.space_after)
        if p.keep_with_next and not in_cell:
            paragraph.paragraph_format.keep_with_next = True
        if size != m.BODY_PT:
            paragraph.paragraph_format.line_spacing = Pt(size * LINE_HEIGHT)
            paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.AT_LEAST
        for run in p.runs:
            self._run(paragraph, run, bold=p.bold, size=p.size or size)
        return paragraph

    def _list(self, container: Any, lst: m.NumberedList, *, size: float) -> None:
        if lst.marker == "number":
            self._numbered(container, lst, size=size)
            return
        for index, item in enumerate(lst.paragraphs()):
            label = m.numbered_label(lst, index, self.doc.digits)
            labelled = m.Paragraph(
                [m.Run(label + "\t"), *item.runs], align=item.align, bold=item.bold, size=item.size
            )
            paragraph = self._paragraph(container, labelled, size=size, in_cell=True)
            fmt = paragraph.paragraph_format
            fmt.left_indent = LIST_INDENT
            fmt.first_line_indent = -LIST_INDENT
            fmt.tab_stops.add_tab_stop(LIST_INDENT, WD_TAB_ALIGNMENT.LEFT)

    def _numbered(self, container: Any, lst: m.NumberedList, *, size: float) -> None:
        """A real Word numbered list (numbering.xml + w:numPr), Thai digits through the
        thaiNumbers format: an officer inserting a step in Word gets the rest renumbered."""
        num_id = x.list_numbering(
            self.out,
            fmt="thaiNumbers" if self.doc.digits == "thai" else "decimal",
            suffix=lst.suffix,
            indent=int(LIST_INDENT / Twips(1)),
            start=lst.start,
        )
        for item in lst.paragraphs():
            paragraph = self._paragraph(container, item, size=size, in_cell=True)
            x.set_numbering(paragraph._p, num_id)

    # --- tables --------------------------------------------------------------------------------

    def _table(self, t: m.Table) -> None:
        if t.title:
            title = self.out.add_paragraph()
            title.paragraph_format.keep_with_next = True
            self._run(title, m.Run(t.title), bold=True, size=t.font_size)
        grid_rows = t.header_rows + t.rows
        placed = t.positions()
        table = self.out.add_table(rows=len(grid_rows), cols=len(t.columns))
        table.style = self.out.styles["Table Grid"]
        table.autofit = False
        widths = _widths(t.fractions, self.text_width)
        x.set_grid(table, widths)
        rows = table.rows
        cells = [row.cells for row in rows]  # one pass: table.cell() is slow per call
        for row in cells:
            for c, cell in enumerate(row):
                x.set_cell_width(cell, widths[c])
        for (r, c), cell in placed.items():
            target = cells[r][c]
            if cell.colspan > 1 or cell.rowspan > 1:
                target = target.merge(cells[r + cell.rowspan - 1][c + cell.colspan - 1])
            self._cell(target, cell, t, header=r < len(t.header_rows))
        if t.repeat_header:
            for r in range(len(t.header_rows)):
                x.mark_header_row(rows[r])
        for (r, _c), cell in placed.items():
            if r >= len(t.header_rows) and cell.colspan == len(t.columns) and r + 1 < len(rows):
                x.keep_row_with_next(rows[r])
        self.out.add_paragraph()  # Word needs a paragraph between consecutive tables

    def _cell(self, target: Any, cell: m.Cell, t: m.Table, *, header: bool) -> None:
        target.vertical_alignment = _VALIGN[cell.valign]
        fill = cell.fill or (t.header_fill if header else None)
        if fill:
            x.shade_cell(target, fill)
        for paragraph in target.paragraphs:
            paragraph._p.getparent().remove(paragraph._p)
        align = cell.align or ("center" if header else "left")
        for item in cell.content:
            if isinstance(item, m.Paragraph):
                item = m.Paragraph(
                    item.runs, align=item.align if item.align != "left" else align,
                    bold=item.bold or cell.bold or header, size=item.size,
                )  # fmt: skip
                self._paragraph(target, item, size=t.font_size, in_cell=True)
            else:
                self._list(target, _bolded(item, cell.bold or header), size=t.font_size)
        if not target.paragraphs:
            target.add_paragraph()

    # --- pictures, signatures, memo ------------------------------------------------------------

    def _image(self, im: m.Image) -> None:
        if im.format != "png":
            raise ValueError("DOCX output takes PNG images only (charts.* return PNG)")
        paragraph = self.out.add_paragraph()
        paragraph.alignment = _ALIGN[im.align]
        paragraph.paragraph_format.keep_with_next = bool(im.caption)
        paragraph.add_run().add_picture(io.BytesIO(im.data), width=Cm(im.width_cm))
        if im.caption:
            caption = self.out.add_paragraph()
            caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
            self._run(caption, m.Run(im.caption))

    def _keep_last_paragraph_with_next(self) -> None:
        """The paragraph before a signature keeps with it, or the last row of a table before it:
        a signature never stands alone."""
        body = self.out.element.body
        index = len(body) - 2  # the last child is the w:sectPr
        while index >= 0 and body[index].tag == x.qn("w:p"):
            x.keep_with_next(body[index])
            if "".join(body[index].itertext()).strip():  # not a spacer: done
                return
            index -= 1
        if index >= 0 and body[index].tag == x.qn("w:tbl"):  # a table: its last row
            rows = body[index].findall(x.qn("w:tr"))
            if rows:
                x.keep_tr_with_next(rows[-1])

    def _signature(self, container: Any, s: m.SignatureBlock, align: str) -> None:
        if container is self.out:
            self._keep_last_paragraph_with_next()
        half = Twips(self.text_width // 2)
        lines = [*s.before, *([""] if s.before else [])]
        if s.sign_label is not None:
            lines.append(f"{s.sign_label} {'.' * 40}")
        lines += [f"({s.name})", *s.positions]
        for i, line in enumerate(lines):
            paragraph = container.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            fmt = paragraph.paragraph_format
            fmt.keep_with_next = i < len(lines) - 1
            fmt.space_before = Pt(18) if i == 0 and container is self.out else None
            if align == "right":
                fmt.left_indent = half
            elif align == "left":
                fmt.right_indent = half
            self._run(paragraph, m.Run(line))

    def _signature_row(self, row: m.SignatureRow) -> None:
        self._keep_last_paragraph_with_next()
        table = self.out.add_table(rows=1, cols=len(row.blocks))
        table.autofit = False
        widths = _widths([1 / len(row.blocks)] * len(row.blocks), self.text_width)
        x.set_grid(table, widths)
        x.remove_borders(table)
        for cell, block, width in zip(table.rows[0].cells, row.blocks, widths, strict=True):
            x.set_cell_width(cell, width)
            cell._tc.remove(cell.paragraphs[0]._p)
            self._signature(cell, block, "center")
        self.out.add_paragraph()

    def _memo(self, memo: m.Memo) -> None:
        title = self.out.add_paragraph()
        if memo.emblem:
            title.paragraph_format.tab_stops.add_tab_stop(
                Twips(self.text_width // 2), WD_TAB_ALIGNMENT.CENTER
            )
            title.add_run().add_picture(io.BytesIO(memo.emblem), height=Cm(1.5))
            self._run(title, m.Run("\t" + memo.title), bold=True, size=m.MEMO_TITLE_PT)
        else:
            title.alignment = WD_ALIGN_PARAGRAPH.CENTER
            self._run(title, m.Run(memo.title), bold=True, size=m.MEMO_TITLE_PT)
        title.paragraph_format.space_after = Pt(6)
        for fields in (
            [("ส่วนราชการ", memo.unit)],
            [("ที่", memo.ref), ("วันที่", memo.date)],
            [("เรื่อง", memo.subject)],
        ):
            paragraph = self.out.add_paragraph()
            paragraph.paragraph_format.space_after = Pt(3)
            for i, (label, value) in enumerate(fields):
                if i:
                    paragraph.paragraph_format.tab_stops.add_tab_stop(
                        Twips(self.text_width // 2), WD_TAB_ALIGNMENT.LEFT
                    )
                    self._run(paragraph, m.Run("\t"))
                self._run(paragraph, m.Run(label), bold=True, size=m.MEMO_LABEL_PT)
                self._run(paragraph, m.Run("  " + value))
            if fields[0][0] == "เรื่อง":
                x.bottom_border(paragraph)
        greeting = self.out.add_paragraph()
        greeting.paragraph_format.space_before = Pt(8)
        greeting.paragraph_format.space_after = Pt(8)
        self._run(greeting, m.Run(f"เรียน  {memo.to}"))


# --- helpers ---------------------------------------------------------------------------------

_APP_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>Prongsai</Application><Company>{company}</Company>"
    "<DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop></Properties>"
)


def _own_package(out: Any, *, company: str) -> None:
    """python-docx's template says "Microsoft Macintosh Word" (2013) and carries a blank
    thumbnail: the application is Prongsai, the company the agency, and no thumbnail."""
    package = out.part.package
    for rid, rel in list(package.rels.items()):
        if rel.reltype.endswith("/metadata/thumbnail"):
            package.rels.pop(rid)
        elif rel.reltype.endswith("/extended-properties"):
            clean = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", "", company)
            rel.target_part._blob = _APP_XML.format(company=escape(clean)).encode("utf-8")


def _widths(fractions: list[float], total: int) -> list[int]:
    widths = [int(total * f) for f in fractions]
    widths[-1] += total - sum(widths)
    return widths


def _bolded(lst: m.NumberedList, bold: bool) -> m.NumberedList:
    if not bold:
        return lst
    items: list[m.ListItem] = []
    for p in lst.paragraphs():
        items.append(m.Paragraph(p.runs, align=p.align, bold=True, size=p.size))
    return m.NumberedList(items, start=lst.start, marker=lst.marker, suffix=lst.suffix)


def _split_symbols(text: str) -> list[tuple[str, bool]]:
    """Split text into (chunk, is_symbol) so ☐ ☑ ✓ get a font that has them."""
    out: list[tuple[str, bool]] = []
    for ch in text:
        is_symbol = ch in x.SYMBOLS
        if out and out[-1][1] == is_symbol:
            out[-1] = (out[-1][0] + ch, is_symbol)
        else:
            out.append((ch, is_symbol))
    return out or [("", False)]


def _text(value: str) -> Any:
    t = x.el("t")
    t.text = clean_text(value)  # lxml refuses the control characters XML cannot hold
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return t


def _hyperlink(paragraph: Any, run: Any, url: str) -> None:
    """Move `run` into a w:hyperlink to `url`."""
    rel = paragraph.part.relate_to(
        url, "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink",
        is_external=True,
    )  # fmt: skip
    link = x.el("hyperlink")
    link.set(x.qn("r:id"), rel)
    run._r.addprevious(link)
    link.append(run._r)
