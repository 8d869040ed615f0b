from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "prongsai.feedback"
    label = "feedback"
    verbose_name = "ช่องทางรับฟังประชาชน (ถาม-ตอบ แบบประเมินความพึงพอใจ)"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from prongsai.core.demo import register_demo
        from prongsai.feedback import channels
        from prongsai.feedback.demo import build_demo_feedback
        from prongsai.orgs.cycle import register_nav

        register_nav(_("ถาม-ตอบและความพึงพอใจ"), "feedback:index")  # type: ignore[arg-type]
        register_demo("feedback", build_demo_feedback)
        channels.register(
            "qa",
            _("ถาม-ตอบ"),
            "feedback_public:questions",
            _("สอบถามข้อมูลหรือการให้บริการ เจ้าหน้าที่ตอบและเผยแพร่คำตอบในหน้านี้"),
            30,
        )
        channels.register(
            "survey",
            _("ประเมินความพึงพอใจการให้บริการ"),
            "feedback_public:services",
            _("ให้คะแนน ๑–๕ และข้อเสนอแนะต่องานบริการที่ได้รับ"),
            40,
        )
