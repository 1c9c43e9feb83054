"""Performance of the guide in Chromium against bare Pyodide, and of its build (``make bench``).

See ``benchmarks/cli.py`` for what is measured and ``README.md`` (Performance) for the numbers.
"""
