"""Commands that render nothing do not load the heavy libraries (matplotlib, typst, python-docx,
openpyxl): `prongsai score` took 1.1 s of CPU, most of it importing them (bench: README)."""

import os
import subprocess
import sys
from pathlib import Path

HEAVY = ("matplotlib", "typst", "docx", "openpyxl", "numpy")


def _modules_after(args: list[str], tmp_path: Path) -> list[str]:
    code = (
        "import sys\n"
        "from prongsai.cli import main\n"
        f"sys.argv = ['prongsai', *{args!r}]\n"
        "try:\n    main()\nexcept BaseException:\n    pass\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("PRONGSAI_")}
    env.pop("DATABASE_URL", None)
    env["PRONGSAI_DATA_DIR"] = str(tmp_path)
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    return eval(out.stdout.strip().splitlines()[-1])  # noqa: S307 - our own printed list


def test_the_score_command_loads_no_document_or_chart_library(tmp_path: Path) -> None:
    args = ["score", "--year", "2566", "--indicators", "99,95,90,88,85,80,92,91,70,60"]
    assert _modules_after(args, tmp_path) == []


def test_every_document_kind_is_known_though_its_module_loads_on_first_use() -> None:
    from prongsai.core.documents import document_kinds

    assert {"plan", "analysis", "progress", "status", "annual", "memo"} <= set(document_kinds())
