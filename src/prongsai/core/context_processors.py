from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from prongsai import __version__


def prongsai(request: HttpRequest) -> dict[str, Any]:
    return {"prongsai_version": __version__}
