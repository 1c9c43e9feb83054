"""Developer tools behind ``python -m calculators new`` and ``check-facts``; never shipped to readers.

``pyproject.toml`` excludes this package from the wheel (so from the browser's download and the
Pyodide snapshot), and ``calculators/cli.py`` imports it only when one of its commands is run.
"""
