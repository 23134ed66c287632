"""Baseline: bare ``pandas.read_csv`` plus the same rules as `troops validate`, written naively.

    python bench/naive_csv_checks.py DATASET_ROOT

One plain loop over the rows with the same helpers troops uses (period parsing, quote
normalisation, number reading, the hedge table), no vectorisation.  Sources are read with
``yaml.safe_load`` (libyaml when available).  Prints the number of problems found.
"""

from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path

import pandas as pd
import yaml

from troops.core import hedges
from troops.core.model import FORMULA_PREFIXES, ID_PATTERN
from troops.core.periods import PeriodError, parse_period
from troops.core.textmatch import missing_passages, normalise, numbers_in

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
KINDS = {"count", "cap", "target", "movement"}
BOUNDS = {"", "exact", "approx", "at_least", "at_most", "unknown"}


def load(path: Path) -> dict:  # type: ignore[type-arg]
    """One YAML file."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=LOADER)


def main(root: Path) -> int:
    """Check the dataset at ``root``; return the number of problems."""
    problems: list[str] = []
    series = {s["id"] for s in load(root / "data/series.yaml")["series"]}
    table = hedges.index(hedges.Hedge(**h) for h in load(root / "data/hedges.yaml")["hedges"])
    sources = {}
    for path in sorted((root / "data/sources").glob("*.yaml")):
        src = load(path)["source"]
        raw = (root / "seeds" / src["archive"]).read_bytes()
        if hashlib.sha256(raw).hexdigest() != src["sha256"]:
            problems.append(f"{path}: sha256")
        sources[src["id"]] = (normalise(raw.decode("utf-8")), parse_period(src["published"]))
    ident = re.compile(ID_PATTERN)
    seen: set[str] = set()
    frame = pd.read_csv(root / "data/figures/bulk.csv", dtype=str, keep_default_na=False)
    for n, row in enumerate(frame.to_dict("records"), start=2):
        bad = problems.append
        for name in ("id", "series", "source"):
            if not ident.match(row[name]):
                bad(f"{n}: {name}")
        if row["id"] in seen:
            bad(f"{n}: duplicate")
        seen.add(row["id"])
        if row["kind"] not in KINDS or row["bound"] not in BOUNDS:
            bad(f"{n}: choice")
        try:
            period = parse_period(row["as_of"])
        except PeriodError:
            bad(f"{n}: as_of")
            continue
        numbers = {}
        for name in ("value", "low", "high"):
            cell = row[name]
            if cell and not (cell.isdigit() and int(cell) <= 10_000_000):
                bad(f"{n}: {name}")
            numbers[name] = int(cell) if cell.isdigit() else None
        for name in ("claimant", "quote", "hedge", "note", "review"):
            cell = row[name]
            if (cell or name in ("claimant", "quote")) and (
                not cell.strip() or cell.startswith(FORMULA_PREFIXES)
            ):
                bad(f"{n}: {name}")
        if row["series"] not in series:
            bad(f"{n}: series")
        if row["source"] not in sources:
            bad(f"{n}: source")
            continue
        archive, published = sources[row["source"]]
        try:
            b = hedges.resolve(table, value=numbers["value"], hedge=row["hedge"] or None,
                               bound=row["bound"] or None, low=numbers["low"],
                               high=numbers["high"])  # fmt: skip
        except hedges.HedgeError:
            bad(f"{n}: hedge")
            continue
        value = numbers["value"]
        if (b.low is not None and value is not None and b.low > value) or (
            b.high is not None and value is not None and value > b.high
        ):
            bad(f"{n}: order")
        if missing_passages(row["quote"], archive):
            bad(f"{n}: quote")
        if row["kind"] != "target" and period.start > published.end:
            bad(f"{n}: as_of")
        written = numbers_in(row["quote"])
        for name in ("value", "low", "high"):
            if numbers[name] is not None and numbers[name] not in written:
                bad(f"{n}: {name} not in quote")
        if row["hedge"] and hedges.key(row["hedge"]) not in hedges.key(normalise(row["quote"])):
            bad(f"{n}: hedge not in quote")
    print(f"{len(problems)} problems in {len(frame)} rows")
    return len(problems)


if __name__ == "__main__":
    sys.exit(1 if main(Path(sys.argv[1])) else 0)
