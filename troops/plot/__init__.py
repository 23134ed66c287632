"""Drawing with matplotlib: step_chart, the figure around it, files and the paper style.

Everything that touches matplotlib lives here, so the rest of the package (and
``troops --help`` or ``troops table``) never imports it.
"""
