from __future__ import annotations

from django import template
from django.urls import reverse

from prongsai.orgs.cycle import agency_nav
from prongsai.orgs.models import Agency

register = template.Library()


@register.simple_tag(takes_context=True)
def agency_menu(context: template.Context, agency: Agency) -> list[dict[str, object]]:
    path = context["request"].path
    items = [
        {"title": title, "url": reverse(url_name, kwargs={"slug": agency.slug}), "active": False}
        for title, url_name in agency_nav()
    ]
    # The current page's link is the longest menu URL the path starts with.
    matching = [item for item in items if path.startswith(str(item["url"]))]
    if matching:
        max(matching, key=lambda item: len(str(item["url"])))["active"] = True
    return items
