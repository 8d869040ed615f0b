"""The digit style of each page (prongsai.core.thai.page_digits): cleared before and after every
request, so a page about no agency never inherits the choice of the last agency a worker thread
showed. The access check of the agency a page is about sets it (orgs.access)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from prongsai.core import thai


class PageDigitsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        thai.set_page_digits(None)
        try:
            return self.get_response(request)
        finally:
            thai.set_page_digits(None)
