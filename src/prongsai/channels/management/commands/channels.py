"""`prongsai channels remind|erase|rotate-keys|new-key`: the channels' daily work and keys.

- remind: mail the handlers of cases past their reply deadline (case number only).
- erase: erase the identity, contact details and attachments of cases closed longer than their
  agency's retention period.
- rotate-keys: re-encrypt every identity and attachment under the first PRONGSAI_CHANNELS_KEY.
- new-key: print a new Fernet key for PRONGSAI_CHANNELS_KEY.
Run daily by deploy/systemd/prongsai-channels.timer (remind, then erase)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Reminders, retention and keys of the reporting channels."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "action", choices=["remind", "erase", "daily", "rotate-keys", "new-key"]
        )

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "new-key":
            from cryptography.fernet import Fernet

            self.stdout.write(Fernet.generate_key().decode())
            return
        from prongsai.channels import services

        if action in ("remind", "daily"):
            self.stdout.write(f"reminders sent: {services.remind_due()}")
        if action in ("erase", "daily"):
            self.stdout.write(f"identities erased: {services.identity_erase_due()}")
        if action == "rotate-keys":
            self.stdout.write(f"values re-encrypted: {services.keys_rotate()}")
