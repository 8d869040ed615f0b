"""Agencies and their places, units and people, and who may do what in them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from prongsai.core.files import StoredPath


def _new_stamp() -> str:
    from prongsai.orgs.stamps import new_stamp

    return new_stamp()


class Province(models.Model):
    code = models.CharField(_("รหัสจังหวัด"), max_length=10, unique=True)
    name = models.CharField(_("ชื่อจังหวัด"), max_length=100, unique=True)
    # Replaced with every change to the records of its agencies (orgs.stamps): keys the province's
    # and its districts' oversight figures.
    stamp = models.CharField(max_length=16, default=_new_stamp, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("จังหวัด")
        verbose_name_plural = _("จังหวัด")

    def __str__(self) -> str:
        return f"จังหวัด{self.name}"


class District(models.Model):
    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="districts")
    code = models.CharField(_("รหัสอำเภอ"), max_length=10, unique=True)
    name = models.CharField(_("ชื่ออำเภอ"), max_length=100)

    class Meta:
        ordering = ["province__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["province", "name"], name="district_unique_name")
        ]
        verbose_name = _("อำเภอ")
        verbose_name_plural = _("อำเภอ")

    def __str__(self) -> str:
        return f"อำเภอ{self.name}"


class AgencyType(models.TextChoices):
    SAO = "sao", _("องค์การบริหารส่วนตำบล")
    SUBDISTRICT_MUNICIPALITY = "tambon", _("เทศบาลตำบล")
    TOWN_MUNICIPALITY = "mueang", _("เทศบาลเมือง")
    CITY_MUNICIPALITY = "nakhon", _("เทศบาลนคร")
    PAO = "pao", _("องค์การบริหารส่วนจังหวัด")
    OTHER = "other", _("หน่วยงานภาครัฐอื่น")


# The Thai type names in official names, whatever the UI language ("องค์การบริหารส่วนตำบล…").
AGENCY_TYPE_FULL = {
    AgencyType.SAO: "องค์การบริหารส่วนตำบล",
    AgencyType.SUBDISTRICT_MUNICIPALITY: "เทศบาลตำบล",
    AgencyType.TOWN_MUNICIPALITY: "เทศบาลเมือง",
    AgencyType.CITY_MUNICIPALITY: "เทศบาลนคร",
    AgencyType.PAO: "องค์การบริหารส่วนจังหวัด",
    AgencyType.OTHER: "",
}

# Short prefixes used in Thai official writing ("อบต.หนองคันทรอง").
AGENCY_TYPE_SHORT = {
    AgencyType.SAO: "อบต.",
    AgencyType.SUBDISTRICT_MUNICIPALITY: "ทต.",
    AgencyType.TOWN_MUNICIPALITY: "ทม.",
    AgencyType.CITY_MUNICIPALITY: "ทน.",
    AgencyType.PAO: "อบจ.",
    AgencyType.OTHER: "",
}


class Agency(models.Model):
    class DigitStyle(models.TextChoices):
        THAI = "thai", _("เลขไทย")
        ARABIC = "arabic", _("เลขอารบิก")

    slug = models.SlugField(_("รหัสในระบบ"), max_length=60, unique=True)
    code = models.CharField(_("รหัสหน่วยงาน"), max_length=20, unique=True, null=True, blank=True)
    type = models.CharField(_("ประเภทหน่วยงาน"), max_length=10, choices=AgencyType.choices)
    name = models.CharField(
        _("ชื่อเฉพาะ"), max_length=150, help_text=_("ชื่อโดยไม่มีคำนำหน้าประเภท เช่น หนองคันทรอง")
    )
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="agencies")
    address = models.CharField(_("ที่อยู่"), max_length=300, blank=True)
    phone = models.CharField(_("โทรศัพท์"), max_length=50, blank=True)
    website = models.URLField(_("เว็บไซต์"), blank=True)
    digit_style = models.CharField(
        _("ตัวเลขในเอกสารและหน้าจอ"),
        max_length=10,
        choices=DigitStyle.choices,
        default=DigitStyle.THAI,
        help_text=_(
            "เลขไทยหรือเลขอารบิกในเอกสารที่สร้าง และในตัวเลขกับวันที่ทุกหน้าของหน่วยงาน"
            " (หน้าภาษาอังกฤษใช้เลขอารบิกเสมอ)"
        ),
    )
    # The Garuda emblem on its memos: a PNG kept through core.files (orgs.emblem), or "" for none.
    emblem_path = StoredPath(_("ตราครุฑ"), blank=True, editable=False)  # core.files
    created_at = models.DateTimeField(auto_now_add=True)
    # Replaced with every change to the agency's records (orgs.stamps): keys cached page parts.
    stamp = models.CharField(max_length=16, default=_new_stamp, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("หน่วยงาน")
        verbose_name_plural = _("หน่วยงาน")
        indexes = [models.Index(fields=["district", "type"])]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        """The official Thai name ("องค์การบริหารส่วนตำบลหนองคันทรอง") in every UI language; an
        "other" agency's name is used as it is."""
        if self.type == AgencyType.OTHER:
            return self.name
        return f"{AGENCY_TYPE_FULL[AgencyType(self.type)]}{self.name}"

    @property
    def short_name(self) -> str:
        return f"{AGENCY_TYPE_SHORT[AgencyType(self.type)]}{self.name}"

    @property
    def province(self) -> Province:
        return self.district.province


class Unit(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="units")
    name = models.CharField(_("ชื่อส่วนราชการ"), max_length=150)
    order = models.PositiveIntegerField(_("ลำดับ"), default=0)

    class Meta:
        ordering = ["order", "name"]
        constraints = [models.UniqueConstraint(fields=["agency", "name"], name="unit_unique_name")]
        verbose_name = _("ส่วนราชการ")
        verbose_name_plural = _("ส่วนราชการ")

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="people")
    unit = models.ForeignKey(
        Unit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("ส่วนราชการ"),
    )
    name = models.CharField(_("ชื่อ-นามสกุล"), max_length=150)
    position = models.CharField(_("ตำแหน่ง"), max_length=200)
    signs_documents = models.BooleanField(_("ลงนามในเอกสาร"), default=False)
    order = models.PositiveIntegerField(_("ลำดับ"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("บุคลากร")
        verbose_name_plural = _("บุคลากร")

    def __str__(self) -> str:
        return f"{self.name} ({self.position})"


class Role(models.TextChoices):
    ADMIN = "admin", _("ผู้ดูแลหน่วยงาน")
    EDITOR = "editor", _("ผู้แก้ไข")
    VIEWER = "viewer", _("ผู้อ่าน")
    DISTRICT_OVERSEER = "district", _("ผู้กำกับดูแลระดับอำเภอ")
    PROVINCE_OVERSEER = "province", _("ผู้กำกับดูแลระดับจังหวัด")
    COUNTRY_OVERSEER = "country", _("ผู้กำกับดูแลระดับประเทศ")


AGENCY_ROLES = (Role.ADMIN, Role.EDITOR, Role.VIEWER)
OVERSIGHT_ROLES = (Role.DISTRICT_OVERSEER, Role.PROVINCE_OVERSEER, Role.COUNTRY_OVERSEER)


class Membership(models.Model):
    """One role of one user: in an agency, or over a district, a province or the country."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("บทบาท"), max_length=10, choices=Role.choices)
    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, null=True, blank=True, related_name="memberships"
    )
    district = models.ForeignKey(District, on_delete=models.CASCADE, null=True, blank=True)
    province = models.ForeignKey(Province, on_delete=models.CASCADE, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("สิทธิ์การใช้งาน")
        verbose_name_plural = _("สิทธิ์การใช้งาน")
        constraints = [
            models.CheckConstraint(
                name="membership_scope_matches_role",
                condition=(
                    Q(
                        role__in=[r.value for r in AGENCY_ROLES],
                        agency__isnull=False,
                        district__isnull=True,
                        province__isnull=True,
                    )
                    | Q(
                        role=Role.DISTRICT_OVERSEER,
                        agency__isnull=True,
                        district__isnull=False,
                        province__isnull=True,
                    )
                    | Q(
                        role=Role.PROVINCE_OVERSEER,
                        agency__isnull=True,
                        district__isnull=True,
                        province__isnull=False,
                    )
                    | Q(
                        role=Role.COUNTRY_OVERSEER,
                        agency__isnull=True,
                        district__isnull=True,
                        province__isnull=True,
                    )
                ),
            ),
            models.UniqueConstraint(
                fields=["user", "agency"],
                condition=Q(agency__isnull=False),
                name="membership_one_role_per_agency",
            ),
        ]

    def __str__(self) -> str:
        scope = self.agency or self.district or self.province or "ทั้งประเทศ"
        return f"{self.user} — {self.get_role_display()} — {scope}"


class Invitation(models.Model):
    """An agency admin's invitation. A new account gets a link to set its password (its
    membership exists from the start); an existing account is asked to accept, and its membership
    is made only when its owner, signed in, accepts (an admin cannot attach someone else's account
    by typing its name)."""

    class Kind(models.TextChoices):
        NEW = "new", _("บัญชีใหม่ ตั้งรหัสผ่าน")
        JOIN = "join", _("บัญชีที่มีอยู่ ตอบรับคำเชิญ")

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="invitations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invitations"
    )
    role = models.CharField(_("บทบาท"), max_length=10, choices=Role.choices)
    kind = models.CharField(max_length=4, choices=Kind.choices)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("คำเชิญ")
        verbose_name_plural = _("คำเชิญ")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "agency"],
                condition=Q(accepted_at__isnull=True),
                name="invitation_one_pending_per_agency",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.agency} ({self.get_role_display()})"

    @property
    def pending(self) -> bool:
        return self.accepted_at is None
