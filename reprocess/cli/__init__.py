"""The ``reprocess`` command line: a thin adapter over the public API.

Only this package reads configuration files, prints, and exits with a status.
"""
