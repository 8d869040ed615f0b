"""The demo agency's FY2569 register, partly ready: its approved FY2569 plan answers O25 through
the public documents page; a dozen items have checked links on the agency's (example) website,
one link is broken, two are not checked yet, and O12 (the previous year's procurement report) is
answered with this year's file, so the register flags it. O26 (the FY2568 annual report) is not
ready: the demo has no FY2568 report."""

from __future__ import annotations

from prongsai.core.demo import DemoContext

SITE = "https://www.example.go.th/nongkhansong/ita/2569"
READY = ["o1", "o2", "o3", "o4", "o8", "o9", "o10", "o11", "o13", "o15", "o16", "o17"]


def build_demo_oit(ctx: DemoContext) -> None:
    from prongsai.oit import services
    from prongsai.oit.models import EntryStatus
    from prongsai.orgs.models import Person, Unit
    from prongsai.plans import services as plan_services

    agency = ctx.objects["agency"]
    plan = plan_services.plan_create(agency=agency, fiscal_year=2569, user=None)
    issue = plan_services.issue_add(
        plan, title="การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร", user=None, standard_number=7
    )
    plan_services.measure_save(
        issue,
        user=None,
        data={
            "title": "จัดทำและเผยแพร่มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปี 2569",
            "question_codes": "o25, o26",
            "start_month": 1,
            "end_month": 12,
        },
    )
    plan_services.plan_approve(plan, user=None)

    register = services.register_create(agency, 2569)
    unit = Unit.objects.filter(agency=agency).first()
    person = Person.objects.filter(agency=agency).first()
    entries = {e.code: e for e in register.entries.all()}
    for n, code in enumerate(READY):
        entry = entries[code]
        services.entry_save(
            entry,
            data={
                "status": EntryStatus.CHECKED if n < 8 else EntryStatus.PUBLISHED,
                "unit": unit,
                "person": person,
            },
        )
        link = services.link_add(
            entry,
            url=f"{SITE}/{code}",
            explanation=f"เมนู ITA 2569 หัวข้อ {code.upper()} ลำดับที่ 1",
            covers_year=2569,
        )
        if n < 9:
            services.link_record_check(link, status="ok", http_status=200, detail="")
        elif n == 9:
            services.link_record_check(link, status="broken", http_status=404, detail="HTTP 404")
    o12 = entries["o12"]
    services.entry_save(o12, data={"status": EntryStatus.PUBLISHED, "unit": unit})
    link = services.link_add(
        o12,
        url=f"{SITE}/o12/procurement-summary-2569.pdf",
        explanation="เมนู ITA หัวข้อ O12 ไฟล์สรุปผลการจัดซื้อจัดจ้าง",
    )
    services.link_record_check(link, status="ok", http_status=200, detail="")
    services.entry_save(
        entries["o26"],
        data={"status": EntryStatus.DOING, "notes": "รอสรุปรายงานผลการดำเนินการประจำปี 2568"},
    )
