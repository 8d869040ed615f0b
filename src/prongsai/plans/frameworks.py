"""What plans and their documents need to know of a fiscal year's ITA framework: question texts,
which indicator and tool a code belongs to. Reads the framework through the frameworks app."""

from __future__ import annotations

from dataclasses import dataclass, field

TOOL_ORDER = {"IIT": 1, "EIT": 2, "OIT": 3}


@dataclass
class FrameworkView:
    year: int
    known: bool
    texts: dict[str, str | None] = field(default_factory=dict)
    indicators_of_codes: dict[str, int] = field(default_factory=dict)
    indicator_names: dict[int, str] = field(default_factory=dict)
    indicator_tools: dict[int, str] = field(default_factory=dict)
    tool_names: dict[str, str] = field(default_factory=dict)

    def question_text(self, code: str) -> str | None:
        return self.texts.get(code.lower())

    def indicator_of(self, code: str) -> int | None:
        return self.indicators_of_codes.get(code.lower())

    def indicator_name(self, number: int) -> str:
        return self.indicator_names.get(number, "")

    def tool_of(self, indicator: int | None) -> str | None:
        return self.indicator_tools.get(indicator) if indicator else None

    def tool_order(self, indicator: int | None) -> int:
        return TOOL_ORDER.get(self.tool_of(indicator) or "", 9)

    def tool_label(self, tool: str) -> str:
        return f"{self.tool_names.get(tool, tool)} ({tool})"


def framework_of(year: int) -> FrameworkView:
    from prongsai.frameworks.scoring import ScoreError
    from prongsai.frameworks.selectors import framework_data

    try:
        data = framework_data(year)
    except ScoreError:
        return FrameworkView(year=year, known=False)
    view = FrameworkView(year=year, known=True)
    view.tool_names = {t["code"]: t["name_th"] for t in data.get("tools", [])}
    for ind in data.get("indicators", []):
        view.indicator_names[ind["number"]] = ind["name_th"]
        view.indicator_tools[ind["number"]] = ind["tool"]
    for q in data.get("questions", []):
        view.texts[q["code"].lower()] = q.get("text")
        view.indicators_of_codes[q["code"].lower()] = q["indicator"]
    for item in (data.get("oit") or {}).get("items", []):
        view.texts[item["code"].lower()] = item.get("title")
        view.indicators_of_codes[item["code"].lower()] = item["indicator"]
    return view
