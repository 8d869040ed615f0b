"""Document engine: a document model rendered to PDF (typst) or DOCX (python-docx).

    from prongsai.documents import render
    from prongsai.documents.model import Document, Heading, Paragraph, Table, Column
    pdf = render(Document.of("รายงาน", Heading("รายงานผล"), Paragraph("...")), "pdf")

Pure Python: no Django, no database. See README.md in this folder.
"""

from __future__ import annotations

from typing import Literal

from prongsai.documents.model import Document

Format = Literal["pdf", "docx"]

CONTENT_TYPES: dict[str, str] = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def render(document: Document, fmt: Format) -> bytes:
    """The document as PDF or DOCX bytes."""
    if fmt == "pdf":
        from prongsai.documents.render_pdf import render_pdf

        return render_pdf(document)
    if fmt == "docx":
        from prongsai.documents.render_docx import render_docx

        return render_docx(document)
    raise ValueError(f"unknown document format {fmt!r}; expected 'pdf' or 'docx'")


def warm_up() -> None:
    """Render the sample document once and throw it away: a worker pays the one-off costs of
    its process (the dictionary for line breaks, ~0.8 s; typst's fonts; matplotlib) at start-up
    instead of in the first job it runs."""
    from prongsai.documents.sample import sample_document

    render(sample_document(), "pdf")


__all__ = ["CONTENT_TYPES", "Document", "Format", "render", "warm_up"]
