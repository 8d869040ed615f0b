from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand

from prongsai.core.demo import DEMO_PASSWORD, demo_build, demo_logins


class Command(BaseCommand):
    help = "Build the demo data (migrating first when needed). Does not serve."

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        ctx = demo_build()
        if ctx is None:
            self.stdout.write("ข้อมูลสาธิตมีอยู่แล้ว (demo data is already there)")
        else:
            self.stdout.write(self.style.SUCCESS("สร้างข้อมูลสาธิตแล้ว (demo data built)"))
        self.stdout.write(f"\nบัญชีสาธิต (demo logins), รหัสผ่านทุกบัญชี / password: {DEMO_PASSWORD}")
        for username, what in demo_logins():
            self.stdout.write(f"  {username:<20} {what}")
