"""Customer names given only as the answer to the agent's question ("Mag ik uw naam?" - "daan
kramer"), for a bulk turns table (`warehouse.ingest_tables` without transcripts): the loaders
redact each turn text on its own and cannot see the question before an answer, so the names are
found here first, per contact, and passed on as the contact's known names (never stored).

One DuckDB pass over the turns with RE2 (`meeluister.redaction.QUESTION_PATTERN`, a superset of
the question test) picks the contacts that hold a question for the name; only their turns come
into Python, in turn order, through `meeluister.redaction.answered_names_in` (the same rule as
`redact_transcript` and the file path)."""
from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import groupby
from pathlib import Path
from typing import Any

import pyarrow as pa

from meeluister.records import Turn
from meeluister.redaction import QUESTION_PATTERN, answered_names_in
from warehouse.lake import sql_str

logger = logging.getLogger(__name__)

_NEEDED = ("contact_id", "turn_idx", "speaker", "text")


@contextmanager
def _source(con: Any, turns: pa.Table | str | Path) -> Iterator[str]:
    if isinstance(turns, pa.Table):
        name = "_answered_turns_arrow"
        con.register(name, turns)
        try:
            yield name
        finally:
            con.unregister(name)
    else:
        yield f"read_parquet({sql_str(str(turns))})"


def answered_names_of(con: Any, turns: pa.Table | str | Path) -> dict[str, tuple[str, ...]]:
    """contact_id -> the names given as answers to a question for them, over a turns table
    (Arrow, or a Parquet path or glob) with contact_id, turn_idx, speaker and text."""
    with _source(con, turns) as src:
        present = {d[0] for d in con.execute(f"SELECT * FROM {src} LIMIT 0").description}
        if not set(_NEEDED) <= present:
            return {}
        rows = con.execute(
            f"SELECT contact_id, speaker, text FROM {src} WHERE contact_id IN "
            f"(SELECT DISTINCT contact_id FROM {src} WHERE text IS NOT NULL AND regexp_matches(text, ?)) "
            f"ORDER BY contact_id, turn_idx", [QUESTION_PATTERN]).fetchall()
    out: dict[str, tuple[str, ...]] = {}
    for cid, group in groupby(rows, key=lambda r: r[0]):  # rows come ordered by contact
        names = answered_names_in([Turn(str(s or "other"), None, None, t or "") for _, s, t in group])
        if names and cid is not None:
            out[str(cid)] = names
    if out:
        logger.debug("answered names in %d contacts of the turns table", len(out))
    return out
