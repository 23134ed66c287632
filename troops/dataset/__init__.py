"""The dataset API: finding a dataset root, loading and validating it, selecting from it.

:func:`troops.load` and :class:`troops.Dataset` live here, with the one discovery rule every
command shares (``--data``, ``TROOPS_DATA``, the nearest dataset root above the working
directory, the bundled copy) and ``troops init``.
"""
