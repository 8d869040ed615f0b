"""Refuse to serve on a database whose migrations are not all applied (a failed or forgotten
`prongsai migrate`): a web process on a half-migrated schema could write wrong data."""

from __future__ import annotations

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor


class UnappliedMigrations(RuntimeError):
    pass


def ensure_migrated(alias: str = DEFAULT_DB_ALIAS) -> None:
    connection = connections[alias]
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        names = ", ".join(f"{m.app_label}.{m.name}" for m, _ in plan[:5])
        raise UnappliedMigrations(
            f"ฐานข้อมูลยังไม่ได้ปรับโครงสร้าง ({len(plan)} migration ค้างอยู่: {names}…) "
            "ให้รัน `prongsai migrate` ก่อนเริ่มระบบ (the database has unapplied migrations: "
            "run `prongsai migrate` first)"
        )
