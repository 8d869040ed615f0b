import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from prongsai.core.demo import demo_build
from prongsai.plans.models import Plan
from prongsai.progress.models import Action, Evidence, Period, ProgressReport, Status
from prongsai.progress.selectors import period_states, report_problems

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_plan(db: Any) -> Plan:
    demo_build()
    plan = Plan.objects.filter(agency__slug="demo", fiscal_year=2567).first()
    if plan is None:
        pytest.skip("the demo plan is not built (plans demo not registered)")
    return plan


def test_the_demo_has_progress_through_march_with_one_late_measure_and_its_cause(
    demo_plan: Plan,
) -> None:
    actions = Action.objects.filter(measure__issue__plan=demo_plan)
    assert actions.count() >= 5
    assert max(a.date for a in actions) <= dt.date(2024, 3, 31)
    assert min(a.date for a in actions) >= dt.date(2023, 10, 1)
    links = Evidence.objects.filter(action__measure__issue__plan=demo_plan)
    assert links.exists() and all(e.url.startswith("https://www.example.go.th/") for e in links)
    states = period_states(demo_plan, Period.HALF)
    assert {s.status for s in states} == {Status.TODO, Status.DOING, Status.DONE}
    late = [s for s in states if s.late]
    assert len(late) == 1
    assert late[0].note is not None and late[0].note.cause and not late[0].needs_explanation
    assert report_problems(demo_plan, Period.HALF) == []
    report = ProgressReport.objects.get(plan=demo_plan, period=Period.HALF)
    assert report.memo_date == dt.date(2024, 4, 3) and report.memo_ref


@pytest.mark.parametrize("kind", ["progress", "status", "annual", "memo"])
@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_prongsai_render_makes_each_progress_document(
    demo_plan: Plan, kind: str, fmt: str, tmp_path: Path
) -> None:
    out = tmp_path / f"{kind}.{fmt}"
    call_command(
        "render", kind, "--org", "demo", "--year", "2567", "--format", fmt, "--out", str(out)
    )
    assert out.read_bytes()[:4] in (b"%PDF", b"PK\x03\x04")


def test_render_help_lists_every_kind(capsys: pytest.CaptureFixture[str]) -> None:
    from prongsai.core.documents import document_kinds

    with pytest.raises(SystemExit):
        call_command("render", "--help")
    shown = " ".join(capsys.readouterr().out.split())
    assert "status-annual" in shown and "memo-annual" in shown
    assert all(kind in shown for kind in document_kinds())


def test_render_into_a_missing_folder_says_so(demo_plan: Plan, tmp_path: Path) -> None:
    from django.core.management.base import CommandError

    out = tmp_path / "missing" / "memo.pdf"
    args = ["memo", "--org", "demo", "--year", "2567", "--format", "pdf", "--out", str(out)]
    with pytest.raises(CommandError, match="ไม่มีโฟลเดอร์"):
        call_command("render", *args)
    assert not out.parent.exists()


def test_render_says_when_layout_has_no_effect(
    demo_plan: Plan, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "memo.pdf"
    args = ["--org", "demo", "--year", "2567", "--format", "pdf", "--out", str(out)]
    call_command("render", "memo", "--layout", "B", *args)
    assert "--layout ไม่มีผล" in capsys.readouterr().err
    call_command("render", "plan", "--layout", "B", *args)
    assert "--layout" not in capsys.readouterr().err
