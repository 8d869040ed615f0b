from typing import Any

from django.apps import AppConfig


class ChannelsConfig(AppConfig):
    name = "prongsai.channels"
    label = "channels"
    verbose_name = "ช่องทางรับเรื่องร้องเรียนและแจ้งเบาะแส"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from prongsai.channels import checks  # noqa: F401 - registers the deployment check
        from prongsai.channels.access import is_receiver, may_handle_complaints
        from prongsai.channels.demo import build_demo_channels
        from prongsai.core.demo import register_demo
        from prongsai.orgs.cycle import register_nav

        def may_open(access: Any, user: Any) -> bool:
            # the officers who may write first: they need no read of the receivers
            return may_handle_complaints(user, access) or is_receiver(user, access.agency)

        register_nav(_("เรื่องร้องเรียน"), "channels:index", allowed=may_open)  # type: ignore[arg-type]
        register_nav(_("สถิติเรื่องร้องเรียน (O18)"), "channels:stats", group=1)  # type: ignore[arg-type]
        register_demo("channels", build_demo_channels)
        from prongsai.channels.publications import register as register_publications

        register_publications()
