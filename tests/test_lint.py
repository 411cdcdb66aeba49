"""The code passes ruff (pinned in requirements-dev.txt; rules in pyproject.toml): no unused import,
no f-string without a placeholder, no undefined name anywhere in the generator, tests or benchmarks."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO


def test_ruff_finds_nothing():
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    if ruff is None:
        if os.environ.get("CI"):
            pytest.fail("ruff is missing: scripts/install.sh --test installs requirements-dev.txt")
        pytest.skip("ruff is not installed (requirements-dev.txt)")
    out = subprocess.run([ruff, "check", "--no-cache", "--output-format", "concise", "."], cwd=REPO,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stdout + out.stderr
