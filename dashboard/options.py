"""The dashboard's options (the one owner of its defaults; the CLI reads them from here)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from opstore import DEFAULT_URL
from opstore.sessions import SessionOptions
from opstore.users import PasswordOptions, ThrottleOptions

BOOTSTRAP_CSS = Path("/usr/share/javascript/bootstrap5/css/bootstrap.min.css")  # Debian libjs-bootstrap5
# plotly.js's partial bundle of the trace types the pages draw (dashboard.plotlyjs)
PLOTLY_BASIC = Path(__file__).resolve().parent / "data" / "plotly" / "plotly-basic.min.js"


@dataclass(frozen=True)
class DashboardOptions:
    db: Path = Path("meeluister.duckdb")      # the warehouse (read through warehouse.open_snapshot)
    store_url: str = DEFAULT_URL              # the operational store (users, sessions, access log)
    host: str = "127.0.0.1"
    port: int = 8050
    threads: int = 8                          # waitress worker threads
    secure_cookies: bool = False              # set behind HTTPS (cookies then only travel encrypted)
    audio_root: Path | None = None            # recordings stored relative to this folder
    reports_dir: Path | None = None           # coaching reports (HTML/PDF) served to team leaders
    bootstrap_css: Path = BOOTSTRAP_CSS
    plotly_js: Path | None = PLOTLY_BASIC     # served as Dash's plotly.js; None: Dash's full bundle
    default_language: str = "nl"              # interface language until the user picks one
    session: SessionOptions = field(default_factory=SessionOptions)
    throttle: ThrottleOptions = field(default_factory=ThrottleOptions)
    passwords: PasswordOptions = field(default_factory=PasswordOptions)
    max_rows: int = 200                       # contacts in a list (the newest; CSV export likewise)
    page_rows: int = 25                       # of which one page shows this many
    warm_new_snapshots: bool = True           # warm a newly published snapshot before serving it
    warm_timeout_s: float = 300.0             # ... but serve it after this long at the latest
    warm_scopes: int = 100                    # team leaders' and agents' default views warmed
