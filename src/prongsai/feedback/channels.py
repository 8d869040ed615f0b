"""The public channels of an agency, for the hub page and the poster: every channel any app
registers (`prongsai.core.publications.register_public_channel`), with its absolute URL, and the
national channels every page links to."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from prongsai.orgs.models import Agency


@dataclass(frozen=True)
class Channel:
    key: str
    title: str | Promise
    url: str
    description: str | Promise = ""
    external: bool = False


# The statutory whistleblower protection attaches to reports made to these (research §2.2).
NATIONAL = (
    Channel(
        "nacc",
        _("สำนักงานคณะกรรมการ ป.ป.ช. (ระบบแจ้งเบาะแส)"),
        "https://wbs.nacc.go.th/",
        _("แจ้งเบาะแสการทุจริตต่อ ป.ป.ช. โดยตรง"),
        external=True,
    ),
    Channel(
        "pacc",
        _("สำนักงานคณะกรรมการ ป.ป.ท. (บริการออนไลน์)"),
        "https://www.pacc.go.th/e-service/",
        _("ร้องเรียนการทุจริตของเจ้าหน้าที่รัฐต่อ ป.ป.ท."),
        external=True,
    ),
)


def agency_channels(agency: Agency) -> list[Channel]:
    """The agency's own public channels in their order (relative URLs)."""
    from prongsai.core.publications import public_channels

    found = []
    for entry in public_channels(agency):
        try:
            url = reverse(entry.url_name, kwargs={"slug": agency.slug})
        except NoReverseMatch:
            continue
        found.append(Channel(entry.key, entry.title, url, entry.description))
    return found
