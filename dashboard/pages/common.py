"""Pieces several pages share: filter controls, tables, badges, error boxes."""
from __future__ import annotations

import math
from datetime import date
from typing import Any, Iterable, Sequence

import pandas as pd
from dash import dcc, html

from dashboard.i18n import t

CHANNELS = ("phone", "chat", "email", "whatsapp", "social", "webform")
LANGUAGES = ("nl", "en", "fr", "es")


def dbc():
    import dash_bootstrap_components as m
    return m


def parse_day(v: Any) -> date | None:
    if not v:
        return None
    try:
        return date.fromisoformat(str(v)[:10])
    except ValueError:
        return None


def dropdown(id_: str, label: str, options: Iterable[Any], multi: bool = True, value: Any = None,
             clearable: bool = True) -> Any:
    opts = [{"label": str(o), "value": str(o)} for o in options]
    return html.Div([
        dbc().Label(label, html_for=id_, className="form-label small mb-0"),
        dcc.Dropdown(id=id_, options=opts, multi=multi, value=value, clearable=clearable,
                     placeholder=label),
    ], className="mb-2")


def date_range(id_: str, lang: str) -> Any:
    return html.Div([
        dbc().Label(t("period", lang), html_for=id_, className="form-label small mb-0 d-block"),
        dcc.DatePickerRange(id=id_, display_format="YYYY-MM-DD", clearable=True,
                            start_date_placeholder_text="-", end_date_placeholder_text="-"),
    ], className="mb-2")


def granularity(id_: str, lang: str, value: str = "week") -> Any:
    return html.Div([
        dbc().Label(t("granularity", lang), html_for=id_, className="form-label small mb-0 d-block"),
        dbc().RadioItems(id=id_, value=value, inline=True,
                         options=[{"label": t(p, lang), "value": p} for p in ("day", "week", "month")]),
    ], className="mb-2")


def graph(id_: str, label: str, figure: Any = None) -> Any:
    """A labelled graph; given its figure, it is drawn once with its data (no empty first draw)."""
    kw = {"figure": figure} if figure is not None else {}
    return html.Section(dcc.Graph(id=id_, config={"displaylogo": False}, **kw), **{"aria-label": label},
                        className="mb-3")


def fmt(v: Any, digits: int = 1, percent: bool = False) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA:
        return "–"
    try:
        return f"{float(v) * (100 if percent else 1):.{digits}f}{'%' if percent else ''}"
    except (TypeError, ValueError):
        return str(v)


def with_ci(value: Any, lo: Any, hi: Any, n: Any, small: Any, lang: str, percent: bool = False,
            digits: int = 1) -> Any:
    """'8.1 [7.6–8.6] n=42', a small group marked as such."""
    txt = f"{fmt(value, digits, percent)} [{fmt(lo, digits, percent)}–{fmt(hi, digits, percent)}] n={int(n or 0)}"
    parts: list[Any] = [txt]
    if bool(small):
        parts.append(html.Span(f" {t('small_n', lang)}", className="badge bg-secondary ms-1"))
    return html.Span(parts)


def table(header: Sequence[str], rows: Sequence[Sequence[Any]], id_: str | None = None, caption: str | None = None) -> Any:
    """A plain accessible table; every cell's text is escaped by React."""
    head = html.Thead(html.Tr([html.Th(h, scope="col") for h in header]))
    body = html.Tbody([html.Tr([html.Td(c) for c in r]) for r in rows])
    children = ([html.Caption(caption)] if caption else []) + [head, body]
    kw = {"id": id_} if id_ else {}
    return html.Table(children, className="table table-sm table-hover align-middle", **kw)


def outcome_badge(outcome: str, lang: str) -> Any:
    colour = {"pass": "bg-success", "fail": "bg-danger"}.get(outcome, "bg-secondary")
    return html.Span(t(f"outcome_{outcome}", lang), className=f"badge {colour}")


def notice(key: str, lang: str, colour: str = "info", id_: str | None = None) -> Any:
    kw = {"id": id_} if id_ else {}
    return dbc().Alert(t(key, lang), color=colour, **kw)


def contact_link(cid: str, day: Any, text: str | None = None) -> Any:
    d = parse_day(day)
    href = f"/contact/{cid}" + (f"?d={d.isoformat()}" if d else "")
    return dcc.Link(text or cid, href=href, className="contact-link")


def criterion_label(crit: str, lang: str) -> str:
    """The criterion's name as people read it (the coaching messages when present)."""
    try:
        from coaching.render import criterion_label as label
        return label(lang, crit)
    except Exception:  # noqa: BLE001 - coaching absent or without that label
        return crit.replace("_", " ")
