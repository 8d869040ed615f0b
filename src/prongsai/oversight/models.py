"""One row that changes whenever data the oversight figures are made from changes, so the
figures computed for a version can be kept (in Django's cache) until the next change."""

from __future__ import annotations

from django.db import models


class DataVersion(models.Model):
    """A counter bumped after every committed change to results, plans, progress or places."""

    number = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "รุ่นข้อมูลสำหรับการกำกับดูแล"

    def __str__(self) -> str:
        return f"{self.number} ({self.changed_at:%Y-%m-%d %H:%M})"
