"""Validating a 100,000-figure CSV dataset: troops vs frictionless vs a naive pandas loop.

    python bench/bench_validate_csv.py [--figures 100000] [--repeat 5] [--root DIR]

Generates the dataset with bench/gen_dataset.py (1,000 YAML sources with archives, one CSV
table) unless --root names one, then runs, interleaved:

* `troops validate --data ROOT` (every rule: schema, ids, foreign keys, hedge bounds, quote in
  the archive, numbers in the quote, dates, sha256 of every archive);
* `frictionless validate --schema figures.schema.json bulk.csv` with the field rules a
  Table Schema can express (types, required, enums, patterns, ranges, unique ids) -- the
  CSV table only, no archives (target: troops >= 20x faster);
* `python bench/naive_csv_checks.py ROOT`: bare pandas.read_csv plus the same checks in a
  plain row loop (target: troops <= 1.5x its time).

Then, as an additional and separately labelled comparison (it never replaces the one
above), the validation work alone: each validator in its own process imports itself and
validates a small generated dataset once (lazy imports, plugins), and only its validation
of the big dataset is timed (bench/validate_inside.py).  That removes interpreter start-up
and imports from both sides alike; --no-inside skips it.

frictionless is in the `bench` extra: pip install '.[bench]'.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from _harness import REPO, Runs, compare, machine, report, tool
from gen_dataset import generate


def main() -> None:
    """Run the benchmark and print the Markdown result."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--figures", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--root", type=Path, default=None)
    parser.add_argument("--no-inside", action="store_true", help="skip the in-process part")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="troops-bench-") as tmp:
        root = args.root or Path(tmp) / "bulk"
        if not (root / "data").is_dir():
            generate(root, args.figures, per_source=100)
        table = root / "data/figures/bulk.csv"
        troops = Runs("troops validate", [tool("troops"), "validate", "--data", str(root)])
        naive = Runs(
            "naive_csv_checks.py",
            [sys.executable, str(REPO / "bench/naive_csv_checks.py"), str(root)],
        )
        schema = str(root / "figures.schema.json")
        fric = Runs(
            "frictionless validate",
            [tool("frictionless"), "validate", "--trusted", "--schema", schema, str(table)],
        )
        compare([troops, fric, naive], args.repeat)
        print(machine())
        rows = sum(1 for _ in table.open(encoding="utf-8")) - 1
        print(f"{rows:,} figure rows, {table.stat().st_size / 1e6:.1f} MB CSV")
        report(f"validate a {rows:,}-figure CSV dataset", troops,
               [(fric, "troops >= 20x faster, i.e. <= 0.05x"), (naive, "<= 1.5x")])  # fmt: skip
        if not args.no_inside:
            print()
            inside(root, Path(tmp) / "warm", args.repeat)


def inside(root: Path, warm: Path, repeat: int) -> None:
    """The validation work alone, start-up, imports and a warm-up run excluded (additional)."""
    generate(warm, 300, per_source=100)
    child = [sys.executable, str(REPO / "bench/validate_inside.py")]
    runs = {
        name: Runs(f"{name} (validation only)", [*child, name, str(root), str(warm)])
        for name in ("troops", "frictionless", "naive")
    }
    compare(list(runs.values()), repeat, inside=True)
    report(
        "validation work only, in-process (start-up and imports excluded; additional)",
        runs["troops"],
        [(runs["frictionless"], "none; the end-to-end ratio above is the one with a target"),
         (runs["naive"], "none; see above")],
    )  # fmt: skip


if __name__ == "__main__":
    main()
