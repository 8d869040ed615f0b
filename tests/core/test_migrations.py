import io

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_every_model_change_has_its_migration() -> None:
    out = io.StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as exit_:
        pytest.fail(f"models changed without a migration (exit {exit_.code}):\n{out.getvalue()}")


def test_a_web_process_refuses_to_start_on_an_unmigrated_database(tmp_path: object) -> None:
    import os
    import subprocess
    import sys

    env = {
        k: v for k, v in os.environ.items() if not k.startswith("PRONGSAI_") and k != "DATABASE_URL"
    }
    env["PRONGSAI_DATA_DIR"] = str(tmp_path)
    result = subprocess.run(
        [sys.executable, "-c", "import prongsai.wsgi"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "prongsai migrate" in result.stderr
    migrated = subprocess.run(
        [sys.executable, "-m", "prongsai", "migrate", "-v0"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert migrated.returncode == 0, migrated.stderr
    again = subprocess.run(
        [sys.executable, "-c", "import prongsai.wsgi"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert again.returncode == 0, again.stderr
