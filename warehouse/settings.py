"""Reporting settings stored in the warehouse (`settings` table): the one owner of their defaults.

The CSAT top-box thresholds and the repeat-contact window are baked into the marts, so they are
properties of the warehouse, not of an input file: a survey export carries each answer's scale
on its rows (`csat_scale`), and which answers count as top-box is decided here, once. Change one
with `meeluister settings --db wh.duckdb --set csat_topbox_10=8` (or `Warehouse.set_setting`):
the marts are then rebuilt.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, fields


@dataclass(frozen=True)
class WarehouseSettings:
    csat_topbox_10: int = 9  # top-box on the 1-10 rapportcijfer: 9-10
    csat_topbox_5: int = 5  # top-box on 1-5: 5 (set 4 for the common 4-5 "top-two box")
    repeat_window_days: int = 7  # a contact is a repeat when the customer calls again within this

    def as_rows(self) -> dict[str, str]:
        """The settings table's rows (values as text)."""
        return {k: str(v) for k, v in asdict(self).items()}


# Allowed range of each setting (inclusive).
RANGES = {"csat_topbox_10": (1, 10), "csat_topbox_5": (1, 5), "repeat_window_days": (1, 365)}
SETTING_NAMES = tuple(f.name for f in fields(WarehouseSettings))


def check_setting(key: str, value: object) -> str:
    """The value as stored, or ValueError naming the key and the allowed values."""
    if key not in RANGES:
        raise KeyError(f"unknown setting {key!r}; known: {sorted(RANGES)}")
    lo, hi = RANGES[key]
    try:
        as_float = float(str(value))
    except ValueError:
        raise ValueError(f"setting {key}: {value!r} is not a number") from None
    if not as_float.is_integer() or not lo <= as_float <= hi:
        raise ValueError(f"setting {key}: must be a whole number {lo}..{hi}, not {value!r}")
    return str(int(as_float))
