from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "prongsai.feedback"
    label = "feedback"
    verbose_name = "ช่องทางรับฟังประชาชน (ถาม-ตอบ แบบประเมินความพึงพอใจ)"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from prongsai.core.demo import register_demo
        from prongsai.feedback.demo import build_demo_feedback
        from prongsai.orgs.cycle import register_nav

        register_nav(_("ถาม-ตอบและความพึงพอใจ"), "feedback:index")  # type: ignore[arg-type]
        register_demo("feedback", build_demo_feedback)
        from prongsai.core.publications import (
            DocumentKind,
            register_document_kind,
            register_document_source,
            register_public_channel,
        )
        from prongsai.feedback.publishing import KIND, SOURCE

        register_document_kind(
            DocumentKind(
                key=KIND,
                title="แนวปฏิบัติการจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ",
                label=_("แนวปฏิบัติการจัดการเรื่องร้องเรียน (จากการตั้งค่าของหน่วยงาน)"),
                order=30,
            )
        )
        register_document_source(SOURCE)
        register_public_channel(
            "qa",
            _("ถาม-ตอบ"),
            "feedback_public:questions",
            _("สอบถามข้อมูลหรือการให้บริการ เจ้าหน้าที่ตอบและเผยแพร่คำตอบในหน้านี้"),
            30,
        )
        register_public_channel(
            "survey",
            _("ประเมินความพึงพอใจการให้บริการ"),
            "feedback_public:services",
            _("ให้คะแนน ๑–๕ และข้อเสนอแนะต่องานบริการที่ได้รับ"),
            40,
        )
