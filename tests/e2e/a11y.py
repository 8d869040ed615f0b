"""WCAG 2 A/AA checks of a page in the browser tests, through axe-core from npm (`package.json`;
`make test` installs it into `node_modules/`). One helper for every browser test: the full walk
(`test_accessibility.py`) and the flows that check their own pages (OIT, phone, errors…)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_source() -> str:
    if not AXE_JS.is_file():
        pytest.fail(
            f"axe-core is not installed ({AXE_JS} is missing): run `make test` "
            "(it runs `npm ci` from package.json) or `bash scripts/npm-deps.sh`"
        )
    return AXE_JS.read_text(encoding="utf-8")


def axe_violations(page: Any) -> list[str]:
    """Runs axe-core on the page shown; one readable line per violating node. The script is
    evaluated through the browser's debugging protocol, which the page's CSP does not govern
    (the app itself never runs inline or foreign script)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source())
    result = page.evaluate(
        """async (tags) => {
            const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
            return r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                targets: v.nodes.map(n => n.target.join(' ') + ' — ' + (n.failureSummary || '')
                    .replace(/\\s+/g, ' ').slice(0, 240)),
            }));
        }""",
        WCAG_TAGS,
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']}\n      at {target}"
        for v in result
        for target in v["targets"]
    ]


def assert_accessible(page: Any) -> None:
    violations = axe_violations(page)
    assert violations == [], f"{page.url}:\n" + "\n".join(violations)
