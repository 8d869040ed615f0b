"""The audit trail: who changed which record of an agency, when, and what changed.

Entries keep the agency's id and name as plain values, so they outlive the records (and even the
agency) they describe."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    class Action(models.TextChoices):
        CREATE = "create", _("สร้าง")
        UPDATE = "update", _("แก้ไข")
        DELETE = "delete", _("ลบ")

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    username = models.CharField(max_length=150, blank=True)
    agency_id_value = models.BigIntegerField(null=True, blank=True, db_index=True)
    agency_name = models.CharField(max_length=200, blank=True)
    model = models.CharField(max_length=100)
    object_pk = models.CharField(max_length=64)
    object_repr = models.CharField(max_length=300)
    action = models.CharField(max_length=10, choices=Action.choices)
    changes = models.JSONField(default=dict)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["agency_id_value", "-at"])]

    def __str__(self) -> str:
        who = self.username or "-"
        return f"{self.at:%Y-%m-%d %H:%M} {who} {self.action} {self.model} {self.object_repr}"
