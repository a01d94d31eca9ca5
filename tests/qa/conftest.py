"""Under mutation testing (mutmut forks one process per mutant after collection), load the Dutch
hunspell dictionary once here so that each mutant does not pay its ~6 s load again."""
from __future__ import annotations

import os

if "MUTANT_UNDER_TEST" in os.environ:
    from qa.criteria.diminutives import dutch_diminutive

    dutch_diminutive("foldertje", frozenset())
