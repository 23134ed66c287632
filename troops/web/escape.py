"""Text from data, escaped for the context it lands in: HTML text, attribute, JSON in script.

Titles, publishers, claimants, quotes, notes and archived texts are data, never markup: each
goes through exactly one of these functions on its way into the page.  A URL becomes a link
only when its scheme is ``http`` or ``https``.
"""

from __future__ import annotations

import html
import json
from typing import Any
from urllib.parse import urlsplit

#: Characters that could end a ``<script>`` element or open a comment or CDATA section inside
#: it, or end a JavaScript string early (U+2028/U+2029 in old engines), as JSON escapes.
_SCRIPT_ESCAPES = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def text(value: object) -> str:
    """``value`` as HTML text content (``<``, ``>``, ``&`` and quotes escaped)."""
    return html.escape("" if value is None else str(value), quote=True)


def attr(value: object) -> str:
    """``value`` as the inside of a double-quoted HTML attribute."""
    return html.escape("" if value is None else str(value), quote=True)


def script_json(value: Any) -> str:
    """``value`` as JSON that is safe inside a ``<script type="application/json">`` element.

    Keys keep their order (Bokeh's documents must define a model before they refer to
    it) and the separators are fixed, so the same data give the same bytes."""
    dumped = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return dumped.translate(_SCRIPT_ESCAPES)


def safe_url(url: str | None) -> str | None:
    """``url`` when it is an ``http`` or ``https`` address with a host, else ``None`` (such a
    URL is shown as text, never linked)."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    if any(c.isspace() or ord(c) < 32 for c in url):
        return None
    return url


def link(url: str | None, label: str | None = None) -> str:
    """An ``<a>`` to ``url`` when it is http(s), otherwise the URL (or label) as plain text."""
    shown = text(label if label is not None else url or "")
    safe = safe_url(url)
    if safe is None:
        return shown
    return f'<a href="{attr(safe)}" rel="noopener noreferrer">{shown}</a>'
