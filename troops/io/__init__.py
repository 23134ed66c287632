"""Reading and writing files: YAML and CSV with positions, archives, atomic writes and the lock.

Turns the bytes of a dataset root (``data/`` and ``seeds/``) into records that carry their
file and line, and owns the one way troops writes a file.  It knows the record models of
:mod:`troops.core` but never the rules of :mod:`troops.validate`.
"""
