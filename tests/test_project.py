"""Project metadata: every package ships, entry points are declared, and the lock pins it all."""

from __future__ import annotations

import importlib.util
import tomllib
from pathlib import Path
from typing import Any

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]


def pyproject() -> dict[str, Any]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_every_source_package_is_listed() -> None:
    source = ROOT / "src"
    found = {
        ".".join(init.parent.relative_to(source).parts) for init in source.rglob("__init__.py")
    }
    found.add("studyplanner.resources")
    listed = set(pyproject()["tool"]["setuptools"]["packages"])
    assert listed == found


def test_entry_points() -> None:
    project = pyproject()["project"]
    assert project["gui-scripts"] == {"studyplanner": "studyplanner.ui.app:main"}
    assert project["scripts"] == {"studyplanner-cli": "studyplanner.cli.main:main"}


def requirements() -> list[Requirement]:
    deps = pyproject()["project"]["dependencies"]
    return [Requirement(text) for text in deps]


def lock() -> dict[str, Any]:
    return tomllib.loads((ROOT / "uv.lock").read_text(encoding="utf-8"))


def locked(name: str) -> list[dict[str, Any]]:
    packages = lock()["package"]
    return [p for p in packages if p["name"] == name]


def marker_env(python: str) -> dict[str, str]:
    return {"python_version": python, "python_full_version": f"{python}.7"}


def test_pyside6_612_is_excluded_below_python_312() -> None:
    for_311 = [
        r
        for r in requirements()
        if r.name == "pyside6" and (r.marker is None or r.marker.evaluate(marker_env("3.11")))
    ]
    assert len(for_311) == 1
    assert for_311[0].specifier.contains("6.11.3")
    assert not for_311[0].specifier.contains("6.12.0")


# A major release of these could change what the tests pin: intervals, the loader's limits,
# the schema and its migrations, the widgets.
NEXT_MAJOR = {
    "fsrs": "7",
    "pyyaml": "7",
    "sqlmodel": "0.1",
    "sqlalchemy": "3",
    "pydantic": "3",
    "alembic": "2",
    "pyside6": "7",
}


@pytest.mark.parametrize(("name", "next_major"), NEXT_MAJOR.items())
def test_dependencies_the_tests_pin_stop_below_their_next_major(name: str, next_major: str) -> None:
    found = [r for r in requirements() if r.name == name]
    assert found, f"{name} is not a direct dependency"
    for requirement in found:
        assert not requirement.specifier.contains(next_major), str(requirement)


def test_every_locked_file_has_a_hash() -> None:
    files = [
        entry
        for package in lock()["package"]
        for entry in [package.get("sdist"), *package.get("wheels", [])]
        if entry is not None
    ]
    assert len(files) > 100
    assert all(str(entry["hash"]).startswith("sha256:") for entry in files)


def test_the_lock_is_for_python_311_and_312_on_linux_windows_and_macos() -> None:
    environments = pyproject()["tool"]["uv"]["environments"]
    platforms = ["sys_platform == 'linux'", "sys_platform == 'win32'", "sys_platform == 'darwin'"]
    assert [e.split(" and ")[-1] for e in environments] == platforms
    supported = [Marker(m) for m in lock()["supported-markers"]]
    for python in ("3.11", "3.12"):
        for platform in ("linux", "win32", "darwin"):
            env = {**marker_env(python), "sys_platform": platform}
            assert any(m.evaluate(env) for m in supported), (python, platform)
    wheels = " ".join(str(w["url"]) for p in locked("pyside6") for w in p["wheels"])
    for platform in ("manylinux", "win_amd64", "macosx"):
        assert platform in wheels


def test_the_lock_installs_pyside6_below_612_on_python_311() -> None:
    app = next(p for p in lock()["package"] if p["name"] == "studyplanner")
    chosen = [d for d in app["dependencies"] if d["name"] == "pyside6"]
    on_311 = [d for d in chosen if Marker(d.get("marker", "")).evaluate(marker_env("3.11"))]
    assert [Version(d["version"]) < Version("6.12") for d in on_311] == [True]


def test_the_bootstrap_uv_is_the_locked_uv_with_its_hashes() -> None:
    spec = importlib.util.spec_from_file_location("lock_tool", ROOT / "tools" / "lock.py")
    assert spec is not None and spec.loader is not None
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    written = (ROOT / "requirements-uv.txt").read_text(encoding="utf-8")
    assert written == tool.bootstrap_requirements((ROOT / "uv.lock").read_text(encoding="utf-8"))
    assert f"uv=={locked('uv')[0]['version']} " in written
    assert written.count("--hash=sha256:") == len(locked("uv")[0]["wheels"]) + 1
