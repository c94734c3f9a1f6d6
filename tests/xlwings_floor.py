"""Second Python environments for the tests that run the Lite/Server dispatch on the
oldest xlwings the project declares and on the latest release on PyPI.

    python tests/xlwings_floor.py            # prints the floor environment's python
    python tests/xlwings_floor.py latest     # the latest release's

creates /tmp/xlperf-xlwings-<floor> (once; later runs reuse it) with
`pip install xlwings==<floor>`, or /tmp/xlperf-xlwings-latest with
`pip install --upgrade xlwings`, each with a .pth file that appends this interpreter's
site-packages, so every other dependency (pandas, lxml, ...) is the one already
installed while the venv's own xlwings comes first on sys.path. `.ci/run` runs both and
exports XLPERF_XLWINGS_FLOOR_PYTHON and XLPERF_XLWINGS_LATEST_PYTHON for
tests/test_udfs_server.py.
"""
from __future__ import annotations

import re
import site
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def declared_floor() -> str:
    """The `xlwings>=X` lower bound of pyproject.toml."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    found = re.findall(r'"xlwings>=([0-9.]+)"', text)
    if len(found) != 1:
        raise SystemExit("pyproject.toml must declare exactly one xlwings>=X dependency")
    return found[0]


def lite_floor() -> str:
    """The `xlwings>=X` line of the requirements.txt pasted into xlwings Lite."""
    text = (ROOT / "workbooks" / "xlwings-lite" / "requirements.txt").read_text(encoding="utf-8")
    found = re.findall(r"^xlwings>=([0-9.]+)\s*$", text, re.M)
    if len(found) != 1:
        raise SystemExit("requirements.txt must declare exactly one xlwings>=X line")
    return found[0]


def environment(version: str) -> Path:
    """The python of a venv holding xlwings==version (or the latest release for
    "latest"), created when missing."""
    home = Path(tempfile.gettempdir()) / f"xlperf-xlwings-{version}"
    python = home / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
    probe = [str(python), "-c", "import xlwings; print(xlwings.__version__)"]
    pip = [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    if python.exists():
        done = subprocess.run(probe, capture_output=True, text=True)
        if done.returncode == 0 and version == "latest":
            subprocess.run(pip + ["--upgrade", "xlwings"], check=True, stdout=sys.stderr)
            return python
        if done.returncode == 0 and done.stdout.strip() == version:
            return python
    # pip's chatter to stderr: stdout is the python's path alone
    subprocess.run([sys.executable, "-m", "venv", "--clear", str(home)], check=True, stdout=sys.stderr)
    subprocess.run(pip + (["xlwings"] if version == "latest" else [f"xlwings=={version}"]),
                   check=True, stdout=sys.stderr)
    # the main environment's packages after the venv's own (a .pth adds to the end of sys.path)
    own = subprocess.run([str(python), "-c", "import site; print(site.getsitepackages()[0])"],
                         capture_output=True, text=True, check=True).stdout.strip()
    (Path(own) / "xlperf-main-env.pth").write_text("\n".join(site.getsitepackages()) + "\n",
                                                  encoding="utf-8")
    done = subprocess.run(probe, capture_output=True, text=True, check=True)
    if version != "latest" and done.stdout.strip() != version:
        raise SystemExit(f"{home} imports xlwings {done.stdout.strip()}, not {version}")
    return python


if __name__ == "__main__":
    print(environment("latest" if sys.argv[1:] == ["latest"] else declared_floor()))
