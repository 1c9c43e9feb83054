"""One module per calculator; each defines ``CALCULATOR`` (see ``calculators.registry``)."""
