"""Generate a valid troops dataset root with N figures in one CSV table (for benchmarks).

    python bench/gen_dataset.py OUT_DIR [--figures 100000] [--per-source 100]

Sources are YAML files with real archives under seeds/ (their sha256 pinned); every figure
row quotes a sentence of its source's archive, so the full rules run on every row.  The
output is deterministic (fixed seed).  A frictionless schema of the same table is written to
OUT_DIR/figures.schema.json for the comparison benchmark.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
from pathlib import Path

SERIES = ("us-iraq", "coalition-iraq", "us-syria")
HEDGES = (None, "about", "more than", "nearly")
COLUMNS = ("id", "series", "source", "kind", "as_of", "value", "hedge", "bound", "low", "high",
           "direction", "claimant", "quote", "revises", "inferred", "note", "review")  # fmt: skip


def generate(
    out: Path, figures: int, per_source: int, seed: int = 20240101, *, agree: bool = False
) -> Path:
    """Write the dataset root ``out`` and return the path of its CSV table.

    With ``agree`` every figure is "about 2,500" troops of one series in June 2020 (sources
    published in July 2020): N reports that all overlap and none conflict, the case that
    costs a pairwise comparison N squared steps."""
    rng = random.Random(seed)
    (out / "data" / "sources").mkdir(parents=True, exist_ok=True)
    (out / "data" / "figures").mkdir(parents=True, exist_ok=True)
    (out / "seeds" / "bulk").mkdir(parents=True, exist_ok=True)
    (out / "data" / "series.yaml").write_text(
        "series:\n"
        + "".join(
            f"  - {{id: {s}, title: {s} troops, label: {s}, country: X, force: Y}}\n"
            for s in SERIES
        )
    )
    (out / "data" / "hedges.yaml").write_text(
        "hedges:\n"
        "  - {phrase: about, bound: approx, low: -0.10, high: 0.10}\n"
        "  - {phrase: more than, bound: at_least, low: 0.0}\n"
        "  - {phrase: nearly, bound: at_most, high: 0.0}\n"
    )
    rows = []
    n_sources = (figures + per_source - 1) // per_source
    for s in range(n_sources):
        year, month, day = (2015 + s % 10, 1 + s % 12, 1 + s % 28) if not agree else (2020, 7, 1)
        sid = f"bulk-{s:05d}"
        published = f"{year}-{month:02d}-{day:02d}"
        sentences = []
        for j in range(min(per_source, figures - s * per_source)):
            n = s * per_source + j
            value = 2_500 if agree else rng.randint(50, 9_999)
            phrase = "about" if agree else HEDGES[n % len(HEDGES)]
            said = f"{phrase} {value:,}" if phrase else f"{value:,}"
            series = SERIES[0] if agree else SERIES[n % len(SERIES)]
            quote = (
                f"Officials said {said} troops were at site {n} on report {j}, "
                f"according to the {series} tally."
            )
            sentences.append(quote)
            rows.append({
                "id": f"{sid}.f{j:03d}", "series": series, "source": sid, "kind": "count",
                "as_of": "2020-06" if agree else f"{year}-{month:02d}", "value": str(value),
                "hedge": phrase or "",
                "bound": "", "low": "", "high": "", "direction": "", "claimant": "officials",
                "quote": quote, "revises": "", "inferred": "", "note": "", "review": "",
            })  # fmt: skip
        archive = f"bulk/{sid}.txt"
        text = f"Bulk report {sid}\n{published}\n\n" + "\n".join(sentences) + "\n"
        (out / "seeds" / archive).write_text(text, encoding="utf-8")
        digest = hashlib.sha256(text.encode()).hexdigest()
        (out / "data" / "sources" / f"{sid}.yaml").write_text(
            f"source:\n  id: {sid}\n  title: Bulk report {s}\n  publisher: Bulk Wire\n"
            f'  published: "{published}"\n  archive: {archive}\n  sha256: {digest}\n'
        )
    table = out / "data" / "figures" / "bulk.csv"
    with table.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    (out / "figures.schema.json").write_text(json.dumps(frictionless_schema(), indent=1))
    return table


def frictionless_schema() -> dict[str, object]:
    """A Table Schema with the field rules frictionless can express (types, required, enums,
    patterns, ranges, unique ids)."""
    ident = "[a-z0-9][a-z0-9._-]{0,119}"
    text = r"[^=+\-@\t\r\s][\s\S]*|[^=+\-@\t\r][\s\S]*\S[\s\S]*"
    count = {"type": "integer", "constraints": {"minimum": 0, "maximum": 10_000_000}}

    def opt(name: str, pattern: str) -> dict[str, object]:
        return {"name": name, "type": "string", "constraints": {"pattern": pattern}}

    def req(name: str, **constraints: object) -> dict[str, object]:
        return {"name": name, "type": "string",
                "constraints": {"required": True, **constraints}}  # fmt: skip

    return {
        "fields": [
            req("id", unique=True, pattern=ident),
            req("series", pattern=ident),
            req("source", pattern=ident),
            req("kind", enum=["count", "cap", "target", "movement"]),
            req("as_of", pattern=r"\d{4}(-\d{2}(-\d{2})?)?(/\d{4}(-\d{2}(-\d{2})?)?)?"),
            {"name": "value", **count},
            opt("hedge", text),
            {
                "name": "bound",
                "type": "string",
                "constraints": {"enum": ["exact", "approx", "at_least", "at_most", "unknown"]},
            },
            {"name": "low", **count},
            {"name": "high", **count},
            {"name": "direction", "type": "string", "constraints": {"enum": ["in", "out"]}},
            req("claimant", pattern=text),
            req("quote", pattern=text),
            opt("revises", rf"\s*(?:{ident}(?:\s+{ident})*)?\s*"),
            opt("inferred", r"[a-z_]+=[\s\S]*"),
            opt("note", text),
            opt("review", text),
        ],
        "primaryKey": ["id"],
        "missingValues": [""],
    }


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--figures", type=int, default=100_000)
    parser.add_argument("--per-source", type=int, default=100)
    parser.add_argument("--agree", action="store_true", help="N agreeing figures, one date")
    args = parser.parse_args()
    print(generate(args.out, args.figures, args.per_source, agree=args.agree))


if __name__ == "__main__":
    main()
