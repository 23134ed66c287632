"""Score `troops extract` against curated figures: a development part, a held-out part, negatives.

Usage::

    python bench/extract_eval.py [--data DIR] [-v]
    python bench/extract_eval.py [--data DIR] --prefix articles/ [--prefix reports/] [-v]
    python bench/extract_eval.py --from-yaml ../shared/reports/primary-reports.yaml [-v]
    python bench/extract_eval.py --write-split

Default mode (the numbers to quote): every source of the dataset is a curated report (the
66 press reports under ``seeds/reports/``, the five seed articles under
``seeds/articles/``, and any official source a curator adds); extraction runs on each
archived text and is compared with the source's curated figures.  The reports fall into
two parts, chosen once by a fixed seed and written down in ``bench/extract_split.txt``: a
source is *held out* when the sha256 of ``"<SEED>:<source id>"``, read as a fraction of its
range, is below :data:`HELD_OUT` (a rule of the id alone, so a source added later falls in
the same part every time and none moves).  Rules are tuned on the development part only:
``-v`` lists the mismatches of that part and never those of the held-out part, which is
for measuring.  The negatives (``tests/fixtures/extract/negatives.yaml``: synthetic
passages written for the test about Afghanistan, casualties, strikes, budgets and bases)
must give no candidate at all.

``--prefix`` scores the sources under the folders given, as one part.  With
``--from-yaml`` the references are the figures of a report list (url, title, quote,
figures) and extraction runs on each quote.  Each report's headline and url are passed as
context, as ``troops extract --title --url`` does, unless ``--no-context`` is given.

Scores, per part:

* *match on (series, value)* and *(series, value, bound, kind)*: a candidate matches a
  reference of the same report with those fields equal (each reference at most once);
  precision = matches / candidates, recall = matches / references.
* *per field*: candidates and references of a report are aligned by value first (then by
  the other fields); value precision/recall is aligned pairs over candidates/references,
  and series, bound and kind agreement is the share of aligned pairs that agree;
* *confusion tables* for kind and bound over the aligned pairs (rows: curated, columns:
  extracted).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from troops.core.errors import ProblemLog
from troops.core.model import Hedge
from troops.dataset.discover import discover
from troops.extract import extract
from troops.io.reader import read_records

Key = tuple[str, "int | None", str, str]
FIELDS = ("series", "value", "bound", "kind")
KINDS = ("count", "cap", "target", "movement")
BOUNDS = ("exact", "approx", "at_least", "at_most", "unknown")
REPORTS, ARTICLES = "reports/", "articles/"
HERE = Path(__file__).resolve().parent
#: The seed of the split and the share of reports held out (both fixed once: never tune them).
SEED = 13
HELD_OUT = 0.4
SPLIT_FILE = HERE / "extract_split.txt"
NEGATIVES = HERE.parent / "tests" / "fixtures" / "extract" / "negatives.yaml"
DEV, TEST = "development", "held-out"


@dataclass
class Report:
    """One report: its name, text, headline, url and reference figures (with quotes)."""

    name: str
    text: str
    title: str | None
    url: str | None
    references: list[tuple[Key, str]]


@dataclass
class Score:
    """Running totals over the reports of one part."""

    reports: int = 0
    candidates: int = 0
    references: int = 0
    matched: int = 0
    matched_sv: int = 0
    aligned: int = 0
    agree: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    kinds: Counter[tuple[str, str]] = field(default_factory=Counter)
    bounds: Counter[tuple[str, str]] = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)

    @staticmethod
    def ratio(a: int, b: int) -> float:
        """a / b, or 1.0 when b is zero."""
        return a / b if b else 1.0

    @property
    def precision(self) -> float:
        """Candidates matching a reference on all four fields over candidates."""
        return self.ratio(self.matched, self.candidates)

    @property
    def recall(self) -> float:
        """References matched on all four fields over references."""
        return self.ratio(self.matched, self.references)

    def lines(self) -> list[str]:
        """The score as printed: counts, precision/recall, per-field agreement."""
        r = self.ratio
        out = [
            f"candidates {self.candidates}, references {self.references}, matched {self.matched}",
            f"precision {self.precision:.3f}  recall {self.recall:.3f}   "
            "(series, value, bound, kind)",
            f"precision {r(self.matched_sv, self.candidates):.3f}  "
            f"recall {r(self.matched_sv, self.references):.3f}   (series, value)",
            f"value     precision {r(self.aligned, self.candidates):.3f}  "
            f"recall {r(self.aligned, self.references):.3f}   (aligned by value: {self.aligned})",
        ]
        for name in ("series", "bound", "kind"):
            share = r(self.agree[name], self.aligned)
            out.append(f"{name:<9} agreement {share:.3f}   (aligned pairs)")
        return out

    def confusion(self) -> list[str]:
        """Kind and bound confusion tables over the aligned pairs (rows curated, columns
        extracted; only the labels that occur)."""
        out = []
        for name, table, labels in (("kind", self.kinds, KINDS), ("bound", self.bounds, BOUNDS)):
            used = [x for x in labels if any(x in pair for pair in table)]
            out.append(f"{name} (rows curated, columns extracted)")
            out.append(" " * 10 + "".join(f"{x:>10}" for x in used))
            for row in used:
                out.append(f"{row:<10}" + "".join(f"{table[row, col]:>10}" for col in used))
        return out


def match(
    candidates: Sequence[tuple[object, ...]], references: Sequence[tuple[object, ...]]
) -> int:
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


def score(reports: Iterable[Report], hedges: Sequence[Hedge], *, context: bool) -> Score:
    """Extract from every report and compare with its references."""
    s = Score()
    for rep in reports:
        title, url = (rep.title, rep.url) if context else (None, None)
        cands = [(c.key, c.quote) for c in extract(rep.text, hedges, title=title, url=url)]
        found = [k for k, _ in cands]
        refs = [k for k, _ in rep.references]
        s.reports += 1
        s.candidates += len(found)
        s.references += len(refs)
        s.matched += match(found, refs)
        s.matched_sv += match([k[:2] for k in found], [k[:2] for k in refs])
        pairs = align(found, refs)
        s.aligned += len(pairs)
        for c, r in pairs:
            for name, a, b in zip(FIELDS, c, r, strict=True):
                s.agree[name] += a == b
            s.bounds[r[2], c[2]] += 1
            s.kinds[r[3], c[3]] += 1
        extra = list(cands)
        missing = list(rep.references)
        for item in list(extra):
            hit = next((m for m in missing if m[0] == item[0]), None)
            if hit is not None:
                missing.remove(hit)
                extra.remove(item)
        for what, items in (("extra  ", extra), ("missing", missing)):
            for k, quote in items:
                s.misses.append(f"{rep.name}: {what} {k}" + (f"\n    {quote}" if quote else ""))
    return s


def held_out(source_id: str) -> bool:
    """True when the fixed-seed rule puts ``source_id`` in the held-out part."""
    digest = hashlib.sha256(f"{SEED}:{source_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64 < HELD_OUT


def split_text(ids: Iterable[str]) -> str:
    """The written-down split: a header, then one ``<part> <source id>`` line per source."""
    lines = [
        "# The split of bench/extract_eval.py, written once: never tune on the held-out part.",
        f"# held-out when the first 8 bytes of sha256('{SEED}:<source id>'), big-endian,"
        f" over 2**64 are below {HELD_OUT}; else development.",
    ]
    lines += [f"{TEST if held_out(i) else DEV:<12} {i}" for i in sorted(ids)]
    return "\n".join(lines) + "\n"


def from_dataset(
    root: Path, prefixes: Sequence[str] | None = None
) -> tuple[list[Report], list[Hedge]]:
    """Reports from the sources of a dataset (those archived under ``prefixes``, if given)."""
    import troops

    ds = troops.load(root)
    reports = []
    for src in sorted(ds.source_records.values(), key=lambda s: s.id):
        if prefixes is not None and not src.archive.startswith(tuple(prefixes)):
            continue
        text = (ds.root / "seeds" / src.archive).read_text(encoding="utf-8")
        refs = [
            ((f.series, f.value, f.bound or "exact", f.kind), " ".join(f.quote.split()))
            for f in ds.all_figure_records
            if f.source == src.id
        ]
        reports.append(Report(src.id, text, src.title, src.url, refs))
    return reports, ds.hedge_records


def from_yaml(path: Path, root: Path) -> tuple[list[Report], list[Hedge]]:
    """Reports from a report list (``extra-reports.yaml``), hedges from the dataset."""
    items = yaml.safe_load(path.read_text(encoding="utf-8"))
    reports = []
    for n, item in enumerate(items, 1):
        refs = [
            ((f["series"], f.get("value"), f.get("bound") or "exact", f["kind"]), "")
            for f in item.get("figures") or []
        ]
        name = f"#{n} {item.get('publisher')} {item.get('published')}"
        reports.append(Report(name, item["quote"], item.get("title"), item.get("url"), refs))
    log = ProblemLog()
    hedges = [e.record for e in read_records(root, log).hedges]
    return reports, hedges


def negatives(path: Path = NEGATIVES) -> list[Report]:
    """The synthetic negative passages: each must give no candidate."""
    items = yaml.safe_load(path.read_text(encoding="utf-8"))["passages"]
    return [Report(f"negative {i['id']}", i["text"], None, None, []) for i in items]


def _folders(reports: Sequence[Report], archives: dict[str, str]) -> str:
    """How many reports of each archive folder: "40 reports/, 3 articles/"."""
    counts = Counter(archives[r.name].split("/")[0] + "/" for r in reports)
    return ", ".join(f"{n} {folder}" for folder, n in sorted(counts.items(), key=lambda x: -x[1]))


def main(argv: list[str] | None = None) -> int:
    """Run the evaluation and print the scores."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", metavar="DIR", help="dataset root (default: the bundled one)")
    ap.add_argument("--prefix", action="append", metavar="DIR/", help="archive folder(s)")
    ap.add_argument("--from-yaml", metavar="FILE", help="score against a report list")
    ap.add_argument("--no-context", action="store_true", help="do not pass headlines and urls")
    ap.add_argument("--write-split", action="store_true", help=f"write {SPLIT_FILE.name}")
    ap.add_argument(
        "-v", "--verbose", action="store_true", help="list every mismatch (development part)"
    )
    args = ap.parse_args(argv)
    root = discover(args.data).root
    where = args.data or "the bundled dataset"
    context = not args.no_context
    if args.from_yaml or args.prefix:
        if args.from_yaml:
            reports, hedges = from_yaml(Path(args.from_yaml), root)
            what = args.from_yaml
        else:
            reports, hedges = from_dataset(root, args.prefix)
            what = f"{where}, sources archived under seeds/{{{','.join(args.prefix)}}}"
        if not reports:
            print(f"no reports found in {what}", file=sys.stderr)
            return 1
        s = score(reports, hedges, context=context)
        print(f"reports {s.reports}: {what}")
        print("\n".join(s.lines()))
        if args.verbose:
            print("\n".join(s.misses))
        return 0
    import troops

    reports, hedges = from_dataset(root)
    if args.write_split:
        SPLIT_FILE.write_text(split_text(r.name for r in reports), encoding="utf-8")
        print(f"wrote {SPLIT_FILE}")
        return 0
    archives = {s.id: s.archive for s in troops.load(root).source_records.values()}
    parts = {
        DEV: [r for r in reports if not held_out(r.name)],
        TEST: [r for r in reports if held_out(r.name)],
    }
    print(
        f"curated reports {len(reports)} ({_folders(reports, archives)}) of {where}; "
        f"split by seed {SEED} (bench/{SPLIT_FILE.name})"
    )
    listed = {line.split()[-1] for line in SPLIT_FILE.read_text(encoding="utf-8").splitlines()}
    new = [r.name for r in reports if r.name not in listed]
    if new:
        print(f"{len(new)} sources not yet in bench/{SPLIT_FILE.name} (same rule; --write-split)")
    for name, part in parts.items():
        s = score(part, hedges, context=context)
        print(f"{name}: {len(part)} reports ({_folders(part, archives)})")
        print("\n".join("  " + line for line in [*s.lines(), *s.confusion()]))
        if args.verbose and name == DEV:
            print("\n".join(s.misses))
    neg = score(negatives(), hedges, context=context)
    print(
        f"negatives: {neg.reports} synthetic passages "
        f"(tests/fixtures/extract/{NEGATIVES.name}), {neg.candidates} candidates"
    )
    if args.verbose:
        print("\n".join(neg.misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
