"""What the public may see of an agency's OIT work, without signing in: its official documents
and the register's answers (codes, titles, status, URLs with their explanations, readiness).
Never people (names, contacts), notes, files, drafts or link-check details."""

from __future__ import annotations

from typing import Any

from prongsai.oit.documents import PublicDocument, absolute, document_path, public_documents
from prongsai.oit.models import Register
from prongsai.oit.selectors import register_view
from prongsai.orgs.models import Agency


def documents_by_year(agency: Agency) -> list[tuple[int, list[PublicDocument]]]:
    years: dict[int, list[PublicDocument]] = {}
    for d in public_documents(agency):
        years.setdefault(d.fiscal_year, []).append(d)
    return sorted(years.items(), reverse=True)


def public_register(agency: Agency, year: int | None, base: str | None) -> dict[str, Any] | None:
    """The register of `year` (default: the latest) as the public may see it."""
    registers = Register.objects.filter(agency=agency).select_related("agency")
    register = (
        registers.filter(fiscal_year=year).first()
        if year
        else registers.order_by("-fiscal_year").first()
    )
    if register is None:
        return None
    view = register_view(register, with_costs=False, base_url=base)
    return {
        "fiscal_year": register.fiscal_year,
        "items": view.total,
        "ready": view.ready,
        "rows": [
            {
                "code": r.display_code,
                "title": r.item.title,
                "data_year": r.expected_year,
                "status": "published" if (r.document and not r.entry.published) else r.entry.status,
                "ready": r.ready,
                "links": [{"url": c.url, "explanation": c.explanation} for c in r.links],
            }
            for r in view.rows
        ],
    }


def feed(agency: Agency, year: int | None, base: str | None) -> dict[str, Any]:
    return {
        "agency": {"slug": agency.slug, "name": agency.full_name},
        "documents": [
            {
                "key": d.key,
                "kind": d.kind,
                "fiscal_year": d.fiscal_year,
                "title": d.title,
                "official_at": d.at.isoformat(),
                "sha256": d.sha256,
                "url": absolute(document_path(agency, d), base),
                "pdf": absolute(document_path(agency, d) + "pdf/", base),
                "files": {
                    a.ext: absolute(document_path(agency, d) + f"file/{a.ext}/", base)
                    for a in d.alternates
                },
                "superseded_by": d.superseded_by,
            }
            for d in public_documents(agency)
        ],
        "register": public_register(agency, year, base),
    }
