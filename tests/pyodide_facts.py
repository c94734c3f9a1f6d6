"""Collect, by hand, what tests/test_udfs_pyodide.py checks xlperf's dependencies against:

    python tests/pyodide_facts.py [pyodide-version ...]     # default: RELEASES

writes tests/fixtures/pyodide.json, one entry per Pyodide release (xlwings Lite does not
say which one it runs, so the last release of each recent line and npm's latest), from
two registries (no CDN):
- the npm `pyodide` package's pyodide-lock.json: the Python it runs and, for every
  package our dependencies reach inside it, its version and dependencies;
- PyPI, through pip: the pure-Python wheels (py3-none-any) of the dependencies Pyodide
  does not build, with what they require — micropip, which xlwings Lite uses, installs
  a package from the lock or a pure wheel from PyPI, nothing else.

The test reads only the JSON, so it needs no network.
"""
from __future__ import annotations

import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
FACTS = ROOT / "tests" / "fixtures" / "pyodide.json"
RELEASES = ["0.27.8", "0.28.3", "0.29.5", "latest"]


def dependencies() -> list[str]:
    """pyproject's dependencies and the Lite requirements.txt lines (xlperf aside)."""
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    lite = (ROOT / "workbooks" / "xlwings-lite" / "requirements.txt").read_text(encoding="utf-8")
    lines = [ln.strip() for ln in lite.splitlines() if ln.strip() and not ln.startswith("#")]
    return list(project["dependencies"]) + [ln for ln in lines if ln != "xlperf"]


def emscripten_env(python: str) -> dict:
    return {"sys_platform": "emscripten", "platform_system": "Emscripten", "os_name": "posix",
            "platform_machine": "wasm32", "python_version": ".".join(python.split(".")[:2]),
            "python_full_version": python, "implementation_name": "cpython",
            "platform_python_implementation": "CPython", "extra": ""}


def npm_lock(version: str) -> tuple[str, dict]:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["npm", "pack", f"pyodide@{version}"], cwd=tmp, check=True,
                       capture_output=True)
        tgz = next(Path(tmp).glob("pyodide-*.tgz"))
        with tarfile.open(tgz) as tar:
            lock = json.load(tar.extractfile("package/pyodide-lock.json"))
            package = json.load(tar.extractfile("package/package.json"))
    return package["version"], lock


def pure_wheels(requirements: list[str], python: str) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        subprocess.run([sys.executable, "-m", "pip", "install", "--dry-run", "--ignore-installed",
                        "--quiet", "--only-binary", ":all:", "--platform", "any", "--implementation",
                        "py", "--abi", "none", "--python-version", python, "--target", tmp,
                        "--no-deps", "--report", str(report), *requirements], check=True)
        installs = json.loads(report.read_text(encoding="utf-8"))["install"]
    return {canonicalize_name(i["metadata"]["name"]): {
        "version": i["metadata"]["version"],
        "wheel": i["download_info"]["url"].rsplit("/", 1)[1],
        "requires": i["metadata"].get("requires_dist") or []} for i in installs}


def collect(version: str = "latest") -> dict:
    npm_version, lock = npm_lock(version)
    python = lock["info"]["python"]
    env = emscripten_env(python)
    packages = {canonicalize_name(k): v for k, v in lock["packages"].items()}
    facts: dict = {"pyodide": npm_version, "python": python, "lock": {}, "pure": {}}
    todo = [Requirement(r) for r in dependencies()]
    while todo:
        req = todo.pop()
        name = canonicalize_name(req.name)
        if req.marker is not None and not req.marker.evaluate(env):
            continue
        if name in facts["lock"] or name in facts["pure"]:
            continue
        if name in packages:
            entry = packages[name]
            facts["lock"][name] = {"version": entry["version"], "depends": entry.get("depends", [])}
            todo += [Requirement(d) for d in entry.get("depends", [])]
        else:
            facts["pure"].update(pure_wheels([str(req)], ".".join(python.split(".")[:2])))
            todo += [Requirement(r) for r in facts["pure"][name]["requires"]]
    return facts


if __name__ == "__main__":
    releases = [collect(v) for v in (sys.argv[1:] or RELEASES)]
    FACTS.write_text(json.dumps(releases, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                     encoding="utf-8")
    for facts in releases:
        print(facts["pyodide"], facts["python"], ", ".join(sorted(facts["lock"]) + sorted(facts["pure"])))
