"""A deploy while the guide is open, and hosts that misbehave (the reliability review, items 1, 5, 10).

Build A is the project as it is; build B is the same with the Creator Rewards pay rate doubled in
``facts.toml``, so B's page says a different range and B's calculator a different figure. Both are
built for one address and served from one folder whose content a "deploy" swaps at once, as
GitHub Pages does. In one browser session:

- a tab open on A across the deploy, then instant navigation to a B page: the old Python is
  replaced before any figure is computed, and every figure shown beside B's text is B's;
- a page of A still on screen (or cached) when B's Python files are on the site: no live figures
  (they would be B's beside A's text), a plain word, and a reload that brings B;
- a deploy half done (B's pages, A's manifest; or a file changing under a start): "the site was
  just updated", not "damaged or altered";
- ``.wasm`` served as ``application/octet-stream``: the verified bytes are compiled anyway.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from site_build.build_id import read_build
from tests.conftest import free_port
from tests.e2e.conftest import Watch
from tests.e2e.support import READY_TIMEOUT, follow_link, wait_ready, wait_settled
from tools.server import serve

ROOT = Path(__file__).resolve().parents[2]
START = "likes/engagement-rate/"
REWARDS = "monetization/creator-rewards/"
CALC = '[data-calculator="creator_rewards"]'
HEADLINE = f"{CALC} .tmg-headline__value"
FIELD = f'{CALC} input[name="monthly_views"]'
UPDATED = "the guide was just updated on the site"

# Every figure the creator_rewards widget shows while it says it is live: (state, headline).
RECORD_LIVE = """
window.__shown = [];
new MutationObserver(() => {
  const root = document.querySelector('[data-calculator="creator_rewards"]');
  const value = root && root.querySelector(".tmg-headline__value");
  if (root && value && root.dataset.state === "ready") window.__shown.push(value.textContent);
}).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
"""


def skip(folder: str, names: list[str]) -> set[str]:
    top = {".git", ".venv", "node_modules", "site", ".cache", "test-results", "screenshots"}
    caches = {n for n in names if n == "__pycache__" or n.endswith("_cache") or n == ".hypothesis"}
    return caches | (top & set(names) if Path(folder) == ROOT else set())


def doubled_pay(facts: str) -> str:
    """``facts.toml`` with every bound of ``crp_rpm`` doubled (the edit a deploy ships)."""
    start = facts.index("[crp_rpm]\n")
    end = facts.index("\n[", start + 1)
    table = re.sub(
        r"^(low|typical|high|value) = ([0-9.]+)$",
        lambda m: f"{m.group(1)} = {float(m.group(2)) * 2:.2f}",
        facts[start:end],
        flags=re.MULTILINE,
    )
    assert table != facts[start:end], "crp_rpm has no bounds to change"
    return facts[:start] + table + facts[end:]


def build(project: Path, out: Path, site_url: str) -> Path:
    env = {**os.environ, "SITE_URL": site_url, "TMG_SNAPSHOT": "0", "NO_MKDOCS_2_WARNING": "1"}
    env["PYTHONPATH"] = str(project)
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return out


def built_headline(site: Path) -> str:
    html = (site / REWARDS / "index.html").read_text("utf-8")
    widget = html.split('data-calculator="creator_rewards"', 1)[1]
    match = re.search(r'class="tmg-headline__value">([^<]*)<', widget)
    assert match, "the built page has its figure"
    return match.group(1)


class Host:
    """One address whose content a deploy replaces at once (a symlink switched atomically)."""

    def __init__(self, folder: Path, builds: dict[str, Path]) -> None:
        self.live = folder / "live"
        self.builds = builds

    def deploy(self, name: str) -> None:
        fresh = self.live.with_name("live.next")
        fresh.unlink(missing_ok=True)
        fresh.symlink_to(self.builds[name], target_is_directory=True)
        fresh.replace(self.live)


@pytest.fixture(scope="module")
def port() -> int:
    return free_port()


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory, port: int) -> dict[str, Path]:
    """Build A (the project) and build B (crp_rpm doubled), both for http://127.0.0.1:PORT/."""
    work = tmp_path_factory.mktemp("deploys")
    site_url = f"http://127.0.0.1:{port}/"
    project_b = work / "project-b"
    shutil.copytree(ROOT, project_b, ignore=skip, symlinks=True)
    (project_b / "node_modules").symlink_to(ROOT / "node_modules")
    facts = project_b / "calculators" / "data" / "facts.toml"
    facts.write_text(doubled_pay(facts.read_text("utf-8")), "utf-8")
    made = {"A": build(ROOT, work / "A", site_url), "B": build(project_b, work / "B", site_url)}
    assert read_build(made["A"]) != read_build(made["B"]), "different data, different builds"
    assert built_headline(made["A"]) != built_headline(made["B"])
    return made


@pytest.fixture(scope="module")
def host(builds: dict[str, Path], port: int) -> Iterator[tuple[Host, str]]:
    the_host = Host(next(iter(builds.values())).parent, builds)
    the_host.deploy("A")
    with serve(the_host.live, port=port) as url:
        yield the_host, url


def live_or_failed(page: Any, root: str) -> None:
    """Until the widget is live, or has given up (then the test fails at once, with the reason)."""
    page.wait_for_selector(f'{root}[data-state="ready"], {root}[data-state="error"]', timeout=READY_TIMEOUT)
    assert page.get_attribute(root, "data-state") == "ready", page.get_attribute(root, "data-error-detail")


def live_figures(page: Any) -> list[str]:
    return list(page.evaluate("() => window.__shown"))


def test_a_tab_open_across_a_deploy_restarts_python_for_the_new_build(
    open_context: Callable[..., tuple[Any, Watch]], host: tuple[Host, str], builds: dict[str, Path]
) -> None:
    the_host, url = host
    context, watch = open_context()
    context.add_init_script(RECORD_LIVE)
    page = context.new_page()
    the_host.deploy("A")
    page.goto(url + START)
    page.focus('[data-calculator="engagement"] input[name="likes"]')
    wait_ready(page, "engagement")
    page.evaluate("() => { window.__sameDocument = true; }")

    the_host.deploy("B")
    follow_link(page, url + REWARDS)
    assert page.evaluate("() => window.__sameDocument") is True, "instant navigation, not a new page load"
    assert page.locator('meta[name="tmg-build"]').count() == 1
    assert page.get_attribute('meta[name="tmg-build"]', "content") == read_build(builds["B"])
    live_or_failed(page, CALC)
    wait_settled(page, "creator_rewards")
    figure_b = built_headline(builds["B"])
    assert page.text_content(HEADLINE) == figure_b
    default = page.input_value(FIELD)
    page.fill(FIELD, "250000")
    page.fill(FIELD, default)  # back to the default: B's worker must give B's built figure again
    wait_settled(page, "creator_rewards")
    shows = "([sel, want]) => document.querySelector(sel).textContent === want"
    page.wait_for_function(shows, arg=[HEADLINE, figure_b])
    shown = live_figures(page)
    assert built_headline(builds["A"]) not in shown, f"an old-build figure was shown as live: {shown}"
    assert watch.count("pyodide.asm.wasm") == 2, "a second Python, for build B"
    assert not watch.errors, watch.errors


def test_a_page_older_than_the_sites_python_gets_no_live_figures_and_reloads_into_the_new_build(
    open_context: Callable[..., tuple[Any, Watch]], host: tuple[Host, str], builds: dict[str, Path]
) -> None:
    the_host, url = host
    context, watch = open_context()
    context.add_init_script(RECORD_LIVE)
    held: list[Any] = []
    context.route("**/pyodide/integrity.json", lambda route: held.append(route))
    the_host.deploy("A")
    page = context.new_page()
    page.goto(url + REWARDS)
    page.fill(FIELD, "450000")  # Python starts; its manifest request waits
    for _ in range(READY_TIMEOUT // 100):
        if held:
            break
        page.wait_for_timeout(100)
    assert held, "the worker asked for the manifest"
    the_host.deploy("B")
    context.unroute("**/pyodide/integrity.json")
    held[0].continue_()

    page.wait_for_selector(f'{CALC}[data-state="error"]', timeout=READY_TIMEOUT)
    assert page.get_attribute(CALC, "data-error-kind") == "outdated"
    status = page.text_content(f"{CALC} [data-status]") or ""
    assert UPDATED in status, status
    assert "damaged" not in status
    assert page.text_content(HEADLINE) == built_headline(builds["A"]), "A's page keeps A's figures"
    assert page.get_attribute(f"{CALC} [data-results]", "data-stale") is not None, "they are for other values"
    assert live_figures(page) == [], "never live beside another build's text"
    assert watch.count("pyodide.asm.wasm") == 0, "nothing of B was downloaded for A's page"
    button = page.locator(f"{CALC} [data-retry]")
    assert button.text_content() == "Reload the page"

    with page.expect_event("load"):  # the reload (the address changes first, in the same document)
        button.click()
    assert page.get_attribute('meta[name="tmg-build"]', "content") == read_build(builds["B"])
    live_or_failed(page, CALC)  # values from the address start Python at once
    wait_settled(page, "creator_rewards")
    assert page.input_value(FIELD) == "450000", "the value typed survives the reload"
    assert not [e for e in watch.errors if "Failed to load resource" not in e], watch.errors


def test_a_deploy_half_done_says_the_site_was_updated(
    open_context: Callable[..., tuple[Any, Watch]], host: tuple[Host, str], builds: dict[str, Path]
) -> None:
    """B's pages with A's manifest (the review's item 10), then a file changing under a start."""
    the_host, url = host
    the_host.deploy("B")
    old_manifest = (builds["A"] / "pyodide" / "integrity.json").read_bytes()
    context, watch = open_context()
    context.route("**/pyodide/integrity.json", lambda route: route.fulfill(body=old_manifest))
    page = context.new_page()
    page.goto(url + REWARDS)
    page.focus(FIELD)
    page.wait_for_selector(f'{CALC}[data-state="error"]', timeout=READY_TIMEOUT)
    assert page.get_attribute(CALC, "data-error-kind") == "outdated"
    assert UPDATED in (page.text_content(f"{CALC} [data-status]") or "")
    context.unroute("**/pyodide/integrity.json")

    # The manifest is B's when the start reads it, A's when a file has failed: a deploy under way.
    old_lock = (builds["A"] / "pyodide" / "pyodide-lock.json").read_bytes()
    manifests = iter([(builds["B"] / "pyodide" / "integrity.json").read_bytes()])
    context.route("**/pyodide/integrity.json", lambda route: route.fulfill(body=next(manifests, old_manifest)))
    context.route("**/pyodide/pyodide-lock.json", lambda route: route.fulfill(body=old_lock))
    second = context.new_page()
    second.goto(url + REWARDS)
    second.focus(FIELD)
    second.wait_for_selector(f'{CALC}[data-state="error"]', timeout=READY_TIMEOUT)
    assert second.get_attribute(CALC, "data-error-kind") == "outdated"
    detail = second.get_attribute(CALC, "data-error-detail") or ""
    assert "updated while Python started" in detail, detail
    assert "pyodide-lock.json" in detail, detail
    assert not [e for e in watch.errors if "Failed to load resource" not in e], watch.errors


def test_wasm_labelled_octet_stream_still_starts_from_the_verified_bytes(
    open_context: Callable[..., tuple[Any, Watch]], site_dir: Path
) -> None:
    """A simple host's default type for .wasm: streaming compilation would refuse it (item 5)."""
    with serve(site_dir, content_types={".wasm": "application/octet-stream"}) as url:
        context, watch = open_context()
        page = context.new_page()
        page.goto(url + START)
        page.focus('[data-calculator="engagement"] input[name="likes"]')
        live_or_failed(page, '[data-calculator="engagement"]')
        page.fill('[data-calculator="engagement"] input[name="likes"]', "5000")
        wait_settled(page, "engagement")
        assert page.get_attribute('[data-calculator="engagement"]', "data-error-kind") is None
        assert watch.count("pyodide.asm.wasm") == 1, "one download: no failed first start"
        assert not watch.errors, watch.errors
