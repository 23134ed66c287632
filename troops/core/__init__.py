"""The domain core: records, periods and the one date rule, hedges, quote matching, steps.

Everything here is plain Python on validated records (pydantic models) and knows nothing of
files, validation across records, charts or output formats.  Every other sub-package builds
on it; it imports none of them.
"""
