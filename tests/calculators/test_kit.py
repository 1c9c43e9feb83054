"""``calculators.kit``: the one import surface of calculator modules says what it holds."""

from __future__ import annotations

import re

from calculators import kit


def test_every_name_is_exported_and_described() -> None:
    described = set(re.findall(r"``(\w+)``", kit.__doc__ or ""))
    exported = set(kit.__all__)
    assert exported - described == set(), "describe each new name in the kit's docstring"
    assert all(hasattr(kit, name) for name in exported)
