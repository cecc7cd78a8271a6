"""The environment the tests run in holds exactly the versions in requirements/lock.txt.

`./dev.sh` installs from the lock with `--require-hashes`; this catches a venv that drifted
(someone ran `pip install -U`) or a lock that no longer matches pyproject.toml.
"""

from __future__ import annotations

import os
import re
from importlib import metadata
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

LOCK = Path(__file__).resolve().parents[1] / "requirements" / "lock.txt"
PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[^\s;\\]+)\s*(?:;\s*(?P<marker>[^\\]+?))?\s*\\?$")


def locked_pins() -> dict[str, tuple[str, str | None]]:
    pins = {}
    for line in LOCK.read_text().splitlines():
        match = PIN.match(line)
        if match:
            pins[canonicalize_name(match["name"])] = (match["version"], match["marker"])
    return pins


def test_lock_parses_and_pins_every_direct_dependency():
    pins = locked_pins()
    assert len(pins) > 50
    project = metadata.metadata("newsgraph")
    for spec in project.get_all("Requires-Dist") or []:
        requirement = Requirement(spec)
        if requirement.marker and not requirement.marker.evaluate({"extra": "test"}) and not requirement.marker.evaluate({"extra": "sm"}):
            continue
        assert canonicalize_name(requirement.name) in pins, f"{requirement.name} is not in {LOCK.name}: run ./dev.sh lock"
        version, _ = pins[canonicalize_name(requirement.name)]
        assert requirement.specifier.contains(version, prereleases=True), (
            f"{requirement.name}=={version} in the lock does not satisfy {requirement.specifier}: run ./dev.sh lock"
        )


@pytest.mark.skipif(os.environ.get("NEWSGRAPH_UNLOCKED") == "1", reason="installed unlocked on purpose")
def test_installed_versions_are_the_locked_ones():
    drifted = []
    for name, (version, marker) in locked_pins().items():
        if marker and not Marker(marker).evaluate():
            continue
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            drifted.append(f"{name}: locked {version}, not installed")
            continue
        if installed != version:
            drifted.append(f"{name}: locked {version}, installed {installed}")
    assert not drifted, "the venv differs from requirements/lock.txt (rerun ./dev.sh setup):\n" + "\n".join(drifted)
