"""Bibliography entries for the sources: BibTeX, CSL-JSON and a plain numbered list.

Keys are the source ids, so ``\\cite{sputnik-2021-12-09}`` in a caption written by
``troops plot --caption`` finds the entry ``troops cite --bibtex`` prints.  Nothing is
added that the source record does not hold: no publisher when it is unknown, a date only
as precise as recorded, an inferred date said to be inferred.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from troops.core.model import Source
from troops.core.periods import Period
from troops.core.reading import DAGGER, NBSP, source_date, source_name
from troops.output.render import latex_escape

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _note(src: Source) -> str:
    parts = []
    if src.via:
        chain = ", ".join(v.name for v in src.via)
        parts.append(f"Republished from {chain}.")
    if "published" in src.inferred:
        parts.append("Publication date inferred from the text.")
    parts.append(f"Text archived in the troops dataset (sha256 {src.sha256[:12]}).")
    return " ".join(parts)


def _date_parts(p: Period) -> list[int]:
    d = p.start
    return {"day": [d.year, d.month, d.day], "month": [d.year, d.month]}.get(p.precision, [d.year])


def bib_url(url: str) -> str:
    """The URL with the characters that would break a BibTeX field percent-encoded (the
    same address): braces and backslashes."""
    return url.replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D")


def bib_escape(text: str) -> str:
    """Escape text for a braced BibTeX field: as for LaTeX (:func:`latex_escape`), but a
    brace becomes ``\\textbraceleft{}``/``\\textbraceright{}``.  BibTeX counts ``\\{``
    and ``\\}`` as braces too, so an unbalanced ``}`` would end the field early (and a
    crafted title could add an entry of its own); after this every brace in the value
    comes in a ``{}`` pair."""
    escaped = latex_escape(text)
    return escaped.replace("\\{", "\\textbraceleft{}").replace("\\}", "\\textbraceright{}")


def bibtex_entry(src: Source) -> str:
    """One ``@misc`` entry (valid for BibTeX's standard styles and for biblatex)."""
    fields: list[tuple[str, str]] = []
    if src.title:
        fields.append(("title", "{" + bib_escape(src.title) + "}"))
    if src.author:
        fields.append(("author", "{" + bib_escape(src.author) + "}"))
    if src.publisher:
        fields.append(("howpublished", bib_escape(src.publisher)))
    p = src.published_period
    if p is not None and p.precision != "interval":
        fields.append(("year", str(p.start.year)))
        if p.precision in ("month", "day"):
            fields.append(("month", MONTHS[p.start.month - 1]))
        fields.append(("date", p.text))
    if src.url:
        fields.append(("url", bib_url(src.url)))
        if src.retrieved:
            fields.append(("urldate", src.retrieved))
    fields.append(("note", bib_escape(_note(src))))
    body = ",\n".join(
        f"  {name} = {value}" if name == "month" else f"  {name} = {{{value}}}"
        for name, value in fields
    )
    return f"@misc{{{src.id},\n{body}\n}}\n"


def bibtex(sources: Sequence[Source]) -> str:
    """BibTeX entries for ``sources``, in the order given."""
    return "\n".join(bibtex_entry(s) for s in sources)


def csl_item(src: Source) -> dict[str, Any]:
    """One CSL-JSON item (Zotero, Pandoc citeproc)."""
    item: dict[str, Any] = {"id": src.id, "type": "article-newspaper"}
    if src.title:
        item["title"] = src.title
    if src.author:
        item["author"] = [{"literal": src.author}]
    if src.publisher:
        item["container-title"] = src.publisher
        item["publisher"] = src.publisher
    p = src.published_period
    if p is not None:
        item["issued"] = {"date-parts": [_date_parts(p)]}
    if src.url:
        item["URL"] = src.url
        if src.retrieved:
            y, m, d = (int(x) for x in src.retrieved.split("-"))
            item["accessed"] = {"date-parts": [[y, m, d]]}
    item["note"] = _note(src)
    return item


def csl_json(sources: Sequence[Source]) -> str:
    """A CSL-JSON array for ``sources``."""
    return json.dumps([csl_item(s) for s in sources], indent=2, ensure_ascii=False) + "\n"


def reference_list(sources: Sequence[Source], numbers: dict[str, int]) -> str:
    """A readable list: number, citation key, name and date, title, URL or archive."""
    out = []
    for s in sources:
        lines = [f"[{numbers[s.id]}] {s.id}", f"    {source_name(s)}, {source_date(s)}"]
        if s.title and s.publisher:
            lines.append(f"    “{s.title}”")
        lines.append(f"    {s.url}" if s.url else f"    archived: seeds/{s.archive}")
        out.append("\n".join(lines).replace(NBSP, " "))
    if any("published" in s.inferred for s in sources):
        out.append(f"{DAGGER} publication date inferred from the text")
    return "\n".join(out) + "\n" if out else ""


RENDERERS = {"bibtex": bibtex, "csl_json": csl_json}
