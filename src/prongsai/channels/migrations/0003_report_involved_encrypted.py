"""The people a report names as involved move from a clear text column to ciphertext under
PRONGSAI_CHANNELS_KEY, like the reporter's identity (decision 42). Existing values are
encrypted before the clear column is dropped; going back decrypts them."""

from typing import Any

from django.db import migrations, models


def encrypt_named(apps: Any, schema_editor: Any) -> None:
    from prongsai.channels import crypto

    Report = apps.get_model("channels", "Report")
    for pk, text in Report.objects.exclude(named_people="").values_list("pk", "named_people"):
        token = crypto.encrypt(text.strip().encode()) if text.strip() else b""
        Report.objects.filter(pk=pk).update(involved_ciphertext=token, named_people="")


def decrypt_named(apps: Any, schema_editor: Any) -> None:
    from prongsai.channels import crypto

    Report = apps.get_model("channels", "Report")
    for pk, token in Report.objects.exclude(involved_ciphertext=b"").values_list(
        "pk", "involved_ciphertext"
    ):
        text = crypto.decrypt(bytes(token)).decode() if token else ""
        Report.objects.filter(pk=pk).update(named_people=text)


class Migration(migrations.Migration):
    dependencies = [
        ("channels", "0002_statscopy"),
    ]

    operations = [
        migrations.AddField(
            model_name="report",
            name="involved_ciphertext",
            field=models.BinaryField(blank=True, default=b""),
        ),
        migrations.RunPython(encrypt_named, decrypt_named),
        migrations.RemoveField(
            model_name="report",
            name="named_people",
        ),
    ]
