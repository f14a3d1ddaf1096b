from __future__ import annotations

import types

import sitroom


def test_exported_members_match_all():
    public = {
        name
        for name, value in vars(sitroom).items()
        if not name.startswith("_") and not isinstance(value, types.ModuleType) and name != "annotations"
    }
    assert set(sitroom.__all__) == public
