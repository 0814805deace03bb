"""The version is written once (``clustergrid.__version__``) and read from there."""

import importlib.metadata
import re
from pathlib import Path

import clustergrid

ROOT = Path(__file__).resolve().parents[2]


def test_installed_metadata_reports_the_package_version():
    assert importlib.metadata.version("clustergrid") == clustergrid.__version__


def test_pyproject_does_not_repeat_the_version():
    text = (ROOT / "pyproject.toml").read_text()
    assert 'dynamic = ["version"]' in text
    assert re.search(r'^version\s*=\s*"', text, re.M) is None


def test_changelog_has_a_section_for_the_version():
    text = (ROOT / "CHANGELOG.md").read_text()
    assert f"## [{clustergrid.__version__}]" in text
