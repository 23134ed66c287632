"""Time only the validation work of one validator, inside its own process.

    python bench/validate_inside.py troops|frictionless|naive ROOT WARM_ROOT

Imports the validator, validates the small dataset WARM_ROOT once (so every lazy import
and first-use set-up is done: pandas, the CSV readers, frictionless's plugins), then
validates ROOT and prints the wall and CPU seconds of that second validation only.
Interpreter start-up, imports and the warm-up are excluded for every validator alike.
bench/bench_validate_csv.py runs it as its additional, in-process comparison.

* troops: ``troops.load(ROOT)`` and the figure count, what ``troops validate`` does;
* frictionless: the CSV table against ``figures.schema.json``, what ``frictionless
  validate --trusted --schema figures.schema.json bulk.csv`` does;
* naive: ``bench/naive_csv_checks.py``'s ``main(ROOT)``.
"""

from __future__ import annotations

import contextlib
import io
import sys
import time
from collections.abc import Callable
from pathlib import Path


def troops_validator() -> Callable[[Path], None]:
    """`troops validate` as a function."""
    import troops

    def run(root: Path) -> None:
        ds = troops.load(root)
        ds.figure_counts  # noqa: B018 - counted as `troops validate` does

    return run


def frictionless_validator() -> Callable[[Path], None]:
    """`frictionless validate --trusted --schema ...` as a function."""
    from frictionless import Resource, system

    system.trusted = True  # what --trusted sets: absolute paths are allowed

    def run(root: Path) -> None:
        table = root / "data/figures/bulk.csv"
        report = Resource(source=str(table), schema=str(root / "figures.schema.json")).validate()
        assert report.valid, report.flatten(["rowNumber", "type", "note"])[:3]

    return run


def naive_validator() -> Callable[[Path], None]:
    """bench/naive_csv_checks.py as a function."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import naive_csv_checks

    def run(root: Path) -> None:
        with contextlib.redirect_stdout(io.StringIO()):  # it prints a count of problems
            assert naive_csv_checks.main(root) == 0

    return run


VALIDATORS = {
    "troops": troops_validator,
    "frictionless": frictionless_validator,
    "naive": naive_validator,
}


def main() -> None:
    """Warm up on WARM_ROOT, then print ``WALL CPU`` seconds of validating ROOT."""
    name, root, warm = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    validate = VALIDATORS[name]()
    validate(warm)
    wall, cpu = time.perf_counter(), time.process_time()
    validate(root)
    print(f"{time.perf_counter() - wall:.6f} {time.process_time() - cpu:.6f}")


if __name__ == "__main__":
    main()
