"""Collect the Thai source strings ({% translate %} and gettext calls) into the English catalogue,
keeping the translations already there. Run: .venv/bin/python scripts/po_update.py
Strings without an English translation fall back to Thai (the source language)."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1] / "src" / "prongsai"
PO = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"
BLOCK = re.compile(r"\{%\s*blocktranslate[^%]*%\}(.*?)\{%\s*endblocktranslate\s*%\}", re.S)
PATTERNS = [
    re.compile(r"""\{%\s*translate\s+"([^"]+)"\s*%\}"""),
    re.compile(r"""\{%\s*translate\s+'([^']+)'\s*%\}"""),
]
# gettext("…") in Python, also written as adjacent literals over several lines: _("…" "…")
CALL = re.compile(r"""\b(?:gettext|gettext_lazy|gettext_noop|_)\(\s*((?:"[^"\n]*"\s*)+)\)""")
LITERAL = re.compile(r'"([^"\n]*)"')
# pgettext("context", "…"): the same Thai word meaning two things ("มาตรการ": the menu, a record)
CONTEXT_CALL = re.compile(r"""\bpgettext(?:_lazy)?\(\s*"([^"\n]*)"\s*,\s*((?:"[^"\n]*"\s*)+)\)""")


def main() -> None:
    old = read_po(PO.open("rb")) if PO.exists() else Catalog(locale="en")
    new = Catalog(locale="en", project="prongsai")
    for path in sorted(ROOT.rglob("*")):
        if path.suffix not in {".py", ".html", ".txt"} or "migrations" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        found = [m.group(1) for p in PATTERNS for m in p.finditer(text)]
        found += ["".join(LITERAL.findall(m.group(1))) for m in CALL.finditer(text)]
        # {% blocktranslate %}: Django's msgid writes {{ name }} as %(name)s
        found += [
            re.sub(r"\{\{\s*(\w+)\s*\}\}", r"%(\1)s", m.group(1)) for m in BLOCK.finditer(text)
        ]
        for msgid in found:
            previous = old.get(msgid)
            new.add(msgid, previous.string if previous else "")
        for m in CONTEXT_CALL.finditer(text):
            msgid, context = "".join(LITERAL.findall(m.group(2))), m.group(1)
            previous = old.get(msgid, context=context)
            new.add(msgid, previous.string if previous else "", context=context)
    PO.parent.mkdir(parents=True, exist_ok=True)
    with PO.open("wb") as f:
        write_po(f, new, width=0, omit_header=False, sort_output=True)
    missing = sum(1 for m in new if m.id and not m.string)
    print(f"{len(new)} strings, {missing} without English")


if __name__ == "__main__":
    main()
