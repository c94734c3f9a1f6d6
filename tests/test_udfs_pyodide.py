"""xlwings Lite installs xlperf in the browser with micropip: every dependency must come
from the Pyodide lockfile (a package Pyodide builds) or be a pure-Python wheel on PyPI.
Checked, for each recent Pyodide release, against tests/fixtures/pyodide.json, the facts
tests/pyodide_facts.py took from the npm `pyodide` package's pyodide-lock.json and from
PyPI (no network here)."""
from __future__ import annotations

import json

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version
from pyodide_facts import FACTS, dependencies, emscripten_env
from xlwings_floor import declared_floor

RELEASES = json.loads(FACTS.read_text(encoding="utf-8"))


def _available(req: Requirement, f: dict) -> str:
    """Where micropip would take `req` from; raises AssertionError when nowhere."""
    name = canonicalize_name(req.name)
    for source in ("lock", "pure"):
        if name in f[source]:
            version = f[source][name]["version"]
            assert req.specifier.contains(Version(version), prereleases=True), \
                f"{req} but Pyodide {f['pyodide']} offers {name} {version} ({source})"
            if source == "pure":
                assert f[source][name]["wheel"].endswith("-none-any.whl"), f[source][name]
            return source
    raise AssertionError(f"{req}: neither in pyodide-lock.json of Pyodide {f['pyodide']} "
                         "nor a pure-Python wheel on PyPI")


@pytest.mark.parametrize("f", RELEASES, ids=[r["pyodide"] for r in RELEASES])
def test_every_dependency_installs_in_pyodide(f):
    env = emscripten_env(f["python"])
    seen: dict = {}
    todo = [Requirement(r) for r in dependencies()]
    while todo:
        req = todo.pop()
        if req.marker is not None and not req.marker.evaluate(env):
            continue
        source = _available(req, f)
        name = canonicalize_name(req.name)
        if name in seen:
            continue
        seen[name] = source
        entry = f[source][name]
        todo += [Requirement(d) for d in entry.get("depends", entry.get("requires", []))]
    # the compiled ones come from Pyodide, the rest as pure wheels
    assert seen["pandas"] == seen["lxml"] == "lock"
    assert seen["openpyxl"] == seen["xlwings"] == "pure"
    assert "python-calamine" not in seen  # not installed in the browser (emscripten marker)


@pytest.mark.parametrize("f", RELEASES, ids=[r["pyodide"] for r in RELEASES])
def test_the_facts_cover_the_declared_floors(f):
    """A raised floor in pyproject or the Lite requirements that Pyodide cannot meet fails
    here; re-run tests/pyodide_facts.py after changing the dependencies."""
    assert Version(f["pure"]["xlwings"]["version"]) >= Version(declared_floor())
    assert f["python"].startswith("3.")
    names = {canonicalize_name(Requirement(r).name) for r in dependencies()}
    assert names - {"python-calamine"} <= set(f["lock"]) | set(f["pure"])
