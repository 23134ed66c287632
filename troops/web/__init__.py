"""The offline web page of the record: ``troops plot -o FILE.html``.

One self-contained HTML file that works opened from disk, offline: the chart (drawn by
BokehJS, inlined from the installed ``bokeh`` wheel), every point one hover from its verbatim
quote, a side panel with the archived text, a "known on" control, the table of figures with
CSV and BibTeX downloads, and a footer saying how to cite the dataset.

* :mod:`troops.web.escape` -- text from data, made safe for the context it lands in.
* :mod:`troops.web.quotes` -- where each quote sits in its archived text.
* :mod:`troops.web.payload` -- what the page shows, as plain JSON-ready data (no bokeh).
* :mod:`troops.web.bokehchart` -- the Bokeh models of the chart, with fixed ids.
* :mod:`troops.web.page` -- the HTML document and its Content-Security-Policy.

Nothing here imports matplotlib or :mod:`troops.plot`; bokeh is imported only when a page is
built, so ``troops table`` and ``troops --help`` never load it.
"""

from __future__ import annotations
