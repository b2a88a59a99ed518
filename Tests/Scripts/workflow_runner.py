"""Runs the shell steps of one job of a GitHub Actions workflow on this machine, as the runner
would (bash -eo pipefail, the job's and step's env, working-directory, GITHUB_OUTPUT, GITHUB_ENV,
GITHUB_STEP_SUMMARY, step conditions, continue-on-error), so that tests check the scripts that
are shipped in the workflow files rather than copies of them.

Steps that use an action (`uses:`) are not run: they are recorded, with their `with:`, for the
test to check. `${{ … }}` expressions are looked up in the `expressions` the test gives (an
unknown one is an error, so a changed workflow cannot pass unnoticed); `if:` conditions are
evaluated for the forms the project's workflows use (`steps.X.outcome == 'success'`,
`steps.X.outputs.Y == 'v'`, `!cancelled()`, `always()`, joined by `&&`).
"""
from __future__ import annotations

import os
import re
import subprocess
import tempfile
from dataclasses import dataclass, field

import yaml

EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def load(path: str) -> dict:
    with open(path, encoding="utf-8") as handle:
        workflow = yaml.safe_load(handle)
    # YAML 1.1 reads the key `on` as true.
    if True in workflow:
        workflow["on"] = workflow.pop(True)
    return workflow


@dataclass
class StepResult:
    step: dict
    ran: bool
    outcome: str  # success, failure or skipped
    stdout: str = ""
    stderr: str = ""
    outputs: dict = field(default_factory=dict)


@dataclass
class JobRun:
    steps: list[StepResult]
    summary: str
    env_file: dict

    def by_id(self, step_id: str) -> StepResult:
        return next(result for result in self.steps if result.step.get("id") == step_id)

    def by_name(self, name: str) -> StepResult:
        return next(result for result in self.steps if result.step.get("name") == name)

    def failed(self) -> list[StepResult]:
        return [result for result in self.steps if result.outcome == "failure"]


def substitute(text: str, expressions: dict[str, str]) -> str:
    def replace(match: re.Match) -> str:
        key = match.group(1)
        if key not in expressions:
            raise KeyError(f"the test gives no value for ${{{{ {key} }}}}")
        return expressions[key]

    return EXPRESSION.sub(replace, str(text))


def evaluate(condition, results: dict[str, StepResult], expressions: dict[str, str]) -> bool:
    text = str(condition).strip()
    match = EXPRESSION.fullmatch(text)
    if match:
        text = match.group(1)
    value = True
    for term in (part.strip() for part in text.split("&&")):
        if term in ("!cancelled()", "always()"):
            continue
        comparison = re.fullmatch(r"([\w.-]+)\s*(==|!=)\s*'([^']*)'", term)
        if not comparison:
            raise ValueError(f"the runner cannot evaluate `{term}`")
        name, operator, expected = comparison.groups()
        parts = name.split(".")
        if parts[0] == "steps" and len(parts) == 3 and parts[2] == "outcome":
            actual = results[parts[1]].outcome if parts[1] in results else ""
        elif parts[0] == "steps" and len(parts) == 4 and parts[2] == "outputs":
            actual = results[parts[1]].outputs.get(parts[3], "") if parts[1] in results else ""
        elif name in expressions:
            actual = expressions[name]
        else:
            raise KeyError(f"the test gives no value for {name}")
        value = value and ((actual == expected) == (operator == "=="))
    return value


def always_runs(condition) -> bool:
    return condition is not None and ("always()" in str(condition) or "!cancelled()" in str(condition))


def read_key_values(path: str) -> dict[str, str]:
    """GITHUB_OUTPUT / GITHUB_ENV: `key=value` lines and `key<<DELIMITER` blocks."""
    values: dict[str, str] = {}
    with open(path, encoding="utf-8") as handle:
        lines = handle.read().splitlines()
    index = 0
    while index < len(lines):
        line = lines[index]
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            key, delimiter = line.split("<<", 1)
            end = lines.index(delimiter, index + 1)
            values[key] = "\n".join(lines[index + 1 : end])
            index = end + 1
            continue
        if "=" in line:
            key, value = line.split("=", 1)
            values[key] = value
        index += 1
    return values


def run_job(
    workflow: dict,
    job_id: str,
    workspace: str,
    expressions: dict[str, str] | None = None,
    skip: tuple[str, ...] = (),
    extra_env: dict[str, str] | None = None,
) -> JobRun:
    """Runs job `job_id`'s `run:` steps in `workspace`, except those whose id is in `skip`."""
    expressions = dict(expressions or {})
    job = workflow["jobs"][job_id]
    temp = tempfile.mkdtemp(prefix="runner-temp-", dir=os.path.dirname(workspace))
    summary = os.path.join(temp, "step_summary.md")
    env_file = os.path.join(temp, "env")
    open(summary, "w").close()
    open(env_file, "w").close()
    environment = dict(os.environ)
    environment.update(extra_env or {})
    environment.update(
        {
            "GITHUB_WORKSPACE": workspace,
            "RUNNER_TEMP": temp,
            "GITHUB_STEP_SUMMARY": summary,
            "GITHUB_ENV": env_file,
            "GITHUB_ACTIONS": "true",
            "CI": "true",
        }
    )
    for key, value in (workflow.get("env") or {}).items():
        environment[key] = substitute(value, expressions)
    for key, value in (job.get("env") or {}).items():
        environment[key] = substitute(value, expressions)

    results: dict[str, StepResult] = {}
    ordered: list[StepResult] = []
    job_failed = False
    for number, step in enumerate(job["steps"]):
        condition = step.get("if")
        if job_failed and not always_runs(condition):
            should_run = False
        else:
            should_run = condition is None or evaluate(condition, results, expressions)
        if not should_run or "uses" in step or step.get("id") in skip:
            result = StepResult(step, ran=False, outcome="skipped" if not should_run else "success")
        else:
            result = run_step(step, number, workspace, temp, environment, expressions)
            if result.outcome == "failure" and not step.get("continue-on-error"):
                job_failed = True
        environment.update(read_key_values(env_file))
        ordered.append(result)
        if step.get("id"):
            results[step["id"]] = result
    with open(summary, encoding="utf-8") as handle:
        text = handle.read()
    return JobRun(ordered, text, read_key_values(env_file))


def run_step(step, number, workspace, temp, environment, expressions) -> StepResult:
    script = substitute(step["run"], expressions)
    env = dict(environment)
    for key, value in (step.get("env") or {}).items():
        env[key] = substitute(value, expressions)
    output = os.path.join(temp, f"output-{number}")
    open(output, "w").close()
    env["GITHUB_OUTPUT"] = output
    path = os.path.join(temp, f"step-{number}.sh")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(script)
    directory = os.path.join(workspace, step.get("working-directory", "."))
    completed = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", path],
        cwd=directory, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=600,
    )
    return StepResult(
        step,
        ran=True,
        outcome="success" if completed.returncode == 0 else "failure",
        stdout=completed.stdout,
        stderr=completed.stderr,
        outputs=read_key_values(output),
    )
