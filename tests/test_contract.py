"""Contract: the committed OpenAPI document, the app and the SDK cannot disagree.

schemathesis generates requests from ``openapi/v1.json`` — positive and
negative, at least 100 per operation, with a fixed seed — and runs every
check on every answer of the app in-process; a stateful run follows the
document's links (list → get) so real ids are exercised. The same suite runs
once over real HTTP against a served instance (``test_contract_over_http``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import hypothesis
import pytest
import schemathesis
from schemathesis import GenerationMode

from longgang_release.openapi import DOCUMENT_PATH
from tests import contract_hooks
from tests.contract_cli import SEED, run_cli
from tests.support import REPORT, in_process_app, serve

# Thousands of generated cases: the slow tier, in-process though it is.
pytestmark = pytest.mark.slow

EXAMPLES_PER_OPERATION = 100
CASES: Counter[str] = Counter()
FAILED = [0]


def load_schema(app: Any) -> Any:
    schema = schemathesis.openapi.from_path(DOCUMENT_PATH)
    schema.app = app
    schema.config.generation.update(
        modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE],
        max_examples=EXAMPLES_PER_OPERATION,
    )
    schema.config.seed = SEED
    return schema


@pytest.fixture(scope="module", autouse=True)
def report_cases() -> Iterator[None]:
    yield
    if CASES:
        REPORT.append(f"schemathesis, in-process, seed {SEED}: generated cases per operation")
        REPORT.extend(f"{count:6d}  {label}" for label, count in sorted(CASES.items()))
        REPORT.append(f"{sum(CASES.values()):6d}  in all, {FAILED[0]} failed")


schema = load_schema(in_process_app())


@schema.parametrize()  # type: ignore[untyped-decorator]
@hypothesis.seed(SEED)
@hypothesis.settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    suppress_health_check=list(hypothesis.HealthCheck),
    database=None,
)
def test_contract(case: Any) -> None:
    CASES[case.operation.label] += 1
    try:
        case.call_and_validate()
    except Exception:
        FAILED[0] += 1
        raise


#: The examples phase alone: one case per example set of each operation that takes
#: parameters (the phase builds cases from parameter examples; the answers of
#: the others have examples that tests/test_openapi_examples.py validates).
examples_schema = load_schema(in_process_app()).include(
    func=lambda ctx: bool(ctx.operation.definition.raw.get("parameters"))
)
examples_schema.config.phases.update(phases=["examples"])


@examples_schema.parametrize()  # type: ignore[untyped-decorator]
@hypothesis.settings(deadline=None, suppress_health_check=list(hypothesis.HealthCheck))
def test_contract_examples(case: Any) -> None:
    """The document's examples, sent together, answer as the document says (2xx included)."""
    documented = {
        p["name"]: p["example"]
        for p in case.operation.definition.raw.get("parameters", [])
        if p["in"] == "query" and "example" in p
    }
    assert set(documented) <= set(case.query or {}), (documented, case.query)
    # What the before_add_examples hook does for the CLI's examples phase.
    case = contract_hooks.without_foreign_cursor(case)
    CASES[f"examples phase: {case.operation.label}"] += 1
    response = case.call_and_validate()
    assert 200 <= response.status_code < 300, response.text[:500]


StatefulMachine = schema.as_state_machine()
TestStateful = StatefulMachine.TestCase
TestStateful.settings = hypothesis.settings(
    max_examples=40,
    stateful_step_count=6,
    deadline=None,
    suppress_health_check=list(hypothesis.HealthCheck),
    database=None,
    derandomize=True,
)


def test_contract_over_http(served_url: str) -> None:
    result = run_cli(served_url, "--max-examples", str(EXAMPLES_PER_OPERATION))
    summary = result.stdout[result.stdout.rfind("SUMMARY") :]
    generated = re.search(r"(\d+) generated, (\d+) passed", summary)
    cases = generated.group(0) if generated else "no count found"
    REPORT.append(f"schemathesis over real HTTP (granian, 1 worker, seed {SEED}): {cases}")
    assert result.returncode == 0, result.stdout[-4000:]
    assert generated is not None and generated.group(1) == generated.group(2), summary
    assert int(generated.group(1)) >= 100 * 10
    for phase in ("Examples", "Coverage", "Fuzzing", "Stateful"):
        assert f"✅ {phase}" in summary, summary


@pytest.mark.parametrize(
    ("bug", "operation", "caught"),
    [
        ("field_type", "/v1/glossary", "Response violates schema"),
        ("undocumented_status", "/v1/sections", "Undocumented status code"),
        ("server_error", "/v1/indicators", "Server error"),
    ],
)
@pytest.mark.http
def test_the_suite_catches_an_injected_contract_bug(
    artifact_path: Path, bug: str, operation: str, caught: str
) -> None:
    with serve(artifact_path, f"tests.faulty:{bug}") as url:
        result = run_cli(url, "--max-examples", "30", "--include-path", operation)
    assert result.returncode != 0, result.stdout[-2000:]
    assert caught in result.stdout, result.stdout[-3000:]
