"""Real saves during `prongsai bench web`: an officer re-saving an agency's ITA result goes
through the same service as the results form, so it replaces the agency's and the province's
stamps and moves the country's data version on — everything the cached page parts are keyed by.

Used twice: before single views "after a change" (what a miss costs), and by a thread that saves
every CHANGE_SECONDS during a second mixed run (the load with writes going on)."""

from __future__ import annotations

import os
import threading
from typing import Any

CHANGE_SECONDS = float(os.environ.get("PRONGSAI_BENCH_CHANGE_SECONDS", "1"))
AGENCY = "demo"  # the agency of the agency pages
PROVINCE = "30"  # the province of the province page


def _resave_latest_result(agency: Any) -> None:
    from prongsai.results.services import result_input_from, result_save

    result = agency.ita_results.order_by("-year").first()
    assert result is not None, f"{agency.slug} has no result to save again"
    result_save(agency, result_input_from(result), source=result.source)


def _agency_of_page(shows: str) -> Any:
    from prongsai.orgs.models import Agency

    if shows == "agency":
        return Agency.objects.get(slug=AGENCY)
    return (
        Agency.objects.filter(district__province__code=PROVINCE, ita_results__isnull=False)
        .order_by("pk")
        .first()
    )


def record_a_change(shows: str) -> None:
    """A save that changes what a page showing `shows` ("agency" or "oversight") is built from."""
    _resave_latest_result(_agency_of_page(shows))


class Saves:
    """While open, a thread saves a result every CHANGE_SECONDS, alternating between the demo
    agency and an agency of the benchmark's province."""

    def __init__(self) -> None:
        self.count = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run)

    def _run(self) -> None:
        from django.db import connection

        try:
            while not self._stop.wait(CHANGE_SECONDS):
                record_a_change("agency" if self.count % 2 == 0 else "oversight")
                self.count += 1
        finally:
            connection.close()

    def __enter__(self) -> Saves:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
