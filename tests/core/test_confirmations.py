"""Every destructive or freezing button asks in one CSP-safe way: a `data-confirm` question read by
the page script, never an inline handler (the Content-Security-Policy blocks those, so such
buttons acted without asking)."""

from __future__ import annotations

import re
from pathlib import Path

import prongsai

TEMPLATES = sorted(Path(prongsai.__file__).parent.glob("*/templates/**/*.html"))
# an attribute on…= (not a template comparison such as `{% if only == "x" %}` inside a tag)
INLINE_HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=(?!=)", re.IGNORECASE)
FORM = re.compile(r"<form\b[^>]*>.*?</form>", re.DOTALL)
DESTRUCTIVE = re.compile(
    r"url '[a-z_]+:([a-z_]*(delete|remove|discard|cancel)|approve|finalise|reopen)'"
)


def test_no_template_has_an_inline_event_handler() -> None:
    offenders = [str(t) for t in TEMPLATES if INLINE_HANDLER.search(t.read_text())]
    assert TEMPLATES and offenders == []


def test_the_inline_handler_check_finds_handlers_and_not_comparisons() -> None:
    assert INLINE_HANDLER.search('<button onclick="return confirm(1)">')
    assert INLINE_HANDLER.search("<form ONSUBMIT = 'x()'>")
    assert not INLINE_HANDLER.search('<option value="a"{% if only == "a" %} selected{% endif %}>')


def test_every_destructive_or_freezing_form_asks_first() -> None:
    checked, silent = 0, []
    for template in TEMPLATES:
        for form in FORM.findall(template.read_text()):
            opening = form.split(">", 1)[0]
            if DESTRUCTIVE.search(opening):
                checked += 1
                if "data-confirm=" not in form:
                    silent.append(f"{template.name}: {opening}")
    assert checked >= 12 and silent == []


def test_the_page_script_is_included_by_the_base_template() -> None:
    base = next(t for t in TEMPLATES if t.name == "base.html" and t.parent.name == "templates")
    assert "prongsai/prongsai.js" in base.read_text()
    script = Path(prongsai.__file__).parent / "core/static/prongsai/prongsai.js"
    assert "data-confirm" in script.read_text()
