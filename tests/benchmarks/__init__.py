"""Unit tests of the benchmark's pure helpers (no browser, no timing)."""
