"""Which area an overseer looks at, and the access helper every oversight view goes through.

Outcomes, as everywhere in Prongsai: a signed-in user with no oversight role gets 403 (agency
members never see the oversight pages); an area outside the overseer's scope, or one that does
not exist, is 404. Overseers only read; the one write here (bulk import) is for site staff.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from prongsai.orgs.access import memberships_of
from prongsai.orgs.models import OVERSIGHT_ROLES, District, Membership, Province, Role

COUNTRY, PROVINCE, DISTRICT = "country", "province", "district"


@dataclass(frozen=True)
class Scope:
    kind: str
    province: Province | None = None
    district: District | None = None

    @property
    def key(self) -> str:
        if self.district is not None:
            return f"d{self.district.pk}"
        if self.province is not None:
            return f"p{self.province.pk}"
        return "c"

    @property
    def label(self) -> str:
        if self.district is not None:
            return f"อำเภอ{self.district.name} จังหวัด{self.district.province.name}"
        if self.province is not None:
            return f"จังหวัด{self.province.name}"
        return _("ทั้งประเทศ")

    @property
    def url(self) -> str:
        if self.district is not None:
            return reverse("oversight:district", kwargs={"code": self.district.code})
        if self.province is not None:
            return reverse("oversight:province", kwargs={"code": self.province.code})
        return reverse("oversight:country")

    def lookups(self, prefix: str = "") -> dict[str, Any]:
        """Filter lookups selecting this area's agencies, from a model `prefix` away from Agency
        (e.g. "agency__" for results, "result__agency__" for indicator scores)."""
        if self.district is not None:
            return {f"{prefix}district_id": self.district.pk}
        if self.province is not None:
            return {f"{prefix}district__province_id": self.province.pk}
        return {}

    @property
    def sub_kind(self) -> str | None:
        """The kind of area one level down (for the table of areas), None for a district."""
        return {COUNTRY: PROVINCE, PROVINCE: DISTRICT}.get(self.kind)


def overseer_memberships(user: Any) -> list[Membership]:
    """The user's oversight roles; PermissionDenied (403) when there are none."""
    ms = [m for m in memberships_of(user) if m.role in OVERSIGHT_ROLES]
    if not ms:
        raise PermissionDenied(_("หน้านี้สำหรับผู้กำกับดูแลระดับอำเภอ จังหวัด และประเทศ"))
    return ms


def _covers(ms: list[Membership], province_id: int | None, district_id: int | None) -> bool:
    for m in ms:
        if m.role == Role.COUNTRY_OVERSEER:
            return True
        if m.role == Role.PROVINCE_OVERSEER and province_id and m.province_id == province_id:
            return True
        if m.role == Role.DISTRICT_OVERSEER and district_id and m.district_id == district_id:
            return True
    return False


def get_scope_for_user(user: Any, kind: str, code: str | None = None) -> Scope:
    """The area `kind`/`code` when the user oversees it: 403 for non-overseers, 404 otherwise."""
    ms = overseer_memberships(user)
    if kind == COUNTRY:
        if not _covers(ms, None, None):
            raise Http404(_("ไม่พบพื้นที่นี้"))
        return Scope(COUNTRY)
    if kind == PROVINCE:
        province = Province.objects.filter(code=code).first()
        if province is None or not _covers(ms, province.pk, None):
            raise Http404(_("ไม่พบพื้นที่นี้"))
        return Scope(PROVINCE, province=province)
    if kind == DISTRICT:
        district = District.objects.select_related("province").filter(code=code).first()
        if district is None or not _covers(ms, district.province_id, district.pk):
            raise Http404(_("ไม่พบพื้นที่นี้"))
        return Scope(DISTRICT, province=district.province, district=district)
    raise Http404(_("ไม่พบพื้นที่นี้"))


_ORDER = {Role.COUNTRY_OVERSEER: 0, Role.PROVINCE_OVERSEER: 1, Role.DISTRICT_OVERSEER: 2}
_KIND = {
    Role.COUNTRY_OVERSEER: COUNTRY,
    Role.PROVINCE_OVERSEER: PROVINCE,
    Role.DISTRICT_OVERSEER: DISTRICT,
}


def _top_membership(user: Any) -> Membership:
    return min(overseer_memberships(user), key=lambda m: (_ORDER[Role(m.role)], m.pk))


def home_kind(user: Any) -> str:
    """The kind of the widest area the user oversees, without reading the area (the pages'
    breadcrumbs need only this)."""
    return _KIND[Role(_top_membership(user).role)]


def home_scope(user: Any) -> Scope:
    """The widest area the user oversees (the country, else a province, else a district)."""
    top = _top_membership(user)
    if top.role == Role.COUNTRY_OVERSEER:
        return Scope(COUNTRY)
    if top.role == Role.PROVINCE_OVERSEER:
        assert top.province_id is not None
        return Scope(PROVINCE, province=Province.objects.get(pk=top.province_id))
    assert top.district_id is not None
    district = District.objects.select_related("province").get(pk=top.district_id)
    return Scope(DISTRICT, province=district.province, district=district)


def user_scopes(user: Any) -> list[Scope]:
    """Every area the user oversees directly (for the chooser when there is more than one)."""
    scopes = []
    for m in overseer_memberships(user):
        if m.role == Role.COUNTRY_OVERSEER:
            scopes.append(Scope(COUNTRY))
        elif m.role == Role.PROVINCE_OVERSEER and m.province_id:
            scopes.append(Scope(PROVINCE, province=Province.objects.get(pk=m.province_id)))
        elif m.district_id:
            d = District.objects.select_related("province").get(pk=m.district_id)
            scopes.append(Scope(DISTRICT, province=d.province, district=d))
    return scopes


def staff_required(user: Any) -> None:
    """Bulk import writes results for many agencies at once: site staff only (403 otherwise)."""
    if not getattr(user, "is_staff", False):
        raise PermissionDenied(_("การนำเข้าผลการประเมินหลายหน่วยงานทำได้เฉพาะเจ้าหน้าที่ผู้ดูแลระบบ"))
