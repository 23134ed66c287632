"""Score `troops extract` against curated figures: precision and recall, per-field agreement.

Usage::

    python bench/extract_eval.py [--data DIR] [--prefix reports/]... [--no-title] [-v]
    python bench/extract_eval.py --from-yaml ../shared/reports/extra-reports.yaml

By default the references are the figures of every source of the dataset whose archive
lies under ``seeds/reports/`` (``--prefix`` chooses other archive folders, e.g.
``articles/`` for the five seed articles); extraction runs on each archive.  With
``--from-yaml`` the references are the figures of a report list (url, title, quote,
figures) and extraction runs on each quote, ``[...]`` separating its passages.

A candidate matches a reference of the same report when (series, value, bound, kind) are
equal (each reference matches at most one candidate).  Precision = matches / candidates,
recall = matches / references.  Per-field agreement aligns candidates and references of a
report by value first (then by the other fields) and gives, over the aligned pairs, the
share that agree on series, bound and kind; value precision/recall is aligned pairs over
candidates/references.  The headline of a report is passed as context unless
``--no-title`` is given.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from troops.errors import ProblemLog
from troops.extract import extract
from troops.model import Hedge
from troops.reader import find_root, read_records

Key = tuple[str, "int | None", str, str]
FIELDS = ("series", "value", "bound", "kind")


@dataclass
class Report:
    """One report: its name, text, headline and reference figures."""

    name: str
    text: str
    title: str | None
    references: list[Key]


@dataclass
class Score:
    """Running totals over all reports."""

    candidates: int = 0
    references: int = 0
    matched: int = 0
    aligned: int = 0
    agree: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    misses: list[str] = field(default_factory=list)

    def ratio(self, a: int, b: int) -> float:
        """a / b, or 1.0 when b is zero."""
        return a / b if b else 1.0


def match(candidates: Sequence[Key], references: Sequence[Key]) -> int:
    """Number of candidates equal to a distinct reference."""
    left = list(references)
    hits = 0
    for c in candidates:
        if c in left:
            left.remove(c)
            hits += 1
    return hits


def align(candidates: Sequence[Key], references: Sequence[Key]) -> list[tuple[Key, Key]]:
    """Pair candidates with references of equal value, preferring pairs agreeing most."""
    pairs = []
    ranked = sorted(
        ((sum(a == b for a, b in zip(c, r, strict=True)), i, j) for i, c in enumerate(candidates)
         for j, r in enumerate(references) if c[1] == r[1]),
        reverse=True,
    )  # fmt: skip
    used_c: set[int] = set()
    used_r: set[int] = set()
    for _, i, j in ranked:
        if i in used_c or j in used_r:
            continue
        used_c.add(i)
        used_r.add(j)
        pairs.append((candidates[i], references[j]))
    return pairs


def score(reports: Iterable[Report], hedges: Sequence[Hedge], *, titles: bool) -> Score:
    """Extract from every report and compare with its references."""
    s = Score()
    for rep in reports:
        found = [c.key for c in extract(rep.text, hedges, title=rep.title if titles else None)]
        s.candidates += len(found)
        s.references += len(rep.references)
        s.matched += match(found, rep.references)
        pairs = align(found, rep.references)
        s.aligned += len(pairs)
        for c, r in pairs:
            for name, a, b in zip(FIELDS, c, r, strict=True):
                s.agree[name] += a == b
        extra = list(found)
        missing = list(rep.references)
        for k in list(extra):
            if k in missing:
                missing.remove(k)
                extra.remove(k)
        for k in extra:
            s.misses.append(f"{rep.name}: extra   {k}")
        for k in missing:
            s.misses.append(f"{rep.name}: missing {k}")
    return s


def from_dataset(root: Path, prefixes: Sequence[str]) -> tuple[list[Report], list[Hedge]]:
    """Reports from the sources of a dataset whose archives lie under ``prefixes``."""
    import troops

    ds = troops.load(root)
    reports = []
    for src in ds.source_records.values():
        if not src.archive.startswith(tuple(prefixes)):
            continue
        text = (ds.root / "seeds" / src.archive).read_text(encoding="utf-8")
        refs = [
            (f.series, f.value, f.bound or "exact", f.kind)
            for f in ds.all_figure_records
            if f.source == src.id
        ]
        reports.append(Report(src.id, text, src.title, refs))
    return reports, ds.hedge_records


def from_yaml(path: Path, root: Path) -> tuple[list[Report], list[Hedge]]:
    """Reports from a report list (``extra-reports.yaml``), hedges from the dataset."""
    items = yaml.safe_load(path.read_text(encoding="utf-8"))
    reports = []
    for n, item in enumerate(items, 1):
        refs = [
            (f["series"], f.get("value"), f.get("bound") or "exact", f["kind"])
            for f in item.get("figures") or []
        ]
        name = f"#{n} {item.get('publisher')} {item.get('published')}"
        reports.append(Report(name, item["quote"], item.get("title"), refs))
    log = ProblemLog()
    hedges = [e.record for e in read_records(root, log).hedges]
    return reports, hedges


def main(argv: list[str] | None = None) -> int:
    """Run the evaluation and print the scores."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", metavar="DIR", help="dataset root (default: the bundled one)")
    ap.add_argument("--prefix", action="append", metavar="DIR/", help="archive folder(s)")
    ap.add_argument("--from-yaml", metavar="FILE", help="score against a report list")
    ap.add_argument("--no-title", action="store_true", help="do not pass headlines")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every mismatch")
    args = ap.parse_args(argv)
    root = find_root(args.data)
    if args.from_yaml:
        reports, hedges = from_yaml(Path(args.from_yaml), root)
        what = args.from_yaml
    else:
        prefixes = args.prefix or ["reports/"]
        reports, hedges = from_dataset(root, prefixes)
        what = f"{root} sources archived under seeds/{{{','.join(prefixes)}}}"
    if not reports:
        print(f"no reports found in {what}", file=sys.stderr)
        return 1
    s = score(reports, hedges, titles=not args.no_title)
    print(f"reports {len(reports)}: {what}")
    print(f"candidates {s.candidates}, references {s.references}, matched {s.matched}")
    print(
        f"precision {s.ratio(s.matched, s.candidates):.3f}  "
        f"recall {s.ratio(s.matched, s.references):.3f}   (series, value, bound, kind)"
    )
    print(
        f"value     precision {s.ratio(s.aligned, s.candidates):.3f}  "
        f"recall {s.ratio(s.aligned, s.references):.3f}   (aligned by value: {s.aligned})"
    )
    for name in ("series", "bound", "kind"):
        print(f"{name:<9} agreement {s.ratio(s.agree[name], s.aligned):.3f}   (aligned pairs)")
    if args.verbose:
        print("\n".join(s.misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
