"""Under mutation testing (mutmut forks one process per mutant after collection), load the Dutch
hunspell dictionary (and librosa, for the tone tests' recordings) once here so that each mutant
does not pay its ~6 s load again. Not during mutmut's forced-fail check, where every mutated
function raises on purpose."""
from __future__ import annotations

import os

if os.environ.get("MUTANT_UNDER_TEST", "fail") != "fail":
    from qa.criteria.diminutives import dutch_diminutive

    dutch_diminutive("foldertje", frozenset())
    try:
        import librosa
        import numpy as np
    except ImportError:
        pass
    else:  # librosa loads its parts on first use
        librosa.pyin(np.sin(np.arange(8000) * 0.06), fmin=65.0, fmax=400.0, sr=16000)
        librosa.feature.rms(y=np.zeros(8000))
