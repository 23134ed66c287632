"""Rendering rows as text: aligned table, CSV, JSON, Markdown and LaTeX.

Every format takes the same input, a list of flat dicts and the column order, so adding a
format means adding one function to :data:`RENDERERS`, not a branch per caller.  Cells that
are ``None`` render empty (CSV, text, Markdown, LaTeX) or ``null`` (JSON).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

Rows = Sequence[Mapping[str, Any]]
Renderer = Callable[[Rows, Sequence[str]], str]

#: Widest a cell may be in the aligned text table before it is cut with an ellipsis.
TEXT_CELL_WIDTH = 48


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def render_csv(rows: Rows, columns: Sequence[str]) -> str:
    """RFC 4180 CSV: header row, CRLF line ends, quotes only where needed, UTF-8 text."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
    return buf.getvalue()


def render_json(rows: Rows, columns: Sequence[str]) -> str:
    """A JSON array of objects with the columns as keys, in column order."""
    data = [{c: row.get(c) for c in columns} for row in rows]
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def render_text(rows: Rows, columns: Sequence[str]) -> str:
    """A readable table with aligned columns; long cells are cut with an ellipsis."""
    cells = [[_fit(_cell(row.get(c))) for c in columns] for row in rows]
    widths = [max([len(c), *(len(r[i]) for r in cells)]) for i, c in enumerate(columns)]
    numeric = [all(_numeric(r[i]) for r in cells) and bool(cells) for i in range(len(columns))]

    def line(parts: Sequence[str]) -> str:
        triples = zip(parts, widths, numeric, strict=True)
        out = [p.rjust(w) if num else p.ljust(w) for p, w, num in triples]
        return "  ".join(out).rstrip()

    rule = ["-" * w for w in widths]
    return "\n".join([line(columns), line(rule), *(line(r) for r in cells)]) + "\n"


def _fit(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= TEXT_CELL_WIDTH else text[: TEXT_CELL_WIDTH - 1] + "…"


def _numeric(text: str) -> bool:
    return text == "" or text.replace(",", "").replace(".", "", 1).isdigit()


#: Characters of a Markdown cell that would start markup (a link, an image, emphasis, code,
#: an autolink or raw HTML) are written as backslash escapes; ``<``, ``>`` and ``&`` as HTML
#: entities, so no renderer (CommonMark, GFM) turns a cell into a live tag or link.
_MD_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_MD_ESCAPED = frozenset("\\`*_[]()!|#~")
#: A bare address GFM would link by itself (``www.`` or ``scheme:``); a zero-width joiner
#: is not used: the ``:`` or ``.`` is escaped instead, which renders as the same text.
_MD_AUTOLINK = re.compile(r"(?i)\b(www)\.|\b([a-z][a-z0-9+.-]{1,31}):(?=//)")


def markdown_escape(text: str) -> str:
    """One Markdown table cell: whitespace runs as one space, markup characters escaped,
    ``< > &`` as entities, bare web addresses no longer links."""
    flat = " ".join(text.split())
    out = "".join(_MD_ENTITIES.get(ch) or ("\\" + ch if ch in _MD_ESCAPED else ch) for ch in flat)
    return _MD_AUTOLINK.sub(lambda m: f"{m[1]}\\." if m[1] else f"{m[2]}\\:", out)


def render_markdown(rows: Rows, columns: Sequence[str]) -> str:
    """A GitHub-flavoured Markdown table; every cell through :func:`markdown_escape`."""

    def esc(value: Any) -> str:
        return markdown_escape(_cell(value))

    head = "| " + " | ".join(columns) + " |"
    rule = "|" + "|".join("---" for _ in columns) + "|"
    body = ["| " + " | ".join(esc(row.get(c)) for c in columns) + " |" for row in rows]
    return "\n".join([head, rule, *body]) + "\n"


_LATEX_SPECIAL = {
    "\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
    "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
    "–": "--", "—": "---", "≥": r"$\geq$", "≤": r"$\leq$", "±": r"$\pm$", "…": r"\dots{}",
    "≈": r"$\approx$",
    "“": "``", "”": "''", "‘": "`", "’": "'", "\u00a0": "~", "†": r"$\dagger$",
    "|": r"\textbar{}", "<": r"\textless{}", ">": r"\textgreater{}", "×": r"$\times$",
}  # fmt: skip


#: Whitespace that ends a line or a paragraph (not the no-break space, which is kept as ~).
_BREAKS = re.compile("[ \t\n\r\f\v\x85\u2028\u2029]+")


def latex_escape(text: str) -> str:
    """Escape text for LaTeX (pdflatex with UTF-8 input, any font encoding); runs of
    whitespace, line breaks included, become one space (a blank line would end the row)."""
    return "".join(_LATEX_SPECIAL.get(ch, ch) for ch in _BREAKS.sub(" ", text))


#: Columns whose cells are LaTeX already (for example ``\cite{...}``) and are not escaped.
LATEX_RAW_COLUMNS = frozenset({"cite"})
#: Long text columns: set ragged-right in a paragraph column of this width, so they wrap.
LATEX_WRAPPED = {"claimant": "9em", "quote": "16em", "sources": "12em"}


def _latex_column(name: str) -> str:
    if name in ("value", "low", "high"):
        return "r"
    if name in LATEX_WRAPPED:
        return f">{{\\raggedright\\arraybackslash}}p{{{LATEX_WRAPPED[name]}}}"
    return "l"


def render_latex(rows: Rows, columns: Sequence[str]) -> str:
    """A booktabs ``tabular`` (needs ``\\usepackage{booktabs,array}``); the claimant, quote
    and source-list columns wrap."""
    spec = "".join(_latex_column(c) for c in columns)
    head = " & ".join(latex_escape(c.replace("_", " ")) for c in columns) + r" \\"
    body = []
    for row in rows:
        cells = [
            _cell(row.get(c)) if c in LATEX_RAW_COLUMNS else latex_escape(_cell(row.get(c)))
            for c in columns
        ]
        body.append(" & ".join(cells) + r" \\")
    return (
        "\n".join(
            [
                "% troops table; requires \\usepackage{booktabs,array}",
                f"\\begin{{tabular}}{{{spec}}}",
                r"\toprule",
                head,
                r"\midrule",
                *body,
                r"\bottomrule",
                r"\end{tabular}",
            ]
        )
        + "\n"
    )


RENDERERS: dict[str, Renderer] = {
    "text": render_text,
    "csv": render_csv,
    "json": render_json,
    "markdown": render_markdown,
    "latex": render_latex,
}


def render(rows: Rows, columns: Sequence[str], fmt: str) -> str:
    """Render ``rows`` in format ``fmt`` (one of :data:`RENDERERS`)."""
    return RENDERERS[fmt](rows, columns)
