"""``make fuzz``: a long schemathesis run over real HTTP and the property tests at length.

    python -m tools.fuzz [--examples 400]

schemathesis generates positive and negative cases (all phases, stateful
included) for every operation of the committed document against a served
instance; then the hypothesis property tests run with 5,000 examples each
(the walks of every list, each of which makes many requests, with 250), the
fuzz of every request header the server reads with 5,000 in process and 2,500
over HTTP, and the SDK and the command line meet random answers of a
misbehaving server (an eighth as many examples: each makes a few requests).
Exits non-zero on any failure.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys

from tests.contract_cli import SEED, run_cli
from tests.support import serve
from tools.benchmark import ARTIFACT

#: The property tests run at length, with the "fuzz" profile.
PROPERTY_TESTS = (
    "tests/test_properties.py",
    "tests/test_walk.py",
    "tests/test_header_fuzz.py",
    "tests/test_sdk_bounds.py::test_any_answer_ends_in_a_result_or_an_sdk_error_within_the_deadline",
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.fuzz")
    parser.add_argument("--examples", type=int, default=400, help="per operation and phase")
    args = parser.parse_args(argv)
    with serve(ARTIFACT) as url:
        result = run_cli(url, "--max-examples", str(args.examples))
    summary = result.stdout[result.stdout.rfind("SUMMARY") :]
    print(summary)
    counts = re.search(r"(\d+) generated, (\d+) passed", summary)
    cases = int(counts.group(1)) if counts else 0
    print(f"schemathesis (seed {SEED}): {cases} cases over real HTTP")
    properties = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            *PROPERTY_TESTS,
            "-q",
            "--hypothesis-profile=fuzz",
            # Each test's count of passing, failing and invalid examples, as proof of the run.
            "--hypothesis-show-statistics",
        ],
        check=False,
    )
    ok = result.returncode == 0 and cases >= 5000 and properties.returncode == 0
    print("fuzz:", "PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
