"""Agency pages: home with the yearly cycle, units, people, members and settings."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from prongsai.core import versions
from prongsai.core.fragments import cached_fragment
from prongsai.core.thai import is_fiscal_year, to_arabic_digits
from prongsai.orgs import selectors, services
from prongsai.orgs.access import (
    Need,
    get_agency_for_user,
    get_invitation_for_user,
    get_membership_for_user,
    get_person_for_user,
    get_unit_for_user,
)
from prongsai.orgs.cycle import (
    agency_cycle,
    current_cycle_year,
    latest_known_year,
    next_step,
    nothing_started,
)
from prongsai.orgs.forms import (
    AgencySettingsForm,
    MemberAddForm,
    MemberRoleForm,
    PersonForm,
    UnitForm,
)
from prongsai.orgs.models import Agency, Invitation, Membership, Person, Role, Unit


def _form_errors_from(form: object, error: ValidationError) -> None:
    form.add_error(None, error)  # type: ignore[attr-defined]


def _year_param(request: HttpRequest) -> int | None:
    # the year box shows the agency's digits, so it takes "๒๕๖๗" as well as "2567"
    raw = to_arabic_digits(request.GET.get("fy", "")).strip()
    year = int(raw) if raw.isascii() and raw.isdecimal() else None
    return year if is_fiscal_year(year) else None


@login_required
def agency_home(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_agency_for_user(request.user, slug)
    asked = _year_param(request)

    def context() -> dict[str, object]:
        fy = asked or current_cycle_year()
        steps = agency_cycle(access, fy)
        latest = latest_known_year(access.agency)
        return {
            "access": access,
            "agency": access.agency,
            "fiscal_year": fy,
            "is_current": fy == current_cycle_year(),
            "steps": steps,
            "next_step": next_step(steps),
            "start_here": nothing_started(steps),
            "latest_year": latest if latest is not None and latest != fy else None,
        }

    body = cached_fragment(request, access, "home", (asked,), "orgs/_home_body.html", context)
    return render(
        request, "orgs/home.html", {"access": access, "agency": access.agency, "body": body}
    )


@login_required
@require_http_methods(["GET", "POST"])
def unit_list(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_agency_for_user(
        request.user, slug, Need.MANAGE if request.method == "POST" else Need.READ
    )
    form = UnitForm(request.POST or None, instance=Unit(agency=access.agency))
    if request.method == "POST" and form.is_valid():
        try:
            services.unit_save(form.instance)
        except ValidationError as e:
            _form_errors_from(form, e)
        else:
            messages.success(request, _("เพิ่มส่วนราชการแล้ว"))
            return redirect("orgs:units", slug=slug)
    return render(
        request,
        "orgs/units.html",
        {
            "access": access,
            "agency": access.agency,
            "units": selectors.agency_units(access.agency),
            "form": form,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def unit_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    unit = get_unit_for_user(request.user, slug, pk, Need.MANAGE)
    form = UnitForm(request.POST or None, instance=unit)
    guard = _guard(request, Unit.objects.filter(pk=unit.pk), UnitForm.Meta.fields)
    saving = request.method == "POST" and form.is_valid()
    if saving and guard.saved(form, lambda: services.unit_save(form.instance)):
        messages.success(request, _("บันทึกแล้ว"))
        return redirect("orgs:units", slug=slug)
    return render(
        request,
        "orgs/form.html",
        {"agency": unit.agency, "form": form, "title": _("แก้ไขส่วนราชการ"), "version": guard},
        status=409 if guard.conflict else 200,
    )


def _guard(request: HttpRequest, record: QuerySet[Any], fields: list[str]) -> versions.Guard:
    """The version check of an edit form of one agency record (locked by its own row)."""
    return versions.Guard(
        request,
        current=lambda: versions.model_values(record.first(), fields),
        lock=record,
        who=lambda: versions.audit_last_change(record.first()),
    )


@login_required
@require_POST
def unit_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    unit = get_unit_for_user(request.user, slug, pk, Need.MANAGE)
    services.unit_delete(unit)
    messages.success(request, _("ลบส่วนราชการแล้ว"))
    return redirect("orgs:units", slug=slug)


@login_required
@require_http_methods(["GET", "POST"])
def person_list(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_agency_for_user(
        request.user, slug, Need.MANAGE if request.method == "POST" else Need.READ
    )
    form = PersonForm(
        request.POST or None, instance=Person(agency=access.agency), agency=access.agency
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.person_save(form.instance)
        except ValidationError as e:
            _form_errors_from(form, e)
        else:
            messages.success(request, _("เพิ่มบุคลากรแล้ว"))
            return redirect("orgs:people", slug=slug)
    return render(
        request,
        "orgs/people.html",
        {
            "access": access,
            "agency": access.agency,
            "people": selectors.agency_people(access.agency),
            "form": form,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def person_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    person = get_person_for_user(request.user, slug, pk, Need.MANAGE)
    form = PersonForm(request.POST or None, instance=person, agency=person.agency)
    guard = _guard(request, Person.objects.filter(pk=person.pk), PersonForm.Meta.fields)
    if request.method == "POST" and form.is_valid():
        try:
            if guard.saved(form, lambda: services.person_save(form.instance)):
                messages.success(request, _("บันทึกแล้ว"))
                return redirect("orgs:people", slug=slug)
        except ValidationError as e:
            _form_errors_from(form, e)
    return render(
        request,
        "orgs/form.html",
        {"agency": person.agency, "form": form, "title": _("แก้ไขบุคลากร"), "version": guard},
        status=409 if guard.conflict else 200,
    )


@login_required
@require_POST
def person_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    person = get_person_for_user(request.user, slug, pk, Need.MANAGE)
    services.person_delete(person)
    messages.success(request, _("ลบบุคลากรแล้ว"))
    return redirect("orgs:people", slug=slug)


@login_required
@require_http_methods(["GET", "POST"])
def member_list(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_agency_for_user(request.user, slug, Need.MANAGE)
    form = MemberAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.member_invite(
                agency=access.agency,
                username=form.cleaned_data["username"],
                email=form.cleaned_data["email"],
                role=Role(form.cleaned_data["role"]),
                invited_by=request.user,
                link=request.build_absolute_uri,
            )
        except ValidationError as e:
            _form_errors_from(form, e)
        else:
            messages.success(request, _invited_message(invitation))
            return redirect("orgs:members", slug=slug)
    return render(
        request,
        "orgs/members.html",
        {
            "access": access,
            "agency": access.agency,
            "members": [
                (m, versions.token(_role(m))) for m in selectors.agency_members(access.agency)
            ],
            "invitations": selectors.agency_pending_invitations(access.agency),
            "form": form,
            "role_form": MemberRoleForm(),
        },
    )


def _role(membership: Membership) -> dict[str, str]:
    return {"role": membership.role}


def _invited_message(invitation: Invitation) -> str:
    if invitation.kind == Invitation.Kind.NEW:
        return _(
            "ส่งคำเชิญทางอีเมลถึง %(username)s แล้ว ผู้ใช้ตั้งรหัสผ่านได้จากลิงก์ในอีเมล "
            "(ใช้ได้ครั้งเดียวภายในเวลาที่กำหนด ส่งอีกครั้งได้จากหน้านี้)"
        ) % {"username": invitation.user.username}
    return _("ส่งคำเชิญถึงบัญชี %(username)s แล้ว ผู้ใช้จะอยู่ในหน่วยงานเมื่อเจ้าของบัญชีเข้าสู่ระบบแล้วตอบรับคำเชิญ") % {
        "username": invitation.user.username
    }


@login_required
@require_POST
def invitation_resend(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    invitation = get_invitation_for_user(request.user, slug, pk)
    try:
        services.invitation_send(invitation, link=request.build_absolute_uri)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, _invited_message(invitation))
    return redirect("orgs:members", slug=slug)


@login_required
@require_POST
def invitation_cancel(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    invitation = get_invitation_for_user(request.user, slug, pk)
    try:
        services.invitation_cancel(invitation)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, _("ยกเลิกคำเชิญแล้ว"))
    return redirect("orgs:members", slug=slug)


@login_required
@require_POST
def member_role(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    membership = get_membership_for_user(request.user, slug, pk)
    form = MemberRoleForm(request.POST)
    if form.is_valid():
        role = Role(form.cleaned_data["role"])
        try:
            with transaction.atomic():
                current = Membership.objects.select_for_update().get(pk=membership.pk)
                # the role the list showed (version token): changed meanwhile by someone else,
                # and not to what this admin chose, means they chose without knowing it
                shown = versions.changed_since(request.POST.get(versions.FIELD), _role(current))
                if shown and current.role != role:
                    messages.error(
                        request,
                        _(
                            "บทบาทของ %(user)s เพิ่งถูกเปลี่ยนเป็น “%(role)s” ระหว่างที่คุณเปิดหน้านี้ "
                            "ระบบยังไม่ได้เปลี่ยนตามที่คุณเลือก ตรวจสอบแล้วเลือกอีกครั้ง"
                        )
                        % {"user": current.user.username, "role": current.get_role_display()},
                    )
                    return redirect("orgs:members", slug=slug)
                services.member_set_role(current, role)
            messages.success(request, _("เปลี่ยนบทบาทแล้ว"))
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
    else:
        messages.error(request, _("บทบาทไม่ถูกต้อง"))
    return redirect("orgs:members", slug=slug)


@login_required
@require_POST
def member_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    membership = get_membership_for_user(request.user, slug, pk)
    try:
        services.member_remove(membership)
        messages.success(request, _("นำผู้ใช้ออกจากหน่วยงานแล้ว"))
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    return redirect("orgs:members", slug=slug)


@login_required
@require_http_methods(["GET", "POST"])
def agency_settings(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_agency_for_user(request.user, slug, Need.MANAGE)
    form = AgencySettingsForm(request.POST or None, request.FILES or None, instance=access.agency)
    fields = AgencySettingsForm.Meta.fields
    guard = _guard(request, Agency.objects.filter(pk=access.agency.pk), fields)
    saving = request.method == "POST" and form.is_valid()

    def save() -> None:
        agency = form.instance
        agency.save(update_fields=fields)
        if form.emblem_png is not None:
            services.agency_emblem_set(agency, form.emblem_png)
        elif form.cleaned_data.get("emblem_remove"):
            services.agency_emblem_set(agency, None)

    if saving and guard.saved(form, save, yours={f: form.cleaned_data[f] for f in fields}):
        messages.success(request, _("บันทึกแล้ว"))
        return redirect("orgs:home", slug=slug)
    return render(
        request,
        "orgs/form.html",
        {"agency": access.agency, "form": form, "title": _("ข้อมูลหน่วยงาน"), "version": guard},
        status=409 if guard.conflict else 200,
    )
