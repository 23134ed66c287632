"""Score `troops extract` against curated figures: precision and recall, per-field agreement.

Usage::

    python bench/extract_eval.py [--data DIR] [-v]
    python bench/extract_eval.py [--data DIR] --prefix articles/ [--prefix reports/] [-v]
    python bench/extract_eval.py --from-yaml ../shared/reports/extra-reports.yaml [-v]

Default mode (the numbers to quote): the references are the curated figures of every
source of the dataset whose archive lies under ``seeds/reports/`` (the reports curated
for the 2014-2025 record, fact-checked twice, notes/curation-log.md and notes/audit.md);
extraction runs on each archived text.  A second line scores every source, the five seed
articles under ``seeds/articles/`` included (the articles the rules were first written
on, so that score is the less independent one).  ``--prefix`` scores the sources under
the folders given instead.  With ``--from-yaml`` the references are the figures of a
report list (url, title, quote, figures) and extraction runs on each quote.

Each report's headline and url are passed as context, as ``troops extract --title
--url`` does, unless ``--no-context`` is given.

A candidate matches a reference of the same report when (series, value, bound, kind) are
equal (each reference matches at most one candidate).  Precision = matches / candidates,
recall = matches / references.  Per-field agreement aligns candidates and references of a
report by value first (then by the other fields) and gives, over the aligned pairs, the
share that agree on series, bound and kind; value precision/recall is aligned pairs over
candidates/references.  ``-v`` lists every candidate that matches no reference (extra)
and every reference no candidate matches (missing), with its sentence.
"""

from __future__ import annotations

import argparse
import sys
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
REPORTS, ARTICLES = "reports/", "articles/"


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
    """Running totals over all reports."""

    reports: int = 0
    candidates: int = 0
    references: int = 0
    matched: int = 0
    aligned: int = 0
    agree: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    misses: list[str] = field(default_factory=list)

    @staticmethod
    def ratio(a: int, b: int) -> float:
        """a / b, or 1.0 when b is zero."""
        return a / b if b else 1.0

    @property
    def precision(self) -> float:
        """Matched candidates over candidates."""
        return self.ratio(self.matched, self.candidates)

    @property
    def recall(self) -> float:
        """Matched references over references."""
        return self.ratio(self.matched, self.references)

    def lines(self) -> list[str]:
        """The score as printed: counts, precision/recall, per-field agreement."""
        out = [
            f"candidates {self.candidates}, references {self.references}, matched {self.matched}",
            f"precision {self.precision:.3f}  recall {self.recall:.3f}   "
            "(series, value, bound, kind)",
            f"value     precision {self.ratio(self.aligned, self.candidates):.3f}  "
            f"recall {self.ratio(self.aligned, self.references):.3f}   "
            f"(aligned by value: {self.aligned})",
        ]
        for name in ("series", "bound", "kind"):
            share = self.ratio(self.agree[name], self.aligned)
            out.append(f"{name:<9} agreement {share:.3f}   (aligned pairs)")
        return out


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
        pairs = align(found, refs)
        s.aligned += len(pairs)
        for c, r in pairs:
            for name, a, b in zip(FIELDS, c, r, strict=True):
                s.agree[name] += a == b
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


def from_dataset(root: Path, prefixes: Sequence[str]) -> tuple[list[Report], list[Hedge]]:
    """Reports from the sources of a dataset whose archives lie under ``prefixes``."""
    import troops

    ds = troops.load(root)
    reports = []
    for src in sorted(ds.source_records.values(), key=lambda s: s.id):
        if not src.archive.startswith(tuple(prefixes)):
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


def main(argv: list[str] | None = None) -> int:
    """Run the evaluation and print the scores."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", metavar="DIR", help="dataset root (default: the bundled one)")
    ap.add_argument("--prefix", action="append", metavar="DIR/", help="archive folder(s)")
    ap.add_argument("--from-yaml", metavar="FILE", help="score against a report list")
    ap.add_argument("--no-context", action="store_true", help="do not pass headlines and urls")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every mismatch")
    args = ap.parse_args(argv)
    root = discover(args.data).root
    where = args.data or "the bundled dataset"
    context = not args.no_context
    if args.from_yaml:
        reports, hedges = from_yaml(Path(args.from_yaml), root)
        what = args.from_yaml
    else:
        prefixes = args.prefix or [REPORTS]
        reports, hedges = from_dataset(root, prefixes)
        what = f"{where}, sources archived under seeds/{{{','.join(prefixes)}}}"
    if not reports:
        print(f"no reports found in {what}", file=sys.stderr)
        return 1
    s = score(reports, hedges, context=context)
    print(f"reports {s.reports}: {what}")
    print("\n".join(s.lines()))
    if not args.from_yaml and not args.prefix:
        seeds, _ = from_dataset(root, [ARTICLES])
        both = score([*reports, *seeds], hedges, context=context)
        print(
            f"with the seed articles (seeds/{ARTICLES}, {len(seeds)} more reports): "
            f"precision {both.precision:.3f}  recall {both.recall:.3f}   "
            f"(candidates {both.candidates}, references {both.references}, "
            f"matched {both.matched})"
        )
    if args.verbose:
        print("\n".join(s.misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
