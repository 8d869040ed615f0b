"""Check that the locks (requirements.lock, requirements-dev.lock) match pyproject.toml: every
dependency of the project is pinned there, at a version its specifier allows, with hashes.
Exit 1 with what is wrong and how to fix it (`make lock`). Used by `make install`, `make lock`
and tests/core/test_lock.py."""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)")
FIX = (
    "Run `make lock` (it resolves pyproject.toml again with uv, hashes included) and commit "
    "requirements.lock and requirements-dev.lock."
)


def pins(lock: Path) -> dict[str, tuple[Version, bool]]:
    """Each pinned name -> (version, whether hashes follow)."""
    found: dict[str, tuple[Version, bool]] = {}
    lines = lock.read_text().splitlines()
    for i, line in enumerate(lines):
        match = PIN.match(line)
        if match:
            hashed = i + 1 < len(lines) and "--hash=sha256:" in lines[i + 1]
            found[canonicalize_name(match.group(1))] = (Version(match.group(2)), hashed)
    return found


def problems(root: Path = ROOT) -> list[str]:
    project = tomllib.loads((root / "pyproject.toml").read_text())["project"]
    runtime = [Requirement(r) for r in project["dependencies"]]
    dev = [Requirement(r) for r in project.get("optional-dependencies", {}).get("dev", [])]
    out: list[str] = []
    for name, wanted in (("requirements.lock", runtime), ("requirements-dev.lock", runtime + dev)):
        lock = root / name
        if not lock.is_file():
            out.append(f"{name} is missing")
            continue
        pinned = pins(lock)
        for req in wanted:
            key = canonicalize_name(req.name)
            if key not in pinned:
                out.append(f"{name}: {req.name} (pyproject.toml: {req}) is not in the lock")
                continue
            version, hashed = pinned[key]
            if not req.specifier.contains(version, prereleases=True):
                out.append(
                    f"{name}: {req.name}=={version} is not allowed by pyproject.toml's {req}"
                )
            if not hashed:
                out.append(f"{name}: {req.name}=={version} has no hashes")
    return out


def main() -> int:
    found = problems()
    if found:
        print("The dependency locks do not match pyproject.toml:", file=sys.stderr)
        for p in found:
            print(f"  - {p}", file=sys.stderr)
        print(FIX, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
