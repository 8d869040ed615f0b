"""Every Thai UI string in the source has its English translation in the catalogue."""

import importlib.util
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.test import Client
from django.urls import reverse

from tests.authz.world import PASSWORD

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "po_update.py"


def test_every_ui_string_has_an_english_translation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = importlib.util.spec_from_file_location("po_update", SCRIPT)
    assert spec and spec.loader
    po_update = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(po_update)
    catalogue = tmp_path / "django.po"
    catalogue.write_bytes(po_update.PO.read_bytes())
    monkeypatch.setattr(po_update, "PO", catalogue)
    po_update.main()  # collects the source strings into the copy, keeping the translations
    with catalogue.open("rb") as f:
        missing = [m.id for m in read_po(f) if m.id and not m.string]
    assert not missing, f"strings without English (run scripts/po_update.py): {missing[:10]}"


@pytest.mark.django_db
def test_a_blocktranslate_string_is_translated(world: object) -> None:
    client = Client()
    client.login(username="editor", password=PASSWORD)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    body = client.get(reverse("plans:list", args=["ours"])).content.decode()
    assert "Copy as the plan for" in body
