"""The bulk path (`warehouse.ingest_tables`): lake-shaped Arrow tables or Parquet files in, through
the same table loaders as the file path (warehouse/loaders.py: redaction, linking, quarantine,
upserts), minus parsing. Independent steps overlap (docs/warehouse.md, Bulk path)."""
from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from collections.abc import Mapping, Sequence
from typing import Any, Callable

import pyarrow as pa

from warehouse.answered import answered_names_of
from warehouse.contact_lookup import ContactIndex, contact_index
from warehouse.db import connect
from warehouse.lake import fetch_arrow, sql_str
from warehouse.loaders import FactLoad, Prepared, load_contacts, load_surveys, prepare_surveys, start_facts
from warehouse.marts import results_relation
from warehouse.memmarts import build_result_daily, build_result_exclusion
from warehouse.partitions import (CALLER_COLUMN, NAMES_COLUMN, PART_TABLES, known_names_of, part_sources,
                                  pseudonymise_callers)
from warehouse.memmarts import release as release_memmarts
from warehouse.publish import finish_run
from warehouse.run import IngestOptions, IngestRun, IngestSummary
from warehouse.schema import RESULTS, TURNS
from warehouse.sources import customer_salt

# The first-load results columns the marts read (warehouse.marts.RESULT_MART_COLUMNS).
_RESULT_MART_INPUT = ("criterion", "outcome", "score")


def ingest_tables(
    db: str | Path,
    *,
    contacts: pa.Table | str | Path | None = None,
    turns: pa.Table | str | Path | None = None,
    results: pa.Table | str | Path | None = None,
    surveys: pa.Table | None = None,
    source: str = "bulk",
    options: IngestOptions | None = None,
    known_names: Mapping[str, Sequence[str]] | None = None,
) -> IngestSummary:
    """Bulk path for producers that already hold lake-shaped data (Ray jobs, the benchmark): the
    same loaders, redaction, linking and quarantine as `ingest`, minus parsing.

    Each input is an Arrow table or the path of a Parquet file (glob allowed), which DuckDB
    streams without loading it into Python. contacts: CONTACTS columns (m_* and/or t_* family);
    turns/results: their columns without contact_date; surveys: SURVEYS columns without
    contact_date/link_method.

    A first load of turns or results (their lake table still empty) takes the loaders' fast path
    (`warehouse.firstload.FirstLoad`) on a worker thread: turns until the end of the run (no mart
    reads them), results while this thread refreshes mart_contacts and links the surveys (whose
    comments are redacted on a third thread from the start); the first-load results then feed
    the fact marts from memory (warehouse/memmarts.py).

    `known_names`: contact_id -> the customer's names from the producer's metadata; they are
    redacted wherever they occur in that contact's turns, reasons and quotes (and not stored).
    Names given only as the answer to a question for them are found in the turns table first
    (`warehouse.answered`) and join them."""
    options = options or IngestOptions()
    with connect(db, options.db) as wh:
        run = IngestRun(wh, options)
        run.begin()  # all or nothing (warehouse/journal.py)
        try:
            return _ingest_tables(run, contacts, turns, results, surveys, source, known_names)
        except BaseException:
            run.abort()
            raise


def _ingest_tables(run: IngestRun, contacts: Any, turns: Any, results: Any, surveys: pa.Table | None,
                   source: str, known_names: Mapping[str, Sequence[str]] | None) -> IngestSummary:
    wh = run.wh
    if known_names:
        run.add_known_names(known_names)
    con = wh.con
    regs: list[str] = []
    views: list[str] = []
    turns_load: FactLoad | None = None
    results_load: FactLoad | None = None
    sources: dict[str, str] = {}
    builders: dict[str, Callable[[Any], str]] = {}
    index: ContactIndex | None = None  # every contact, once the contacts are in
    # Survey comments are redacted on a worker thread from the start (pure Python over the
    # input, no DuckDB): it overlaps the single-threaded contacts upsert.
    redactor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="comment-redaction")
    prepared: Future[Prepared] | None = None
    try:
        if surveys is not None:
            prepared = redactor.submit(prepare_surveys, run, surveys)
        if contacts is not None:
            contacts, names = _contacts_from_parts(con, contacts)
            run.add_known_names(names)
            load_contacts(run, contacts, source)
        if turns is not None:
            if run.options.redact:  # names said only as the answer to a question for them
                run.add_known_names(answered_names_of(con, turns))
            if not wh.lake.has_files(TURNS):
                index = contact_index(con)
            turns_load = start_facts(run, TURNS, turns, source, contacts=index)
        if results is not None:
            first = not wh.lake.has_files(RESULTS)
            if first:
                index = index or contact_index(con)
            results_load = start_facts(run, RESULTS, results, source, contacts=index,
                                       collect=_RESULT_MART_INPUT if first else ())
        run.refresh_contact_marts()
        if prepared is not None:
            load_surveys(run, prepared.result(), None, source, None)
        if results_load is not None:
            load, results_load = results_load, None
            w = load.finish()
            if w is not None and w.collected is not None and index is not None:
                sources["stg_results"] = results_relation(con, _results_for_marts(w.collected, index))
                views.append(sources["stg_results"])
                regs.append(sources["stg_results"] + "_arrow")
                collected, idx = w.collected, index
                builders["mart_result_daily"] = lambda c: build_result_daily(c, collected, idx)
                builders["mart_result_exclusion"] = lambda c: build_result_exclusion(c, collected, idx)
        run.refresh_fact_marts(sources, builders)
        # the data checks of everything but the turns, while the turns are still being written
        run.check(exclude=("raw_turns",) if turns_load is not None else ())
        if turns_load is not None:
            load, turns_load = turns_load, None
            load.finish()
    finally:
        for pending in (turns_load, results_load):  # an earlier step failed: discard their files
            if pending is not None:
                pending.cancel()
        redactor.shutdown(wait=True, cancel_futures=True)
        for view in views:
            con.execute(f"DROP VIEW IF EXISTS {view}")
        release_memmarts(con)
        for r in regs:
            con.unregister(r)
    return finish_run(run)


def _contacts_from_parts(con: Any, contacts: pa.Table | str | Path
                         ) -> tuple[pa.Table | str | Path, dict[str, tuple[str, ...]]]:
    """Contacts from lake partitions (warehouse/partitions.py) carry the raw caller id and the
    customer's known names: the caller id becomes the keyed hash with this warehouse's salt and
    the names go to the redaction (not stored), before anything is written."""
    if not isinstance(contacts, pa.Table):
        src = f"read_parquet({sql_str(str(contacts))})"
        present = [d[0] for d in con.execute(f"SELECT * FROM {src} LIMIT 0").description]
        if CALLER_COLUMN not in present and NAMES_COLUMN not in present:
            return contacts, {}
        contacts = fetch_arrow(con.execute(f"SELECT * FROM {src}"))
    contacts, names = known_names_of(contacts)
    if CALLER_COLUMN in contacts.column_names:
        contacts = pseudonymise_callers(contacts, customer_salt(con))
    return contacts, names


def _results_for_marts(collected: pa.Table, contacts: ContactIndex) -> pa.Table:
    """The collected first-load results with contact_id rebuilt as a dictionary over the contact
    ids (the rows' contact_row as indices: no string copied)."""
    cid = pa.chunked_array([pa.DictionaryArray.from_arrays(c, contacts.ids) for c in collected["contact_row"].chunks],
                           pa.dictionary(pa.int32(), pa.string()))
    return pa.table({"contact_id": cid, "criterion": collected["criterion"], "outcome": collected["outcome"],
                     "score": collected["score"]}).unify_dictionaries()


def ingest_parts(db: str | Path, parts: str | Path, options: IngestOptions | None = None) -> IngestSummary:
    """Ingest a folder of lake partitions (warehouse/partitions.py: what `meeluister transcribe
    --ray` and `score --ray` write) through the bulk path."""
    src = part_sources(Path(parts))
    if not src:
        raise FileNotFoundError(f"{parts}: no lake partitions ({', '.join(t + '/*.parquet' for t in PART_TABLES)})")
    return ingest_tables(db, source=str(parts), options=options, **src)
