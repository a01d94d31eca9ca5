"""One cell of a survey export: a score, "not answered", a language, a piece of text.

* `parse_number`: '8', '7,5', 8.0, '10 - Extremely likely', 'Zeer tevreden' (a label) -> float.
* `is_unanswered`: "N/A", "n.v.t.", "no aplica", "ne sait pas", ... (the mapping's
  `options.unanswered`) -> the question was not answered: no value, nothing quarantined.
* `language_code`: 'NL', 'nl-BE', 'Nederlands', 'Español' -> 'nl', 'es' (ISO 639-1 codes, or
  the mapping's `[languages]` names), or None when the value names no language ('py', 'c/').
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any, Collection, Mapping

_NUM = re.compile(r"^\s*(-?\d+(?:[.,]\d+)?)(?:\s*(?:[-–:/(]|$|\s[^\d]))")
_CODE = re.compile(r"^([a-z]{2})(?:[-_][a-z0-9]{2,8})?$")
ISO_639_1 = frozenset("""
aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv
dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig
ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh
mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru
rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug
uk ur uz ve vi vo wa wo xh yi yo za zh zu""".split())


def fold(text: str) -> str:
    """Lower case, accents removed, whitespace collapsed, surrounding punctuation stripped."""
    t = unicodedata.normalize("NFKD", text)
    t = "".join(c for c in t if not unicodedata.combining(c)).lower()
    return " ".join(t.split()).strip(" \t¿?¡!:;*.\"'")


def parse_number(v: Any, labels: Mapping[str, int] | None = None) -> float | None:
    """'8', '7,5', 8.0, '10 - Extremely likely', 'Zeer tevreden' -> a float; '' -> None.

    Raises ValueError for text that is not a number."""
    if v is None:
        return None
    if isinstance(v, bool):
        raise ValueError(f"not a number: {v!r}")
    if isinstance(v, (int, float)):
        if v != v or v in (float("inf"), float("-inf")):
            raise ValueError(f"not a number: {v!r}")
        return float(v)
    s = str(v).strip()
    if not s:
        return None
    if labels and s.lower() in labels:
        return float(labels[s.lower()])
    m = _NUM.match(s)
    if not m:
        raise ValueError(f"not a number: {s!r}")
    return float(m.group(1).replace(",", "."))


def is_unanswered(v: Any, tokens: Collection[str]) -> bool:
    # No token is long or starts with a digit: most cells (scores, comments) skip the folding.
    return isinstance(v, str) and 0 < len(v) <= 40 and not v[0].isdigit() and _fold_short(v) in tokens


@lru_cache(maxsize=8192)
def _fold_short(v: str) -> str:
    return fold(v)


def language_code(v: Any, names: Mapping[str, str]) -> str | None:
    if not isinstance(v, str) or not v.strip():
        return None
    f = fold(v)
    if f in names:
        return names[f]
    m = _CODE.match(f)
    return m.group(1) if m and m.group(1) in ISO_639_1 else None
