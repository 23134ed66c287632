"""Rules across records, each defined once for YAML sources and CSV figure tables.

Reads nothing itself: it takes the records :mod:`troops.io` read and adds one problem line
per broken rule, ``path:line: <record id> <field>: <what is wrong>``.
"""
