from decimal import Decimal
from typing import Any

from tests.authz.matrix import READ, WRITE, Case

SEED = ["99.00", "95.63", "96.49", "93.63", "97.50", "95.88", "93.88", "94.55", "100", "100"]


def build(world: Any) -> None:
    from prongsai.results.services import ResultInput, result_save

    world.objects["result"] = result_save(
        world.agency,
        ResultInput(year=2566, indicators={n: Decimal(v) for n, v in enumerate(SEED, start=1)}),
    )


def year(w: Any) -> dict[str, Any]:
    return {"slug": w.agency.slug, "year": 2566}


def form_data(w: Any) -> dict[str, Any]:
    return {f"ind_{n}": v for n, v in enumerate(SEED, start=1)}


CASES = [
    Case("results:index", READ, kwargs=lambda w: {"slug": w.agency.slug}),
    Case("results:detail", READ, kwargs=year),
    Case(
        "results:template",
        READ,
        kwargs=lambda w: {"slug": w.agency.slug, "year": 2566, "fmt": "xlsx"},
    ),
    Case("results:edit", WRITE, kwargs=year),
    Case("results:edit", WRITE, kwargs=year, method="post", data=form_data),
    Case("results:delete", WRITE, kwargs=year, method="post"),
    Case("results:import", WRITE, kwargs=lambda w: {"slug": w.agency.slug}),
    Case("results:import", WRITE, kwargs=lambda w: {"slug": w.agency.slug}, method="post"),
]
