"""HTML (jinja2, autoescape on) and PDF (weasyprint) rendering of the report contexts.

Every value from the warehouse, transcripts above all, is escaped by jinja2's autoescape; the only
markup marked safe is what this package builds itself (plotly's chart divs and plotly.js). HTML
reports embed plotly.js inline, so a report opens offline. The PDF is rendered from the same
template with `pdf=True`: static PNG charts, times instead of audio players.
"""
from __future__ import annotations

import functools
import logging
import math
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any, Mapping

logger = logging.getLogger(__name__)

LANGS = ("nl", "en")


@functools.lru_cache(maxsize=None)
def messages(lang: str) -> Mapping[str, Any]:
    if lang not in LANGS:
        raise ValueError(f"--lang must be one of {LANGS}, not {lang!r}")
    data = tomllib.loads(resources.files("coaching").joinpath("data/messages.toml").read_text(encoding="utf-8"))
    return data[lang]


def criterion_label(lang: str, crit: str) -> str:
    return messages(lang).get("criteria", {}).get(crit, [crit])[0]


def criterion_tip(lang: str, crit: str) -> str:
    c = messages(lang).get("criteria", {}).get(crit)
    return c[1] if c and len(c) > 1 else crit


def _pct(v: Any, digits: int = 1) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "–"
    return f"{100 * float(v):.{digits}f}%"


def _num(v: Any, digits: int = 1) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "–"
    return f"{float(v):.{digits}f}"


@functools.lru_cache(maxsize=None)
def environment() -> Any:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("coaching", "templates"),
        autoescape=True,  # every template, whatever its file name
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["pct"] = _pct
    env.filters["num"] = _num
    return env


@functools.lru_cache(maxsize=None)
def plotly_js() -> str:
    from plotly.offline import get_plotlyjs

    return get_plotlyjs()


def render_html(template: str, ctx: Mapping[str, Any], *, pdf: bool = False, with_plotly: bool | None = None) -> str:
    """Render `template`; `with_plotly` (default: not `pdf`) embeds plotly.js inline."""
    from markupsafe import Markup

    env = environment()
    inline = (not pdf) if with_plotly is None else with_plotly
    extra = {"pdf": pdf, "plotly_js": Markup(plotly_js()) if inline else Markup("")}
    return env.get_template(template).render(**ctx, **extra)


def write_pdf(html: str, path: Path) -> Path:
    import weasyprint

    tmp = path.with_suffix(".pdf.tmp")
    weasyprint.HTML(string=html, base_url=str(path.parent)).write_pdf(str(tmp))
    tmp.replace(path)
    return path


def write_text(path: Path, text: str) -> Path:
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return path
