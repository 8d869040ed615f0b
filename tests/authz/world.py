"""The cast of the authorization matrix: one agency with an admin, an editor and a viewer; another
agency (in another district of the same province) with its editor; an overseer of the first
agency's district ("above") and one of the other district ("elsewhere"); and anonymous.

Domain apps add the objects their URLs need through `cases_<app>.build(world)`.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from django.contrib.auth import get_user_model

from prongsai.orgs import services
from prongsai.orgs.models import AgencyType, Membership, Person, Role, Unit

PASSWORD = "matrix-pass-123"
ACTORS = ["admin", "editor", "viewer", "other", "overseer_above", "overseer_elsewhere", "anon"]
# Named only by the rows that need them (the channels' receiver: a viewer of the first agency
# whom its admin named to receive corruption reports); the other rows do not test them.
EXTRA_ACTORS = ["receiver"]


@dataclass
class World:
    agency: Any
    other_agency: Any
    users: dict[str, Any]
    objects: dict[str, Any] = field(default_factory=dict)
    # where the world's files are kept when it is shared by a module (conftest `module_world`)
    media_root: Any = None


def case_modules() -> list[ModuleType]:
    import tests.authz as pkg

    return [
        importlib.import_module(f"tests.authz.{m.name}")
        for m in pkgutil.iter_modules(pkg.__path__)
        if m.name.startswith("cases_")
    ]


def build_world() -> World:
    province = services.province_get_or_create(code="90", name="ทดสอบ")
    d1 = services.district_get_or_create(province=province, code="9001", name="หนึ่ง")
    d2 = services.district_get_or_create(province=province, code="9002", name="สอง")
    agency = services.agency_create(slug="ours", type=AgencyType.SAO, name="ของเรา", district=d1)
    other = services.agency_create(
        slug="theirs", type=AgencyType.SUBDISTRICT_MUNICIPALITY, name="ของเขา", district=d2
    )
    User = get_user_model()
    users: dict[str, Any] = {
        name: User.objects.create_user(
            username=name, email=f"{name}@example.com", password=PASSWORD
        )
        for name in ACTORS + EXTRA_ACTORS
        if name != "anon"
    }
    Membership.objects.create(user=users["admin"], agency=agency, role=Role.ADMIN)
    Membership.objects.create(user=users["editor"], agency=agency, role=Role.EDITOR)
    Membership.objects.create(user=users["viewer"], agency=agency, role=Role.VIEWER)
    Membership.objects.create(user=users["other"], agency=other, role=Role.EDITOR)
    Membership.objects.create(user=users["receiver"], agency=agency, role=Role.VIEWER)
    services.oversight_grant(users["overseer_above"], Role.DISTRICT_OVERSEER, district=d1)
    services.oversight_grant(users["overseer_elsewhere"], Role.DISTRICT_OVERSEER, district=d2)
    world = World(agency=agency, other_agency=other, users=users)
    world.objects["unit"] = Unit.objects.filter(agency=agency).first()
    world.objects["person"] = Person.objects.create(
        agency=agency, name="นายทดสอบ ระบบ", position="ปลัด", signs_documents=True
    )
    world.objects["editor_membership"] = Membership.objects.get(user=users["editor"])
    for module in case_modules():
        build = getattr(module, "build", None)
        if build is not None:
            build(world)
    return world
