"""The analysis charts, drawn by the document engine's `prongsai.documents.charts` (Thai
labels, Sarabun): overall over years, by tool, by indicator, by tool over years."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from prongsai.analysis.selectors import AnalysisResult
from prongsai.core.thai import Digits
from prongsai.documents import charts

CHART_TITLES = {
    "overall": "ผลการประเมินในภาพรวมย้อนหลัง",
    "tools": "ผลการประเมินรายเครื่องมือ",
    "indicators": "ผลการประเมินรายตัวชี้วัด",
    "tools-years": "ผลการประเมินรายเครื่องมือย้อนหลัง",
}


def _f(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _pass_label(a: AnalysisResult) -> str:
    return f"เกณฑ์ผ่าน {a.pass_mark:.0f} คะแนน"


def overall_chart(a: AnalysisResult, style: Digits, width_cm: float = 16.0) -> bytes:
    points = a.trend.points
    values = [float(p.overall) for p in points]
    return charts.line_chart(
        [f"ปี {p.year}" for p in points],
        {"คะแนนรวม": values},
        title=CHART_TITLES["overall"],
        value_label="คะแนน",
        digits_style=style,
        min_value=max(0.0, min([*values, float(a.pass_mark)]) - 10),
        target=float(a.pass_mark),
        target_label=_pass_label(a),
        width_cm=width_cm,
    )


def tools_chart(a: AnalysisResult, style: Digits, width_cm: float = 16.0) -> bytes:
    return charts.bar_chart(
        [t.code for t in a.tools],
        [float(t.score) for t in a.tools],
        title=f"{CHART_TITLES['tools']} ปี {a.year}",
        value_label="คะแนน",
        digits_style=style,
        horizontal=False,
        target=float(a.pass_mark),
        target_label=_pass_label(a),
        colors=charts.PALETTE[: len(a.tools)],
        width_cm=width_cm,
    )


def indicators_chart(a: AnalysisResult, style: Digits, width_cm: float = 16.0) -> bytes:
    rows = [row for t in a.tools for row in t.indicators]
    tool_color = {t.code: charts.PALETTE[i % len(charts.PALETTE)] for i, t in enumerate(a.tools)}
    colors = [tool_color[t.code] for t in a.tools for _row in t.indicators]
    return charts.bar_chart(
        [f"{r.number}. {r.name_th}" for r in rows],
        [float(r.score) for r in rows],
        title=f"{CHART_TITLES['indicators']} ปี {a.year}",
        digits_style=style,
        horizontal=True,
        target=float(a.pass_mark),
        target_label=_pass_label(a),
        colors=colors,
        width_cm=width_cm,
    )


def tools_years_chart(a: AnalysisResult, style: Digits, width_cm: float = 16.0) -> bytes:
    points = a.trend.points
    series = {t.code: [_f(p.tools.get(t.code)) for p in points] for t in a.tools}
    return charts.grouped_bar_chart(
        [f"ปี {p.year}" for p in points],
        series,
        title=CHART_TITLES["tools-years"],
        value_label="คะแนน",
        digits_style=style,
        target=float(a.pass_mark),
        target_label=_pass_label(a),
        width_cm=width_cm,
    )


CHARTS: dict[str, Callable[[AnalysisResult, Digits, float], bytes]] = {
    "overall": overall_chart,
    "tools": tools_chart,
    "indicators": indicators_chart,
    "tools-years": tools_years_chart,
}
