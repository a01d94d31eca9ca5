"""Under mutation testing (mutmut forks one process per mutant after collection), load the Dutch
hunspell dictionary once here so that each mutant does not pay its ~6 s load again. Not during
mutmut's forced-fail check, where every mutated function raises on purpose."""
from __future__ import annotations

import os

if os.environ.get("MUTANT_UNDER_TEST", "fail") != "fail":
    from qa.criteria.diminutives import dutch_diminutive

    dutch_diminutive("foldertje", frozenset())
