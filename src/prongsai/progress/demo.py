"""Demo progress for the demo agency's FY2567 plan, through March 2567: dated actions with
evidence links, notes for the 6-month round, one measure late with its cause, and the memo's
head filled in. Runs after the "plans" demo part, which leaves the plan in ctx.objects["plan"]."""

from __future__ import annotations

import datetime as dt

from prongsai.core.demo import DemoContext
from prongsai.orgs.models import Person
from prongsai.plans.models import Measure, Plan, fiscal_month_date
from prongsai.progress import services
from prongsai.progress.models import Period
from prongsai.progress.periods import period_end
from prongsai.progress.selectors import report_for

EVIDENCE_BASE = "https://www.example.go.th/nongkhansong/ita"


def build_demo_progress(ctx: DemoContext) -> None:
    plan = ctx.objects.get("plan")
    if plan is not None:
        build_progress(plan)


def _day(plan: Plan, month: int, day: int) -> dt.date:
    first = fiscal_month_date(plan.fiscal_year, month)
    last = fiscal_month_date(plan.fiscal_year, month, end=True)
    return first.replace(day=min(day, last.day))


def _texts(m: Measure) -> list[str]:
    steps = [s for s in m.steps if s.strip()] or [m.title]
    return [*steps, f"รายงานผลการดำเนินการ “{m.title}” ต่อผู้บริหาร"]


def _late_measure(plan: Plan, measures: list[Measure], half_end: dt.date) -> Measure | None:
    """A measure planned to end by March: one that already does, or else the one in the middle,
    shortened to end in March (through the plans service, while the plan is still a draft)."""
    ending = next((m for m in measures if m.end_date <= half_end), None)
    if ending is not None or not measures or plan.is_locked:
        return ending
    from prongsai.plans import services as plan_services

    m = measures[len(measures) // 2]
    data = {
        name: getattr(m, name)
        for name in (
            "title",
            "question_codes",
            "finding",
            "steps",
            "monitoring",
            "responsible_note",
            "expected_outcome",
            "kb_key",
            "start_month",
        )
    }
    data["monitoring"] = [
        s
        for s in m.monitoring
        if not s.get("deadline") or dt.date.fromisoformat(s["deadline"]) <= half_end
    ] or m.monitoring[:1]
    data["end_month"] = 6
    return plan_services.measure_save(
        m.issue,
        user=None,
        measure=m,
        data=data,
        units=m.responsible_units.all(),
        people=m.responsible_people.all(),
    )


def build_progress(plan: Plan) -> None:
    """Progress through the end of the 6-month round, the same every time for the same plan:
    some measures done, some under way, one not started, one late with its cause."""
    half_end = period_end(plan.fiscal_year, Period.HALF)
    people = list(Person.objects.filter(agency=plan.agency).exclude(position__startswith="นายก"))
    measures = list(
        Measure.objects.filter(issue__plan=plan).order_by("issue__order", "order", "pk")
    )
    late = _late_measure(plan, measures, half_end)
    not_started = next((m for i, m in enumerate(measures) if i % 3 == 2 and m is not late), None)
    for index, m in enumerate(measures):
        m.refresh_from_db()
        start = max(1, m.start_month)
        if m is not_started or fiscal_month_date(plan.fiscal_year, start) > half_end:
            continue  # not started yet
        texts = _texts(m)
        done = m is not late and (index % 3 == 0 or m.end_date <= half_end)
        count = min(len(texts), 4) if done else (1 if m is late else 1 + index % 2)
        last_month = min(m.end_month, 6)
        for k, text in enumerate(texts[:count]):
            month = start + round(k * (last_month - start) / max(count - 1, 1))
            day = min(_day(plan, month, 3 + (index * 5 + k * 7) % 24), half_end)
            key = m.kb_key or f"m{m.pk}"
            services.action_add(
                m,
                user=None,
                data={
                    "date": day,
                    "text": text,
                    "completes": done and k == count - 1,
                    "by_person": people[(index + k) % len(people)] if people else None,
                },
                url=f"{EVIDENCE_BASE}/{plan.fiscal_year}/{key}-{k + 1}.pdf",
                evidence_title="ประกาศ/รายงานบนเว็บไซต์หน่วยงาน",
            )
        if done:
            services.note_save(
                m,
                period=Period.HALF,
                user=None,
                data={
                    "result": "ดำเนินการครบทุกขั้นตอนตามมาตรการ และเผยแพร่ผลบนเว็บไซต์ของหน่วยงานแล้ว",
                    "outcome": "หน่วยงานมีหลักฐานการดำเนินการครบถ้วนตามข้อคำถามที่เกี่ยวข้อง",
                },
            )
    if late is not None:
        services.note_save(
            late,
            period=Period.HALF,
            user=None,
            data={
                "result": "ดำเนินการได้บางส่วน",
                "cause": "เจ้าหน้าที่ผู้รับผิดชอบโอนย้ายไปปฏิบัติงานที่หน่วยงานอื่นในเดือนธันวาคม 2566 "
                "และยังไม่มีผู้รับงานต่อ",
                "problems": "ข้อมูลที่ต้องใช้ประกอบการดำเนินการอยู่ที่หลายกอง ต้องรวบรวมใหม่ทั้งหมด",
                "suggestions": "มอบหมายผู้รับผิดชอบแทนเป็นลายลักษณ์อักษร และเร่งดำเนินการให้แล้วเสร็จ"
                "ภายในไตรมาสที่ 3",
            },
        )
    services.report_update_memo(
        report_for(plan, Period.HALF),
        user=None,
        data={"memo_ref": "ตร 78401/-", "memo_date": half_end + dt.timedelta(days=3)},
    )
