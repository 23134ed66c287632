"""The offline web page of the record: ``troops plot -o FILE.html``.

One self-contained HTML file that works opened from disk, offline: the chart (drawn by
BokehJS, inlined from the installed ``bokeh`` wheel), every point one hover from its verbatim
quote, a side panel with the archived text, a "known on" control, the table of figures with
CSV and BibTeX downloads, and a footer saying how to cite the dataset.

* :mod:`troops.web.escape` -- text from data, made safe for the context it lands in.
* :mod:`troops.web.quotes` -- where each quote sits in its archived text.
* :mod:`troops.web.payload` -- what the page shows, as plain JSON-ready data.
* :mod:`troops.web.storylayers` -- the story view of one snapshot as chart layers.
* :mod:`troops.web.page` -- the HTML document and its Content-Security-Policy.

Nothing here imports matplotlib, :mod:`troops.plot` or bokeh's Python side: the page
inlines BokehJS and its plotting API from the installed bokeh wheel's files, and its
script (``static/app.js``) builds the chart in the browser from the layers worked out
here, so ``troops table`` and ``troops --help`` never load bokeh either.
"""

from __future__ import annotations
