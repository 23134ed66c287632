"""Text and package outputs: tables, BibTeX and CSL-JSON, conflict reports, the data package.

Each renders a :class:`troops.Dataset` selection for another program to read (a spreadsheet,
LaTeX, BibTeX, Frictionless).  Nothing here draws: it never imports matplotlib.
"""
