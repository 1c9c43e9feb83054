"""Developer tools the Makefile, the tests and the benchmarks share: finding Chromium, serving a built site.

Nothing here is shipped to readers, and nothing here imports from ``tests/``.
"""
