"""Suite-wide settings: Hypothesis profiles and the `slow` marker.

Hypothesis: the `ci` profile (selected when the CI environment variable is set, as .ci/run
does) tries many examples; the `dev` profile a few, for a quick run on a laptop. Tests
that name their own max_examples scale it with `fixtures.profiles.examples`.

`slow` (registered in setup.cfg) marks what costs seconds to minutes: SIGKILL runs,
fuzzing (every Hypothesis test), hostile files (zip and entity bombs, huge parts) and
everything that starts LibreOffice (printing to PDF, the accountant's session). CI runs
everything; `pytest -m "not slow"` is the quick run. The rules are here rather than as
decorators scattered over the files so that a new test of one of these kinds is caught
by its name or its marker.
"""
from __future__ import annotations

import os
import re

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("ci", max_examples=200, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=20, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("ci" if os.environ.get("CI") else "dev")

_SLOW_NAMES = re.compile(r"sigkill|bomb|hostile|peak_memory|_quickly")


def pytest_collection_modifyitems(config, items):
    for item in items:
        fuzz = getattr(getattr(item, "obj", None), "is_hypothesis_test", False)
        if fuzz or item.get_closest_marker("libreoffice") or _SLOW_NAMES.search(item.name):
            item.add_marker(pytest.mark.slow)
