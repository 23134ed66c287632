"""Taking in a new report: reading an article safely and adding it to a dataset in one step.

Builds on :mod:`troops.extract` for the candidate figures and on :mod:`troops.io` for the
archive, the lock and atomic writes.
"""
