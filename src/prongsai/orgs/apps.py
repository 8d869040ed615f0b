from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "prongsai.orgs"
    label = "orgs"
    verbose_name = "หน่วยงานและบุคลากร"

    def ready(self) -> None:
        from prongsai.core.demo import register_demo
        from prongsai.orgs.demo import build_orgs

        register_demo("orgs", build_orgs)

        from django.utils.translation import gettext_lazy as _

        from prongsai.orgs.access import Need
        from prongsai.orgs.cycle import register_nav

        for title, url_name, need in [
            (_("ส่วนราชการ"), "orgs:units", Need.READ),
            (_("บุคลากร"), "orgs:people", Need.READ),
            (_("ผู้ใช้งาน"), "orgs:members", Need.MANAGE),
            (_("ตั้งค่า"), "orgs:settings", Need.MANAGE),
        ]:
            register_nav(title, url_name, need, group=1)  # type: ignore[arg-type]

        from prongsai.orgs import stamps

        stamps.connect()
