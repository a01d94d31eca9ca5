"""A generated frame for the key-driver tests: next_steps raises the top-box share 0.3 -> 0.6,
tone and waiting time do nothing (test_drivers.py, test_driver_separation.py)."""
from __future__ import annotations

import numpy as np
import pandas as pd


def driver_frame(n: int = 300, seed: int = 3) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    x = rng.integers(0, 2, n)
    return pd.DataFrame({"crit_next_steps": x.astype(float), "crit_tone": rng.integers(0, 2, n).astype(float),
                         "wait_min": rng.exponential(1.0, n), "handle_min": rng.exponential(5.0, n),
                         "repeat_contact": rng.integers(0, 2, n),
                         "top": (rng.random(n) < np.where(x == 1, 0.6, 0.3)).astype(int)})
