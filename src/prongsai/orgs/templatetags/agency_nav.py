from __future__ import annotations

from django import template
from django.urls import reverse

from prongsai.orgs.access import agency_access
from prongsai.orgs.cycle import agency_nav
from prongsai.orgs.models import Agency

register = template.Library()


@register.simple_tag(takes_context=True)
def agency_menu(context: template.Context, agency: Agency) -> list[dict[str, object]]:
    """The agency's menu as the user of this request may use it: a page they could not open is
    not offered (the level comes from their memberships, so every page shows the same menu)."""
    request = context["request"]
    path = request.path
    items = [
        {"title": title, "url": reverse(url_name, kwargs={"slug": agency.slug}), "active": False}
        for title, url_name in agency_nav(agency_access(request.user, agency), request.user)
    ]
    # The current page's link is the longest menu URL the path starts with.
    matching = [item for item in items if path.startswith(str(item["url"]))]
    if matching:
        max(matching, key=lambda item: len(str(item["url"])))["active"] = True
    return items
