"""The GitHub workflows run what contributors run locally, with pinned actions and least privilege.

CI that drifts from the Makefile tells contributors about failures they cannot reproduce, and
a workflow is only read by GitHub after it is merged. So each rule is a small function that
returns the problems it finds, tested on the real files and on a bad example that must fail.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
GITHUB = ROOT / ".github"
CI = GITHUB / "workflows" / "ci.yml"
DEPLOY = GITHUB / "workflows" / "deploy.yml"

Workflow = dict[Any, Any]
"""A parsed workflow; keys are strings except ``on``, which YAML 1.1 reads as ``True``."""

SHA_PIN = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")
VERSION_PIN = re.compile(r"^[\w.-]+/[\w./-]+@v?\d+\.\d+\.\d+$")
VERSION_COMMENT = re.compile(r"#\s*v?\d+\.\d+\.\d+\b")
DIRECT_TOOLS = re.compile(r"(^|[\s;&|(])(\S*/)?(python3?|pytest|mkdocs|ruff|mypy|pip3?|npm|npx|node|pre-commit)(\s|$)")
ALLOWED_DIRECT = {".venv/bin/python -m playwright install --with-deps chromium"}
"""Commands that may bypass make: Playwright's browser download needs the runner's sudo."""


# --- Reading the files -------------------------------------------------------------------


def load(text: str) -> Workflow:
    data = yaml.safe_load(text)
    assert isinstance(data, dict), "a workflow is a YAML mapping"
    return data


def triggers(wf: Workflow) -> dict[str, Any]:
    """The ``on:`` mapping (YAML 1.1 reads the bare key ``on`` as ``True``)."""
    on = wf.get("on", wf.get(True))
    if isinstance(on, str):
        return {on: None}
    if isinstance(on, list):
        return dict.fromkeys(on)
    return dict(on or {})


def jobs(wf: Workflow) -> dict[str, dict[str, Any]]:
    return dict(wf.get("jobs") or {})


def steps(wf: Workflow) -> Iterator[tuple[str, dict[str, Any]]]:
    for job_id, job in jobs(wf).items():
        for step in job.get("steps") or []:
            yield job_id, step


def makefile_targets(text: str) -> set[str]:
    """Rule names in a Makefile (not variable assignments such as ``PY := ...``)."""
    return set(re.findall(r"^([A-Za-z0-9_.-]+)\s*:(?![:=])", text, flags=re.MULTILINE)) - {".PHONY"}


def make_targets(script: str) -> list[str]:
    """The targets of every ``make`` call in a shell script (comments ignored)."""
    found: list[str] = []
    for line in script.splitlines():
        line = re.sub(r"(^|\s)#.*$", "", line)
        for match in re.finditer(r"(?:^|[;&|(]|\bthen|\bdo)\s*make\b(?!-)((?:\s+[^\s;&|)]+)*)", line.strip()):
            words = [w for w in match.group(1).split() if not w.startswith("-") and "=" not in w]
            found += words or ["<no target>"]
    return found


def ci_workflow_targets(wf: Workflow) -> set[str]:
    return {t for _, step in steps(wf) for t in make_targets(str(step.get("run", "")))}


# --- The rules ---------------------------------------------------------------------------


def run_problems(wf: Workflow, targets: set[str]) -> list[str]:
    """``run:`` steps reach the project only through make targets that exist."""
    problems = []
    for job_id, step in steps(wf):
        script = str(step.get("run", ""))
        for target in make_targets(script):
            if target not in targets:
                problems.append(f"{job_id}: `make {target}` is not a target of the Makefile")
        for line in script.splitlines():
            code = re.sub(r"(^|\s)#.*$", "", line).strip()
            if code and code not in ALLOWED_DIRECT and DIRECT_TOOLS.search(code):
                problems.append(f"{job_id}: `{code}` bypasses the Makefile; add or use a make target")
    return problems


def pin_problems(text: str) -> list[str]:
    """Every action is pinned to a full commit SHA with its version in a comment, or to an exact version."""
    problems = []
    uses = [(m.group(1), m.group(2)) for m in re.finditer(r"^\s*(?:-\s+)?uses:\s*(\S+)(.*)$", text, re.MULTILINE)]
    parsed = {str(step["uses"]) for _, step in steps(load(text)) if "uses" in step}
    if parsed != {ref for ref, _ in uses}:
        problems.append(f"could not find every `uses:` on its own line: {sorted(parsed)}")
    for ref, rest in uses:
        if ref.startswith("./"):
            continue
        if ref.startswith("docker://"):
            if not re.search(r"@sha256:[0-9a-f]{64}$", ref):
                problems.append(f"{ref}: pin the image by digest (@sha256:...)")
        elif SHA_PIN.match(ref):
            if not VERSION_COMMENT.search(rest):
                problems.append(f"{ref}: add the version it points to as a comment, e.g. `# v4.2.2`")
        elif not VERSION_PIN.match(ref):
            problems.append(f"{ref}: pin to a full commit SHA (or at least an exact version like v4.2.2)")
    return problems


def write_scopes(wf: Workflow) -> dict[str, set[str]]:
    """Where a workflow may write: ``{"<top>": scopes, "<job>": scopes}``; read-all/write-all count too."""

    def writes(perms: object) -> set[str]:
        if perms in ("write-all",):
            return {"*"}
        if isinstance(perms, dict):
            return {scope for scope, level in perms.items() if level == "write"}
        return set()

    found = {"<top>": writes(wf.get("permissions"))}
    found.update({job_id: writes(job.get("permissions")) for job_id, job in jobs(wf).items()})
    return {where: scopes for where, scopes in found.items() if scopes}


def top_permission_problems(wf: Workflow) -> list[str]:
    perms = wf.get("permissions")
    if perms is None:
        return ["no top-level `permissions:`: the default token may write; set `contents: read`"]
    if perms == "read-all" or perms == {}:
        return []
    if not isinstance(perms, dict) or any(level not in ("read", "none") for level in perms.values()):
        return [f"top-level permissions must be read-only, not {perms!r}"]
    return []


def concurrency_problems(wf: Workflow) -> list[str]:
    conc = wf.get("concurrency")
    if not isinstance(conc, dict) or conc.get("cancel-in-progress") is not True:
        return ["add `concurrency:` with `cancel-in-progress: true` so a new push cancels the superseded run"]
    group = str(conc.get("group", ""))
    if "github.ref" not in group and "pull_request.number" not in group:
        return [f"concurrency group {group!r} must depend on the branch or pull request"]
    return []


def job_targets(job: dict[str, Any]) -> set[str]:
    return {t for step in job.get("steps") or [] for t in make_targets(str(step.get("run", "")))}


def conditional_problems(wf: Workflow, always: set[str], only_when_changed: set[str]) -> list[str]:
    """Targets every pull request needs run unconditionally; calendar-dependent ones only on change."""
    problems = []
    for job_id, job in jobs(wf).items():
        condition = str(job.get("if", ""))
        for target in sorted(job_targets(job) & always):
            if "needs." in condition or "pull_request" in condition:
                problems.append(f"{job_id}: `make {target}` must run on every pull request, not `if: {condition}`")
        for target in sorted(job_targets(job) & only_when_changed):
            if "needs.changes.outputs." not in condition:
                problems.append(f"{job_id}: `make {target}` depends on the date; run it only when its files change")
    return problems


def ci_trigger_problems(wf: Workflow) -> list[str]:
    on = triggers(wf)
    problems = []
    if "pull_request" not in on:
        problems.append("CI must run on pull_request")
    if (on.get("push") or {}).get("branches") != ["main"]:
        problems.append("CI must run on pushes to main")
    crons = [str(entry.get("cron", "")) for entry in on.get("schedule") or []]
    if not crons:
        problems.append("add a weekly `schedule`: review dates and links age without any commit")
    elif any(len(cron.split()) != 5 or cron.split()[4] == "*" for cron in crons):
        problems.append(f"the schedule should be weekly (a day of the week), not {crons}")
    return problems


def deploy_problems(wf: Workflow) -> list[str]:
    on = triggers(wf)
    problems = []
    if {"pull_request", "pull_request_target"} & set(on):
        problems.append("never deploy from pull requests")
    if "build" not in ci_workflow_targets(wf):
        problems.append("build the site with `make build`, as CI does")
    used = {str(step.get("uses", "")).split("@")[0] for _, step in steps(wf)}
    for action in ("actions/upload-pages-artifact", "actions/deploy-pages"):
        if action not in used:
            problems.append(f"use {action}")
    deployers = [job for job in jobs(wf).values() if (job.get("permissions") or {}).get("pages") == "write"]
    if not deployers or any((job.get("environment") or {}).get("name") != "github-pages" for job in deployers):
        problems.append("the job with `pages: write` deploys to the `github-pages` environment")
    if (wf.get("concurrency") or {}).get("group") != "pages":
        problems.append("deployments share the `pages` concurrency group")
    return problems


TESTED_RUN = "github.event.workflow_run"
"""Where a ``workflow_run`` job reads the CI run it follows."""

GATE = (
    f"{TESTED_RUN}.conclusion == 'success'",
    f"{TESTED_RUN}.head_branch == 'main'",
    f"{TESTED_RUN}.head_repository.full_name == github.repository",
)
"""What the first deploy job's ``if:`` must require of that run (its event is checked apart)."""


def after_tests_problems(wf: Workflow, ci: Workflow) -> list[str]:
    """The deploy starts only from a CI run that succeeded on main, and builds the commit it tested.

    A ``push`` trigger would publish a commit whose tests had not run (or had failed): the
    reliability review, item 11. ``workflow_run`` on CI's completion, gated on its conclusion,
    its event, its branch and its repository (a fork's ``main`` is not ours), then checking out
    its ``head_sha``, deploys exactly what CI tested.
    """
    on = triggers(wf)
    problems = []
    if set(on) != {"workflow_run"}:
        problems.append(
            f"deploy only when CI completes (`on: workflow_run`), not on {sorted(set(on) - {'workflow_run'})}"
        )
    run = on.get("workflow_run") or {}
    if run.get("workflows") != [ci.get("name")] or run.get("types") != ["completed"]:
        problems.append(f"follow the CI workflow: `workflows: [{ci.get('name')}]`, `types: [completed]`")
    if run.get("branches") != ["main"]:
        problems.append("follow CI runs on main only (`branches: [main]`)")
    all_jobs = jobs(wf)
    first = [job_id for job_id, job in all_jobs.items() if not job.get("needs")]  # the others wait for these
    for job_id in first:
        condition = " ".join(str(all_jobs[job_id].get("if", "")).split())
        for part in GATE:
            if part not in condition:
                problems.append(f"{job_id}: its `if:` must require `{part}`")
        if "pull_request" in condition or f"{TESTED_RUN}.event == 'push'" not in condition:
            problems.append(f"{job_id}: its `if:` must require the CI run's event to be a push (not a pull request)")
    for job_id, step in steps(wf):
        if str(step.get("uses", "")).startswith("actions/checkout@"):
            ref = str((step.get("with") or {}).get("ref", ""))
            if ref != f"${{{{ {TESTED_RUN}.head_sha }}}}":
                problems.append(f"{job_id}: check out the commit CI tested (`ref: ${{{{ {TESTED_RUN}.head_sha }}}}`)")
    ci_on = triggers(ci)
    if (ci_on.get("push") or {}).get("branches") != ["main"] or "test" not in ci_workflow_targets(ci):
        problems.append("CI must run `make test` on pushes to main, or there is nothing to wait for")
    return problems


# --- The real workflows --------------------------------------------------------------------


@pytest.fixture(scope="module")
def targets() -> set[str]:
    return makefile_targets((ROOT / "Makefile").read_text("utf-8"))


@pytest.fixture(scope="module")
def ci() -> Workflow:
    return load(CI.read_text("utf-8"))


@pytest.fixture(scope="module")
def deploy() -> Workflow:
    return load(DEPLOY.read_text("utf-8"))


def test_ci_runs_every_target_of_the_ci_entry_point(ci: Workflow) -> None:
    wanted = make_targets((ROOT / ".ci" / "run").read_text("utf-8"))
    assert wanted, ".ci/run should run make targets"
    assert set(wanted) <= ci_workflow_targets(ci)
    assert {"build", "check-facts"} <= ci_workflow_targets(ci)


def test_entry_point_targets_run_on_every_pull_request_and_check_facts_only_on_change(ci: Workflow) -> None:
    always = set(make_targets((ROOT / ".ci" / "run").read_text("utf-8")))
    assert conditional_problems(ci, always, {"check-facts"}) == []


@pytest.mark.parametrize("path", [CI, DEPLOY], ids=lambda p: p.name)
def test_run_steps_use_existing_make_targets(path: Path, targets: set[str]) -> None:
    assert run_problems(load(path.read_text("utf-8")), targets) == []


@pytest.mark.parametrize("path", [CI, DEPLOY], ids=lambda p: p.name)
def test_actions_are_pinned(path: Path) -> None:
    assert pin_problems(path.read_text("utf-8")) == []


@pytest.mark.parametrize("path", [CI, DEPLOY], ids=lambda p: p.name)
def test_top_level_permissions_are_read_only(path: Path) -> None:
    assert top_permission_problems(load(path.read_text("utf-8"))) == []


def test_only_the_pages_deploy_job_may_write(ci: Workflow, deploy: Workflow) -> None:
    assert write_scopes(ci) == {}
    assert write_scopes(deploy) == {"deploy": {"pages", "id-token"}}


def test_ci_cancels_superseded_runs(ci: Workflow) -> None:
    assert concurrency_problems(ci) == []


def test_ci_triggers(ci: Workflow) -> None:
    assert ci_trigger_problems(ci) == []


def test_deploy_builds_with_make_and_publishes_from_main_only(deploy: Workflow) -> None:
    assert deploy_problems(deploy) == []


def test_deploy_waits_for_ci_to_pass_on_the_same_commit(deploy: Workflow, ci: Workflow) -> None:
    assert after_tests_problems(deploy, ci) == []


def test_new_make_targets_are_described_in_make_help(targets: set[str]) -> None:
    text = (ROOT / "Makefile").read_text("utf-8")
    for target in ("check-facts", "calculator"):
        assert target in targets
        assert re.search(rf"^{target}:.*## \S", text, re.MULTILINE), f"`{target}` needs a `## ...` for make help"


# --- Each rule fails on a bad example --------------------------------------------------------

BAD = """
name: bad
on: [push]
permissions: write-all
jobs:
  test:
    runs-on: ubuntu-latest
    permissions:
      contents: write
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@0b93645e9fea7318ecaed2b359559ac225c90a2b
      - uses: actions/cache@main # v4.2.3
      - uses: docker://alpine:3
      - run: make tset
      - run: |
          .venv/bin/python -m pytest -x
          cd site && npm ci
      - run: make
"""


def test_the_rules_catch_a_bad_workflow() -> None:
    bad = load(BAD)
    problems = run_problems(bad, {"test", "lint"})
    assert any("make tset" in p for p in problems)
    assert any("make <no target>" in p for p in problems)
    assert any("pytest" in p for p in problems)
    assert any("npm ci" in p for p in problems)
    pins = pin_problems(BAD)
    assert len(pins) == 4, pins
    assert top_permission_problems(bad) != []
    assert top_permission_problems(load("permissions:\n  contents: write\n")) != []
    assert top_permission_problems(load("name: x\n")) != []
    assert write_scopes(bad) == {"<top>": {"*"}, "test": {"contents"}}
    assert concurrency_problems(bad) != []
    assert concurrency_problems(load("concurrency:\n  group: ci\n  cancel-in-progress: true\n")) != []
    assert concurrency_problems(load("concurrency:\n  group: ci-${{ github.ref }}\n")) != []
    assert triggers(bad) == {"push": None}
    assert len(ci_trigger_problems(bad)) == 3
    daily = "on:\n  pull_request:\n  push: {branches: [main]}\n  schedule:\n    - cron: '0 6 * * *'\n"
    assert ci_trigger_problems(load(daily)) == ["the schedule should be weekly (a day of the week), not ['0 6 * * *']"]
    assert len(deploy_problems(bad)) == 5


GATED_DEPLOY = """
name: Deploy
on:
  workflow_run: {workflows: [CI], types: [completed], branches: [main]}
jobs:
  build:
    if: >-
      github.event.workflow_run.conclusion == 'success' &&
      github.event.workflow_run.event == 'push' &&
      github.event.workflow_run.head_branch == 'main' &&
      github.event.workflow_run.head_repository.full_name == github.repository
    steps:
      - uses: actions/checkout@x
        with: {ref: "${{ github.event.workflow_run.head_sha }}"}
  deploy:
    needs: build
    steps: [{uses: actions/deploy-pages@x}]
"""
CI_OF_MAIN = "name: CI\non:\n  push: {branches: [main]}\njobs:\n  test:\n    steps: [{run: make test}]\n"


def test_the_after_tests_rule_accepts_a_gated_deploy_and_catches_each_gap() -> None:
    ci = load(CI_OF_MAIN)
    assert after_tests_problems(load(GATED_DEPLOY), ci) == []

    def problems_with(old: str, new: str) -> list[str]:
        assert old in GATED_DEPLOY
        return after_tests_problems(load(GATED_DEPLOY.replace(old, new)), ci)

    pushed = problems_with(
        "  workflow_run: {workflows: [CI], types: [completed], branches: [main]}", "  push: {branches: [main]}"
    )
    assert any("not on ['push']" in p for p in pushed)
    assert any("workflows: [CI]" in p for p in problems_with("workflows: [CI]", "workflows: [Lint]"))
    assert any("branches: [main]" in p for p in problems_with("branches: [main]", "branches: ['**']"))
    assert problems_with("conclusion == 'success'", "conclusion != 'cancelled'") == [
        "build: its `if:` must require `github.event.workflow_run.conclusion == 'success'`"
    ]
    assert problems_with("event == 'push'", "event == 'pull_request'") != []
    assert problems_with("head_branch == 'main' &&", "") != []
    assert problems_with("head_repository.full_name == github.repository", "head_branch != ''") != []
    assert any(p.startswith("deploy: its `if:` must") for p in problems_with("needs: build", "environment: x"))
    assert problems_with("workflow_run.head_sha", "workflow_run.head_branch") != []
    assert any(
        "make test" in p for p in after_tests_problems(load(GATED_DEPLOY), load("name: CI\non: [pull_request]\n"))
    )


def test_the_conditions_rule_catches_skipped_and_unconditional_jobs() -> None:
    wf = load(
        "jobs:\n"
        "  lint:\n    if: needs.changes.outputs.python == 'true'\n    steps: [{run: make lint}]\n"
        "  test:\n    if: github.event_name != 'pull_request'\n    steps: [{run: make test}]\n"
        "  facts:\n    steps: [{run: make check-facts}]\n"
    )
    problems = conditional_problems(wf, {"lint", "test"}, {"check-facts"})
    assert [p.split(":")[0] for p in problems] == ["lint", "test", "facts"]


def test_the_rules_accept_good_forms() -> None:
    good = load(
        "permissions: {contents: read}\n"
        "concurrency: {group: 'ci-${{ github.ref }}', cancel-in-progress: true}\n"
        "jobs:\n  a:\n    steps:\n      - run: make lint && make test  # and nothing else\n"
        "      - run: .venv/bin/python -m playwright install --with-deps chromium\n"
    )
    assert run_problems(good, {"lint", "test"}) == []
    assert top_permission_problems(good) == []
    assert concurrency_problems(good) == []
    assert make_targets("make -j2 lint MAX_AGE_MONTHS=6\nif x; then make build; fi") == ["lint", "build"]
    assert makefile_targets("PY := x\nA ?= 1\n.PHONY: a\na: deps ## help\nb-c:\n\techo\n") == {"a", "b-c"}
    sha = "11bd71901bbe5b1630ceea73d27597364c9af683"
    uses = [f"actions/checkout@{sha} # v4.2.2", "actions/cache@v4.2.3", "./.github/actions/setup"]
    assert pin_problems("jobs:\n  a:\n    steps:\n" + "".join(f"      - uses: {u}\n" for u in uses)) == []


# --- The other files GitHub reads ----------------------------------------------------------------


def test_dependabot_covers_every_ecosystem_weekly_and_grouped() -> None:
    config = load((GITHUB / "dependabot.yml").read_text("utf-8"))
    updates = {u["package-ecosystem"]: u for u in config["updates"]}
    assert set(updates) == {"pip", "npm", "github-actions"}
    for ecosystem, update in updates.items():
        assert update["schedule"]["interval"] == "weekly", ecosystem
        assert update.get("groups"), f"{ecosystem}: group updates into one pull request"


def test_issue_forms_are_valid() -> None:
    forms = sorted((GITHUB / "ISSUE_TEMPLATE").glob("*.yml"))
    names = {p.name for p in forms}
    assert "config.yml" in names
    assert len(forms) >= 4
    ids: dict[str, set[str]] = {}
    for path in forms:
        if path.name == "config.yml":
            continue
        form = load(path.read_text("utf-8"))
        assert form.get("name"), path.name
        assert form.get("description"), path.name
        body = form["body"]
        assert all("type" in item for item in body), path.name
        ids[path.stem] = {str(item["id"]) for item in body if "id" in item}
    correction = next(v for k, v in ids.items() if "correction" in k)
    assert {"page", "wrong_figure", "correct_figure", "source_url", "source_date"} <= correction
    assert any({"browser", "device"} <= v for v in ids.values()), "the bug report asks for browser and device"
