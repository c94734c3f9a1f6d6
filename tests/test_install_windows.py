"""What the README's Windows install steps promise, checked against PyPI: for every
Python version the README names, pip finds a Windows x64 wheel of every dependency
(no compiler on an accountant's PC), and xlwings' wheel is the platform one that
carries the DLL the XP_* functions need; the version below the README's range does
not resolve, so the stated floor is the true one.

pip resolves with `--dry-run --only-binary :all: --platform win_amd64 --python-version X`
(the resolution `pip download` does, reading wheel metadata instead of whole wheels).
Needs PyPI: skipped offline on a laptop, fails under CI.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import tomllib

pytestmark = pytest.mark.network

ROOT = Path(__file__).resolve().parents[1]


def readme_pythons() -> list[str]:
    """The Python versions of the add-in's install step: "Python 3.X 至 3.Y（64 位）"."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.findall(r"Python (3)\.(\d+) 至 3\.(\d+)（64 位", text)
    assert len(found) == 1, "README must name the Python range once: Python 3.X 至 3.Y（64 位"
    major, low, high = found[0]
    return [f"{major}.{minor}" for minor in range(int(low), int(high) + 1)]


def readme_xlwings_pin() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    pins = set(re.findall(r'"xlwings==([0-9.]+)"', text))
    assert len(pins) == 1, pins
    return pins.pop()


def requirements() -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    deps = [d for d in project["dependencies"] if not d.startswith("xlwings")]
    return deps + [f"xlwings=={readme_xlwings_pin()}"]


def resolve(python: str, tmp_path) -> subprocess.CompletedProcess:
    report = tmp_path / f"report-{python}.json"
    return subprocess.run(
        [sys.executable, "-m", "pip", "install", "--dry-run", "--ignore-installed", "--quiet",
         "--disable-pip-version-check", "--only-binary", ":all:", "--platform", "win_amd64",
         "--python-version", python, "--target", str(tmp_path / "target"),
         "--report", str(report), *requirements()],
        capture_output=True, text=True, timeout=600)


def _offline(proc) -> bool:
    return any(s in proc.stderr for s in ("NewConnectionError", "Temporary failure in name resolution",
                                          "Network is unreachable", "ConnectTimeout"))


def _skip_offline(proc):
    if _offline(proc):
        if os.environ.get("CI"):
            pytest.fail("PyPI unreachable under CI:\n" + proc.stderr[-2000:])
        pytest.skip("PyPI unreachable")


def test_readme_range_starts_at_the_python_floor_of_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["requires-python"] == f">={readme_pythons()[0]}"


@pytest.mark.parametrize("python", readme_pythons())
def test_every_dependency_has_a_windows_x64_wheel(python, tmp_path):
    proc = resolve(python, tmp_path)
    _skip_offline(proc)
    assert proc.returncode == 0, proc.stderr[-3000:]
    installs = json.loads((tmp_path / f"report-{python}.json").read_text(encoding="utf-8"))["install"]
    wheels = {i["metadata"]["name"].lower(): i["download_info"]["url"].rsplit("/", 1)[1]
              for i in installs}
    assert all(w.endswith(".whl") for w in wheels.values()), wheels
    tag = "cp" + python.replace(".", "")
    # the platform wheel holds xlwings64-<version>.dll; the pure one cannot run XP_* functions
    assert wheels["xlwings"].endswith(f"-{tag}-{tag}-win_amd64.whl"), wheels["xlwings"]
    assert f"xlwings-{readme_xlwings_pin()}-" in wheels["xlwings"]


def test_the_python_below_the_readme_range_cannot_install(tmp_path):
    below = readme_pythons()[0].split(".")
    python = f"{below[0]}.{int(below[1]) - 1}"
    proc = resolve(python, tmp_path)
    _skip_offline(proc)
    assert proc.returncode != 0
    assert "xlwings" in proc.stderr
