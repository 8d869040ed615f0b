from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


class FrameworksConfig(AppConfig):
    name = "prongsai.frameworks"
    label = "frameworks"
    verbose_name = "เกณฑ์การประเมิน ITA"

    def ready(self) -> None:
        # After every migrate: load the shipped years that are not in the database yet, so a
        # fresh database (and `prongsai demo`) always has the frameworks.
        post_migrate.connect(_ensure_loaded, sender=self, dispatch_uid="frameworks-load")


def _ensure_loaded(**kwargs: Any) -> None:
    from prongsai.frameworks.services import frameworks_ensure_loaded  # imported when used

    frameworks_ensure_loaded(**kwargs)
