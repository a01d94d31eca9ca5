"""The bulk ingest path (`ingest_tables`): lake-shaped Arrow tables or Parquet files in, the same
upserts, redaction, linking, quarantine and marts as `warehouse.ingest.ingest`, minus parsing.
Its steps run concurrently where they are independent (docs/warehouse.md, Bulk path)."""
from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pyarrow as pa

from meeluister.redaction import merge_counts
from warehouse.bulk import FirstLoad, bulk_facts, redacting_view, unregister_redactor
from warehouse.bulkwrite import redact_text_column
from warehouse.contactindex import ContactIndex, contact_index
from warehouse.db import connect
from warehouse.ingest import IngestOptions, IngestSummary, _Run, _upsert, load_survey_table
from warehouse.lake import sql_str
from warehouse.martmem import build_result_daily
from warehouse.martmem import release as release_martmem
from warehouse.marts import results_relation
from warehouse.schema import CONTACTS, RESULTS, TURNS


def ingest_tables(
    db: str | Path,
    *,
    contacts: pa.Table | str | Path | None = None,
    turns: pa.Table | str | Path | None = None,
    results: pa.Table | str | Path | None = None,
    surveys: pa.Table | None = None,
    source: str = "bulk",
    options: IngestOptions | None = None,
) -> IngestSummary:
    """Bulk path for producers that already hold lake-shaped data (Ray jobs, the benchmark): the
    same upserts, redaction, linking and quarantine as `ingest`, minus parsing.

    Each input is an Arrow table or the path of a Parquet file (glob allowed), which DuckDB
    streams without loading it into Python. contacts: CONTACTS columns (m_* and/or t_* family);
    turns/results: their columns without contact_date; surveys: SURVEYS columns without
    contact_date/link_method.

    A first load of turns or results (their lake table still empty) is one streamed pyarrow pass
    each (`warehouse.bulk.FirstLoad`) on a worker thread: turns until the end of the run (no mart
    reads them), results while this thread refreshes mart_contacts and links the surveys (whose
    comments are redacted on a third thread from the start); the first-load results then feed
    the fact marts from memory. A re-load merges through DuckDB (`warehouse.bulk.bulk_facts`)."""
    options = options or IngestOptions()
    with connect(db, options.db) as wh:
        run = _Run(wh, options)
        con = wh.con
        regs: list[str] = []
        turns_load: FirstLoad | None = None
        sources: dict[str, str] = {}
        builders: dict[str, Any] = {}
        index: ContactIndex | None = None  # every contact, once the contacts are in

        def src(name: str, data: pa.Table | str | Path) -> str:
            if isinstance(data, pa.Table):
                con.register(name, data)
                regs.append(name)
                return name
            return f"read_parquet({sql_str(str(data))})"

        results_load: FirstLoad | None = None
        # Survey comments are redacted on a worker thread from the start (pure Python over the
        # input, no DuckDB): it overlaps the single-threaded contacts upsert.
        redactor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="comment-redaction")
        comments: Future[tuple[pa.Array, dict[str, int]]] | None = None
        try:
            if surveys is not None and options.redact and "comment" in surveys.column_names:
                comments = redactor.submit(redact_text_column, surveys["comment"])
            if contacts is not None:
                _upsert(run, CONTACTS, src("_b_contacts", contacts), source, None)
            if turns is not None:
                plain = src("_b_turns", turns)
                if wh.lake.has_files(TURNS):  # a re-load merges through SQL, redacted as it streams
                    bulk_facts(run, TURNS, redacting_view(run, plain, "text") if options.redact else plain, source)
                else:  # on a worker thread until the end of the run
                    index = contact_index(con)
                    turns_load = FirstLoad(run, TURNS, source, turns, "text" if options.redact else None,
                                           contacts=index)
            if results is not None:
                if wh.lake.has_files(RESULTS):
                    bulk_facts(run, RESULTS, src("_b_results", results), source, results)
                else:  # on a worker thread while mart_contacts is refreshed and surveys linked
                    index = index or contact_index(con)
                    results_load = FirstLoad(run, RESULTS, source, results, None, collect=_RESULT_MART_INPUT,
                                             contacts=index)
            run.refresh_contact_marts()
            if surveys is not None:
                if comments is not None:
                    text, counts = comments.result()
                    surveys = surveys.set_column(surveys.schema.get_field_index("comment"), "comment", text)
                    run.redactions = merge_counts(run.redactions, counts)
                load_survey_table(run, surveys, None, source, None)
            if results_load is not None:
                load, results_load = results_load, None
                w = load.finish()
                if w.collected is not None and index is not None:
                    sources["stg_results"] = results_relation(con, _results_for_marts(w.collected, index))
                    regs.append(sources["stg_results"] + "_arrow")
                    collected, idx = w.collected, index
                    builders["mart_result_daily"] = lambda c: build_result_daily(c, collected, idx)
            run.refresh_fact_marts(sources, builders)
            if turns_load is not None:
                load, turns_load = turns_load, None
                load.finish()
        finally:
            for pending in (turns_load, results_load):  # an earlier step failed: discard their files
                if pending is not None:
                    pending.cancel()
            redactor.shutdown(wait=True, cancel_futures=True)
            for view in sources.values():
                con.execute(f"DROP VIEW IF EXISTS {view}")
            release_martmem(con)
            for r in regs:
                con.unregister(r)
            unregister_redactor(con)
        return IngestSummary(run.run_id, str(db), options, dict(run.counts), dict(run.reasons), run.link,
                             run.redactions, tuple(run.warnings), dict(run.mart_seconds))


# The first-load results columns the marts read (warehouse.marts.RESULT_MART_COLUMNS).
_RESULT_MART_INPUT = ("criterion", "outcome", "score")


def _results_for_marts(collected: pa.Table, contacts: ContactIndex) -> pa.Table:
    """The collected first-load results with contact_id rebuilt as a dictionary over the contact
    ids (the rows' contact_row as indices: no string copied)."""
    cid = pa.chunked_array([pa.DictionaryArray.from_arrays(c, contacts.ids) for c in collected["contact_row"].chunks],
                           pa.dictionary(pa.int32(), pa.string()))
    return pa.table({"contact_id": cid, "criterion": collected["criterion"], "outcome": collected["outcome"],
                     "score": collected["score"]}).unify_dictionaries()
