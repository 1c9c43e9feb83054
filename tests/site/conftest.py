"""The built-site checks run on both generators' output: MkDocs + Material, and Zensical.

``make build`` deploys the first; the second (``make build-zensical``) must give readers the
same guide, so every check here runs on each (test ids end in ``[mkdocs]`` or ``[zensical]``).
"""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session", params=["mkdocs", "zensical"])
def generator(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="session")
def site_dir(site_dir: Path, generator: str, request: pytest.FixtureRequest) -> Path:
    return site_dir if generator == "mkdocs" else Path(request.getfixturevalue("zensical_site_dir"))


@pytest.fixture(scope="session")
def site_port(site_port: int, generator: str, request: pytest.FixtureRequest) -> int:
    return site_port if generator == "mkdocs" else int(request.getfixturevalue("zensical_port"))
