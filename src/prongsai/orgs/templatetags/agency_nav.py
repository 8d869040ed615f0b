from __future__ import annotations

from django import template
from django.urls import reverse

from prongsai.orgs.cycle import agency_nav
from prongsai.orgs.models import Agency

register = template.Library()


@register.simple_tag(takes_context=True)
def agency_menu(context: template.Context, agency: Agency) -> list[dict[str, object]]:
    path = context["request"].path
    items = []
    for title, url_name in agency_nav():
        url = reverse(url_name, kwargs={"slug": agency.slug})
        items.append({"title": title, "url": url, "active": path.startswith(url)})
    return items
