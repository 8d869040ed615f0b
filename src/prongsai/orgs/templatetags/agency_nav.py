from __future__ import annotations

from django import template
from django.urls import reverse

from prongsai.core.fragments import cached_value
from prongsai.orgs.access import agency_access
from prongsai.orgs.cycle import agency_nav
from prongsai.orgs.models import Agency

register = template.Library()


@register.simple_tag(takes_context=True)
def agency_menu(context: template.Context, agency: Agency) -> list[dict[str, object]]:
    """The agency's menu as the user of this request may use it: a page they could not open is
    not offered (the level comes from their memberships, so every page shows the same menu).

    Which links the user may open is decided on every request (cheap: the memberships are read
    once per request); their titles and URLs (a dozen `reverse` calls, a third of the page's own
    work) come from the fragment cache, keyed by the agency's stamp (its slug), the language,
    the access level and the links offered."""
    request = context["request"]
    path = request.path
    access = agency_access(request.user, agency)
    offered = agency_nav(access, request.user)
    names = tuple(url_name for _title, url_name in offered)

    def links() -> list[tuple[str, str]]:
        return [
            (str(title), reverse(url_name, kwargs={"slug": agency.slug}))
            for title, url_name in offered
        ]

    items: list[dict[str, object]] = [
        {"title": title, "url": url, "active": False}
        for title, url in cached_value(access, "menu", names, links)
    ]
    # The current page's link is the longest menu URL the path starts with.
    matching = [item for item in items if path.startswith(str(item["url"]))]
    if matching:
        max(matching, key=lambda item: len(str(item["url"])))["active"] = True
    return items
